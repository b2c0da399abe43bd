"""Timing one API operation two ways: through the Lambda handler and as its bare SQL.

* Handler: an API Gateway REST proxy event is built and passed to the Chalice app
  (`app(event, context)`, exactly what Lambda calls): JWT check, the principal query,
  parsing, the service, SQL, pydantic, JSON. Every statement SQLAlchemy sends is captured
  with a `before_cursor_execute` listener: their number is "statements per request".
* Bare SQL: the very statements (text and parameters) the handler just sent, replayed
  on a plain psycopg connection in autocommit mode with the app's session settings
  (`work_mem`), rows fetched. The handler/SQL ratio
  is therefore the cost of everything that is not the database's own work on those
  statements (Python, framework, transaction control, the pool's pre-ping).
"""

from __future__ import annotations

import json
import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
from sqlalchemy import Engine

from chalicelib.core.compiled_reads import listen_to_statements

Statement = tuple[str, Any]


@dataclass
class Request:
    resource: str
    path: str
    query: dict[str, str] | None = None
    path_parameters: dict[str, str] | None = None


@dataclass
class Samples:
    handler_ms: list[float] = field(default_factory=list)
    sql_ms: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    last_statements: list[Statement] = field(default_factory=list)
    last_body: dict[str, Any] = field(default_factory=dict)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


class StatementRecorder:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[Statement] = []

    def __enter__(self) -> StatementRecorder:
        self._listening = listen_to_statements(self.engine, before=self._record)
        self._listening.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._listening.__exit__(*exc)

    def _record(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        self.statements.append((statement, parameters))


def api_event(method: str, request: Request, token: str) -> dict[str, Any]:
    headers = {"Host": "api.bench.test", "Authorization": f"Bearer {token}", "User-Agent": "benchmarks"}
    return {
        "resource": request.resource,
        "path": request.path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": request.query,
        "multiValueQueryStringParameters": {k: [v] for k, v in request.query.items()} if request.query else None,
        "pathParameters": request.path_parameters,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": request.resource,
            "httpMethod": method,
            "path": f"/prod{request.path}",
            "stage": "prod",
            "requestId": str(uuid.uuid4()),
            "identity": {"sourceIp": "203.0.113.9", "userAgent": "benchmarks"},
        },
        "body": None,
        "isBase64Encoded": False,
    }


def call_handler(app: Any, context: Any, request: Request, token: str) -> tuple[float, dict[str, Any]]:
    api_request = api_event("GET", request, token)
    started = time.perf_counter()
    answer = app(api_request, context)
    elapsed = (time.perf_counter() - started) * 1000
    if answer["statusCode"] != 200:
        raise RuntimeError(f"{request.path} {request.query}: {answer['statusCode']} {answer['body'][:500]}")
    return elapsed, json.loads(answer["body"])


def replay(conn: psycopg.Connection, statements: list[Statement]) -> float:
    started = time.perf_counter()
    for statement, parameters in statements:
        with conn.cursor() as cursor:
            cursor.execute(statement, parameters)
            if cursor.description is not None:
                cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def measure(
    app: Any,
    context: Any,
    engine: Engine,
    sql_conn: psycopg.Connection,
    token: str,
    requests: Callable[[int], Request],
    *,
    runs: int,
    warmup: int,
) -> Samples:
    samples = Samples()
    for i in range(warmup + runs):
        request = requests(i)
        with StatementRecorder(engine) as recorder:
            handler_ms, body = call_handler(app, context, request, token)
        sql_ms = replay(sql_conn, recorder.statements)
        if i >= warmup:
            samples.handler_ms.append(handler_ms)
            samples.sql_ms.append(sql_ms)
            samples.statements.append(len(recorder.statements))
            samples.last_statements, samples.last_body = recorder.statements, body
    return samples


def plan_nodes(conn: psycopg.Connection, statement: str, parameters: Any) -> list[tuple[str, str | None, str | None]]:
    """(node type, relation, index) of every node of the statement's plan."""
    with conn.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
        row = cursor.fetchone()
    assert row is not None
    document = row[0] if not isinstance(row[0], str) else json.loads(row[0])
    nodes: list[tuple[str, str | None, str | None]] = []

    def walk(node: dict[str, Any]) -> None:
        nodes.append((node["Node Type"], node.get("Relation Name"), node.get("Index Name")))
        for child in node.get("Plans", []):
            walk(child)

    walk(document[0]["Plan"])
    return nodes


def explain_analyze(conn: psycopg.Connection, statement: str, parameters: Any) -> str:
    with conn.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) " + statement, parameters)
        return "\n".join(row[0] for row in cursor.fetchall())
