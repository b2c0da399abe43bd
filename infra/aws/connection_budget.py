"""How many database connections the Lambdas can hold at most, and what the database allows.

Every Lambda container keeps one connection to RDS Proxy (`DB_POOL_SIZE=1`), and the proxy must
be assumed to pin it to one database connection for the container's life: psycopg prepares a
statement after five executions, and a prepared statement pins the proxied session. So the
worst case is one database connection per concurrent execution, and reserved concurrency is
what bounds it: the sum over all functions (`budget`) must fit in the share of the database's
`max_connections` the proxy may use (`proxy_connection_limit`).

Aurora PostgreSQL's default is `max_connections = LEAST(DBInstanceClassMemory / 9531392, 5000)`;
Serverless v2 takes the memory of the *maximum* ACUs (2 GiB each), and with a minimum of 0.5 ACU
caps it at 2,000. `DBInstanceClassMemory` is less than the nominal memory: with 1 ACU at most,
AWS documents 189 connections where 2 GiB / 9531392 gives 225, hence `USABLE_MEMORY_SHARE`.
"""

from __future__ import annotations

from collections.abc import Iterable

from infra.aws.config import StageConfig

BYTES_PER_ACU = 2 * 1024**3
BYTES_PER_CONNECTION = 9_531_392
USABLE_MEMORY_SHARE = 0.84
MAX_CONNECTIONS = 5000
MAX_CONNECTIONS_WITH_HALF_ACU_MINIMUM = 2000


def estimated_max_connections(*, min_acu: float, max_acu: float) -> int:
    by_memory = int(max_acu * BYTES_PER_ACU * USABLE_MEMORY_SHARE / BYTES_PER_CONNECTION)
    cap = MAX_CONNECTIONS_WITH_HALF_ACU_MINIMUM if min_acu <= 0.5 else MAX_CONNECTIONS
    return min(by_memory, cap)


def proxy_connection_limit(config: StageConfig) -> int:
    """Database connections RDS Proxy may open (`MaxConnectionsPercent` of `max_connections`)."""
    total = estimated_max_connections(min_acu=config.min_acu, max_acu=config.max_acu)
    return total * config.proxy_max_connections_percent // 100


def reserved_concurrency(config: StageConfig, function: str) -> int:
    return config.reserved_concurrency.get(function, config.default_reserved_concurrency)


def budget(config: StageConfig, functions: Iterable[str]) -> dict[str, int]:
    """Worst-case database connections per function: its reserved concurrency."""
    return {function: reserved_concurrency(config, function) for function in functions}
