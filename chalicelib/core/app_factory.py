"""Builds a Chalice app from blueprints: the one place middleware is registered."""

from __future__ import annotations

from collections.abc import Iterable

from chalice.app import Blueprint, Chalice

from chalicelib.core import envelope, http
from chalicelib.core.principal import PrincipalLoader


def create_app(name: str, blueprints: Iterable[Blueprint], *, principal_loader: PrincipalLoader) -> Chalice:
    app = Chalice(app_name=name)
    app.debug = False
    http.set_principal_loader(principal_loader)
    envelope.install(app)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    return app
