"""Fixtures for the notifications pipeline: moto at the AWS edge, people to notify."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from moto import mock_aws
from sqlalchemy.orm import Session

from chalicelib.accounts.models import AuthSession, Business, User
from chalicelib.core import aws
from chalicelib.core.clock import utcnow
from chalicelib.core.security import issue_access_token
from chalicelib.core.settings import get_settings
from tests.integration.notifications.edge import REGION, AwsEdge

_seq = itertools.count(1)


@pytest.fixture
def edge(monkeypatch: pytest.MonkeyPatch) -> Iterator[AwsEdge]:
    """moto SQS (queue + DLQ with a redrive policy), SES with the sender verified, SNS; the
    settings point at them, with the outbox fast path on."""
    settings = get_settings()
    with mock_aws():
        aws.reset_clients()
        monkeypatch.setattr(settings, "aws_region", REGION)
        sqs = aws.sqs()
        dlq_url = sqs.create_queue(QueueName="notifications-dlq")["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        queue_url = sqs.create_queue(
            QueueName="notifications",
            Attributes={"RedrivePolicy": f'{{"deadLetterTargetArn": "{dlq_arn}", "maxReceiveCount": "5"}}'},
        )["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        aws.ses().verify_email_identity(EmailAddress=settings.email_sender)
        monkeypatch.setattr(settings, "notifications_queue_url", queue_url)
        monkeypatch.setattr(settings, "notifications_dlq_url", dlq_url)
        monkeypatch.setattr(settings, "outbox_fast_path", True)
        try:
            yield AwsEdge(queue_url=queue_url, dlq_url=dlq_url, queue_arn=queue_arn)
        finally:
            aws.reset_clients()


@dataclass
class Person:
    user: User
    business: Business | None
    token: str

    @property
    def email(self) -> str:
        return self.user.email


class People:
    """Businesses and users written straight to the database, with real access tokens."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def business(self, kind: str = "wholesaler") -> Business:
        n = next(_seq)
        business = Business(
            id=uuid.uuid4(),
            kind=kind,
            name=f"Jua Kali Traders {n}",
            registration_number=f"NT-{n:06d}-{uuid.uuid4().hex[:6]}",
            tax_id=f"P{n:09d}N" if kind == "wholesaler" else None,
            phone="+254712345678",
            email=f"biz{n}-{uuid.uuid4().hex[:6]}@example.co.ke",
            address_line=f"{n} Tom Mboya Street",
            city="Nairobi",
            region="Nairobi",
            country="KE",
            verification_status="pending" if kind == "wholesaler" else "not_required",
        )
        self.session.add(business)
        self.session.flush()
        return business

    def user(
        self,
        business: Business | None,
        *,
        role: str = "owner",
        status: str = "active",
        phone: str | None = "+254722000111",
    ) -> Person:
        n = next(_seq)
        user = User(
            id=uuid.uuid4(),
            business_id=business.id if business else None,
            role=role,
            status=status,
            email=f"person{n}-{uuid.uuid4().hex[:6]}@example.co.ke",
            full_name=f"Wanjiru Person {n}",
            phone=phone,
            password_hash=None,
        )
        self.session.add(user)
        self.session.flush()
        return Person(user=user, business=business, token=self._token(user, business))

    def owner(self, kind: str = "wholesaler") -> Person:
        return self.user(self.business(kind), role="owner")

    def _token(self, user: User, business: Business | None) -> str:
        now = utcnow()
        auth_session = AuthSession(
            id=uuid.uuid4(), user_id=user.id, created_at=now, last_used_at=now, expires_at=now + timedelta(days=1)
        )
        self.session.add(auth_session)
        self.session.flush()
        token, _ = issue_access_token(
            user_id=user.id,
            session_id=auth_session.id,
            role=user.role,
            business_id=business.id if business else None,
            business_kind=business.kind if business else None,
        )
        return token


@pytest.fixture
def people(db: Session) -> People:
    return People(db)
