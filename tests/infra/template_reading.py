"""Reading synthesized CloudFormation templates: resources by type, intrinsic values as text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aws_cdk.assertions import Template

from infra.aws.app import Deployment

Resource = dict[str, Any]


@dataclass(frozen=True)
class Templates:
    data: dict[str, Any]
    edge: dict[str, Any]
    api: dict[str, Any]
    service: dict[str, Any]
    monitoring: dict[str, Any]
    assertions: dict[str, Template]

    @classmethod
    def of(cls, deployment: Deployment) -> Templates:
        assertions = {stack.stack_name: Template.from_stack(stack) for stack in deployment.stacks}
        as_json = {name: template.to_json() for name, template in assertions.items()}
        data, edge, api, service, monitoring = (as_json[stack.stack_name] for stack in deployment.stacks)
        return cls(data, edge, api, service, monitoring, assertions)

    def all(self) -> Iterator[dict[str, Any]]:
        yield from (self.data, self.edge, self.api, self.service, self.monitoring)


def resources(template: dict[str, Any], kind: str) -> dict[str, Resource]:
    return {name: resource for name, resource in template["Resources"].items() if resource["Type"] == kind}


def properties(resource: Resource) -> dict[str, Any]:
    found: dict[str, Any] = resource.get("Properties", {})
    return found


def render(value: Any) -> str:
    """An intrinsic value as text: `Fn::Join` joined, references as `<LogicalId>` / `<LogicalId.Attr>`."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | bool):
        return json.dumps(value)
    if isinstance(value, list):
        return json.dumps([render(item) for item in value])
    if isinstance(value, dict) and len(value) == 1:
        ((function, argument),) = value.items()
        if function == "Fn::Join":
            separator, parts = argument
            return separator.join(render(part) for part in parts)
        if function == "Ref":
            return f"<{argument}>"
        if function == "Fn::GetAtt":
            return f"<{argument[0]}.{argument[1]}>"
        if function == "Fn::ImportValue":
            return f"<import:{render(argument)}>"
    return f"<{json.dumps(value, sort_keys=True)}>"


def referenced_ids(value: Any) -> set[str]:
    """Logical ids a value refers to (Ref and Fn::GetAtt), at any depth."""
    found: set[str] = set()
    if isinstance(value, dict):
        if "Ref" in value and isinstance(value["Ref"], str):
            found.add(value["Ref"])
        if "Fn::GetAtt" in value:
            found.add(value["Fn::GetAtt"][0])
        for item in value.values():
            found |= referenced_ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= referenced_ids(item)
    return found


def statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = document.get("Statement", [])
    return found if isinstance(found, list) else [found]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


@dataclass(frozen=True)
class LambdaView:
    """One of the app's Lambdas in the service template: its properties and every IAM statement of its role."""

    function: str
    logical_id: str
    properties: dict[str, Any]
    role_id: str
    statements: list[dict[str, Any]]

    @property
    def environment(self) -> dict[str, Any]:
        variables: dict[str, Any] = self.properties["Environment"]["Variables"]
        return variables

    def actions(self) -> set[str]:
        return {action for statement in self.statements for action in as_list(statement["Action"])}

    def resources_of(self, action: str) -> set[str]:
        return {
            render(resource)
            for statement in self.statements
            if action in as_list(statement["Action"])
            for resource in as_list(statement["Resource"])
        }


def app_lambdas(service: dict[str, Any], stage: str = "prod") -> dict[str, LambdaView]:
    """The Lambdas of `functions/` (named `marketplace-<stage>-<module>`), by module name."""
    prefix = f"marketplace-{stage}-"
    policies = resources(service, "AWS::IAM::Policy")
    views: dict[str, LambdaView] = {}
    for logical_id, resource in resources(service, "AWS::Lambda::Function").items():
        settings = properties(resource)
        name = settings.get("FunctionName")
        if not isinstance(name, str) or not name.startswith(prefix):
            continue
        role_id = settings["Role"]["Fn::GetAtt"][0]
        role = properties(service["Resources"][role_id])
        found = [s for policy in role.get("Policies", []) for s in statements(policy["PolicyDocument"])]
        for policy in policies.values():
            if {"Ref": role_id} in properties(policy)["Roles"]:
                found.extend(statements(properties(policy)["PolicyDocument"]))
        function = name.removeprefix(prefix).replace("-", "_")
        views[function] = LambdaView(function, logical_id, settings, role_id, found)
    return views
