"""The few lines every function module shares: a Chalice app from that Lambda's blueprints."""

from __future__ import annotations

from chalice.app import Chalice

from chalicelib.accounts.principals import load_principal
from chalicelib.blueprints import SETTLES_PAYMENTS, blueprints_of
from chalicelib.core.app_factory import create_app
from chalicelib.wiring import wire_packages


def build_function_app(name: str) -> Chalice:
    wire_packages(payment_purposes=name in SETTLES_PAYMENTS)
    return create_app(name, blueprints_of(name), principal_loader=load_principal)
