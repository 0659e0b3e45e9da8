"""Voice (doc 6.12): the phone-number inventory, the org's numbers and its calling wallet.

The inventory is global (a number bought by one org disappears for every org); numbers, their
assignees and the wallet belong to an org. Money is stored in integer cents.
"""

from app.core import db
from app.core.errors import Conflict, Forbidden, Invalid, NotFound
from app.vendors.lio.common import now_iso
from app.vendors.lio.users import store as users

INVENTORY = "lio_phone_inventory"
NUMBERS = "lio_phone_numbers"
ASSIGNEES = "lio_phone_number_users"
WALLETS = "lio_wallets"
WALLET_TX = "lio_wallet_transactions"
NUMBER_TYPES = ("local", "toll_free", "mobile")
CURRENCY = "USD"


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {INVENTORY} (phone_number TEXT PRIMARY KEY, type TEXT NOT NULL, area_code TEXT NOT NULL,"
        " region TEXT, monthly_price_cents INTEGER NOT NULL, capabilities TEXT NOT NULL)",
        f"CREATE TABLE {NUMBERS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, phone_number TEXT NOT NULL UNIQUE,"
        " friendly_name TEXT, type TEXT NOT NULL, area_code TEXT NOT NULL, region TEXT,"
        " monthly_price_cents INTEGER NOT NULL, capabilities TEXT NOT NULL, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{NUMBERS}_org ON {NUMBERS} (org_id, id)",
        f"CREATE TABLE {ASSIGNEES} (number_id INTEGER NOT NULL REFERENCES {NUMBERS}(id) ON DELETE CASCADE,"
        " org_id TEXT NOT NULL, user_id INTEGER NOT NULL, PRIMARY KEY (number_id, user_id))",
        f"CREATE TABLE {WALLETS} (org_id TEXT PRIMARY KEY, balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0),"
        " currency TEXT NOT NULL DEFAULT 'USD', updated_at TEXT NOT NULL)",
        f"CREATE TABLE {WALLET_TX} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, amount_cents INTEGER NOT NULL,"
        " kind TEXT NOT NULL, description TEXT NOT NULL, ref TEXT, balance_after_cents INTEGER NOT NULL,"
        " created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{WALLET_TX}_org ON {WALLET_TX} (org_id, id)",
    ):
        sdb.execute(sql)


def money(cents):
    return round(cents / 100, 2)


def _inventory_wire(row):
    return {"phone_number": row["phone_number"], "type": row["type"], "area_code": row["area_code"],
            "region": row["region"], "monthly_price": money(row["monthly_price_cents"]), "currency": CURRENCY,
            "capabilities": row["capabilities"].split(",")}


def available_numbers(who, args):
    sql = f"SELECT * FROM {INVENTORY} WHERE 1 = 1"
    params = []
    if args.get("areaCode"):
        sql += " AND area_code = ?"
        params.append(args["areaCode"])
    if args.get("contains"):
        sql += " AND instr(phone_number, ?) > 0"
        params.append(args["contains"])
    if args.get("type"):
        sql += " AND type = ?"
        params.append(args["type"])
    sql += " ORDER BY phone_number LIMIT ?"
    params.append(args["limit"])
    return [_inventory_wire(r) for r in db.conn().execute(sql, params)]


def _number_wire(c, row):
    assigned = [users.user_by_id(c, r[0]) for r in c.execute(
        f"SELECT user_id FROM {ASSIGNEES} WHERE number_id = ? ORDER BY user_id", (row["id"],))]
    return {"id": row["id"], "phone_number": row["phone_number"], "friendly_name": row["friendly_name"],
            "type": row["type"], "area_code": row["area_code"], "region": row["region"],
            "monthly_price": money(row["monthly_price_cents"]), "currency": CURRENCY,
            "capabilities": row["capabilities"].split(","), "created_at": row["created_at"],
            "assigned_users": [{"id": u["id"], "name": u["name"], "email": u["email"]} for u in assigned if u]}


def my_numbers(who):
    c = db.conn()
    rows = c.execute(f"SELECT * FROM {NUMBERS} WHERE org_id = ? ORDER BY id", (who["org_id"],)).fetchall()
    return [_number_wire(c, r) for r in rows]


def charge(c, who, cents, kind, description, ref, at=None):
    """Take ``cents`` from the org's wallet atomically (``UPDATE ... WHERE balance >= cents``);
    False (nothing taken) when it cannot pay."""
    now = at or now_iso()
    changed = c.execute(f"UPDATE {WALLETS} SET balance_cents = balance_cents - ?, updated_at = ?"
                        " WHERE org_id = ? AND balance_cents >= ?", (cents, now, who["org_id"], cents)).rowcount
    if not changed:
        return False
    balance = c.execute(f"SELECT balance_cents FROM {WALLETS} WHERE org_id = ?", (who["org_id"],)).fetchone()[0]
    c.execute(f"INSERT INTO {WALLET_TX} (org_id, amount_cents, kind, description, ref, balance_after_cents,"
              " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", (who["org_id"], -cents, kind, description, ref, balance, now))
    return True


def purchase_number(who, body):
    number = body["phoneNumber"]
    with db.write() as c:
        if c.execute(f"SELECT 1 FROM {NUMBERS} WHERE phone_number = ?", (number,)).fetchone():
            raise Conflict(f"The number {number} has already been purchased.")
        row = c.execute(f"SELECT * FROM {INVENTORY} WHERE phone_number = ?", (number,)).fetchone()
        if row is None:
            raise NotFound(message=f"The number {number} is not in the available inventory.")
        if body.get("type") and body["type"] != row["type"]:
            raise Invalid({"type": [f"{number} is a {row['type']} number, not {body['type']}."]})
        if not charge(c, who, row["monthly_price_cents"], "number_purchase", f"Purchase of {number}", number):
            raise Forbidden(f"Insufficient calling wallet balance: {number} costs "
                            f"${money(row['monthly_price_cents']):.2f}. Top up the wallet first.")
        c.execute(f"DELETE FROM {INVENTORY} WHERE phone_number = ?", (number,))
        cur = c.execute(f"INSERT INTO {NUMBERS} (org_id, phone_number, friendly_name, type, area_code, region,"
                        " monthly_price_cents, capabilities, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (who["org_id"], number, body.get("friendlyName") or number, row["type"], row["area_code"],
                         row["region"], row["monthly_price_cents"], row["capabilities"], now_iso()))
        return _number_wire(c, c.execute(f"SELECT * FROM {NUMBERS} WHERE id = ?", (cur.lastrowid,)).fetchone())


def assign_number(who, body):
    ids = body.get("user_ids") or ([body["user_id"]] if body.get("user_id") is not None else [])
    if not ids:
        raise Invalid({"user_ids": ["Send user_ids (a non-empty array) or user_id."]})
    with db.write() as c:
        row = c.execute(f"SELECT * FROM {NUMBERS} WHERE id = ? AND org_id = ?",
                        (body["number_id"], who["org_id"])).fetchone()
        if row is None:
            raise Invalid({"number_id": [f"Unknown number {body['number_id']}: must be a number of your organization."]})
        for user_id in ids:
            users.require_user(c, who, user_id, "user_ids")
        for user_id in ids:
            c.execute(f"INSERT OR IGNORE INTO {ASSIGNEES} (number_id, org_id, user_id) VALUES (?, ?, ?)",
                      (row["id"], who["org_id"], user_id))
        return _number_wire(c, row)


def wallet(who):
    c = db.conn()
    row = c.execute(f"SELECT * FROM {WALLETS} WHERE org_id = ?", (who["org_id"],)).fetchone()
    txs = c.execute(f"SELECT * FROM {WALLET_TX} WHERE org_id = ? ORDER BY id DESC LIMIT 20", (who["org_id"],))
    return {"balance": money(row["balance_cents"] if row else 0), "currency": CURRENCY,
            "transactions": [{"id": t["id"], "amount": money(t["amount_cents"]), "kind": t["kind"],
                              "description": t["description"], "balance_after": money(t["balance_after_cents"]),
                              "created_at": t["created_at"]} for t in txs]}
