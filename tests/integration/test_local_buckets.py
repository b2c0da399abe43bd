"""The local stack's buckets as a browser meets them: product images public, documents private."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import boto3
import httpx
import pytest
from moto.server import ThreadedMotoServer

from chalicelib.core.settings import Settings
from infra.local.aws_resources import create_resources


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def endpoint() -> Iterator[str]:
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def test_a_product_image_is_readable_without_credentials_and_a_document_is_not(endpoint: str) -> None:
    settings = Settings()
    create_resources(settings, endpoint)
    s3 = boto3.client("s3", region_name=settings.aws_region, endpoint_url=endpoint)
    s3.put_object(Bucket=settings.images_bucket, Key="products/p/1.png", Body=b"png")
    s3.put_object(Bucket=settings.verification_documents_bucket, Key="verification/b/1.pdf", Body=b"pdf")

    image = httpx.get(f"{endpoint}/{settings.images_bucket}/products/p/1.png")
    document = httpx.get(f"{endpoint}/{settings.verification_documents_bucket}/verification/b/1.pdf")

    assert (image.status_code, image.content) == (200, b"png")
    assert document.status_code == 403
