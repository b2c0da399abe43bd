"""Accounts HTTP routes: registration, sign-in, sessions, profile, staff, admin verification."""

from __future__ import annotations

from chalice import Blueprint

auth_bp = Blueprint(f"{__name__}.auth")
me_bp = Blueprint(f"{__name__}.me")
business_bp = Blueprint(f"{__name__}.business")
admin_bp = Blueprint(f"{__name__}.admin")
