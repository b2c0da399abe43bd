"""Every blueprint of the API, grouped by the production Lambda that serves it.

`functions/<name>.py` serves `BLUEPRINTS_BY_FUNCTION[name]`; `app.py` serves them all.
"""

from chalice.app import Blueprint

from chalicelib.accounts import routes as accounts_routes
from chalicelib.system import routes as system_routes

BLUEPRINTS_BY_FUNCTION: dict[str, list[Blueprint]] = {
    "auth": [accounts_routes.auth_bp, accounts_routes.me_bp, accounts_routes.business_bp],
    "admin": [accounts_routes.admin_bp],
    "system": [system_routes.system_bp],
}

ALL_BLUEPRINTS: list[Blueprint] = [bp for bps in BLUEPRINTS_BY_FUNCTION.values() for bp in bps]
