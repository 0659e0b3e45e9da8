"""Isolated tenants: a deep copy of one tenant's data under fresh ids and credentials, and its removal.

Core never imports the vendors: each vendor describes its tables with a :class:`Spec` (the tenants'
table, the tenant column, the id references SQLite does not declare) and wires :func:`clone` and
:func:`delete` into its ``Vendor`` hooks. The machinery is generic:

- every table of the vendor (``<vendor>_`` prefix) with the tenant column is copied row by row where
  that column equals the source; a table without it is copied when it is a child of a copied table
  (a declared foreign key, or a :class:`Spec.refs` entry naming the table);
- a single-column primary key (other than the tenant column) gets a new value unique in the database:
  integers continue after the table's largest id (and its AUTOINCREMENT sequence), text keeps its shape
  (``lead_…``, ``req_…``, a UUID) with a fresh random part; single-column UNIQUE text values
  (credentials, emails, tokens) are replaced by the vendor's ``fresh`` generator or the same default;
- every column that references a remapped value is rewritten: foreign keys found with
  ``PRAGMA foreign_key_list``, the vendor's ``refs`` (plain, polymorphic, JSON lists, ids in URLs),
  keys inside JSON texts (``json_keys``) and, for vendors with distinctive text ids (``text_ids``),
  any whole id token inside text (documents, URLs);
- the vendor's pending timeline effects (``core_due``) on copied records are copied with their refs;
- it all happens in ONE ``db.write()`` transaction, foreign keys checked at commit.

Isolated tenants are listed in ``core_tenants`` (created at seed time, so ``/__admin/reset`` and
snapshots drop or keep them with their data), with the secrets the vendor wants to show for them
(LIO's users' passwords).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import orjson

from app.core import db, rand
from app.core.errors import NotFound

REGISTRY = "core_tenants"
TOKEN = re.compile(r"[A-Za-z0-9_-]+")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
HEX = "0123456789abcdef"


# -- references the schema does not declare ------------------------------------------------------------
@dataclass(frozen=True)
class Poly:
    """A polymorphic reference: the target depends on ``column``'s value (``{"lead": "lio_leads"}``)."""
    column: str
    targets: dict


@dataclass(frozen=True)
class JsonList:
    """A JSON array of ids of ``target`` (``tags`` holding lookup ids)."""
    target: str


@dataclass(frozen=True)
class Pattern:
    """Ids of ``target`` inside text: group 1 of ``regex`` (an id in a URL)."""
    regex: str
    target: str


@dataclass
class Spec:
    """How one vendor's tenants are stored.

    - ``root``: the tenants' table (its primary key is the tenant id); ``column``: the tenant column
      of every other table.
    - ``skip``: tables never copied (credentials issued at run time, counters); still emptied of the
      tenant's rows by :func:`delete`.
    - ``refs``: ``{"table.column" or "*.column": target}`` for references that are not declared
      foreign keys; a target is ``"table"`` (its primary key), ``"table.column"`` (a unique column),
      or a :class:`Poly`, :class:`JsonList` or :class:`Pattern`. A ``"table.<primary key>"`` entry makes
      that key follow its target's new ids (a row that shares its parent's id).
    - ``json_keys``: ``{key: target}``: inside any JSON object or array stored as text, the values
      (ids or lists of ids) under ``key`` are remapped.
    - ``text_ids``: the vendor's text ids are distinctive (``lead_abc123``): any whole token of any text
      column equal to a remapped text value is replaced (JSON documents, URLs).
    - ``fresh``: ``{"table.column": fn(old, ctx) -> new}``: generators of new unique values (API keys,
      emails); a generator is memoized per old value, so two columns sharing one stay consistent.
    - ``due``: ``{timeline kind or "*": target}``: pending ``core_due`` effects whose ``ref`` is a record
      of ``target`` follow the copy.
    - ``secrets``: ``fn(ctx) -> {credential: secret}`` kept with the isolated tenant (see :func:`secrets`).
    """

    vendor: str
    root: str
    column: str
    skip: tuple = ()
    refs: dict = field(default_factory=dict)
    json_keys: dict = field(default_factory=dict)
    text_ids: bool = False
    fresh: dict = field(default_factory=dict)
    due: dict = field(default_factory=dict)
    secrets: Callable = None

    @property
    def prefix(self):
        return self.vendor + "_"


@dataclass
class Context:
    """What generators see during one copy: the connection, one random suffix, and the value maps."""
    c: object
    source: object
    suffix: str
    new_id: object = None
    maps: dict = field(default_factory=dict)       # (table, column) -> {old: new}
    memo: dict = field(default_factory=dict)       # (generator, old) -> new

    def mapping(self, table, column):
        return self.maps.get((table, column), {})


# -- the schema, read once per schema version ------------------------------------------------------
@dataclass
class Table:
    name: str
    columns: list
    pk: list
    unique: list          # single-column UNIQUE constraints other than the primary key
    fks: dict             # column -> (parent table, parent column or None for its primary key)
    autoincrement: bool
    without_rowid: bool


_schemas = {}


def _schema(c, spec):
    version = c.execute("PRAGMA schema_version").fetchone()[0]
    key = (id(db.current()), spec.vendor, version)
    if key not in _schemas:
        if len(_schemas) > 32:
            _schemas.clear()
        _schemas[key] = _read_schema(c, spec)
    return _schemas[key]


def _read_schema(c, spec):
    tables = {}
    rows = c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    for name, sql in rows:
        if not name.startswith(spec.prefix) and name != spec.root:
            continue
        info = c.execute(f'PRAGMA table_info("{name}")').fetchall()
        columns = [r["name"] for r in info]
        pk = [r["name"] for r in sorted((r for r in info if r["pk"]), key=lambda r: r["pk"])]
        unique = []
        for index in c.execute(f'PRAGMA index_list("{name}")').fetchall():
            if not index["unique"] or index["origin"] == "pk":
                continue
            cols = [r["name"] for r in c.execute(f'PRAGMA index_info("{index["name"]}")').fetchall()]
            if len(cols) == 1 and cols[0] not in pk and cols[0] not in unique:
                unique.append(cols[0])
        fks = {r["from"]: (r["table"], r["to"]) for r in c.execute(f'PRAGMA foreign_key_list("{name}")').fetchall()}
        text = (sql or "").upper()
        tables[name] = Table(name, columns, pk, unique, fks, "AUTOINCREMENT" in text, "WITHOUT ROWID" in text)
    return tables


def _target(schema, target):
    """``"table"`` or ``"table.column"`` as a map key ``(table, column)``."""
    table, _, column = target.partition(".")
    if not column:
        pk = schema[table].pk if table in schema else []
        column = pk[0] if len(pk) == 1 else "id"
    return table, column


# -- fresh values -----------------------------------------------------------------------------------
def fresh_like(old, ctx=None, length=None):
    """A new random value in the shape of ``old``: ``lead_abc123`` → ``lead_<12 random>``, a UUID → a UUID,
    ``sk_live_your_api_key`` → ``sk_live_<random>``, anything else → ``<old>-<random>``.
    ``length``: the random part's length (default: the old one's, at least 12, at most 24)."""
    text = str(old)
    if UUID.match(text):
        t = rand.token(32, HEX)
        return f"{t[:8]}-{t[8:12]}-4{t[13:16]}-{'89ab'[int(t[16], 16) % 4]}{t[17:20]}-{t[20:32]}"
    parts = text.split("_")
    if len(parts) > 1:
        keep = [parts[0]]
        if len(parts) > 2 and 0 < len(parts[1]) <= 4:
            keep.append(parts[1])
        prefix = "_".join(keep) + "_"
        return prefix + rand.token(length or max(12, min(24, len(text) - len(prefix))))
    return f"{text}-{rand.token(length or 8)}"


def key_like(length=24):
    """A ``fresh`` generator for secrets: ``old``'s prefix (``sk_live_``) and ``length`` random characters."""
    def generate(old, ctx):
        return fresh_like(old, ctx, length)
    return generate


def _fresh(ctx, generator, old):
    key = (generator, old)
    if key not in ctx.memo:
        ctx.memo[key] = generator(old, ctx)
    return ctx.memo[key]


def _next_ids(c, table):
    """The first unused integer id of ``table`` (after its largest id and its AUTOINCREMENT sequence)."""
    pk = table.pk[0]
    top = c.execute(f'SELECT max("{pk}") FROM "{table.name}"').fetchone()[0] or 0
    if table.autoincrement:
        seq = c.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table.name,)).fetchone()
        top = max(top, seq[0] if seq else 0)
    return top + 1


# -- the registry of isolated tenants -----------------------------------------------------------------
def ensure_table(c):
    """The registry, created at seed time (before the undo log's triggers, so a reset stays fast)."""
    c.execute(f"CREATE TABLE IF NOT EXISTS {REGISTRY} (vendor TEXT NOT NULL, id TEXT NOT NULL, source TEXT NOT NULL,"
              " secrets TEXT NOT NULL DEFAULT '{}', PRIMARY KEY (vendor, id))")


def _registry_rows(sql, params):
    return db.conn().execute(sql, params).fetchall()


def isolated(vendor):
    """The ids (as text) of ``vendor``'s isolated tenants."""
    return {r["id"] for r in _registry_rows(f"SELECT id FROM {REGISTRY} WHERE vendor = ?", (vendor,))}


def find_isolated(tenant_id):
    """``(vendor, id)`` of the isolated tenant ``tenant_id`` (any vendor), or None."""
    rows = _registry_rows(f"SELECT vendor, id FROM {REGISTRY} WHERE id = ? ORDER BY vendor", (str(tenant_id),))
    return (rows[0]["vendor"], rows[0]["id"]) if rows else None


def secrets(vendor):
    """``{credential: secret}`` of every isolated tenant of ``vendor`` (e.g. a copied user's email → password)."""
    out = {}
    for row in _registry_rows(f"SELECT secrets FROM {REGISTRY} WHERE vendor = ?", (vendor,)):
        out.update(orjson.loads(row["secrets"]))
    return out


def matches(entry, like):
    """True when ``like`` names the ``/__admin/tenants`` entry: its id, one of its credentials, a user's
    email (any case) or an API key (passwords never name a tenant)."""
    like = str(like)
    users = entry.get("users") or []
    passwords = {str(u.get("password")) for u in users if isinstance(u, dict) and u.get("password") is not None}
    names = {str(entry.get("id"))}
    names.update(str(v) for v in (entry.get("credentials") or {}).values())
    names.update(str(k["key"]) for k in entry.get("api_keys") or [] if isinstance(k, dict) and "key" in k)
    names -= passwords
    if like in names:
        return True
    emails = {str(u["email"]).casefold() for u in users if isinstance(u, dict) and u.get("email")}
    return "@" in like and like.casefold() in emails


# -- copy ----------------------------------------------------------------------------------------
def clone(spec, source_id):
    """Copy tenant ``source_id`` of ``spec.vendor`` with all its data; returns the new tenant id.

    :class:`NotFound` when the source does not exist.
    """
    with db.write() as c:
        c.execute("PRAGMA defer_foreign_keys = ON")
        schema = _schema(c, spec)
        root = schema[spec.root]
        root_pk = root.pk[0]
        source = c.execute(f'SELECT * FROM "{spec.root}" WHERE "{root_pk}" = ?', (source_id,)).fetchone()
        if source is None:
            raise NotFound("tenant", source_id)
        source_id = source[root_pk]
        ctx = Context(c, source_id, rand.token(6))
        picked = _pick(c, spec, schema, source_id)
        _allocate(c, spec, schema, ctx, picked)
        new_id = ctx.new_id = ctx.maps[(spec.root, root_pk)][source_id]
        substitute = _substitution(spec, ctx)
        walk = _json_keys(spec, schema, ctx) if spec.json_keys else None
        for name, rows in picked.items():
            table = schema[name]
            rules = _rules(spec, schema, table, ctx)
            out = [_rewrite(spec, table, row, rules, ctx, walk, substitute) for row in rows]
            if out:
                cols = table.columns
                c.executemany(f'INSERT INTO "{name}" ({", ".join(map(_quote, cols))})'
                              f' VALUES ({", ".join("?" * len(cols))})', out)
        _copy_due(c, spec, schema, ctx)
        c.execute(f"INSERT INTO {REGISTRY} (vendor, id, source, secrets) VALUES (?, ?, ?, ?)",
                  (spec.vendor, str(new_id), str(source_id),
                   orjson.dumps(spec.secrets(ctx) if spec.secrets else {}).decode()))
        return new_id


def _quote(name):
    return f'"{name}"'


def _parents(spec, schema, table):
    """``{column: (parent table, parent column)}``: the table's links, declared or from ``spec.refs``."""
    links = {col: _target(schema, parent if to is None else f"{parent}.{to}")
             for col, (parent, to) in table.fks.items()}
    for key, target in spec.refs.items():
        tname, _, col = key.partition(".")
        if tname == table.name and isinstance(target, str) and col in table.columns:
            links[col] = _target(schema, target)
    return links


def _pick(c, spec, schema, source_id):
    """``{table: [rows]}`` to copy: the root row, every tenant table's rows, then their tenant-less children."""
    root_pk = schema[spec.root].pk[0]
    picked = {spec.root: c.execute(f'SELECT * FROM "{spec.root}" WHERE "{root_pk}" = ?', (source_id,)).fetchall()}
    keys = {(spec.root, root_pk): {source_id}}
    for name, table in schema.items():
        if name == spec.root or name in spec.skip or spec.column not in table.columns:
            continue
        order = ", ".join(map(_quote, table.pk)) if table.without_rowid else "rowid"   # rowid: insertion order
        picked[name] = c.execute(f'SELECT * FROM "{name}" WHERE "{spec.column}" = ? ORDER BY {order}',
                                 (source_id,)).fetchall()
        for col in table.pk[:1] if len(table.pk) == 1 else ():
            keys[(name, col)] = {r[col] for r in picked[name]}
    pending = [t for n, t in schema.items() if n not in picked and n not in spec.skip]
    progress = True
    while progress:                    # tenant-less children, parents first
        progress = False
        for table in list(pending):
            links = {col: p for col, p in _parents(spec, schema, table).items() if p[0] in picked}
            if not links or any(p[0] == table.name for p in links.values()):
                continue
            rows = []
            order = ", ".join(map(_quote, table.pk)) if table.without_rowid else "rowid"
            for row in c.execute(f'SELECT * FROM "{table.name}" ORDER BY {order}').fetchall():
                if any(row[col] in keys.get(p, ()) for col, p in links.items()):
                    rows.append(row)
            picked[table.name] = rows
            if len(table.pk) == 1:
                keys[(table.name, table.pk[0])] = {r[table.pk[0]] for r in rows}
            pending.remove(table)
            progress = True
    return picked


def _allocate(c, spec, schema, ctx, picked):
    """New values for every remapped key: single-column primary keys and UNIQUE columns.

    A primary key declared in ``refs`` (``"lio_exports.id": "lio_jobs"``: an export shares its job's id)
    follows its target's new values."""
    shared = []
    for name, rows in picked.items():
        table = schema[name]
        if name == spec.root:                 # the tenant id itself
            columns = table.pk[:1] + table.unique
        else:                                 # a key scoped by the tenant column (a composite key) stays
            columns = table.pk[:1] if len(table.pk) == 1 and table.pk[0] != spec.column else []
            columns += [col for col in table.unique if col != spec.column]
        columns += [key.partition(".")[2] for key in spec.fresh
                    if key.partition(".")[0] == name and key.partition(".")[2] not in columns]
        for col in columns:
            if isinstance(spec.refs.get(f"{name}.{col}"), str):
                shared.append((table, col, rows))
                continue
            _new_values(c, spec, ctx, table, col, [r[col] for r in rows if r[col] is not None])
    for table, col, rows in shared:
        target = ctx.mapping(*_target(schema, spec.refs[f"{table.name}.{col}"]))
        mapping = ctx.maps.setdefault((table.name, col), {})
        values = [r[col] for r in rows if r[col] is not None]
        mapping.update((v, target[v]) for v in values if v in target)
        _new_values(c, spec, ctx, table, col, [v for v in values if v not in target])


def _new_values(c, spec, ctx, table, col, values):
    generator = spec.fresh.get(f"{table.name}.{col}")
    mapping = ctx.maps.setdefault((table.name, col), {})
    if generator is None and values and all(isinstance(v, int) for v in values):
        start = (_next_ids(c, table) if col == table.pk[0] else
                 (c.execute(f'SELECT max("{col}") FROM "{table.name}"').fetchone()[0] or 0) + 1)
        given = [v for v in mapping.values() if isinstance(v, int)]     # shared keys given just before
        start = max([start, *(v + 1 for v in given)])
        for n, value in enumerate(values):
            mapping[value] = start + n
        return
    for value in values:
        mapping[value] = _fresh(ctx, generator or fresh_like, value)


def _rules(spec, schema, table, ctx):
    """``{column: fn(value, row) -> value}`` rewriting one table's references."""
    rules = {}

    def plain(key):
        mapping = ctx.maps.get(key)
        if not mapping:
            return None
        as_text = {str(k): v for k, v in mapping.items()} if any(not isinstance(k, str) for k in mapping) else None

        def remap(value, row):
            if value in mapping:
                return mapping[value]
            if as_text is not None and isinstance(value, str) and value in as_text:
                return as_text[value]
            return value
        return remap

    for col, parent in _parents(spec, schema, table).items():
        rule = plain(parent)
        if rule:
            rules[col] = rule
    for key, target in spec.refs.items():
        tname, _, col = key.partition(".")
        if col not in table.columns or tname not in ("*", table.name):
            continue
        if tname == "*" and col in rules:
            continue
        if isinstance(target, str):
            rule = plain(_target(schema, target))
        elif isinstance(target, Poly):
            rule = _poly(schema, target, ctx)
        elif isinstance(target, JsonList):
            rule = _json_list(ctx.mapping(*_target(schema, target.target)))
        else:
            rule = _pattern(target, ctx.mapping(*_target(schema, target.target)))
        if rule:
            rules[col] = rule
    return rules


def _poly(schema, poly, ctx):
    maps = {}
    for kind, target in poly.targets.items():
        mapping = ctx.mapping(*_target(schema, target))
        maps[kind] = {**mapping, **{str(k): (str(v) if not isinstance(k, str) else v) for k, v in mapping.items()}}

    def remap(value, row):
        return maps.get(row[poly.column], {}).get(value, value)
    return remap


def _json_list(mapping):
    def remap(value, row):
        if not isinstance(value, str) or not value.startswith("["):
            return value
        try:
            items = orjson.loads(value)
        except orjson.JSONDecodeError:
            return value
        if not isinstance(items, list) or not any(i in mapping for i in items if isinstance(i, (int, str))):
            return value
        return orjson.dumps([mapping.get(i, i) if isinstance(i, (int, str)) else i for i in items]).decode()
    return remap


def _pattern(pattern, mapping):
    regex = re.compile(pattern.regex)
    as_text = {str(k): str(v) for k, v in mapping.items()}

    def remap(value, row):
        if not isinstance(value, str):
            return value

        def swap(m):
            new = as_text.get(m.group(1))
            return m.group(0) if new is None else m.group(0).replace(m.group(1), new)
        return regex.sub(swap, value)
    return remap


def _substitution(spec, ctx):
    """With ``text_ids``: a function replacing every whole token equal to a remapped text value."""
    if not spec.text_ids:
        return None
    words = {}
    for mapping in ctx.maps.values():
        words.update((k, v) for k, v in mapping.items() if isinstance(k, str) and isinstance(v, str))
    if not words:
        return None
    return lambda text: TOKEN.sub(lambda m: words.get(m.group(0), m.group(0)), text)


def _json_keys(spec, schema, ctx):
    maps = {key: ctx.mapping(*_target(schema, target)) for key, target in spec.json_keys.items()}

    def walk(node):
        changed = False
        if isinstance(node, dict):
            for key, value in node.items():
                mapping = maps.get(key)
                if mapping is not None and isinstance(value, (int, str)) and not isinstance(value, bool):
                    if value in mapping:
                        node[key] = mapping[value]
                        changed = True
                elif mapping is not None and isinstance(value, list):
                    new = [mapping.get(v, v) if isinstance(v, (int, str)) and not isinstance(v, bool) else v
                           for v in value]
                    if new != value:
                        node[key] = new
                        changed = True
                elif isinstance(value, (dict, list)):
                    changed = walk(value) or changed
        elif isinstance(node, list):
            for item in node:
                if isinstance(item, (dict, list)):
                    changed = walk(item) or changed
        return changed
    return walk


def _rewrite(spec, table, row, rules, ctx, walk, substitute):
    values = dict(row)
    remapped = set()
    for col, value in values.items():
        if col == spec.column and table.name != spec.root:
            values[col] = ctx.new_id
            remapped.add(col)
        elif (table.name, col) in ctx.maps and value in ctx.maps[(table.name, col)]:
            values[col] = ctx.maps[(table.name, col)][value]
            remapped.add(col)
    for col, rule in rules.items():
        if col not in remapped and values[col] is not None:
            values[col] = rule(values[col], row)
            remapped.add(col)
    for col, value in values.items():
        if col in remapped or not isinstance(value, str):
            continue
        if walk is not None and value[:1] in ("{", "[") and _mentions(spec, value):
            try:
                doc = orjson.loads(value)
            except orjson.JSONDecodeError:
                doc = None
            if isinstance(doc, (dict, list)) and walk(doc):
                value = orjson.dumps(doc).decode()
        if substitute is not None:
            value = substitute(value)
        values[col] = value
    return [values[col] for col in table.columns]


def _mentions(spec, text):
    return any(f'"{key}"' in text for key in spec.json_keys)


def _copy_due(c, spec, schema, ctx):
    """The pending timeline effects on copied records, with their refs remapped."""
    if not spec.due:
        return
    maps = {kind: {str(k): str(v) for k, v in ctx.mapping(*_target(schema, target)).items()}
            for kind, target in spec.due.items()}
    rows = c.execute("SELECT kind, ref, due_at FROM core_due WHERE vendor = ? ORDER BY id", (spec.vendor,)).fetchall()
    for row in rows:
        mapping = maps.get(row["kind"], maps.get("*", {}))
        if row["ref"] in mapping:
            c.execute("INSERT INTO core_due (vendor, kind, ref, due_at) VALUES (?, ?, ?, ?)",
                      (spec.vendor, row["kind"], mapping[row["ref"]], row["due_at"]))


# -- removal -------------------------------------------------------------------------------------
def delete(spec, tenant_id):
    """Remove isolated tenant ``tenant_id`` of ``spec.vendor`` and all its data (one transaction).

    :class:`NotFound` unless it is an isolated tenant of this vendor: seeded data is never removed here.
    """
    with db.write() as c:
        c.execute("PRAGMA defer_foreign_keys = ON")
        found = c.execute(f"SELECT id FROM {REGISTRY} WHERE vendor = ? AND id = ?",
                          (spec.vendor, str(tenant_id))).fetchone()
        if found is None:
            raise NotFound("tenant", tenant_id)
        schema = _schema(c, spec)
        root_pk = schema[spec.root].pk[0]
        row = c.execute(f'SELECT "{root_pk}" FROM "{spec.root}" WHERE CAST("{root_pk}" AS TEXT) = ?',
                        (str(tenant_id),)).fetchone()
        if row is not None:
            tid = row[0]
            picked = _pick(c, spec, schema, tid)
            for name, table in schema.items():       # the skipped tables too: every row of the tenant
                if name != spec.root and name in spec.skip and spec.column in table.columns:
                    picked[name] = []
                    c.execute(f'DELETE FROM "{name}" WHERE "{spec.column}" = ?', (tid,))
            _delete_due(c, spec, schema, picked)
            for name, rows in picked.items():
                table = schema[name]
                if name == spec.root or not rows:
                    continue
                if spec.column in table.columns:
                    c.execute(f'DELETE FROM "{name}" WHERE "{spec.column}" = ?', (tid,))
                elif table.pk:                        # a child without the tenant column
                    where = " AND ".join(f'"{col}" = ?' for col in table.pk)
                    c.executemany(f'DELETE FROM "{name}" WHERE {where}', [[r[col] for col in table.pk] for r in rows])
            c.execute(f'DELETE FROM "{spec.root}" WHERE "{root_pk}" = ?', (tid,))
        c.execute(f"DELETE FROM {REGISTRY} WHERE vendor = ? AND id = ?", (spec.vendor, str(tenant_id)))


def _delete_due(c, spec, schema, picked):
    if not spec.due:
        return
    keys = {}
    for kind, target in spec.due.items():
        table, col = _target(schema, target)
        keys[kind] = {str(r[col]) for r in picked.get(table, ())}
    for row in c.execute("SELECT id, kind, ref FROM core_due WHERE vendor = ?", (spec.vendor,)).fetchall():
        if row["ref"] in keys.get(row["kind"], keys.get("*", set())):
            c.execute("DELETE FROM core_due WHERE id = ?", (row["id"],))
