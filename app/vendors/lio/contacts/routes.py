"""Contact routes (doc 6.4): one function per documented path, named after it."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.common import DeletedSchema, UpdatedSchema
from app.vendors.lio.contacts import store
from app.vendors.lio.contacts.schemas import (ContactBulkUpdateSchema, ContactCreateSchema, ContactDeleteSchema,
                                              ContactListQuery, ContactSchema, ContactUpdateSchema)

blp = LioBlueprint("lio_contacts", __name__, auth=bearer, description="People at the organization's companies.")


@blp.route("/contact/list", methods=["GET"])
@blp.arguments(ContactListQuery, location="query")
@blp.response(200, ContactSchema(many=True), message="Contacts fetched successfully")
@blp.doc(operationId="listContacts")
def contact_list(args):
    """List contacts (filter, sort, paginate)

    Sandbox: `my=true` keeps the contacts you created; `company_id`, `lead_id` and `status` take
    comma-separated ids; `lead_score_min`/`lead_score_max` are inclusive (0-100); `tags` keeps
    contacts having all the given tag ids; `search_value` is a substring of name, email or
    designation; `start_date`/`end_date` are inclusive on `created_at`.
    """
    return store.list_contacts(principal(), args)


@blp.route("/contact/view/<int:id>", methods=["GET"])
@blp.response(200, ContactSchema, message="Contact fetched successfully")
@blp.doc(operationId="getContact")
def contact_view(id):
    """Get one contact

    Sandbox: a contact of another organization answers 404.
    """
    return store.get_contact(principal(), id)


@blp.route("/contact/add", methods=["POST"])
@blp.arguments(ContactCreateSchema)
@blp.response(201, ContactSchema, message="Contact created successfully")
@blp.doc(operationId="createContact")
def contact_add(body):
    """Create a contact

    Sandbox: `company_id` must be a company of your organization and `lead_id` a lead of it,
    `status` a status lookup value and `tags` tag lookup ids of your organization (422 naming the
    field otherwise); `lead_score` is 0-100 (default 0).
    """
    return store.create_contact(principal(), body)


@blp.route("/contact/update/<int:id>", methods=["POST"])
@blp.arguments(ContactUpdateSchema)
@blp.response(200, ContactSchema, message="Contact updated successfully")
@blp.doc(operationId="updateContact")
def contact_update(body, id):
    """Update a contact

    Sandbox: only the fields sent change, with the rules of create; `tags` replaces the list;
    `company_id: null` unlinks the company.
    """
    return store.update_contact(principal(), id, body)


@blp.route("/contact/bulk-update", methods=["POST"])
@blp.arguments(ContactBulkUpdateSchema)
@blp.response(200, UpdatedSchema, message="Contacts updated successfully")
@blp.doc(operationId="bulkUpdateContacts")
def contact_bulk_update(body):
    """Bulk update contacts

    Sandbox: send `contact_ids` or `select_all: true` with `filters` (the list's query parameters:
    `company_id`, `lead_score_min`, `tags`, ...), not both; and at least one of `company_id`,
    `lead_score`, `tags` (which replaces each contact's tags). Contacts of other organizations are
    never touched. Answers `data: {"updated": <count>}`.
    """
    return store.bulk_update(principal(), body)


@blp.route("/contact/delete/<int:id>", methods=["DELETE"])
@blp.arguments(ContactDeleteSchema, location="json_or_form")
@blp.response(200, DeletedSchema, message="Contacts deleted successfully")
@blp.doc(operationId="deleteContacts")
def contact_delete(body, id):
    """Delete contacts

    Sandbox: deletes the path id plus any body `ids` (use path id `0` to delete only body `ids`);
    `select_all: true` with `filters` (the list's filters) deletes every matching contact instead.
    Ids of other organizations are ignored; 404 when none is yours.
    """
    return store.delete_contacts(principal(), id, body)
