"""A wholesaler's payout account: set by its owner (audited), validated per method, read by
its staff, never by another business."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from chalicelib.core.audit import AuditEntry
from chalicelib.payments.models import PayoutAccount
from tests.support.factories import make_actor, staff_of

PATH = "/settlements/payout-account"


def test_the_owner_sets_an_mpesa_number_then_a_bank_account(api, db):
    wholesaler = make_actor(db, "wholesaler")
    assert api.get(PATH, token=wholesaler.token).json_body == {"payout_account": None}

    mpesa = api.put(
        PATH, {"method": "mpesa", "account_name": "Amina Otieno", "phone": "0712345678"}, token=wholesaler.token
    )

    assert mpesa.status_code == 200, mpesa.json_body
    assert (mpesa.json_body["payout_account"]["method"], mpesa.json_body["payout_account"]["phone"]) == (
        "mpesa",
        "+254712345678",
    )
    bank = {
        "method": "bank",
        "account_name": "Amina Stores Ltd",
        "bank_code": "kcb-01",
        "bank_name": "KCB",
        "account_number": "1100 2233 44",
    }
    changed = api.put(PATH, bank, token=wholesaler.token).json_body["payout_account"]
    assert (changed["method"], changed["phone"], changed["bank_code"], changed["account_number"]) == (
        "bank",
        None,
        "KCB01",
        "1100223344",
    )
    staff = staff_of(db, wholesaler)
    assert api.get(PATH, token=staff.token).json_body["payout_account"]["account_number"] == "1100223344"
    assert api.get(PATH, token=make_actor(db, "wholesaler").token).json_body == {"payout_account": None}
    audits = db.scalars(select(AuditEntry).where(AuditEntry.action == "payout_account.set")).all()
    assert [(a.target_id, a.details["method"], a.details["account"]) for a in audits] == [
        (str(wholesaler.business.id), "mpesa", "*********5678"),
        (str(wholesaler.business.id), "bank", "******3344"),
    ]


def test_a_ugandan_number_is_taken_for_mtn_momo(api, db):
    wholesaler = make_actor(db, "wholesaler")
    body = {"method": "mtn_momo", "account_name": "Kato Traders", "phone": "0772123456"}
    answer = api.put(PATH, body, token=wholesaler.token)
    assert (answer.status_code, answer.json_body["payout_account"]["phone"]) == (200, "+256772123456")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"method": "mpesa", "account_name": "Amina", "phone": "+256772123456"}, "invalid_payout_phone"),
        ({"method": "mtn_momo", "account_name": "Kato", "phone": "+254712345678"}, "invalid_payout_phone"),
        ({"method": "mpesa", "account_name": "Amina", "phone": "+254202222222"}, "invalid_payout_phone"),
        ({"method": "mpesa", "account_name": "Amina"}, "invalid_payout_phone"),
        ({"method": "bank", "account_name": "Amina", "bank_code": "01"}, "invalid_account_number"),
        (
            {"method": "bank", "account_name": "Amina", "bank_code": "01", "account_number": "12AB56"},
            "invalid_account_number",
        ),
        (
            {"method": "bank", "account_name": "Amina", "bank_code": "0", "account_number": "123456"},
            "invalid_bank_code",
        ),
        (
            {
                "method": "bank",
                "account_name": "Amina",
                "bank_code": "01",
                "account_number": "123456",
                "phone": "+254712345678",
            },
            "phone_not_for_bank",
        ),
        (
            {"method": "mpesa", "account_name": "Amina", "phone": "+254712345678", "account_number": "123456"},
            "bank_details_not_for_mobile",
        ),
    ],
)
def test_payout_details_are_checked_and_nothing_is_stored(api, db, body, code):
    wholesaler = make_actor(db, "wholesaler")

    answer = api.put(PATH, body, token=wholesaler.token)

    assert (answer.status_code, answer.json_body["error"]["code"]) == (400, "validation_failed")
    assert [d["code"] for d in answer.json_body["error"]["details"]] == [code]
    assert db.scalar(select(PayoutAccount).where(PayoutAccount.business_id == wholesaler.business.id)) is None


def test_only_the_owner_of_a_wholesaler_sets_it(api, db):
    wholesaler = make_actor(db, "wholesaler")
    body = {"method": "mpesa", "account_name": "Amina", "phone": "+254712345678"}

    by_staff = api.put(PATH, body, token=staff_of(db, wholesaler).token)
    by_retailer = api.put(PATH, body, token=make_actor(db, "retailer").token)

    assert (by_staff.status_code, by_staff.json_body["error"]["code"]) == (403, "role_not_allowed")
    assert (by_retailer.status_code, by_retailer.json_body["error"]["code"]) == (403, "wrong_business_kind")
    assert api.get(PATH, token=make_actor(db, "retailer").token).status_code == 403
    assert db.scalar(select(PayoutAccount).where(PayoutAccount.business_id == wholesaler.business.id)) is None
