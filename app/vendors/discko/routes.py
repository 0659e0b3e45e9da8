"""Discko routes: list, get and update-status of leads."""

from flask.views import MethodView

from app.core.auth import principal
from app.vendors.discko import store
from app.vendors.discko.api import DisckoBlueprint
from app.vendors.discko.auth import authenticate
from app.vendors.discko.schemas import LeadSchema, LeadStatusUpdateSchema

blp = DisckoBlueprint(
    "discko_leads", __name__, url_prefix="/api/v1", auth=authenticate,
    description="Leads collected from your Discko forms.",
)


@blp.route("/leads")
class Leads(MethodView):
    @blp.doc(operationId="listLeads")
    @blp.response(200, LeadSchema(many=True))
    def get(self):
        """Returns the list of leads collected from your forms.

        Only finished leads (completion 100) are returned.

        Sandbox: the documentation names no query parameters, so the list is
        every finished lead of the organization, newest `date` first, unpaginated.
        Locked leads are listed with `locked: true`.
        """
        return store.list_leads(principal())


@blp.route("/leads/<string:lead_id>")
class LeadById(MethodView):
    @blp.doc(operationId="getLead")
    @blp.response(200, LeadSchema)
    def get(self, lead_id):
        """Returns a single lead by ID with full details.

        A lead that does not exist, belongs to another organization or is not
        yet finished answers 404 `LEAD_NOT_FOUND`.

        Sandbox: a locked lead answers 403 `FORBIDDEN`.
        """
        return store.get_lead(principal(), lead_id)

    @blp.doc(operationId="updateLeadStatus")
    @blp.arguments(LeadStatusUpdateSchema)
    @blp.response(200, LeadSchema)
    def put(self, body, lead_id):
        """Update a lead's status.

        The body must be a JSON object with `status` one of NEW, IN_PROGRESS,
        WON, LOST. Unparseable JSON answers `INVALID_JSON`; a missing or
        non-string `status` answers `VALIDATION_ERROR`; any other value answers
        `INVALID_STATUS`. Returns the whole updated lead.

        Sandbox: a locked lead answers 403 `FORBIDDEN`; the body is read as
        JSON whatever its Content-Type.
        """
        return store.update_status(principal(), lead_id, body["status"])
