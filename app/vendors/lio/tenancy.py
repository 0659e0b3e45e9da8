"""Isolated LIO organizations: every area's records copied under new ids, with fresh logins and API keys.

Users get fresh unique emails (``you@company.com`` → ``you+<suffix>@company.com``) and keep their
passwords; API keys, phone numbers, booking-page slugs, web-form links and tracking tokens are fresh.
The references SQLite does not declare are listed here: id columns by name (``lead_id`` is a lead
wherever it appears), the feed's polymorphic ``model_id``, tag id lists, ids inside JSON payloads and
the profile-image URL of a lead document. Pending timeline effects (jobs, calls, AI scores) follow
their records.
"""

from app.core import rand, tenancy
from app.core.tenancy import JsonList, Pattern, Poly
from app.vendors.lio.users.seed import PASSWORDS

ORGS, USERS, LEADS, LOOKUPS = "lio_orgs", "lio_users", "lio_leads", "lio_lookups"
NUMBERS, INVENTORY = "lio_phone_numbers", "lio_phone_inventory"

# An integer column of this name, in any LIO table, is an id of that table (when it is not a declared
# foreign key); the same names inside JSON payloads (feed data, notifications, job payloads).
ID_COLUMNS = {
    "user_id": USERS, "assigned_to": USERS, "assigned_to_id": USERS, "acknowledged_by": USERS,
    "sent_by": USERS, "created_by": USERS, "owner_id": USERS,
    "lead_id": LEADS, "contact_id": "lio_contacts", "company_id": "lio_companies",
    "account_id": "lio_target_accounts", "deal_id": "lio_deals", "pipeline_id": "lio_pipelines",
    "stage_id": "lio_pipeline_stages", "signal_id": "lio_intent_signals", "config_id": "lio_mail_configs",
    "message_id": "lio_mail_messages", "in_reply_to": "lio_mail_messages", "job_id": "lio_jobs",
    "number_id": NUMBERS, "role_id": "lio_roles", "parent_id": LOOKUPS, "draft_id": "lio_ai_drafts",
    "document_id": "lio_lead_documents", "meeting_id": "lio_meetings", "call_id": "lio_calls",
    "storage_file_id": "lio_storage_files", "export_id": "lio_exports",
}
JSON_KEYS = {**{name: table for name, table in ID_COLUMNS.items() if name not in ("parent_id", "in_reply_to")},
             "lead_ids": LEADS, "draft_ids": "lio_ai_drafts"}
FEED_MODELS = {"lead": LEADS, "company": "lio_companies", "contact": "lio_contacts", "deal": "lio_deals",
               "pipeline": "lio_pipelines", "message": "lio_mail_messages", "meeting": "lio_meetings",
               "file": "lio_storage_files", "export": "lio_exports",
               "slack_channel": "lio_slack_channels", "connected_app": "lio_connected_apps"}


def _email(old, ctx):
    local, _, domain = old.rpartition("@")
    return f"{local}+{ctx.suffix}@{domain}" if local else f"{old}+{ctx.suffix}"


def _suffixed(old, ctx):
    return f"{old}-{ctx.suffix}"


def _phone(old, ctx):
    """An unused number in the same area (+1 <area> 555 <4 digits>), neither owned nor in the inventory."""
    area = old[2:5] if old.startswith("+1") and old[2:5].isdigit() else "555"
    for _ in range(1000):
        number = f"+1{area}555{rand.token(4, '0123456789')}"
        if not ctx.c.execute(f"SELECT 1 FROM {NUMBERS} WHERE phone_number = ? UNION ALL"
                             f" SELECT 1 FROM {INVENTORY} WHERE phone_number = ?", (number, number)).fetchone():
            return number
    return "+1" + rand.token(10, "0123456789")


def _passwords(ctx):
    """The copied users' emails and passwords, as ``/__admin/tenants`` shows the source users'."""
    known = {**PASSWORDS, **tenancy.secrets("lio")}
    return {new: known[old] for old, new in ctx.mapping(USERS, "email").items() if old in known}


SPEC = tenancy.Spec(
    vendor="lio", root=ORGS, column="org_id",
    refs={**{f"*.{name}": table for name, table in ID_COLUMNS.items()},
          "lio_feed.model_id": Poly("model_type", FEED_MODELS),
          f"{LEADS}.tags": JsonList(LOOKUPS), "lio_contacts.tags": JsonList(LOOKUPS),
          f"{LEADS}.profile_image": Pattern(r"/lead-documents/(\d+)", "lio_lead_documents"),
          "lio_calls.from_number": f"{NUMBERS}.phone_number",
          "lio_exports.id": "lio_jobs",                     # an export shares its job's id
          "lio_file_attachments.subject_id": Poly("subject_type", FEED_MODELS),
          "lio_file_attachments.file_id": Poly("provider", {"storage": "lio_storage_files"}),
          "lio_wallet_transactions.ref": Poly("kind", {"call": "lio_calls",
                                                       "number_purchase": f"{NUMBERS}.phone_number"})},
    json_keys=JSON_KEYS,
    fresh={f"{USERS}.email": _email, "lio_api_keys.key": tenancy.key_like(24),
           f"{NUMBERS}.phone_number": _phone, "lio_booking_pages.slug": _suffixed,
           "lio_web_forms.link": _suffixed},
    due={"voice_call_end": "lio_calls", "lead_score": LEADS, "*": "lio_jobs"},
    secrets=_passwords,
    skip=("lio_lead_counts",),          # leads.store.COUNTS, kept by triggers as the copied leads go in
)


def clone_tenant(source_id):
    return tenancy.clone(SPEC, source_id)


def delete_tenant(tenant_id):
    tenancy.delete(SPEC, tenant_id)


def passwords():
    """The well-known users' passwords and those of their isolated copies."""
    return {**PASSWORDS, **tenancy.secrets("lio")}


