"""`Schema`, the base of every request and response model of the API.

Its models are built (pydantic-core validator and serializer) when first used, not when their
module is imported (`defer_build`): a Lambda imports the models of every route it serves, and
one request uses a few of them. Building them all at import cost a function module 35-70 ms of
its cold start on the 2-core dev machine (benchmarks/COLD_START.md).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Schema(BaseModel):
    model_config = ConfigDict(defer_build=True)
