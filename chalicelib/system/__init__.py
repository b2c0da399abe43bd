"""Operational endpoints: the health check and the OpenAPI document."""
