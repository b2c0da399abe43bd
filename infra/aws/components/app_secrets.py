"""The application's secrets in Secrets Manager, and how each reaches its setting.

A function's environment holds a reference (`secretsmanager:<arn>[#key]`, read once per
container by `chalicelib.core.secrets`), never a value, and its role may read exactly the
secrets its references name (`SecretSetting`).

- Generated here: the JWT signing key, one webhook token per enabled provider (the secret
  `?token=` of the callback URLs given to the provider), and the field-encryption key (a Fernet key,
  which Secrets Manager's generator cannot produce: a custom resource writes it once).
- Filled in by the operator: each enabled provider's credentials, one JSON secret per provider
  whose keys are the settings' names (`mpesa_consumer_key`, ...). They are created holding the
  deploy placeholder, which `chalicelib.core.production_check` refuses by name, so the payment
  Lambdas of `prod` fail their start, naming each credential, until the operator has put the
  real ones (`aws secretsmanager put-secret-value`). The template's value is never changed
  again, so a later deployment never overwrites what the operator put.

Every secret is retained when the stack goes: the field-encryption key, above all, is the only
way to read what it encrypted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from aws_cdk import CustomResource, Duration, RemovalPolicy, SecretValue, custom_resources
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from chalicelib.core.production_check import PROVIDER_CREDENTIALS
from chalicelib.core.settings import DEPLOY_PLACEHOLDER, Settings
from infra.aws.nag import finding, suppress
from infra.aws.paths import REPO_ROOT

FERNET_KEY_HANDLER = REPO_ROOT / "infra" / "aws" / "fernet_key"
WEBHOOK_TOKEN_LENGTH = 48
JWT_SECRET_LENGTH = 64


@dataclass(frozen=True)
class SecretSetting:
    variable: str
    secret: secretsmanager.ISecret
    key: str | None = None

    @property
    def reference(self) -> str:
        suffix = f"#{self.key}" if self.key else ""
        return f"secretsmanager:{self.secret.secret_arn}{suffix}"


def webhook_token_setting(provider: str) -> str:
    name = f"{provider}_webhook_token"
    if name not in Settings.model_fields:
        raise ValueError(f"payment provider {provider!r} has no setting {name}")
    return name


class AppSecrets(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        payment_providers: tuple[str, ...],
        log_retention: logs.RetentionDays,
    ) -> None:
        super().__init__(scope, construct_id)
        self._prefix = f"marketplace/{stage}"
        jwt = self._generated("JwtSecret", "jwt-secret", JWT_SECRET_LENGTH, "HMAC key of the access tokens")
        field_key = secretsmanager.Secret(
            self,
            "FieldEncryptionKey",
            secret_name=f"{self._prefix}/field-encryption-key",
            description="Fernet key of the secrets kept at rest (written once by the FernetKey custom resource)",
            secret_string_value=SecretValue.unsafe_plain_text(DEPLOY_PLACEHOLDER),
        )
        self._retain(field_key, "rotating it would make every value it encrypted (TOTP secrets) unreadable")
        self._initialize_fernet_key(field_key, log_retention)
        self.common = (SecretSetting("JWT_SECRET", jwt), SecretSetting("FIELD_ENCRYPTION_KEY", field_key))
        """What every function must be given (the production check refuses the defaults)."""

        payments: list[SecretSetting] = []
        for provider in payment_providers:
            setting = webhook_token_setting(provider)
            token = self._generated(
                f"{_camel(provider)}WebhookToken",
                f"{provider.replace('_', '-')}-webhook-token",
                WEBHOOK_TOKEN_LENGTH,
                f"Secret token of the {provider} callback URLs",
            )
            payments.append(SecretSetting(setting.upper(), token))
            names = PROVIDER_CREDENTIALS.get(provider, ())
            if names:
                credentials = secretsmanager.Secret(
                    self,
                    f"{_camel(provider)}Credentials",
                    secret_name=f"{self._prefix}/{provider.replace('_', '-')}-credentials",
                    description=f"{provider} API credentials: the operator puts the real values under these keys",
                    secret_string_value=SecretValue.unsafe_plain_text(
                        json.dumps(dict.fromkeys(names, DEPLOY_PLACEHOLDER), sort_keys=True)
                    ),
                )
                self._retain(credentials, f"{provider} issues these credentials; only the operator can rotate them")
                payments.extend(SecretSetting(name.upper(), credentials, key=name) for name in names)
        self.payments = tuple(payments)
        """What the functions that call payment providers are given on top."""

    def _generated(self, construct_id: str, name: str, length: int, description: str) -> secretsmanager.Secret:
        secret = secretsmanager.Secret(
            self,
            construct_id,
            secret_name=f"{self._prefix}/{name}",
            description=description,
            generate_secret_string=secretsmanager.SecretStringGenerator(
                password_length=length, exclude_punctuation=True, include_space=False
            ),
        )
        self._retain(
            secret,
            "a new value takes effect only as Lambda containers restart, so a rotation would split the fleet "
            "(tokens or callbacks accepted by some containers, refused by others); rotate by hand with a deploy",
        )
        return secret

    def _retain(self, secret: secretsmanager.Secret, why_not_rotated: str) -> None:
        secret.apply_removal_policy(RemovalPolicy.RETAIN)
        suppress(secret, "SMG4", f"No automatic rotation for {secret.node.id}: {why_not_rotated}.")

    def _initialize_fernet_key(self, secret: secretsmanager.Secret, log_retention: logs.RetentionDays) -> None:
        handler_logs = logs.LogGroup(
            self, "FernetKeyLogs", retention=log_retention, removal_policy=RemovalPolicy.DESTROY
        )
        role = iam.Role(
            self,
            "FernetKeyRole",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Writes the field-encryption key once",
            inline_policies={
                "fernet-key": iam.PolicyDocument(
                    statements=[
                        iam.PolicyStatement(
                            actions=["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"],
                            resources=[secret.secret_arn],
                        ),
                        iam.PolicyStatement(
                            actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                            resources=[handler_logs.log_group_arn],
                        ),
                    ]
                )
            },
        )
        handler = lambda_.Function(
            self,
            "FernetKeyHandler",
            runtime=lambda_.Runtime.PYTHON_3_12,
            architecture=lambda_.Architecture.ARM_64,
            handler="index.handler",
            code=lambda_.Code.from_asset(str(FERNET_KEY_HANDLER), exclude=["__pycache__"]),
            timeout=Duration.seconds(30),
            memory_size=128,
            role=role,
            log_group=handler_logs,
            description="Custom resource: a Fernet key for FIELD_ENCRYPTION_KEY, written once",
        )
        provider_logs = logs.LogGroup(
            self, "FernetKeyProviderLogs", retention=log_retention, removal_policy=RemovalPolicy.DESTROY
        )
        provider = custom_resources.Provider(
            self, "FernetKeyProvider", on_event_handler=handler, log_group=provider_logs
        )
        key = CustomResource(
            self,
            "FernetKey",
            service_token=provider.service_token,
            resource_type="Custom::FernetKey",
            properties={"SecretId": secret.secret_arn},
        )
        key.node.add_dependency(secret)
        suppress(
            handler,
            "L1",
            "The Fernet key handler runs on Python 3.12 like every function of this app (see the service stack), "
            "so one runtime is patched and tested; it uses only the standard library and boto3.",
        )
        suppress(
            provider,
            "IAM4",
            "The CDK Provider framework's own function uses AWSLambdaBasicExecutionRole (CloudWatch Logs only); "
            "CDK does not let its role be replaced, and the function only relays one custom resource event.",
            children=True,
        )
        suppress(
            provider,
            "IAM5",
            "The CDK Provider framework may invoke every version of the Fernet key handler (`<arn>:*`), which is "
            "how it calls the function it was given; no other function is reachable.",
            applies_to=[finding(r"Resource::<.*FernetKeyHandler.*\.Arn>:\*")],
            children=True,
        )


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))
