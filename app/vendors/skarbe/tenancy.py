"""Isolated Skarbe workspaces: lead statuses and contacts copied under new ids, with a fresh API key."""

from app.core import tenancy
from app.vendors.skarbe.store import KEYS, WORKSPACES

SPEC = tenancy.Spec(
    vendor="skarbe", root=WORKSPACES, column="workspace_id",
    fresh={f"{KEYS}.api_key": tenancy.key_like(24)},          # sk_live_<24>
)


def clone_tenant(source_id):
    return tenancy.clone(SPEC, source_id)


def delete_tenant(tenant_id):
    tenancy.delete(SPEC, tenant_id)
