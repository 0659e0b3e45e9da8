"""Isolated Discko organizations: a copy of an organization's leads under fresh ids and a fresh key."""

from app.core import tenancy
from app.vendors.discko.store import ORGS

SPEC = tenancy.Spec(
    vendor="discko", root=ORGS, column="org_id",
    text_ids=True,                                            # req_… ids inside the documents and their URLs
    fresh={f"{ORGS}.api_key": tenancy.key_like(24)},          # dk_test_<24>
)


def clone_tenant(source_id):
    return tenancy.clone(SPEC, source_id)


def delete_tenant(tenant_id):
    tenancy.delete(SPEC, tenant_id)
