"""`python -m infra.local run|migrate|seed|create-admin|mail`."""

from infra.local.cli import main

raise SystemExit(main())
