"""The whole API in one Chalice app: `chalice local`, chalice.test.Client, one-stack deploys.

Wiring only. Each production Lambda in `functions/` builds its own app from a subset of
these blueprints. The app is not named after the Powertools service ("marketplace"):
Chalice's logger is the logger of the app's name, and `debug = False` would silence the
service's own warnings.
"""

from chalicelib.accounts.principals import load_principal
from chalicelib.blueprints import all_blueprints
from chalicelib.core.app_factory import create_app
from chalicelib.core.production_check import ensure_production_ready
from chalicelib.wiring import wire_packages

ensure_production_ready()
wire_packages()
app = create_app("marketplace-api", all_blueprints(), principal_loader=load_principal)
