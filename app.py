"""The whole API in one Chalice app: `chalice local`, chalice.test.Client, one-stack deploys.

Wiring only. Each production Lambda in `functions/` builds its own app from a subset of
these blueprints.
"""

from chalicelib.accounts.principals import load_principal
from chalicelib.blueprints import all_blueprints
from chalicelib.core.app_factory import create_app

app = create_app("marketplace", all_blueprints(), principal_loader=load_principal)
