"""A wholesaler's verification documents (`/business/verification-documents`): the owner adds
and removes them while the business's verification is pending; its people list them."""

from __future__ import annotations

import uuid

from chalice.app import Blueprint

from chalicelib.accounts import verification_documents
from chalicelib.accounts.admin_schemas import DocumentUploadOut, DocumentUploadRequest, VerificationDocumentList
from chalicelib.core.http import RequestContext, endpoint
from chalicelib.core.principal import BUSINESS_ROLES, OWNER, WHOLESALER

verification_documents_bp = Blueprint(f"{__name__}.verification_documents")


@endpoint(
    verification_documents_bp,
    "/business/verification-documents",
    "POST",
    summary="Add a verification document: a presigned upload for the file (owner, while pending)",
    roles=(OWNER,),
    business_kinds=(WHOLESALER,),
    request=DocumentUploadRequest,
    response=DocumentUploadOut,
    status=201,
    errors=(422,),
    tags=("business",),
    no_store=True,
)
def add_verification_document(ctx: RequestContext[DocumentUploadRequest, None]) -> DocumentUploadOut:
    return verification_documents.add_document(
        ctx.session, principal=ctx.principal, request=ctx.body, source_ip=ctx.source_ip
    )


@endpoint(
    verification_documents_bp,
    "/business/verification-documents",
    "GET",
    summary="Your business's verification documents",
    roles=BUSINESS_ROLES,
    business_kinds=(WHOLESALER,),
    response=VerificationDocumentList,
    tags=("business",),
    read_only=True,
)
def list_verification_documents(ctx: RequestContext) -> VerificationDocumentList:
    return verification_documents.list_documents(ctx.session, principal=ctx.principal)


@endpoint(
    verification_documents_bp,
    "/business/verification-documents/{id}",
    "DELETE",
    summary="Remove a verification document (owner, while pending)",
    roles=(OWNER,),
    business_kinds=(WHOLESALER,),
    errors=(422,),
    tags=("business",),
)
def remove_verification_document(ctx: RequestContext, id: uuid.UUID) -> None:
    verification_documents.remove_document(
        ctx.session, principal=ctx.principal, document_id=id, source_ip=ctx.source_ip
    )
