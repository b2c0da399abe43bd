"""One module per production Lambda.

Python imports this package before any `functions.<name>` module, so the production settings
check runs first in every Lambda: with STAGE=prod and a setting it refuses, the container's
init fails and it never serves.
"""

from chalicelib.core.production_check import ensure_production_ready

ensure_production_ready()
