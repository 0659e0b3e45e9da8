"""File uploads, attachments and exports (doc 6.15): one function per documented path."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.files import store
from app.vendors.lio.files.schemas import (AttachmentSchema, ExportCreateSchema, ExportListQuery, ExportSchema,
                                           FileAttachSchema, FileListQuery, JobSchema, StorageFileFormSchema,
                                           StorageFileSchema)

blp = LioBlueprint("lio_files", __name__, auth=bearer,
                   description="Upload files, attach cloud files to records, export records as CSV.")


@blp.route("/storage-file/add", methods=["POST"])
@blp.arguments(StorageFileFormSchema, location="form", content_type="multipart/form-data")
@blp.response(201, StorageFileSchema, message="File uploaded successfully")
@blp.doc(operationId="addStorageFile")
def storage_file_add(form):
    """Upload a file

    Sandbox: multipart/form-data with `file` (any type, 1 byte to 10 MB, else 422 naming `file`)
    and an optional display `name` (else the upload's file name). The bytes are kept in the
    sandbox database; `mime_type` is the part's Content-Type (guessed from the name when absent or
    `application/octet-stream`), `category` follows from it, `checksum` is the SHA-256 of the
    bytes. Attach the file to a record with `POST /api/file/attach` and `storage_file_id`.
    """
    return store.add_storage_file(principal(), form, form["file"])


@blp.route("/file/attach", methods=["POST"])
@blp.arguments(FileAttachSchema)
@blp.response(201, AttachmentSchema, message="File attached successfully")
@blp.doc(operationId="attachFile")
def file_attach(body):
    """Attach a cloud file

    Sandbox: `subject_type` is `lead`, `contact`, `company` or `deal`; `subject_id` must be such a
    record of your organization, else 422 naming `subject_id`. Send either `provider`
    (`google_drive`, `onedrive`, `dropbox`) with `file` `{id, name, mime_type, web_url}` (the file
    is referenced, not downloaded), or `storage_file_id` (a file of yours uploaded with
    `storage-file/add`; provider `storage`), else 422. `category` comes from the MIME type (pdf,
    image, spreadsheet, presentation, document, other). The record's feed gets `file_attached`.
    """
    return store.attach(principal(), body)


@blp.route("/file/list", methods=["GET"])
@blp.arguments(FileListQuery, location="query")
@blp.response(200, AttachmentSchema(many=True), message="Files fetched successfully")
@blp.doc(operationId="listFiles")
def file_list(args):
    """List attached files

    Sandbox: `subject_type` and `subject_id` are required; a record that is not of your
    organization answers 404. `category` and `provider` narrow the list, `search_value` matches
    the file name; paginated like every list.
    """
    return store.list_files(principal(), args)


@blp.route("/exports/create", methods=["POST"])
@blp.arguments(ExportCreateSchema)
@blp.response(202, JobSchema, message="Export queued")
@blp.doc(operationId="createExport")
def exports_create(body):
    """Start an export job

    Sandbox: `export_type` is `leads`, `companies`, `contacts` or `clients` (leads with a deal in
    a won stage). `filters` takes the entity's list query parameters (`lead/list` for leads and
    clients, `company/list`, `contact/list`), validated the same way (422 naming `filters`), and
    `order_by`/`order_in` for the row order; paging is ignored. Answers 202 with the `export` job
    (its `id` is the export id): `queued` for 1 s, `processing` until 5 s of sandbox time, then
    `completed` with the CSV of your organization's matching rows (at most 10,000; more fails the
    job) and an `export_done` notification for you.
    """
    return store.create_export(principal(), body)


@blp.route("/exports/list", methods=["GET"])
@blp.arguments(ExportListQuery, location="query")
@blp.response(200, ExportSchema(many=True), message="Exports fetched successfully")
@blp.doc(operationId="listExports")
def exports_list(args):
    """List exports

    Sandbox: your organization's exports, newest first, with the job `status`, the CSV's `rows`
    and `size` once completed; `export_type` narrows the list.
    """
    return store.list_exports(principal(), args)


@blp.route("/exports/download/<int:id>", methods=["GET"])
@blp.response(200, content_type="text/csv", description="The CSV (header row first, UTF-8).")
@blp.doc(operationId="downloadExport")
def exports_download(id):
    """Download an export

    Sandbox: the CSV (`text/csv`, `Content-Disposition: attachment`) once the export is
    `completed`; 409 `conflict` while it is `queued` or `processing` (or when it failed); an
    export of another organization answers 404. Columns: the entity's fields (leads add the
    resolved `*_text` labels; `tags` are names joined with `;`).
    """
    content, file_name = store.download(principal(), id)
    return content, {"Content-Disposition": f'attachment; filename="{file_name}"'}
