"""One Lambda per `functions/` module, each with only the settings it needs."""

from __future__ import annotations

import json
import re
from pathlib import Path

from chalicelib.core.settings import SECRET_SETTINGS, Settings
from infra.aws.app import Deployment
from infra.aws.config import PROD
from infra.aws.connection_budget import reserved_concurrency
from infra.aws.discovery import discover_functions
from infra.aws.profiles import PROFILES, FunctionProfile, profile_of
from tests.infra.template_reading import Templates, app_lambdas, properties, render, resources

SECRET_LOOKING = re.compile(r"SECRET|KEY|PASSWORD|TOKEN")
REFERENCE = re.compile(r"^secretsmanager:<import:Soko-prod-Data:ExportsOutputRef[A-Za-z0-9]+>(#[a-z_]+)?$")


def test_every_functions_module_has_its_lambda_with_its_handler(templates: Templates) -> None:
    lambdas = app_lambdas(templates.service)

    assert sorted(lambdas) == sorted(discover_functions())
    assert {"migrate", "notifications", "sweeper", "billing", "checkout"} <= set(lambdas)
    for function, view in lambdas.items():
        assert view.properties["Handler"] == f"functions.{function}.handler"
        assert view.properties["Runtime"] == "python3.12"
        assert view.properties["Architectures"] == ["arm64"]
        assert view.properties["TracingConfig"] == {"Mode": "Active"}
        assert view.properties["ReservedConcurrentExecutions"] == reserved_concurrency(PROD, function)
        assert view.properties["MemorySize"] == profile_of(function).memory_mb
        assert view.properties["Timeout"] == profile_of(function).timeout_seconds
        assert len(view.properties["Layers"]) == 1


def test_every_lambda_logs_to_its_own_log_group_kept_for_the_stage_retention(templates: Templates) -> None:
    for function, view in app_lambdas(templates.service).items():
        log_group = templates.service["Resources"][view.properties["LoggingConfig"]["LogGroup"]["Ref"]]

        assert log_group["Type"] == "AWS::Logs::LogGroup"
        assert properties(log_group)["RetentionInDays"] == PROD.log_retention_days
        assert properties(log_group)["LogGroupName"] == f"/aws/lambda/marketplace-prod-{function.replace('_', '-')}"


def test_a_module_added_later_is_discovered_with_the_least_privileged_profile(tmp_path: Path) -> None:
    for module in ("__init__.py", "_build.py", "auth.py", "reports.py"):
        (tmp_path / module).write_text("")

    assert discover_functions(tmp_path) == ("auth", "reports")
    assert profile_of("reports") == FunctionProfile()
    assert "reports" not in PROFILES


def test_every_environment_variable_is_a_setting_of_the_application_or_powertools(templates: Templates) -> None:
    for function, view in app_lambdas(templates.service).items():
        unknown = [
            name
            for name in view.environment
            if name.lower() not in Settings.model_fields and not name.startswith("POWERTOOLS_")
        ]
        assert unknown == [], function


def test_secrets_reach_the_environment_only_as_secrets_manager_references(templates: Templates) -> None:
    for function, view in app_lambdas(templates.service).items():
        for name, value in view.environment.items():
            if SECRET_LOOKING.search(name) or name.lower() in SECRET_SETTINGS:
                assert REFERENCE.match(render(value)), (function, name, render(value))


def test_the_database_is_reached_through_the_proxy_with_the_password_kept_apart(templates: Templates) -> None:
    for view in app_lambdas(templates.service).values():
        url = render(view.environment["DATABASE_URL"])
        password = render(view.environment["DATABASE_PASSWORD"])

        assert re.fullmatch(
            r"postgresql\+psycopg://marketplace@<import:Soko-prod-Data:\w+Proxy\w+Endpoint\w+>"
            r":5432/marketplace\?sslmode=require",
            url,
        ), url
        assert re.fullmatch(r"secretsmanager:<import:Soko-prod-Data:\w+DatabaseCredentials\w+>#password", password)


def test_powertools_settings_of_every_lambda(templates: Templates) -> None:
    for view in app_lambdas(templates.service).values():
        assert view.environment["POWERTOOLS_SERVICE_NAME"] == "marketplace"
        assert view.environment["POWERTOOLS_METRICS_NAMESPACE"] == "Marketplace"
        assert view.environment["POWERTOOLS_LOG_LEVEL"] == "INFO"
        assert view.environment["STAGE"] == "prod"


def test_only_the_lambdas_that_call_providers_enable_them_and_get_their_credentials(templates: Templates) -> None:
    for function, view in app_lambdas(templates.service).items():
        provider_settings = sorted(name for name in view.environment if name.startswith(("MPESA_", "PAYMENTS_")))
        if profile_of(function).calls_payment_providers:
            assert json.loads(view.environment["PAYMENT_PROVIDERS_ENABLED"]) == ["mpesa"]
            assert provider_settings == [
                "MPESA_BASE_URL",
                "MPESA_CONSUMER_KEY",
                "MPESA_CONSUMER_SECRET",
                "MPESA_PASSKEY",
                "MPESA_SHORTCODE",
                "MPESA_WEBHOOK_TOKEN",
                "PAYMENTS_CALLBACK_BASE_URL",
            ], function
        else:
            assert json.loads(view.environment["PAYMENT_PROVIDERS_ENABLED"]) == [], function
            assert provider_settings == [], function


def test_only_the_lambdas_that_call_providers_have_a_route_to_the_internet(templates: Templates) -> None:
    for function, view in app_lambdas(templates.service).items():
        subnets = {render(subnet) for subnet in view.properties["VpcConfig"]["SubnetIds"]}
        kind = "egress" if profile_of(function).calls_payment_providers else "isolated"

        assert len(subnets) == 2
        assert all(f"Vpc{kind}Subnet" in subnet for subnet in subnets), (function, subnets)


def test_each_lambda_gets_the_queue_and_bucket_settings_its_profile_asks_for(templates: Templates) -> None:
    for function, view in app_lambdas(templates.service).items():
        profile = profile_of(function)

        assert ("NOTIFICATIONS_QUEUE_URL" in view.environment) == profile.publishes_events, function
        assert ("NOTIFICATIONS_DLQ_URL" in view.environment) == profile.delivers_notifications, function
        assert ("IMAGES_BUCKET" in view.environment) == profile.signs_image_uploads, function
        assert ("IMAGES_BASE_URL" in view.environment) == profile.signs_image_uploads, function
        documents = "VERIFICATION_DOCUMENTS_BUCKET" in view.environment
        assert documents == profile.keeps_verification_documents, function
    notifications = app_lambdas(templates.service)["notifications"]
    assert notifications.environment["EMAIL_SENDER"] == f"no-reply@{PROD.domain}"


def test_the_deployment_discovers_the_functions_folder(prod: Deployment) -> None:
    assert tuple(prod.inputs.functions) == discover_functions()


def test_every_log_group_of_the_deployment_has_a_retention(templates: Templates) -> None:
    for template in templates.all():
        for name, log_group in resources(template, "AWS::Logs::LogGroup").items():
            assert properties(log_group).get("RetentionInDays") == PROD.log_retention_days, name
    execution_logs = [
        render(properties(log_group).get("LogGroupName", ""))
        for log_group in resources(templates.api, "AWS::Logs::LogGroup").values()
    ]
    assert any(name.startswith("API-Gateway-Execution-Logs_<") and name.endswith("/api") for name in execution_logs)
