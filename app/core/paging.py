"""Page arithmetic for paginated lists: no vendor knowledge, no SQL.

A store counts the matching rows, asks :func:`window` where the page starts,
fetches ``limit`` rows from ``offset`` only when :attr:`Window.empty` is false
(so a huge ``page`` never reaches SQLite as an out-of-range integer) and
describes the result with :meth:`Window.meta`.
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Window:
    page: int
    per_page: int
    total: int

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    @property
    def limit(self):
        return self.per_page

    @property
    def empty(self):
        """True when the page lies past the last row: nothing to fetch."""
        return self.offset >= self.total

    @property
    def total_pages(self):
        return math.ceil(self.total / self.per_page) if self.per_page else 0

    def meta(self):
        """``{"page", "per_page", "total", "total_pages"}``."""
        return {"page": self.page, "per_page": self.per_page, "total": self.total,
                "total_pages": self.total_pages}


def window(page, per_page, total):
    """The :class:`Window` of 1-based ``page`` with ``per_page`` rows out of ``total``."""
    if page < 1 or per_page < 1:
        raise ValueError("page and per_page start at 1")
    return Window(page=page, per_page=per_page, total=max(0, total))
