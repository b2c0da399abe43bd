"""Session settings of the application's role in this database, not in libpq startup options

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-10 09:00:00

RDS Proxy refuses connections whose startup packet carries `options`, and a `SET` on a
proxied connection pins it to its client. The settings every application connection ran
with (`-c statement_timeout=... -c work_mem=... -c max_parallel_workers_per_gather=0`) are
therefore stored on the role that runs the migrations, for this database only:
`ALTER ROLE CURRENT_USER IN DATABASE <current database> SET ...`. PostgreSQL applies them
when a connection of that role to this database starts (through the proxy too); other
databases of the server (the tests', the benchmarks') keep their own. The migrations must
run as the application's role, which is what the `migrate` Lambda does (same DATABASE_URL).

To change a value later, add a migration that runs the same statement with the new value
(or, by hand, `ALTER ROLE <app role> IN DATABASE <database> SET work_mem = '64MB'`); new
connections get it, open ones keep theirs until they are recycled (5 minutes at most).
`chalicelib.core.db.SESSION_SETTINGS` says what the application expects, and a test
compares it with what a new connection gets.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SETTINGS = (
    ("statement_timeout", "10s"),
    ("work_mem", "32MB"),
    ("max_parallel_workers_per_gather", "0"),
)


def _for_this_database(clause: str) -> str:
    """The database's name is only known on the server (in offline SQL too), hence the `DO`."""
    return (
        "DO $$ BEGIN EXECUTE 'ALTER ROLE CURRENT_USER IN DATABASE ' || quote_ident(current_database()) || "
        + "' "
        + clause.replace("'", "''")
        + "'; END $$"
    )


def upgrade() -> None:
    for name, value in SETTINGS:
        op.execute(_for_this_database(f"SET {name} = '{value}'"))


def downgrade() -> None:
    for name, _ in SETTINGS:
        op.execute(_for_this_database(f"RESET {name}"))
