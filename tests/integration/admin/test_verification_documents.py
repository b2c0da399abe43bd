"""A wholesaler's verification documents: presigned uploads, the list, removal only while the
verification is pending, and the admins' review with short-lived download links."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from chalicelib.accounts.models import VerificationDocument
from chalicelib.core.audit import AuditEntry
from chalicelib.core.presigned_uploads import s3_client
from tests.integration.admin.conftest import Staff
from tests.support.api import Api, count
from tests.support.factories import Actor, make_actor, staff_of
from tests.support.upload_bucket import mocked_upload_bucket

PATH = "/business/verification-documents"
PDF = {
    "kind": "tax_certificate",
    "filename": "KRA PIN certificate.pdf",
    "content_type": "application/pdf",
    "size_bytes": 250_000,
}


BUCKET = "marketplace-verification-documents"


@pytest.fixture(autouse=True)
def s3() -> Iterator[None]:
    with mocked_upload_bucket(BUCKET):
        yield


def stored_keys() -> list[str]:
    return [item["Key"] for item in s3_client().list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def pending_wholesaler(db: Session) -> Actor:
    return make_actor(db, "wholesaler", verified_business=False)


def documents(db: Session, actor: Actor) -> list[VerificationDocument]:
    return list(db.scalars(select(VerificationDocument).where(VerificationDocument.business_id == actor.business.id)))


def envelope(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": []}}


NOT_PENDING = envelope(
    "verification_not_pending", "Documents can be added or removed only while the business's verification is pending."
)


def test_the_owner_gets_a_presigned_upload_for_a_document(api: Api, db: Session) -> None:
    owner = pending_wholesaler(db)

    response = api.post(PATH, PDF, token=owner.token)

    assert response.status_code == 201, response.json_body
    document, upload = response.json_body["document"], response.json_body["upload"]
    [row] = documents(db, owner)
    assert document["id"] == str(row.id)
    assert (document["kind"], document["filename"], document["size_bytes"]) == (
        "tax_certificate",
        "KRA PIN certificate.pdf",
        250_000,
    )
    assert row.storage_key == f"verification/{owner.business.id}/{row.id}.pdf"
    assert upload["fields"]["key"] == row.storage_key
    assert upload["fields"]["Content-Type"] == "application/pdf"
    assert BUCKET in upload["url"]
    assert upload["expires_in"] == 900
    assert count(db, AuditEntry, AuditEntry.action == "business.verification_document_added") == 1


def test_the_team_lists_the_documents_and_only_its_own(api: Api, db: Session) -> None:
    owner, other = pending_wholesaler(db), pending_wholesaler(db)
    mine = api.post(PATH, PDF, token=owner.token).json_body["document"]
    api.post(PATH, {**PDF, "kind": "other"}, token=other.token)

    response = api.get(PATH, token=staff_of(db, owner).token)

    assert response.status_code == 200
    assert response.json_body == {"items": [mine]}


def test_the_owner_removes_a_document_while_pending(api: Api, db: Session) -> None:
    owner = pending_wholesaler(db)
    document = api.post(PATH, PDF, token=owner.token).json_body["document"]
    [row] = documents(db, owner)
    s3_client().put_object(Bucket=BUCKET, Key=row.storage_key, Body=b"%PDF-1.7")
    assert stored_keys() == [row.storage_key]

    response = api.delete(f"{PATH}/{document['id']}", token=owner.token)

    assert response.status_code == 204
    assert documents(db, owner) == []
    assert stored_keys() == []
    assert count(db, AuditEntry, AuditEntry.action == "business.verification_document_removed") == 1


def test_once_verified_documents_can_be_neither_added_nor_removed(api: Api, db: Session, admin: Staff) -> None:
    owner = pending_wholesaler(db)
    document = api.post(PATH, PDF, token=owner.token).json_body["document"]
    api.post(f"/admin/businesses/{owner.business.id}/verification", {"status": "verified"}, token=admin.token)

    added = api.post(PATH, PDF, token=owner.token)
    removed = api.delete(f"{PATH}/{document['id']}", token=owner.token)

    assert (added.status_code, added.json_body) == (422, NOT_PENDING)
    assert (removed.status_code, removed.json_body) == (422, NOT_PENDING)
    assert len(documents(db, owner)) == 1


def test_another_wholesalers_document_is_not_found(api: Api, db: Session) -> None:
    owner, other = pending_wholesaler(db), pending_wholesaler(db)
    theirs = api.post(PATH, PDF, token=other.token).json_body["document"]

    response = api.delete(f"{PATH}/{theirs['id']}", token=owner.token)

    assert (response.status_code, response.json_body) == (404, envelope("document_not_found", "No such document."))
    assert len(documents(db, other)) == 1


def test_at_most_twenty_documents_are_kept(api: Api, db: Session) -> None:
    owner = pending_wholesaler(db)
    for _ in range(20):
        assert api.post(PATH, PDF, token=owner.token).status_code == 201

    response = api.post(PATH, PDF, token=owner.token)

    assert (response.status_code, response.json_body) == (
        422,
        envelope("too_many_documents", "A business can keep at most 20 verification documents. Remove one first."),
    )
    assert len(documents(db, owner)) == 20


def test_only_pdf_jpeg_or_png_up_to_ten_megabytes(api: Api, db: Session) -> None:
    owner = pending_wholesaler(db)

    too_big = api.post(PATH, {**PDF, "size_bytes": 10 * 1024 * 1024 + 1}, token=owner.token)
    wrong_type = api.post(PATH, {**PDF, "content_type": "text/html"}, token=owner.token)
    path_in_name = api.post(PATH, {**PDF, "filename": "../etc/passwd"}, token=owner.token)

    assert [r.status_code for r in (too_big, wrong_type, path_in_name)] == [400, 400, 400]
    assert [r.json_body["error"]["details"][0]["field"] for r in (too_big, wrong_type, path_in_name)] == [
        "size_bytes",
        "content_type",
        "filename",
    ]
    assert documents(db, owner) == []


def test_staff_and_retailers_cannot_add_documents(api: Api, db: Session) -> None:
    owner = pending_wholesaler(db)
    retailer = make_actor(db, "retailer")

    by_staff = api.post(PATH, PDF, token=staff_of(db, owner).token)
    by_retailer = api.post(PATH, PDF, token=retailer.token)

    assert (by_staff.status_code, by_staff.json_body["error"]["code"]) == (403, "role_not_allowed")
    assert (by_retailer.status_code, by_retailer.json_body["error"]["code"]) == (403, "wrong_business_kind")
    assert documents(db, owner) == []


def test_an_admin_reviews_the_documents_through_short_lived_links(api: Api, db: Session, support: Staff) -> None:
    owner = pending_wholesaler(db)
    document = api.post(PATH, PDF, token=owner.token).json_body["document"]

    response = api.get(f"/admin/businesses/{owner.business.id}/verification", token=support.token)

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    [reviewed] = response.json_body["documents"]
    assert reviewed["id"] == document["id"]
    link = urlparse(reviewed["download_url"])
    assert link.path.endswith(f"verification/{owner.business.id}/{document['id']}.pdf")
    query = parse_qs(link.query)
    assert query["X-Amz-Expires"] == ["300"]
    assert query["response-content-disposition"] == ['attachment; filename="KRA PIN certificate.pdf"']
    assert reviewed["download_expires_in"] == 300
    detail = api.get(f"/admin/businesses/{owner.business.id}", token=support.token).json_body
    assert detail["counts"]["documents"] == 1
    assert [d["id"] for d in detail["documents"]] == [document["id"]]
    assert "download_url" not in detail["documents"][0]
    assert api.get(f"/admin/businesses/{uuid.uuid4()}/verification", token=support.token).status_code == 404


def test_the_upload_policy_holds_the_browser_to_the_declared_type_and_size(api: Api, db: Session) -> None:
    owner = pending_wholesaler(db)

    response = api.post(PATH, {**PDF, "content_type": "image/png", "filename": "id.png"}, token=owner.token)

    fields = response.json_body["upload"]["fields"]
    conditions = json.loads(base64.b64decode(fields["policy"]))["conditions"]
    assert {"bucket": "marketplace-verification-documents"} in conditions
    assert {"key": fields["key"]} in conditions
    assert {"Content-Type": "image/png"} in conditions
    assert ["content-length-range", 1, 250_000] in conditions
    assert fields["key"].endswith(".png")
