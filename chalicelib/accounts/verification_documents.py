"""A wholesaler's verification documents: the owner adds them (a presigned upload straight to
the private bucket) and removes them while the verification is pending; platform staff read
them, each through a short-lived download link, beside the verification history.

At most `MAX_DOCUMENTS` per business. Removing a document deletes its row and then its file.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from chalicelib.accounts import admin_repository, document_storage, repository
from chalicelib.accounts.admin_presenters import document_out, verification_event_out
from chalicelib.accounts.admin_schemas import (
    BusinessVerificationOut,
    DocumentUploadOut,
    DocumentUploadRequest,
    PresignedUploadOut,
    ReviewedDocumentOut,
    VerificationDocumentList,
)
from chalicelib.accounts.errors import (
    BusinessNotFound,
    DocumentNotFound,
    NotAWholesaler,
    TooManyDocuments,
    VerificationNotPending,
)
from chalicelib.accounts.models import Business, VerificationDocument
from chalicelib.core.audit import record_audit
from chalicelib.core.clock import utcnow
from chalicelib.core.principal import Principal

MAX_DOCUMENTS = 20


def _pending_wholesaler(session: Session, principal: Principal) -> Business:
    business = repository.get_business(session, principal.require_business_id(), for_update=True)
    if business is None:
        raise BusinessNotFound()
    if business.kind != "wholesaler":
        raise NotAWholesaler()
    if business.verification_status != "pending":
        raise VerificationNotPending()
    return business


def add_document(
    session: Session, *, principal: Principal, request: DocumentUploadRequest, source_ip: str | None
) -> DocumentUploadOut:
    business = _pending_wholesaler(session, principal)
    if admin_repository.count_documents(session, business.id) >= MAX_DOCUMENTS:
        raise TooManyDocuments()
    document_id = uuid.uuid4()
    key = document_storage.new_key(business_id=business.id, document_id=document_id, content_type=request.content_type)
    document = VerificationDocument(
        id=document_id,
        business_id=business.id,
        kind=request.kind,
        filename=request.filename,
        content_type=request.content_type,
        size_bytes=request.size_bytes,
        storage_key=key,
        uploaded_by=principal.user_id,
        created_at=utcnow(),
    )
    session.add(document)
    session.flush()
    record_audit(
        session,
        "business.verification_document_added",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="business",
        target_id=business.id,
        details={"document_id": str(document.id), "kind": document.kind},
    )
    upload = document_storage.presign_upload(key=key, content_type=request.content_type, size_bytes=request.size_bytes)
    return DocumentUploadOut(
        document=document_out(document),
        upload=PresignedUploadOut(url=upload.url, fields=upload.fields, expires_in=upload.expires_in),
    )


def list_documents(session: Session, *, principal: Principal) -> VerificationDocumentList:
    business_id = principal.require_business_id()
    return VerificationDocumentList(
        items=[document_out(d) for d in admin_repository.documents_of(session, business_id)]
    )


def remove_document(session: Session, *, principal: Principal, document_id: uuid.UUID, source_ip: str | None) -> None:
    business = _pending_wholesaler(session, principal)
    document = admin_repository.document_of(session, business.id, document_id)
    if document is None:
        raise DocumentNotFound()
    session.delete(document)
    record_audit(
        session,
        "business.verification_document_removed",
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="business",
        target_id=business.id,
        details={"document_id": str(document_id), "kind": document.kind},
    )
    session.flush()
    document_storage.delete_file(document.storage_key)


def business_verification(session: Session, *, business_id: uuid.UUID) -> BusinessVerificationOut:
    business = repository.get_business(session, business_id)
    if business is None:
        raise BusinessNotFound()
    documents = [
        ReviewedDocumentOut(
            **document_out(document).model_dump(),
            download_url=document_storage.download_url(key=document.storage_key, filename=document.filename),
            download_expires_in=document_storage.DOWNLOAD_TTL_SECONDS,
        )
        for document in admin_repository.documents_of(session, business.id)
    ]
    return BusinessVerificationOut(
        status=business.verification_status,
        reason=business.verification_reason,
        verified_at=business.verified_at,
        verified_by=business.verified_by,
        documents=documents,
        history=[verification_event_out(row) for row in admin_repository.verification_history(session, business.id)],
    )
