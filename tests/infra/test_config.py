"""The stage settings and their context overrides."""

from __future__ import annotations

import pytest

from infra.aws.app import parse_context
from infra.aws.config import DEV, PROD, StageConfigError, load_stage_config


def test_stage_defaults() -> None:
    assert load_stage_config({}) == DEV
    assert load_stage_config({"stage": "prod"}) == PROD
    assert (DEV.nat_gateways, PROD.nat_gateways) == (1, 2)
    assert PROD.payment_providers == ("mpesa",)
    assert "sandbox" not in PROD.payment_providers


def test_context_overrides_as_the_cdk_cli_passes_them() -> None:
    config = load_stage_config(
        parse_context(
            [
                "stage=prod",
                "domain=soko.co.ke",
                "cors_origins=https://app.soko.co.ke, https://admin.soko.co.ke/",
                "alarm_email=ops@soko.co.ke",
                "nat_gateways=1",
                "min_acu=2",
                "max_acu=32",
                'payment_settings={"mpesa_shortcode": "600000"}',
            ]
        )
    )

    assert config.email_sender == "no-reply@soko.co.ke"
    assert config.cors_origins == ("https://app.soko.co.ke", "https://admin.soko.co.ke")
    assert config.alarm_email == "ops@soko.co.ke"
    assert (config.nat_gateways, config.min_acu, config.max_acu) == (1, 2.0, 32.0)
    assert config.payment_settings == {"MPESA_BASE_URL": "https://api.safaricom.co.ke", "MPESA_SHORTCODE": "600000"}


@pytest.mark.parametrize(
    ("context", "message"),
    [
        ({"stage": "staging"}, "stage='staging'"),
        ({"stage": "prod", "cors_origins": "http://app.soko.co.ke"}, "https:// origins only"),
        ({"min_acu": "8", "max_acu": "4"}, "min_acu 8.0 and max_acu 4.0"),
        ({"nat_gateways": "0"}, "nat_gateways must be at least 1"),
        ({"max_acu": "lots"}, "max_acu='lots' is not a number"),
        ({"payment_settings": "[1]"}, "JSON object"),
    ],
)
def test_context_the_deployment_cannot_use_is_refused_by_name(context: dict[str, str], message: str) -> None:
    with pytest.raises(StageConfigError, match=message):
        load_stage_config(context)


def test_a_context_argument_without_a_value_is_refused() -> None:
    with pytest.raises(SystemExit, match="key=value"):
        parse_context(["stage"])
