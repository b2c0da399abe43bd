"""Declaring routes: parsing, authentication, the unit of work and the route table.

`endpoint(...)` registers a Chalice route and records its contract (request, query and
response models, roles) in `ROUTES`, from which the OpenAPI document is generated. The
wrapped view receives a `RequestContext` whose `body`/`query` are already validated
pydantic models and whose `session` belongs to a unit of work that is committed once
when the view returns normally and rolled back otherwise. `read_only=True` declares a
view that never writes: its statements run in autocommit (no BEGIN/COMMIT round trips).

Before any of that, path parameters, query parameters and header values with control
characters are refused (`core.control_characters`); JSON bodies are read by
`core.json_input` (no floats, bounded nesting, no control characters in strings) and a raw
body the view reads itself (`consumes=`, e.g. text/csv) is screened for control characters too.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Generic

from chalice.app import Blueprint, Request, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session
from typing_extensions import TypeVar

from chalicelib.core.binary_answers import BINARY_ANSWERS, accept_binary
from chalicelib.core.control_characters import check_raw_text_body, check_request_text
from chalicelib.core.db import UnitOfWork, unit_of_work
from chalicelib.core.errors import DomainError, Forbidden, NotFound, Unauthorized, ValidationFailed, field_error
from chalicelib.core.json_input import load_json_body
from chalicelib.core.principal import Principal, PrincipalLoader
from chalicelib.core.relay import publish_recorded_events
from chalicelib.core.security import decode_access_token

PUBLIC: frozenset[str] = frozenset()
MAX_JSON_BODY_BYTES = 256 * 1024

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class HeaderParam:
    """A request header the view reads, for the OpenAPI document (e.g. `Idempotency-Key`)."""

    name: str
    required: bool
    description: str
    schema: dict[str, Any]


@dataclass(frozen=True)
class RouteSpec:
    blueprint: str
    path: str
    method: str
    summary: str
    request: type[BaseModel] | None
    query: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    roles: frozenset[str]
    business_kinds: frozenset[str] | None
    tags: tuple[str, ...]
    errors: tuple[int, ...]
    produces: str
    uuid_params: tuple[str, ...] = ()
    consumes: str | None = None  # a raw (non-JSON) request body the view reads itself, e.g. text/csv
    headers: tuple[HeaderParam, ...] = ()


ROUTES: list[RouteSpec] = []

_principal_loader: PrincipalLoader | None = None


def set_principal_loader(loader: PrincipalLoader) -> None:
    global _principal_loader
    _principal_loader = loader


BodyT = TypeVar("BodyT", default=None)
QueryT = TypeVar("QueryT", default=None)


@dataclass
class RequestContext(Generic[BodyT, QueryT]):
    """What a view gets: the request, its unit of work, the caller, and the body and query
    already validated as the route's pydantic models. A view says which, so that services
    receive typed models: `ctx: RequestContext[RefundRequest, None]` (body, query); a view
    with neither takes `RequestContext`."""

    request: Request
    uow: UnitOfWork
    principal_or_none: Principal | None
    body: BodyT
    query: QueryT
    response_headers: dict[str, str] = field(default_factory=dict)

    @property
    def session(self) -> Session:
        return self.uow.session

    @property
    def principal(self) -> Principal:
        if self.principal_or_none is None:
            raise Unauthorized()
        return self.principal_or_none

    @property
    def source_ip(self) -> str | None:
        identity = (self.request.context or {}).get("identity") or {}
        return identity.get("sourceIp")

    @property
    def user_agent(self) -> str | None:
        return self.request.headers.get("user-agent")

    @property
    def request_id(self) -> str | None:
        return (self.request.context or {}).get("requestId")

    def header(self, name: str) -> str | None:
        return self.request.headers.get(name)


def pydantic_details(exc: ValidationError, prefix: str = "") -> list[dict[str, str]]:
    details = []
    for err in exc.errors(include_url=False):
        location = ".".join(str(part) for part in err["loc"]) or prefix.rstrip(".") or "body"
        message = err["msg"].removeprefix("Value error, ")
        details.append(field_error(prefix + location if prefix and err["loc"] else location, err["type"], message))
    return details


def parse_model(model: type[ModelT], data: Any, *, prefix: str = "") -> ModelT:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(details=pydantic_details(exc, prefix)) from exc


def parse_json_body(request: Request, model: type[ModelT], *, max_bytes: int = MAX_JSON_BODY_BYTES) -> ModelT:
    raw = request.raw_body or b""
    if len(raw) > max_bytes:
        raise ValidationFailed(
            "The request body is too large.",
            details=[field_error("body", "too_large", f"At most {max_bytes} bytes are accepted.")],
        )
    content_type = (request.headers.get("content-type") or "application/json").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise ValidationFailed(
            "The request body must be JSON.",
            details=[field_error("body", "unsupported_content_type", "Send Content-Type: application/json.")],
        )
    return parse_model(model, load_json_body(raw or b"{}"))


def refuse_empty_patch(body: BaseModel) -> None:
    """A PATCH changes at least one field: no body, or `{}`, is a mistake, not a no-op
    (the OpenAPI document says `minProperties: 1`)."""
    if not body.model_fields_set:
        raise ValidationFailed(
            "Nothing to change.", details=[field_error("body", "empty_patch", "Give at least one field to change.")]
        )


def parse_query(request: Request, model: type[ModelT]) -> ModelT:
    params = dict(request.query_params or {})
    return parse_model(model, params)


def _query_items(request: Request) -> list[tuple[str, str]]:
    params = request.query_params
    if params is None:
        return []
    return [(name, value) for name in params for value in params.getlist(name)]


def check_request_characters(request: Request, path_params: dict[str, str]) -> None:
    """Path parameters, query parameters and header values with control characters are refused
    before the request is authenticated or anything reaches the database."""
    check_request_text(path_params=path_params, query_params=_query_items(request), headers=request.headers.items())


def _raw_bytes(request: Request) -> bytes:
    raw = request.raw_body or b""
    return raw if isinstance(raw, bytes) else raw.encode()


def _authenticate(request: Request, session: Session) -> Principal | None:
    header = request.headers.get("authorization") or ""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    claims = decode_access_token(token.strip())
    if claims is None or _principal_loader is None:
        return None
    return _principal_loader(session, claims)


def _authorize(principal: Principal | None, roles: frozenset[str], kinds: frozenset[str] | None) -> None:
    if not roles:
        return
    if principal is None:
        raise Unauthorized("Sign in to continue.", code="not_authenticated")
    if principal.role not in roles:
        raise Forbidden("Your role does not allow this.", code="role_not_allowed")
    if kinds is not None and principal.business_kind not in kinds:
        raise Forbidden(
            "This is only available to " + " and ".join(sorted(kinds)) + " accounts.", code="wrong_business_kind"
        )


def _path_uuids(kwargs: dict[str, str], uuid_params: Collection[str]) -> dict[str, Any]:
    converted: dict[str, Any] = dict(kwargs)
    for name in uuid_params:
        try:
            converted[name] = uuid.UUID(kwargs[name])
        except (ValueError, KeyError) as exc:
            raise NotFound() from exc
    return converted


def to_response(result: Any, status: int, headers: dict[str, str | list[str]]) -> Response:
    if isinstance(result, Response):
        result.headers = {**headers, **(result.headers or {})}
        return result
    if result is None:
        return Response(body="", status_code=204 if status == 200 else status, headers=headers)
    # pydantic-core writes the JSON text itself: no dict of plain values for Chalice to dump again.
    body = result.model_dump_json(by_alias=True) if isinstance(result, BaseModel) else result
    return Response(body=body, status_code=status, headers={"Content-Type": "application/json", **headers})


def endpoint(
    bp: Blueprint,
    path: str,
    method: str = "GET",
    *,
    summary: str,
    roles: Collection[str] = PUBLIC,
    business_kinds: Collection[str] | None = None,
    request: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    status: int = 200,
    uuid_params: Collection[str] = ("id",),
    errors: Collection[int] = (),
    tags: Collection[str] = (),
    no_store: bool = False,
    produces: str = "application/json",
    max_body_bytes: int = MAX_JSON_BODY_BYTES,
    read_only: bool = False,
    consumes: str | None = None,
    headers: Collection[HeaderParam] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    role_set = frozenset(roles)
    kind_set = frozenset(business_kinds) if business_kinds is not None else None
    path_params = {part[1:-1] for part in path.split("/") if part.startswith("{")}
    uuid_path_params = [name for name in uuid_params if name in path_params]

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        def handler(**kwargs: str) -> Response:
            extra_headers = {"Cache-Control": "no-store"} if no_store else {}
            try:
                check_request_characters(bp.current_request, kwargs)
                if produces in BINARY_ANSWERS:
                    accept_binary(bp.current_request, produces)
                with unit_of_work(read_only=read_only) as uow:
                    if not read_only:
                        uow.after_commit(lambda: publish_recorded_events(uow.session))  # outbox fast path
                    incoming = bp.current_request
                    principal = _authenticate(incoming, uow.session) if role_set else None
                    _authorize(principal, role_set, kind_set)
                    args = _path_uuids(kwargs, uuid_path_params)
                    body = parse_json_body(incoming, request, max_bytes=max_body_bytes) if request is not None else None
                    if method == "PATCH" and body is not None:
                        refuse_empty_patch(body)
                    if consumes is not None:
                        check_raw_text_body(_raw_bytes(incoming))
                    params = parse_query(incoming, query) if query is not None else None
                    ctx: RequestContext[Any, Any] = RequestContext(
                        request=incoming, uow=uow, principal_or_none=principal, body=body, query=params
                    )
                    result = view(ctx, **args)
                    if not uow.committed:
                        uow.commit()
                    return to_response(result, status, {**ctx.response_headers, **extra_headers})
            except DomainError as error:
                from chalicelib.core.envelope import domain_error_response

                return domain_error_response(error, extra_headers)

        handler.__name__ = view.__name__
        handler.__doc__ = view.__doc__
        bp.route(path, methods=[method], content_types=["*/*"])(handler)
        ROUTES.append(
            RouteSpec(
                blueprint=bp._import_name,
                path=path,
                method=method,
                summary=summary,
                request=request,
                query=query,
                response=response,
                status=status,
                roles=role_set,
                business_kinds=kind_set,
                tags=tuple(tags),
                errors=tuple(errors),
                produces=produces,
                uuid_params=tuple(uuid_path_params),
                consumes=consumes,
                headers=tuple(headers),
            )
        )
        return view

    return decorator
