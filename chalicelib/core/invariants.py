"""What the code relies on but the type checker cannot see (a row read a line earlier
under a lock still exists; a checkout payment has a checkout). A broken invariant raises
`InvariantBroken` (a 500, logged), also under `python -O`, where `assert` would vanish."""

from __future__ import annotations


class InvariantBroken(RuntimeError):
    """Something the code relies on does not hold: a bug or corrupted data, never bad input."""
