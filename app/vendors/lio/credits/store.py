"""Credits: each organization's balance, the AI price list and the spend ledger.

:func:`spend` runs inside the caller's write transaction: one ``UPDATE ... WHERE balance >= cost``
takes the credits atomically (also across worker processes), so a balance never goes negative;
a call the balance cannot pay raises ``InsufficientCredits`` and spends nothing.
"""

from app.core import db
from app.core.errors import Invalid
from app.vendors.lio.common import now_iso, one_page
from app.vendors.lio.errors import InsufficientCredits

BALANCES = "lio_credit_balances"
TRANSACTIONS = "lio_credit_transactions"
RECENT = 20
# feature: (price in credits, unit, description)
FEATURES = {
    "magicpen": (1, "request", "Rewrite or polish a text with MagicPen."),
    "email_generator": (2, "email", "Generate an email from a short brief."),
    "ai_email_draft": (2, "draft", "Draft a personalised email to one lead."),
    "ai_email_bulk": (1, "lead", "Draft personalised emails for many leads (per lead)."),
    "meeting_summary": (5, "summary", "Summarise a held meeting from its transcript."),
    "ai_dashboard": (10, "dashboard", "Generate a dashboard from a prompt."),
    "lead_research": (3, "lead", "Research a lead's company and role."),
    "call_summary": (5, "summary", "Summarise a call from its recording."),
}
SEED_BALANCES = {"org_acme": 1000, "org_globex": 20}
GENERATED_BALANCE = 100


def create_tables(sdb):
    for sql in (
        f"CREATE TABLE {BALANCES} (org_id TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0),"
        " spent INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL)",
        f"CREATE TABLE {TRANSACTIONS} (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id INTEGER,"
        " feature TEXT NOT NULL, quantity INTEGER NOT NULL, amount INTEGER NOT NULL, balance_after INTEGER NOT NULL,"
        " ref TEXT, created_at TEXT NOT NULL)",
        f"CREATE INDEX idx_{TRANSACTIONS}_org ON {TRANSACTIONS} (org_id, id)",
    ):
        sdb.execute(sql)


def _tx_wire(row):
    return {"id": row["id"], "feature": row["feature"], "quantity": row["quantity"], "amount": -row["amount"],
            "balance_after": row["balance_after"], "user_id": row["user_id"], "ref": row["ref"],
            "created_at": row["created_at"]}


def _balance_row(c, org_id):
    return c.execute(f"SELECT * FROM {BALANCES} WHERE org_id = ?", (org_id,)).fetchone()


def get_credits(who):
    c = db.conn()
    row = _balance_row(c, who["org_id"])
    recent = c.execute(f"SELECT * FROM {TRANSACTIONS} WHERE org_id = ? ORDER BY id DESC LIMIT ?",
                       (who["org_id"], RECENT)).fetchall()
    return {"organization_id": who["org_id"], "balance": row["balance"] if row else 0,
            "spent": row["spent"] if row else 0, "updated_at": row["updated_at"] if row else None,
            "recent_transactions": [_tx_wire(r) for r in recent]}


def list_features(who):
    return one_page({"feature": name, "credits": cost, "unit": unit, "description": text}
                    for name, (cost, unit, text) in FEATURES.items())


# -- for other areas (public, stable) ------------------------------------------------------------
def price(feature):
    """The credits one unit of ``feature`` costs (a key of FEATURES)."""
    return FEATURES[feature][0]


def balance(c, org_id):
    row = _balance_row(c, org_id)
    return row["balance"] if row else 0


def spend(c, who, feature, quantity=1, ref=None):
    """Take ``price(feature) * quantity`` credits from ``who``'s org inside the caller's write
    transaction; raises InsufficientCredits (nothing spent) when the balance cannot pay.
    Returns ``{"feature", "spent", "balance"}``."""
    if feature not in FEATURES:
        raise Invalid({"feature": [f"Unknown AI feature {feature}."]})
    quantity = int(quantity)
    cost = price(feature) * quantity
    now = now_iso()
    cur = c.execute(f"UPDATE {BALANCES} SET balance = balance - ?, spent = spent + ?, updated_at = ?"
                    " WHERE org_id = ? AND balance >= ?", (cost, cost, now, who["org_id"], cost))
    if cur.rowcount != 1:
        have = balance(c, who["org_id"])
        raise InsufficientCredits(f"Insufficient credits: {feature} costs {cost} credits, your organization "
                                  f"has {have}.")
    left = balance(c, who["org_id"])
    c.execute(f"INSERT INTO {TRANSACTIONS} (org_id, user_id, feature, quantity, amount, balance_after, ref,"
              " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              (who["org_id"], who.get("user_id"), feature, quantity, cost, left,
               None if ref is None else str(ref), now))
    return {"feature": feature, "spent": cost, "balance": left}
