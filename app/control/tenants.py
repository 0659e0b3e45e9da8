"""``/__admin/tenants``: every tenant and its credentials, and isolated copies for parallel tests.

- ``GET /__admin/tenants``: ``{vendor: [tenant, ...]}``; isolated tenants carry ``"isolated": true``.
- ``POST /__admin/tenants`` ``{"vendor": "skode", "like": "sk_live_your_api_key"}``: a new tenant with a
  deep copy of the tenant ``like`` names (its id, a credential, a LIO user's email; default: the
  vendor's first documented tenant), fresh ids and fresh credentials → 201, the tenant as ``GET`` lists
  it plus ``"vendor"`` and ``"isolated": true``.
- ``DELETE /__admin/tenants/<id>``: an isolated tenant and all its data → 204; a seeded tenant → 409.

``POST /__admin/reset`` restores the seeded state, without isolated tenants.
"""

from flask import current_app

from app.control.routes import _body, bp
from app.core import tenancy
from app.core.errors import BadRequest, Conflict, NotFound


def _vendors():
    return current_app.extensions["leadmock.vendors"]


def _listed(vendor):
    isolated = tenancy.isolated(vendor.name)
    entries = vendor.tenants()
    for entry in entries:
        if str(entry.get("id")) in isolated:
            entry["isolated"] = True
    return entries


@bp.get("/tenants")
def tenants():
    """Every vendor's tenants and their credentials (isolated copies marked ``"isolated": true``)."""
    return {name: _listed(vendor) for name, vendor in _vendors().items()}


@bp.post("/tenants")
def create_tenant():
    """Create an isolated tenant: a copy of a tenant's data with fresh ids and credentials (201)."""
    body = _body()
    name = body.get("vendor")
    vendors = _vendors()
    if not isinstance(name, str) or not name:
        raise BadRequest(f"Send \"vendor\": one of {', '.join(sorted(vendors))}.")
    vendor = vendors.get(name)
    if vendor is None or vendor.clone_tenant is None:
        raise BadRequest(f"Unknown vendor {name!r}: use one of {', '.join(sorted(vendors))}.")
    like = body.get("like")
    if like is None:
        if not vendor.well_known:
            raise BadRequest(f"Send \"like\": the id or a credential of a {name} tenant.")
        like = vendor.well_known[0]
    if isinstance(like, bool) or not isinstance(like, (str, int)) or like == "":
        raise BadRequest("\"like\" must be a tenant id or one of its credentials (a string).")
    source = next((entry for entry in vendor.tenants() if tenancy.matches(entry, like)), None)
    if source is None:
        raise NotFound("tenant", like, message=f"No {name} tenant has the id or credential {like!r}.")
    new_id = vendor.clone_tenant(source["id"])
    created = next(entry for entry in vendor.tenants() if str(entry.get("id")) == str(new_id))
    return {**created, "vendor": name, "isolated": True}, 201


@bp.delete("/tenants/<path:tenant_id>")
def delete_tenant(tenant_id):
    """Remove an isolated tenant and all its data (204); seeded tenants cannot be removed (409)."""
    found = tenancy.find_isolated(tenant_id)
    vendors = _vendors()
    if found is not None and found[0] in vendors and vendors[found[0]].delete_tenant is not None:
        vendors[found[0]].delete_tenant(found[1])
        return "", 204
    for name, vendor in vendors.items():
        if any(str(entry.get("id")) == tenant_id for entry in vendor.tenants()):
            raise Conflict(f"{name} tenant {tenant_id!r} is seeded, not isolated: it cannot be deleted "
                           "(POST /__admin/reset restores the seeded state).")
    raise NotFound("tenant", tenant_id, message=f"No isolated tenant {tenant_id!r}.")
