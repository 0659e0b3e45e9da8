"""Pipeline, stage and deal state and rules (doc 6.6, 7.2, 7.3, 11).

Every function takes the principal ``who`` explicitly. Each creation of a deal and each change of
its stage, value or expected close date appends a point to the deal history (the forecast reads
it). Other areas call only the functions under "for other areas".
"""

from datetime import date

from app.core import clock, db
from app.core.errors import Conflict, Forbidden, Invalid, NotFound
from app.core.paging import fetch_page
from app.core.sql import Where, order
from app.vendors.lio.activity import store as activity          # lower areas only: see AREAS
from app.vendors.lio.common import day_bounds, now_iso, one_page
from app.vendors.lio.leads import store as leads

PIPELINES = "lio_pipelines"
STAGES = "lio_pipeline_stages"
DEALS = "lio_deals"
HISTORY = "lio_deal_history"
DEFAULT_NAME = "Sales Pipeline"
# (name, color, probability, is_won, is_lost, max_days_in_stage, is_protected)
DEFAULT_STAGES = (
    ("Prospecting", "#60A5FA", 0.1, 0, 0, 14, 0),
    ("Qualification", "#A78BFA", 0.25, 0, 0, 21, 0),
    ("Proposal", "#FBBF24", 0.5, 0, 0, 21, 0),
    ("Negotiation", "#F97316", 0.75, 0, 0, 30, 0),
    ("Won", "#22C55E", 1.0, 1, 0, None, 1),
    ("Lost", "#EF4444", 0.0, 0, 1, None, 1),
)
PIPELINE_ORDER = {"id": "id", "name": "name COLLATE NOCASE", "created_at": "created_at", "updated_at": "updated_at"}
DEAL_ORDER = {"id": "id", "title": "title COLLATE NOCASE", "value": "value", "priority": "priority",
              "expected_close_date": "expected_close_date", "stage_id": "stage_id",
              "created_at": "created_at", "updated_at": "updated_at"}
PIPELINE_FIELDS = ("name", "description", "max_deal_limit", "region", "state_id")
STAGE_FIELDS = ("name", "color", "position", "is_won", "is_lost", "probability", "max_days_in_stage")
DEAL_FIELDS = ("lead_id", "pipeline_id", "stage_id", "title", "value", "expected_close_date", "priority",
               "description")
TRACKED = ("stage_id", "value", "expected_close_date")
DDL = (
    f"CREATE TABLE {PIPELINES} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT,"
    " max_deal_limit REAL, region TEXT, state_id INTEGER NOT NULL DEFAULT 1, is_default INTEGER NOT NULL DEFAULT 0,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    f"CREATE INDEX idx_{PIPELINES}_org ON {PIPELINES} (org_id, id)",
    f"CREATE TABLE {STAGES} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL,"
    f" pipeline_id INTEGER NOT NULL REFERENCES {PIPELINES}(id) ON DELETE CASCADE, name TEXT NOT NULL, color TEXT,"
    " position INTEGER NOT NULL, is_won INTEGER NOT NULL DEFAULT 0, is_lost INTEGER NOT NULL DEFAULT 0,"
    " probability REAL NOT NULL DEFAULT 0, max_days_in_stage INTEGER, is_protected INTEGER NOT NULL DEFAULT 0)",
    f"CREATE INDEX idx_{STAGES}_pipeline ON {STAGES} (org_id, pipeline_id, position)",
    f"CREATE TABLE {DEALS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL,"
    " lead_id INTEGER NOT NULL REFERENCES lio_leads(id) ON DELETE CASCADE,"
    f" pipeline_id INTEGER NOT NULL REFERENCES {PIPELINES}(id), stage_id INTEGER NOT NULL REFERENCES {STAGES}(id),"
    " title TEXT NOT NULL, value REAL NOT NULL, expected_close_date TEXT NOT NULL, priority INTEGER NOT NULL DEFAULT 2,"
    " description TEXT, stage_entered_at TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    f"CREATE INDEX idx_{DEALS}_org ON {DEALS} (org_id, id)",
    f"CREATE INDEX idx_{DEALS}_pipeline ON {DEALS} (org_id, pipeline_id, stage_id)",
    f"CREATE INDEX idx_{DEALS}_lead ON {DEALS} (lead_id)",
    f"CREATE TABLE {HISTORY} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL,"
    f" deal_id INTEGER NOT NULL REFERENCES {DEALS}(id) ON DELETE CASCADE, stage_id INTEGER NOT NULL,"
    " value REAL NOT NULL, probability REAL NOT NULL, expected_close_date TEXT NOT NULL,"
    " weighted_value REAL NOT NULL, recorded_at TEXT NOT NULL)",
    f"CREATE INDEX idx_{HISTORY}_deal ON {HISTORY} (org_id, deal_id, id)",
)


def create_tables(sdb):
    for sql in DDL:
        sdb.execute(sql)


# -- wire shapes ---------------------------------------------------------------------------------
def stage_wire(row):
    return {"id": row["id"], "pipeline_id": row["pipeline_id"], "name": row["name"], "color": row["color"],
            "position": row["position"], "is_won": bool(row["is_won"]), "is_lost": bool(row["is_lost"]),
            "probability": row["probability"], "max_days_in_stage": row["max_days_in_stage"],
            "is_protected": bool(row["is_protected"])}


def _stages(c, who, pipeline_id):
    return [stage_wire(r) for r in c.execute(f"SELECT * FROM {STAGES} WHERE org_id = ? AND pipeline_id = ?"
                                             " ORDER BY position, id", (who["org_id"], pipeline_id)).fetchall()]


def _pipeline_wire(c, who, row):
    deals = c.execute(f"SELECT count(*), coalesce(sum(value), 0) FROM {DEALS} WHERE org_id = ? AND pipeline_id = ?",
                      (who["org_id"], row["id"])).fetchone()
    return {"id": row["id"], "name": row["name"], "description": row["description"],
            "max_deal_limit": row["max_deal_limit"], "region": row["region"], "state_id": row["state_id"],
            "is_default": bool(row["is_default"]), "deal_count": deals[0], "deal_value": deals[1],
            "stages": _stages(c, who, row["id"]), "created_at": row["created_at"], "updated_at": row["updated_at"]}


def deal_wire(row):
    return {"id": row["id"], "lead_id": row["lead_id"], "pipeline_id": row["pipeline_id"],
            "stage_id": row["stage_id"], "title": row["title"], "value": row["value"],
            "expected_close_date": row["expected_close_date"], "priority": row["priority"],
            "description": row["description"], "stage_entered_at": row["stage_entered_at"],
            "created_at": row["created_at"], "updated_at": row["updated_at"]}


def _pipeline_row(c, who, pipeline_id):
    row = c.execute(f"SELECT * FROM {PIPELINES} WHERE id = ? AND org_id = ?", (pipeline_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("pipeline", pipeline_id)
    return row


def _deal_row(c, who, deal_id):
    row = c.execute(f"SELECT * FROM {DEALS} WHERE id = ? AND org_id = ?", (deal_id, who["org_id"])).fetchone()
    if row is None:
        raise NotFound("deal", deal_id)
    return row


# -- pipelines -----------------------------------------------------------------------------------
def list_pipelines(who, args):
    c = db.conn()
    w = Where("org_id", who["org_id"]).contains(("name", "region"), args.get("search_value")) \
        .any_of("state_id", args.get("state_id"))
    low, high = day_bounds(args)
    w.between("created_at", low, high)
    page = fetch_page(c, f"SELECT * FROM {PIPELINES}", w, order(PIPELINE_ORDER, args["order_by"], args["order_in"]),
                      args["page"], args["limit"])
    return page.map(lambda row: _pipeline_wire(c, who, row))


def _check_stages(stages):
    won = [s for s in stages if s.get("is_won")]
    if any(s.get("is_won") and s.get("is_lost") for s in stages):
        raise Invalid({"stages": ["A stage cannot be both won and lost."]})
    if len(won) > 1 or len([s for s in stages if s.get("is_lost")]) > 1:
        raise Invalid({"stages": ["A pipeline has at most one won and one lost stage."]})


def _insert_stage(c, who, pipeline_id, stage, position, protected=False):
    probability = stage.get("probability")
    if probability is None:
        probability = 1.0 if stage.get("is_won") else 0.0
    return c.execute(
        f"INSERT INTO {STAGES} (org_id, pipeline_id, name, color, position, is_won, is_lost, probability,"
        " max_days_in_stage, is_protected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (who["org_id"], pipeline_id, stage["name"], stage.get("color"), stage.get("position", position),
         int(bool(stage.get("is_won"))), int(bool(stage.get("is_lost"))), probability,
         stage.get("max_days_in_stage"), int(protected))).lastrowid


def insert_pipeline(c, who, fields, stages, is_default=False, stamp=None):
    stamp = stamp or now_iso()
    columns = {"org_id": who["org_id"], **{k: fields[k] for k in PIPELINE_FIELDS if k in fields},
               "is_default": int(is_default), "created_at": stamp, "updated_at": stamp}
    pipeline_id = c.execute(f"INSERT INTO {PIPELINES} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                            list(columns.values())).lastrowid
    for position, stage in enumerate(stages, start=1):
        _insert_stage(c, who, pipeline_id, stage, position, stage.get("is_protected", False))
    return pipeline_id


def create_pipeline(who, body):
    stages = body.get("stages")
    if stages is None:
        stages = [{"name": n, "color": col, "probability": p, "is_won": w, "is_lost": lost, "max_days_in_stage": d}
                  for n, col, p, w, lost, d, _ in DEFAULT_STAGES]
    _check_stages(stages)
    with db.write() as c:
        pipeline_id = insert_pipeline(c, who, body, stages)
        activity.record(c, who, "pipeline", pipeline_id, "created")
        return _pipeline_wire(c, who, _pipeline_row(c, who, pipeline_id))


def update_pipeline(who, pipeline_id, body):
    with db.write() as c:
        row = _pipeline_row(c, who, pipeline_id)
        fields = {k: body[k] for k in PIPELINE_FIELDS if k in body}
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            c.execute(f"UPDATE {PIPELINES} SET {sets} WHERE id = ?", [*fields.values(), row["id"]])
        current = {s["id"]: s for s in _stages(c, who, pipeline_id)}
        for stage_id in body.get("remove_stage_ids") or ():
            stage = current.get(stage_id)
            if stage is None:
                raise Invalid({"remove_stage_ids": [f"Unknown stage {stage_id} of this pipeline."]})
            if stage["is_protected"]:
                raise Forbidden("This stage is protected and cannot be removed.", details={"stage_id": stage_id})
            if c.execute(f"SELECT 1 FROM {DEALS} WHERE stage_id = ? LIMIT 1", (stage_id,)).fetchone():
                raise Conflict("This stage still has deals; move them first.", details={"stage_id": stage_id})
            c.execute(f"DELETE FROM {STAGES} WHERE id = ?", (stage_id,))
            del current[stage_id]
        next_position = max((s["position"] for s in current.values()), default=0) + 1
        for stage in body.get("stages") or ():
            if stage.get("id") is None:
                if "name" not in stage:
                    raise Invalid({"stages": ["A new stage (without id) needs a name."]})
                new_id = _insert_stage(c, who, pipeline_id, stage, next_position)
                next_position += 1
                current[new_id] = stage_wire(c.execute(f"SELECT * FROM {STAGES} WHERE id = ?", (new_id,)).fetchone())
                continue
            old = current.get(stage["id"])
            if old is None:
                raise Invalid({"stages": [f"Unknown stage {stage['id']} of this pipeline."]})
            changes = {k: stage[k] for k in STAGE_FIELDS if k in stage and stage[k] != old[k]}
            if changes and old["is_protected"]:
                raise Forbidden("This stage is protected and cannot be changed.", details={"stage_id": old["id"]})
            if changes:
                sets = ", ".join(f"{k} = ?" for k in changes)
                c.execute(f"UPDATE {STAGES} SET {sets} WHERE id = ?", [*changes.values(), old["id"]])
                current[old["id"]] = {**old, **changes}
        _check_stages(list(current.values()))
        c.execute(f"UPDATE {PIPELINES} SET updated_at = ? WHERE id = ?", (now_iso(), row["id"]))
        activity.record(c, who, "pipeline", pipeline_id, "updated", {"fields": sorted(body)})
        return _pipeline_wire(c, who, _pipeline_row(c, who, pipeline_id))


def delete_pipelines(who, body):
    with db.write() as c:
        w = Where("org_id", who["org_id"]).any_of("id", body["ids"])
        rows = c.execute(f"SELECT * FROM {PIPELINES} WHERE {w.sql}", w.params).fetchall()
        if not rows:
            raise NotFound("pipeline", body["ids"][0], message="None of the given pipelines exist in your organization.")
        for row in rows:
            if row["is_default"]:
                raise Forbidden("The default pipeline cannot be deleted.", details={"pipeline_id": row["id"]})
            if c.execute(f"SELECT 1 FROM {DEALS} WHERE pipeline_id = ? LIMIT 1", (row["id"],)).fetchone():
                raise Conflict("This pipeline still has deals; delete or move them first.",
                               details={"pipeline_id": row["id"]})
        for row in rows:
            c.execute(f"DELETE FROM {STAGES} WHERE pipeline_id = ?", (row["id"],))
            c.execute(f"DELETE FROM {PIPELINES} WHERE id = ?", (row["id"],))
        activity.record(c, who, "pipeline", None, "deleted", {"count": len(rows)})
    return {"deleted": len(rows)}


def list_stages(who, pipeline_id):
    c = db.conn()
    _pipeline_row(c, who, pipeline_id)
    return one_page(_stages(c, who, pipeline_id))


# -- deals ---------------------------------------------------------------------------------------
def list_deals(who, args):
    w = (Where("org_id", who["org_id"]).contains(("title", "description"), args.get("search_value"))
         .eq("lead_id", args.get("lead_id")).eq("pipeline_id", args.get("pipeline_id"))
         .any_of("stage_id", args.get("status")).eq("priority", args.get("priority")))
    low, high = day_bounds(args)
    w.between("created_at", low, high)
    close_from, close_to = args.get("close_from"), args.get("close_to")
    w.between("expected_close_date", close_from.isoformat() if close_from else None,
              close_to.isoformat() if close_to else None)
    page = fetch_page(db.conn(), f"SELECT * FROM {DEALS}", w, order(DEAL_ORDER, args["order_by"], args["order_in"]),
                      args["page"], args["limit"])
    return page.map(deal_wire)


def _stage_of(c, who, stage_id):
    return c.execute(f"SELECT * FROM {STAGES} WHERE id = ? AND org_id = ?", (stage_id, who["org_id"])).fetchone()


def _check_deal(c, who, fields):
    """The cross-record rules: the lead and pipeline of the org, the stage of the pipeline, the cap."""
    leads.require(c, who, fields["lead_id"])
    pipeline = c.execute(f"SELECT * FROM {PIPELINES} WHERE id = ? AND org_id = ?",
                         (fields["pipeline_id"], who["org_id"])).fetchone()
    if pipeline is None:
        raise Invalid({"pipeline_id": [f"Unknown pipeline {fields['pipeline_id']}: must be a pipeline of your organization."]})
    stage = _stage_of(c, who, fields["stage_id"])
    if stage is None or stage["pipeline_id"] != pipeline["id"]:
        raise Invalid({"stage_id": [f"Unknown stage {fields['stage_id']}: must be a stage of pipeline {pipeline['id']}."]})
    if pipeline["max_deal_limit"] is not None and fields["value"] > pipeline["max_deal_limit"]:
        raise Invalid({"value": [f"Exceeds the pipeline's max_deal_limit ({pipeline['max_deal_limit']:g})."]})
    return stage


def _record(c, who, deal_id, stage, value, close_date, stamp):
    c.execute(f"INSERT INTO {HISTORY} (org_id, deal_id, stage_id, value, probability, expected_close_date,"
              " weighted_value, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              (who["org_id"], deal_id, stage["id"], value, stage["probability"], close_date,
               round(value * stage["probability"], 2), stamp))


def _fields(body):
    out = {k: body[k] for k in DEAL_FIELDS if k in body}
    if isinstance(out.get("expected_close_date"), date):
        out["expected_close_date"] = out["expected_close_date"].isoformat()
    return out


def create_deal(who, body):
    fields = {"priority": 2, **_fields(body)}
    with db.write() as c:
        stage = _check_deal(c, who, fields)
        stamp = now_iso()
        columns = {"org_id": who["org_id"], **fields, "stage_entered_at": stamp, "created_at": stamp,
                   "updated_at": stamp}
        deal_id = c.execute(f"INSERT INTO {DEALS} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                            list(columns.values())).lastrowid
        _record(c, who, deal_id, stage, fields["value"], fields["expected_close_date"], stamp)
        activity.record(c, who, "deal", deal_id, "created")
        return deal_wire(_deal_row(c, who, deal_id))


def update_deal(who, deal_id, body):
    with db.write() as c:
        row = _deal_row(c, who, deal_id)
        changes = _fields(body)
        merged = {**{k: row[k] for k in DEAL_FIELDS}, **changes}
        if "pipeline_id" in changes and "stage_id" not in changes and changes["pipeline_id"] != row["pipeline_id"]:
            raise Invalid({"stage_id": ["Send stage_id (a stage of the new pipeline) when moving a deal."]})
        stage = _check_deal(c, who, merged)
        changed = {k: v for k, v in changes.items() if v != row[k]}
        stamp = now_iso()
        if changed:
            sets = {**changed, "updated_at": stamp}
            if "stage_id" in changed:
                sets["stage_entered_at"] = stamp
            c.execute(f"UPDATE {DEALS} SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                      [*sets.values(), row["id"]])
            if any(k in changed for k in TRACKED):
                _record(c, who, row["id"], stage, merged["value"], merged["expected_close_date"], stamp)
            activity.record(c, who, "deal", row["id"], "updated", {"fields": sorted(changed)})
        return deal_wire(_deal_row(c, who, deal_id))


def delete_deals(who, body):
    w = Where("org_id", who["org_id"]).any_of("id", body["ids"])
    with db.write() as c:
        count = c.execute(f"DELETE FROM {DEALS} WHERE {w.sql}", w.params).rowcount
        if count == 0:
            raise NotFound("deal", body["ids"][0], message="None of the given deals exist in your organization.")
        activity.record(c, who, "deal", None, "deleted", {"count": count})
    return {"deleted": count}


# -- for other areas (public, stable) ------------------------------------------------------------
def require_pipeline(c, who, pipeline_id, field="pipeline_id"):
    """422 naming ``field`` unless ``pipeline_id`` is a pipeline of ``who``'s org."""
    if not c.execute(f"SELECT 1 FROM {PIPELINES} WHERE id = ? AND org_id = ?", (pipeline_id, who["org_id"])).fetchone():
        raise Invalid({field: [f"Unknown pipeline {pipeline_id}: must be a pipeline of your organization."]})


def _forecast_row(row, stage, owners):
    out = deal_wire(row)
    out.update({"stage_name": stage["name"], "probability": stage["probability"], "is_won": bool(stage["is_won"]),
                "is_lost": bool(stage["is_lost"]), "max_days_in_stage": stage["max_days_in_stage"],
                "owner_id": owners.get(row["lead_id"])})
    return out


def deals_for_forecast(who, pipeline_id=None):
    """The org's deals (of one pipeline when given; 422 ``pipeline_id`` when not the org's), each the
    wire deal plus ``stage_name``, ``probability``, ``is_won``, ``is_lost``, ``max_days_in_stage`` and
    ``owner_id`` (the lead's ``assigned_to``)."""
    c = db.conn()
    if pipeline_id is not None:
        require_pipeline(c, who, pipeline_id)
    w = Where("org_id", who["org_id"]).eq("pipeline_id", pipeline_id)
    rows = c.execute(f"SELECT * FROM {DEALS} WHERE {w.sql} ORDER BY id", w.params).fetchall()
    stages = {r["id"]: r for r in c.execute(f"SELECT * FROM {STAGES} WHERE org_id = ?", (who["org_id"],)).fetchall()}
    owners = leads.assignees(c, who, {r["lead_id"] for r in rows})
    return [_forecast_row(r, stages[r["stage_id"]], owners) for r in rows]


def get_deal(who, deal_id):
    """One deal as :func:`deals_for_forecast` shapes it; 404 when not the org's."""
    c = db.conn()
    row = _deal_row(c, who, deal_id)
    stage = c.execute(f"SELECT * FROM {STAGES} WHERE id = ?", (row["stage_id"],)).fetchone()
    return _forecast_row(row, stage, leads.assignees(c, who, {row["lead_id"]}))


def deal_history(who, deal_id, limit=None):
    """The deal's history points, newest first (``limit`` of them when given); 404 when not the org's."""
    c = db.conn()
    _deal_row(c, who, deal_id)
    rows = c.execute(f"SELECT * FROM {HISTORY} WHERE org_id = ? AND deal_id = ? ORDER BY recorded_at DESC, id DESC"
                     + (" LIMIT ?" if limit else ""),
                     (who["org_id"], deal_id, *((limit,) if limit else ()))).fetchall()
    return [{"id": r["id"], "deal_id": r["deal_id"], "stage_id": r["stage_id"], "value": r["value"],
             "probability": r["probability"], "expected_close_date": r["expected_close_date"],
             "weighted_value": r["weighted_value"], "recorded_at": r["recorded_at"]} for r in rows]


def all_history(who):
    """Every history point of the org's deals, oldest first (the forecast accuracy report)."""
    rows = db.conn().execute(f"SELECT * FROM {HISTORY} WHERE org_id = ? ORDER BY recorded_at, id",
                             (who["org_id"],)).fetchall()
    return [dict(r) for r in rows]


def today():
    """The sandbox date."""
    return clock.now().date()


def won_lead_ids(c, who):
    """The ids of the org's leads that have a deal in a won stage (clients, for exports)."""
    return {r[0] for r in c.execute(
        f"SELECT DISTINCT d.lead_id FROM {DEALS} d JOIN {STAGES} s ON s.id = d.stage_id"
        " WHERE d.org_id = ? AND s.is_won = 1", (who["org_id"],))}


def require_deal(c, who, deal_id, field="deal_id"):
    """422 naming ``field`` unless ``deal_id`` is a deal of ``who``'s org."""
    if not c.execute(f"SELECT 1 FROM {DEALS} WHERE id = ? AND org_id = ?", (deal_id, who["org_id"])).fetchone():
        raise Invalid({field: [f"Unknown deal {deal_id}: must be a deal of your organization."]})

