"""Product images: presigned S3 POST uploads (moto), their order, their public URLs."""

from __future__ import annotations

import base64
import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.orm import Session

from chalicelib.catalog.models import Category, Product
from tests.integration.inventory.conftest import Account, create_product
from tests.support.api import Api
from tests.support.upload_bucket import mocked_upload_bucket

BUCKET = "marketplace-product-images"


@pytest.fixture(autouse=True)
def s3() -> Iterator[None]:
    with mocked_upload_bucket(BUCKET):
        yield


def ask_upload(api: Api, account: Account, product_id: str, content_type: str = "image/png", size: int = 2048) -> Any:
    return api.post(
        f"/inventory/products/{product_id}/images",
        {"content_type": content_type, "size_bytes": size},
        token=account.token,
    )


def image_keys(db: Session, product_id: str) -> list[str]:
    db.expire_all()
    product = db.get(Product, uuid.UUID(product_id))
    assert product is not None
    return list(product.image_keys)


def test_an_upload_is_a_presigned_post_whose_policy_enforces_type_and_size(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    product = create_product(api, wholesaler, beverages)

    response = ask_upload(api, wholesaler, product["id"], "image/webp", 123_456)

    assert response.status_code == 201, response.json_body
    body = response.json_body
    key = body["key"]
    assert re.fullmatch(rf"products/{wholesaler.business_id}/{product['id']}/[0-9a-f]{{32}}\.webp", key)
    assert body["position"] == 0
    assert body["url"] == f"https://{BUCKET}.s3.eu-west-1.amazonaws.com/"
    assert body["expires_in"] == 900
    assert body["public_url"] == f"https://{BUCKET}.s3.eu-west-1.amazonaws.com/{key}"
    assert response.headers["Cache-Control"] == "no-store"
    fields = body["fields"]
    assert fields["key"] == key
    assert fields["Content-Type"] == "image/webp"
    assert set(fields) == {
        "key",
        "Content-Type",
        "policy",
        "x-amz-signature",
        "x-amz-credential",
        "x-amz-algorithm",
        "x-amz-date",
    }
    assert fields["x-amz-algorithm"] == "AWS4-HMAC-SHA256"

    policy = json.loads(base64.b64decode(fields["policy"]))
    conditions = policy["conditions"]
    assert {"Content-Type": "image/webp"} in conditions
    assert ["content-length-range", 1, 123_456] in conditions
    assert {"bucket": BUCKET} in conditions
    assert {"key": key} in conditions
    assert image_keys(db, product["id"]) == [key]

    shown = api.get(f"/inventory/products/{product['id']}", token=wholesaler.token).json_body
    assert shown["images"] == [{"key": key, "url": f"https://{BUCKET}.s3.eu-west-1.amazonaws.com/{key}"}]


@pytest.mark.parametrize(
    ("content_type", "size", "field"),
    [
        ("image/gif", 100, "content_type"),
        ("image/png", 5 * 1024 * 1024 + 1, "size_bytes"),
        ("image/png", 0, "size_bytes"),
    ],
)
def test_unsupported_types_and_sizes_are_refused(
    api: Api, db: Session, wholesaler: Account, beverages: Category, content_type: str, size: int, field: str
) -> None:
    product = create_product(api, wholesaler, beverages)
    response = ask_upload(api, wholesaler, product["id"], content_type, size)
    assert response.status_code == 400
    assert [d["field"] for d in response.json_body["error"]["details"]] == [field]
    assert image_keys(db, product["id"]) == []


def test_a_product_has_at_most_ten_images(api: Api, db: Session, wholesaler: Account, beverages: Category) -> None:
    product = create_product(api, wholesaler, beverages)
    for position in range(10):
        assert ask_upload(api, wholesaler, product["id"]).json_body["position"] == position

    response = ask_upload(api, wholesaler, product["id"])

    assert response.status_code == 422
    assert response.json_body["error"]["code"] == "too_many_images"
    assert len(image_keys(db, product["id"])) == 10


def test_images_are_reordered_and_removed_by_position(
    api: Api, db: Session, wholesaler: Account, beverages: Category
) -> None:
    product = create_product(api, wholesaler, beverages)
    keys = [ask_upload(api, wholesaler, product["id"]).json_body["key"] for _ in range(3)]
    path = f"/inventory/products/{product['id']}/images"

    reordered = api.put(path, {"keys": [keys[2], keys[0], keys[1]]}, token=wholesaler.token)
    assert reordered.status_code == 200
    assert [image["key"] for image in reordered.json_body["images"]] == [keys[2], keys[0], keys[1]]

    not_a_permutation = api.put(path, {"keys": [keys[0], keys[0], keys[1]]}, token=wholesaler.token)
    assert not_a_permutation.status_code == 400
    assert not_a_permutation.json_body["error"]["details"][0]["code"] == "not_a_reordering"

    removed = api.delete(f"{path}/1", token=wholesaler.token)
    assert removed.status_code == 200
    assert [image["key"] for image in removed.json_body["images"]] == [keys[2], keys[1]]
    assert image_keys(db, product["id"]) == [keys[2], keys[1]]

    for position in ("2", "-1", "x"):
        missing = api.delete(f"{path}/{position}", token=wholesaler.token)
        assert missing.status_code == 404
        assert missing.json_body["error"]["code"] == "image_not_found"
    assert image_keys(db, product["id"]) == [keys[2], keys[1]]


def test_with_an_images_cdn_the_public_urls_are_the_cdns(
    api: Api, wholesaler: Account, beverages: Category, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deployed bucket is private: readers get the images through the CDN in front of it."""
    from chalicelib.core.settings import get_settings

    monkeypatch.setenv("IMAGES_BASE_URL", "https://images.soko.example/")
    get_settings.cache_clear()
    try:
        product = create_product(api, wholesaler, beverages)
        key = ask_upload(api, wholesaler, product["id"]).json_body["key"]
        uploaded = api.get(f"/inventory/products/{product['id']}", token=wholesaler.token).json_body
    finally:
        monkeypatch.delenv("IMAGES_BASE_URL")
        get_settings.cache_clear()

    assert [image["url"] for image in uploaded["images"]] == [f"https://images.soko.example/{key}"]
