"""Isolated Skode workspaces: users, leads, trash and OAuth apps copied under fresh ids, keys and secrets.

OAuth codes and tokens and rate-limit windows are issued at run time and are not copied.
"""

from app.core import tenancy
from app.vendors.skode import oauth, ratelimit
from app.vendors.skode.store import COUNTS, KEYS, TRASH, WORKSPACES

SPEC = tenancy.Spec(
    vendor="skode", root=WORKSPACES, column="workspace_id",
    skip=(oauth.CODES, oauth.TOKENS, ratelimit.TABLE, COUNTS),   # counts: kept by triggers
    text_ids=True,                                            # lead_…/user_… ids inside documents, owner_id
    fresh={f"{KEYS}.key": tenancy.key_like(24),               # sk_live_<24>, sk_test_<24>
           f"{oauth.CLIENTS}.client_id": tenancy.key_like(16),
           f"{oauth.CLIENTS}.client_secret": tenancy.key_like(32)},
    due={"purge": TRASH},
)


def clone_tenant(source_id):
    return tenancy.clone(SPEC, source_id)


def delete_tenant(tenant_id):
    tenancy.delete(SPEC, tenant_id)
