"""Custom lookups and saved views (doc 6.5): one function per documented path."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.lookups import store
from app.vendors.lio.lookups.schemas import (DeletedSchema, LookupAddSchema, LookupListQuery, LookupSchema,
                                             LookupUpdateSchema, ViewAddSchema, ViewListQuery, ViewSchema,
                                             ViewUpdateSchema)

blp = LioBlueprint("lio_lookups", __name__, auth=bearer,
                   description="Custom lookups (lead statuses, priorities, sources, tags) and saved views.")


@blp.route("/custom-lookups/list", methods=["GET"])
@blp.arguments(LookupListQuery, location="query")
@blp.response(200, LookupSchema(many=True), message="Lookups fetched successfully")
@blp.doc(operationId="listCustomLookups")
def lookup_list(args):
    """List custom lookups

    Sandbox: filters `module_name`, `type`, `is_active`, `parent_id`; `search_value` matches the name.
    Status, priority and source lookups carry `value`, the integer code a lead stores.
    """
    return store.list_lookups(principal(), args)


@blp.route("/custom-lookups/add", methods=["POST"])
@blp.arguments(LookupAddSchema)
@blp.response(201, LookupSchema, message="Lookup created successfully")
@blp.doc(operationId="createCustomLookup")
def lookup_add(body):
    """Add a custom lookup

    Sandbox: a `status` without `value` gets the next free value; a value already used by that
    module and type in your organization answers 409. Priority (1-4) and source (1-5) values are
    fixed by LIO: adding one answers 422 (rename an existing one instead). `parent_id` must be a
    lookup of your organization (422). Tags (`type: "tag"`) are referred to by lookup `id`.
    """
    return store.add_lookup(principal(), body)


@blp.route("/custom-lookups/update/<int:id>", methods=["POST"])
@blp.arguments(LookupUpdateSchema)
@blp.response(200, LookupSchema, message="Lookup updated successfully")
@blp.doc(operationId="updateCustomLookup")
def lookup_update(body, id):
    """Update a custom lookup

    Sandbox: changing the `value` of a status, priority or source answers 422 (leads store the
    code); renaming one renames every lead's `*_text`. `is_active: false` makes a status unusable
    for new leads and status changes; existing leads keep their label. Another org's lookup: 404.
    """
    return store.update_lookup(principal(), id, body)


@blp.route("/custom-view/list", methods=["GET"])
@blp.arguments(ViewListQuery, location="query")
@blp.response(200, ViewSchema(many=True), message="Views fetched successfully")
@blp.doc(operationId="listCustomViews")
def view_list(args):
    """List saved views

    Sandbox: your private views plus the team and public views of your organization;
    `search_value` matches `view_name`.
    """
    return store.list_views(principal(), args)


@blp.route("/custom-view/add", methods=["POST"])
@blp.arguments(ViewAddSchema)
@blp.response(201, ViewSchema, message="View created successfully")
@blp.doc(operationId="createCustomView")
def view_add(body):
    """Save a view

    Sandbox: `visibility` is `private` (only you see it), `team` or `public` (the whole
    organization sees it). The caller is the view's creator (`user_id`).
    """
    return store.add_view(principal(), body)


@blp.route("/custom-view/update/<int:id>", methods=["POST"])
@blp.arguments(ViewUpdateSchema)
@blp.response(200, ViewSchema, message="View updated successfully")
@blp.doc(operationId="updateCustomView")
def view_update(body, id):
    """Update a saved view

    Sandbox: only the creator may update a view (another user of the organization: 403
    `forbidden`); another user's private view or another org's view answers 404.
    """
    return store.update_view(principal(), id, body)


@blp.route("/custom-view/delete/<int:id>", methods=["DELETE"])
@blp.response(200, DeletedSchema, message="View deleted successfully")
@blp.doc(operationId="deleteCustomView")
def view_delete(id):
    """Delete a saved view

    Sandbox: only the creator may delete a view (403 otherwise); answers `{"deleted": 1}`.
    """
    return store.delete_view(principal(), id)
