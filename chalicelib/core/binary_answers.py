"""Binary answers (the PDF invoices) whatever the request's Accept header says.

Chalice answers a binary body (a Content-Type among the API's binary types) only when the
request's Accept header names a binary type, and otherwise replaces it with a 400 that says
nothing useful: what API Gateway needs to hand the bytes over. A browser opening an invoice
link sends `Accept: text/html,...`, some clients send no Accept at all, so a `.pdf` URL
answered 400. A route that produces a binary type now answers it unless the client refuses
that type outright (a media range matching it with `q=0`: 406 `not_acceptable`).

`accept_binary` checks the header and, when the answer may be sent, makes the request say
it accepts the type, so Chalice's check (run after the view) lets the body through.

Behind API Gateway the bytes also need the first Accept type of the request to be a binary
media type (it reads only the first): `text/html` is one (`GATEWAY_BINARY_TYPES`), so a
browser's link works there too. A client that sends no Accept header through API Gateway
still gets the body base64-encoded; such clients should send `Accept: application/pdf`.
"""

from __future__ import annotations

from chalice.app import CaseInsensitiveMapping, Request

from chalicelib.core.errors import DomainError, field_error

BINARY_ANSWERS = ("application/pdf",)
GATEWAY_BINARY_TYPES = ("application/pdf", "text/html")
"""Added to the API's binary media types. No route answers text/html, so no JSON or text
answer is ever treated as binary."""


class NotAcceptable(DomainError):
    status = 406
    code = "not_acceptable"
    message = "This address answers only a PDF, which the request's Accept header refuses."


def _quality(media_range: str) -> tuple[str, float]:
    kind, *parameters = (part.strip() for part in media_range.split(";"))
    quality = 1.0
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value.strip())
            except ValueError:
                quality = 1.0
    return kind.lower(), quality


def refuses(accept: str | None, media_type: str) -> bool:
    """True when the most specific media range of `accept` that matches `media_type` has
    q=0 (RFC 9110 12.5.1). No header, or no matching range, refuses nothing."""
    if not accept:
        return False
    main, _, _ = media_type.partition("/")
    ranks = {media_type: 3, f"{main}/*": 2, "*/*": 1}
    best: tuple[int, float] | None = None
    for media_range in accept.split(","):
        kind, quality = _quality(media_range)
        rank = ranks.get(kind)
        if rank is not None and (best is None or rank > best[0]):
            best = (rank, quality)
    return best is not None and best[1] <= 0


def accept_binary(request: Request, media_type: str) -> None:
    """Refuses with 406 when the client refuses `media_type`, else lets it be answered."""
    headers = dict(request.headers.items())
    if refuses(headers.get("accept"), media_type):
        refused = field_error("header.Accept", "not_acceptable", f"The request refuses {media_type}.")
        raise NotAcceptable(details=[refused])
    headers["accept"] = media_type
    request.headers = CaseInsensitiveMapping(headers)
