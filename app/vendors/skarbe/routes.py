"""Skarbe routes: contacts (list, search, create), lead statuses and the current user."""

from flask.views import MethodView

from app.core.auth import principal
from app.vendors.skarbe import store
from app.vendors.skarbe.api import SkarbeBlueprint
from app.vendors.skarbe.auth import authenticate
from app.vendors.skarbe.schemas import (
    ContactCreateSchema,
    ContactQuerySchema,
    ContactSchema,
    LeadStatusSchema,
    MeSchema,
)

blp = SkarbeBlueprint(
    "skarbe_connect", __name__, url_prefix="/api/connect", auth=authenticate,
    description="Contacts, lead statuses and user information of your workspace.",
)


@blp.route("/contacts")
class Contacts(MethodView):
    @blp.doc(operationId="listContacts")
    @blp.arguments(ContactQuerySchema, location="query", error_status_code=400)
    @blp.response(200, ContactSchema(many=True))
    def get(self, args):
        """Retrieve a list of contacts from your organization with optional search functionality.

        `query` filters contacts by first name, last name, or email. Returns
        a bare array of contacts.

        Sandbox: `query` is a case-insensitive substring, matched literally
        (`%` and `_` are ordinary characters). The list is every matching
        contact of the workspace, newest `createdAt` first, unpaginated, as
        the documentation names no paging. Missing values are `null`.
        """
        return store.list_contacts(principal(), args.get("query"))

    @blp.doc(operationId="createContact")
    @blp.arguments(ContactCreateSchema, error_status_code=400)
    @blp.response(200, ContactSchema)
    def post(self, body):
        """Create a new contact in your organization.

        At least one of `email` or `firstName` is required; `email` must be a
        valid email address if provided; `leadStatus` must be a lead status ID
        of your workspace. Errors: `At least email or firstName is required`,
        `Invalid email`, `Invalid lead status`.

        Sandbox: answers 200 with the created contact, shaped as the list
        returns it (the documentation lists no 201). `createdAt` is the
        sandbox clock's time. `phoneNumbers` takes a string or a list of
        strings and is returned as sent. `twitterUrl` is stored but, like in
        the documented attribute list, never returned. An empty string counts
        as no `email`/`firstName` for the "at least" rule, but a non-null
        `email` must still be valid. Unknown fields are ignored; a field of the
        wrong type answers 400 naming it; a body that is not JSON answers 400
        `Invalid JSON`, one that is not an object 400
        `Request body must be a JSON object`. The body is read as JSON
        whatever its Content-Type.
        """
        return store.create_contact(principal(), body)


@blp.route("/contacts/lead-statuses")
class LeadStatuses(MethodView):
    @blp.doc(operationId="listLeadStatuses")
    @blp.response(200, LeadStatusSchema(many=True))
    def get(self):
        """Retrieve all available lead statuses for your organization.

        Sandbox: every workspace has 1 `lead` "New Lead", 2 `qualified`
        "Qualified Lead" and 3 `disqualified` "Disqualified", ordered by `order`.
        """
        return store.list_lead_statuses(principal())


@blp.route("/me")
class Me(MethodView):
    @blp.doc(operationId="getMe")
    @blp.response(200, MeSchema)
    def get(self):
        """Retrieve information about the current authenticated user and their workspace.

        Sandbox: the user is the one who created the API key.
        """
        return store.me(principal())
