"""Each Lambda's role holds what its profile needs, on its resources only."""

from __future__ import annotations

import re

from infra.aws.profiles import profile_of
from tests.infra.template_reading import Templates, app_lambdas, as_list, properties, render, resources

DATA_SERVICES = ("sqs:", "s3:", "secretsmanager:", "rds-db:", "dynamodb:", "sns:", "ses:", "kms:", "ssm:")
SMS_EXCEPTION = ("notifications", "sns:Publish")
"""sns:Publish to a phone number has no resource ARN (see the SmsPolicy suppression)."""


def test_no_data_service_action_on_every_resource_and_no_wildcard_action(templates: Templates) -> None:
    for function, view in app_lambdas(templates.service).items():
        for statement in view.statements:
            assert statement["Effect"] == "Allow"
            actions = as_list(statement["Action"])
            assert not any(action.endswith("*") for action in actions), (function, actions)
            data_actions = [action for action in actions if action.startswith(DATA_SERVICES)]
            if data_actions and (function, *data_actions) != SMS_EXCEPTION:
                assert "*" not in as_list(statement["Resource"]), (function, data_actions)


def test_each_lambda_reads_exactly_the_secrets_its_environment_references(templates: Templates) -> None:
    for function, view in app_lambdas(templates.service).items():
        referenced = {
            render(value).removeprefix("secretsmanager:").split("#")[0]
            for value in view.environment.values()
            if render(value).startswith("secretsmanager:")
        }

        assert view.resources_of("secretsmanager:GetSecretValue") == referenced, function
        assert {action for action in view.actions() if action.startswith("secretsmanager:")} == {
            "secretsmanager:GetSecretValue"
        }


def test_only_the_lambdas_that_publish_events_may_send_to_the_notifications_queue(templates: Templates) -> None:
    queues = {
        properties(queue)["QueueName"]: name for name, queue in resources(templates.service, "AWS::SQS::Queue").items()
    }
    queue = f"<{queues['marketplace-prod-notifications']}.Arn>"
    dead_letters = f"<{queues['marketplace-prod-notifications-dlq']}.Arn>"
    for function, view in app_lambdas(templates.service).items():
        profile = profile_of(function)
        expected = ({queue} if profile.publishes_events else set()) | (
            {dead_letters} if profile.delivers_notifications else set()
        )

        assert view.resources_of("sqs:SendMessage") == expected, function
        assert ("sqs:ReceiveMessage" in view.actions()) == profile.consumes_notifications_queue, function


def test_only_the_notifications_lambda_sends_email_and_sms(templates: Templates) -> None:
    for function, view in app_lambdas(templates.service).items():
        sends = {action for action in view.actions() if action.startswith(("ses:", "sns:"))}
        if function == "notifications":
            assert sends == {"ses:SendEmail", "ses:SendRawEmail", "sns:Publish"}
            (identity,) = view.resources_of("ses:SendEmail")
            assert re.fullmatch(
                r"arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/<import:Soko-prod-Edge:\w+>",
                identity,
            )
        else:
            assert sends == set(), function


def test_only_the_catalog_lambda_touches_product_images_under_their_prefix(templates: Templates) -> None:
    for function, view in app_lambdas(templates.service).items():
        s3_actions = {action for action in view.actions() if action.startswith("s3:")}
        image_objects = [arn for arn in view.resources_of("s3:PutObject") if "ProductImagesBucket" in arn]
        if function == "catalog":
            assert s3_actions == {"s3:PutObject", "s3:GetObject"}
            (objects,) = view.resources_of("s3:PutObject")
            assert objects.endswith("/products/*") and "ProductImagesBucket" in objects
        else:
            assert image_objects == [], function


def test_only_the_auth_and_admin_lambdas_touch_verification_documents_under_their_prefix(
    templates: Templates,
) -> None:
    for function, view in app_lambdas(templates.service).items():
        s3_actions = {action for action in view.actions() if action.startswith("s3:")}
        if function in ("auth", "admin"):
            assert s3_actions == {"s3:PutObject", "s3:GetObject", "s3:DeleteObject"}, function
            for action in s3_actions:
                (objects,) = view.resources_of(action)
                assert objects.endswith("/verification/*") and "VerificationDocumentsBucket" in objects
        elif function != "catalog":
            assert s3_actions == set(), function


def test_lambda_roles_use_no_managed_policies(templates: Templates) -> None:
    for view in app_lambdas(templates.service).values():
        role = templates.service["Resources"][view.role_id]["Properties"]
        assert "ManagedPolicyArns" not in role
