"""``/__admin/faults``: inject error statuses, bodies and latency into vendor requests (:mod:`app.core.faults`)."""

from flask import current_app, request

from app.control.routes import bp
from app.core import faults
from app.core.errors import BadRequest, NotFound


def _journal():
    return current_app.extensions["leadmock.journal"]


@bp.post("/faults")
def create_fault():
    """Add a fault: ``{vendor, method?, path?, tenant?, status?, delay_ms?, body?, probability?, times?}``."""
    body = request.get_json(silent=True, force=True)
    try:
        spec = faults.validate(body, current_app.extensions["leadmock.vendors"])
    except faults.Invalid as exc:
        raise BadRequest(str(exc)) from None
    return faults.create(_journal(), spec), 201


@bp.get("/faults")
def list_faults():
    """Every fault, oldest first, with how many requests each matched; ``{"faults": [...]}``."""
    return {"faults": faults.list_all(_journal())}


@bp.get("/faults/<fault_id>")
def get_fault(fault_id):
    """One fault."""
    fault = faults.get(_journal(), fault_id)
    if fault is None:
        raise NotFound("fault", fault_id, message=f"No fault {fault_id!r}.")
    return fault


@bp.delete("/faults")
def delete_faults():
    """Remove every fault; ``{"deleted": n}``."""
    return {"deleted": faults.delete_all(_journal())}


@bp.delete("/faults/<fault_id>")
def delete_fault(fault_id):
    """Remove one fault (204); 404 when unknown."""
    if not faults.delete(_journal(), fault_id):
        raise NotFound("fault", fault_id, message=f"No fault {fault_id!r}.")
    response = current_app.response_class(status=204)
    del response.headers["Content-Type"]
    return response
