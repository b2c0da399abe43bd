"""The local stack (`make run`) and the operator CLI: `python -m infra.local <command>`.

Everything here runs on a developer's machine or an operator's shell, never in a Lambda.
"""
