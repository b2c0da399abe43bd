"""Builds a Chalice app from blueprints: the one place middleware is registered."""

from __future__ import annotations

from collections.abc import Iterable

from chalice.app import Blueprint, Chalice

from chalicelib.core import envelope, http
from chalicelib.core.binary_answers import GATEWAY_BINARY_TYPES
from chalicelib.core.log_redaction import redact_logger
from chalicelib.core.principal import PrincipalLoader


def create_app(name: str, blueprints: Iterable[Blueprint], *, principal_loader: PrincipalLoader) -> Chalice:
    app = Chalice(app_name=name)
    app.debug = False
    redact_logger(app.log)  # Chalice logs the traceback of an exception a view raises
    app.api.binary_types.extend(t for t in GATEWAY_BINARY_TYPES if t not in app.api.binary_types)
    http.set_principal_loader(principal_loader)
    envelope.install(app)
    for blueprint in blueprints:
        if blueprint._current_app is not None:
            raise RuntimeError(f"{blueprint._import_name} is already registered in another app in this process")
        app.register_blueprint(blueprint)
    return app
