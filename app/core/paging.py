"""Paginated lists: a :class:`Page` value and :func:`fetch_page`; no vendor knowledge.

A store builds a :class:`app.core.sql.Where` and an ORDER BY text and calls
``fetch_page(c, "SELECT doc FROM skode_leads", where, order, page, per_page)``.
It counts the matching rows with the same WHERE, asks :func:`window` where
the page starts, and fetches rows only when the page is not past the last row
(so a huge ``page`` never reaches SQLite as an out-of-range OFFSET). The
result is a :class:`Page` of ``sqlite3.Row`` items; ``page.map(fn)`` turns
them into wire shapes. The vendor's Blueprint renders a Page in its envelope
(``{"data", "meta"}`` for Skode); a store never builds one.

:func:`kept` keeps a store's read (a page, a record: a pure function of the
database and its arguments) until the database's next commit, so a list read
again and again is computed once (:mod:`app.core.freshness`).
"""

import math
from dataclasses import dataclass

from app.core import freshness


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


def window(page, per_page, total):
    """The :class:`Window` of 1-based ``page`` with ``per_page`` rows out of ``total``."""
    if page < 1 or per_page < 1:
        raise ValueError("page and per_page start at 1")
    return Window(page=page, per_page=per_page, total=max(0, total))


@dataclass(frozen=True)
class Page:
    """One page of a list: its ``items``, the ``total`` matching, the 1-based ``page``, ``per_page``."""

    items: list
    total: int
    page: int
    per_page: int

    @property
    def total_pages(self):
        return math.ceil(self.total / self.per_page) if self.per_page else 0

    def map(self, fn):
        """A new Page with ``fn(item)`` for each item."""
        return Page([fn(item) for item in self.items], self.total, self.page, self.per_page)


def fetch_page(c, select, where, order, page, per_page, total=None):
    """The :class:`Page` of ``select`` (``"SELECT doc FROM t"``) filtered by ``where``, in ``order``.

    ``where`` is an :class:`app.core.sql.Where`; ``order`` the ORDER BY text
    (:func:`app.core.sql.order`). Both come from code, values are parameters.
    ``total``: the number of matching rows when the store knows it (kept counts), else counted here.
    """
    if total is None:
        total = c.execute(f"SELECT count(*) FROM ({select} WHERE {where.sql})", where.params).fetchone()[0]
    win = window(page, per_page, total)
    items = []
    if not win.empty:
        items = c.execute(f"{select} WHERE {where.sql} ORDER BY {order} LIMIT ? OFFSET ?",
                          [*where.params, win.limit, win.offset]).fetchall()
    return Page(items, win.total, win.page, win.per_page)


# -- reads kept until the next commit ---------------------------------------------------------------
KEPT_ITEMS = 10_000    # items (a Page's, else 1 per value) kept per thread between two commits


class _Kept(dict):
    """The values :func:`kept` holds between two commits, with the number of items they hold."""

    held = 0


def kept(key, compute):
    """``compute()`` for ``key`` (hashable; see :func:`frozen`), kept until the database's next commit
    by any connection or process. ``compute`` must be a pure function of the database and of what
    ``key`` names, and its value must never be changed by the caller (a :class:`Page` of
    :func:`app.core.json.raw` items is safe). An exception is never kept. Nothing is kept inside a
    transaction or for ``:memory:`` databases (:func:`app.core.freshness.cached`), and at most
    :data:`KEPT_ITEMS` items at a time (then the oldest go)."""
    values = freshness.cached("core.paging.kept", _Kept)
    try:
        return values[key]
    except KeyError:
        pass
    value = compute()
    size = len(value.items) if isinstance(value, Page) else 1
    while values and values.held + size > KEPT_ITEMS:
        old = values.pop(next(iter(values)))        # the oldest first
        values.held -= len(old.items) if isinstance(old, Page) else 1
    values[key] = value
    values.held += size
    return value


_SCALARS = frozenset((str, int, float, bool, type(None)))


def frozen(value):
    """``value`` as a hashable key part: mappings as sorted ``(name, value)`` tuples, lists and sets as tuples."""
    if isinstance(value, dict):
        if all(type(item) in _SCALARS for item in value.values()):     # the common case: flat query arguments
            return tuple(sorted(value.items()))
        return tuple(sorted((name, frozen(item)) for name, item in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, *map(frozen, value))
    if isinstance(value, (set, frozenset)):
        return ("set", *sorted(map(frozen, value), key=repr))
    return value
