"""Ports: how a lower package lets a higher one act without importing it.

The lower package declares a `Port` (what it needs, as a callable type) and calls it; the
higher package's implementation is plugged in by the entry points (`chalicelib.wiring`).
A port nobody plugged is a wiring error, never a silent no-op.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class UnwiredPort(RuntimeError):
    """The entry point did not wire the package that implements this port."""


class Port(Generic[T]):
    def __init__(self, name: str) -> None:
        self.name = name
        self._implementation: T | None = None

    def plug(self, implementation: T) -> None:
        self._implementation = implementation

    @property
    def implementation(self) -> T:
        if self._implementation is None:
            raise UnwiredPort(f"{self.name} is not wired: the entry point must call chalicelib.wiring.wire_packages()")
        return self._implementation
