"""Lead documents and the profile image (doc 6.5, 7.1): stored bytes, metadata answered, per org."""

import io

import pytest

from tests.vendors.lio.conftest import V1, error_of

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def first_lead(lio, as_="acme"):
    return lio.data(lio.get("/lead/list", as_=as_, query_string={"order_by": "id", "order_in": "ASC"}))[0]


def add_doc(lio, lead_id, data=b"hello", name="a.txt", **kwargs):
    return lio.post("/lead/document/add", data={"lead_id": str(lead_id), "document_type": "contract",
                                                "description": "d", "file": (io.BytesIO(data), name)},
                    content_type="multipart/form-data", **kwargs)


def test_document_add_then_list_metadata_only(lio):
    lead = first_lead(lio)
    doc = lio.data(add_doc(lio, lead["id"], prefix=V1), 201)
    assert doc["size"] == 5 and doc["file_name"] == "a.txt" and doc["document_type"] == "contract"
    assert "content" not in doc
    listed = lio.data(lio.get("/lead/document/list", query_string={"lead_id": lead["id"]}))
    assert doc in listed
    assert lio.data(lio.get(f"/lead/view/{lead['id']}"))["last_activity_at"] == doc["created_at"]


def test_document_add_without_file_or_empty_is_422(lio):
    lead = first_lead(lio)
    assert "file" in error_of(lio.post("/lead/document/add", data={"lead_id": str(lead["id"])},
                                       content_type="multipart/form-data"), 422, "validation_error")["fields"]
    assert "file" in error_of(add_doc(lio, lead["id"], data=b""), 422, "validation_error")["fields"]
    assert "lead_id" in error_of(add_doc(lio, "abc"), 422, "validation_error")["fields"]


def test_documents_of_other_org_lead_are_404(lio):
    globex = first_lead(lio, as_="globex")
    error_of(add_doc(lio, globex["id"]), 404, "not_found")
    error_of(lio.get("/lead/document/list", query_string={"lead_id": globex["id"]}), 404, "not_found")


def image(lio, lead_id, data, name="p.png", **kwargs):
    return lio.post(f"/lead/{lead_id}/upload-profile-image", data={"image": (io.BytesIO(data), name)},
                    content_type="multipart/form-data", **kwargs)


def test_profile_image_sets_a_stable_url(lio):
    lead = first_lead(lio)
    out = lio.data(image(lio, lead["id"], PNG, prefix=V1))
    assert out["profile_image"].startswith("https://")
    assert lio.data(lio.get(f"/lead/view/{lead['id']}"))["profile_image"] == out["profile_image"]
    docs = lio.data(lio.get("/lead/document/list", query_string={"lead_id": lead["id"]}))
    assert any(d["document_type"] == "profile_image" and d["mime_type"] == "image/png" for d in docs)


@pytest.mark.parametrize("data", [b"not an image", b"", b"\x89PNG\r\n\x1a\n" + b"\x00" * (5 * 1024 * 1024)])
def test_profile_image_rejects_non_images_and_oversize(lio, data):
    lead = first_lead(lio)
    assert "image" in error_of(image(lio, lead["id"], data), 422, "validation_error")["fields"]


def test_profile_image_of_other_org_lead_is_404_and_needs_token(lio):
    globex = first_lead(lio, as_="globex")
    error_of(image(lio, globex["id"], PNG), 404, "not_found")
    assert image(lio, globex["id"], PNG, as_=None).status_code == 401


def test_document_add_with_file_as_a_plain_form_field_is_422_naming_file(lio):
    lead = first_lead(lio)
    response = lio.post("/lead/document/add", data={"lead_id": str(lead["id"]), "file": "not a file part"},
                        content_type="multipart/form-data")
    assert "file" in error_of(response, 422, "validation_error")["fields"]
