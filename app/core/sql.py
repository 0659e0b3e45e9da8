"""Parameterised WHERE and ORDER BY for list queries: no vendor knowledge.

``Where(tenant_col, tenant)`` always starts with the tenant filter; each
method adds one condition and returns the Where, skipping a filter whose value
is None (or an empty list or string), so a store chains them over its query
arguments::

    w = (Where("workspace_id", who["id"]).eq("status", args.get("status"))
         .any_of("priority", args.get("priority")).between("created_at", after, before)
         .contains(("name", "email"), args.get("query")))
    c.execute(f"SELECT doc FROM leads WHERE {w.sql} ORDER BY {order(ORDER, 'name')}", w.params)

``order(whitelist, name, direction)`` turns an API sort name into an ORDER BY
text through ONE ``{api_name: sql_expression}`` dict, which the schema also
uses for its enum (``OneOf(list(whitelist))``). Column names and SQL
expressions only ever come from code; request values travel as parameters.
"""

from app.core.errors import Invalid

LIKE_PATTERN_LIMIT = 50_000   # SQLite's SQLITE_MAX_LIKE_PATTERN_LENGTH: longer patterns raise
DIRECTIONS = ("ASC", "DESC")


def _absent(value):
    return value is None or (isinstance(value, (str, list, tuple, set, frozenset)) and len(value) == 0)


def any_contains(columns, text):
    """``(sql, params)``: one of ``columns`` contains ``text`` literally, ASCII case-insensitively.

    Every character of ``text`` is matched as itself: ``%``, ``_`` and ``\\``
    are no wildcards, and a NUL (which SQLite's LIKE takes for the end of the
    pattern, so ``"\\0zzz"`` would match everything) sends the match through
    ``instr``, as does a pattern past SQLite's LIKE-pattern limit.
    Column names must come from code, never from a request.
    """
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if "\x00" not in text and len(pattern.encode("utf-8", "surrogatepass")) <= LIKE_PATTERN_LIMIT:
        condition, value = "{} LIKE ? ESCAPE '\\'", pattern
    else:
        condition, value = "instr(lower({}), lower(?)) > 0", text
    return "(" + " OR ".join(condition.format(column) for column in columns) + ")", [value] * len(columns)


class Where:
    """An AND of conditions that always includes ``tenant_col = tenant``."""

    def __init__(self, tenant_col, tenant):
        self._conditions = [f"{tenant_col} = ?"]
        self._params = [tenant]

    def _add(self, condition, params):
        self._conditions.append(condition)
        self._params.extend(params)
        return self

    def eq(self, col, value):
        """``col = value``."""
        return self if _absent(value) else self._add(f"{col} = ?", [value])

    def any_of(self, col, values):
        """``col IN (values...)``."""
        if _absent(values):
            return self
        values = list(values)
        return self._add(f"{col} IN ({', '.join('?' * len(values))})", values)

    def between(self, col, low=None, high=None):
        """``low <= col <= high``; either bound may be None (no bound)."""
        if not _absent(low):
            self._add(f"{col} >= ?", [low])
        if not _absent(high):
            self._add(f"{col} <= ?", [high])
        return self

    def contains(self, columns, text):
        """One of ``columns`` contains ``text`` as a literal, ASCII case-insensitive substring."""
        if _absent(text):
            return self
        condition, params = any_contains(columns, text)
        return self._add(condition, params)

    def where(self, sql, *params):
        """A fixed SQL fragment written in code, with its parameters."""
        return self._add(f"({sql})", params)

    @property
    def sql(self):
        return " AND ".join(self._conditions)

    @property
    def params(self):
        return list(self._params)

    def __repr__(self):
        return f"Where({self.sql!r}, {self._params!r})"


def order(whitelist, name, direction="ASC", tiebreak="id", *, field="order_by", direction_field="order_in"):
    """``"<expr> <DIR>, <tiebreak> <DIR>"`` for the API sort ``name`` (``tiebreak=None``: no tiebreak).

    ``whitelist`` maps API names to SQL expressions. An unknown ``name`` or a
    direction other than ASC/DESC (any case) raises :class:`Invalid` naming the
    request field (``field`` / ``direction_field``: LIO's ``order_by`` and
    ``order_in`` by default).
    """
    if name not in whitelist:
        raise Invalid({field: [f"Must be one of: {', '.join(whitelist)}."]})
    upper = direction.upper() if isinstance(direction, str) else direction
    if upper not in DIRECTIONS:
        raise Invalid({direction_field: [f"Must be one of: {', '.join(DIRECTIONS)}."]})
    expression = whitelist[name]
    if tiebreak is None:
        return f"{expression} {upper}"
    return f"{expression} {upper}, {tiebreak} {upper}"
