"""Migrations run by the `migrate` Lambda at deploy, before any other alias moves."""

from __future__ import annotations

from pathlib import Path

from infra.aws.app import Deployment
from infra.aws.bundles import Bundles
from tests.infra.template_reading import Templates, app_lambdas, properties, referenced_ids, resources


def test_the_schema_resource_runs_the_migrate_alias_and_changes_with_the_code(
    templates: Templates, bundles: Bundles
) -> None:
    ((schema_id, schema),) = resources(templates.service, "Custom::DatabaseMigrations").items()
    provider_id = properties(schema)["ServiceToken"]["Fn::GetAtt"][0]
    provider = properties(templates.service["Resources"][provider_id])
    migrate = app_lambdas(templates.service)["migrate"]
    (migrate_alias,) = (
        logical_id
        for logical_id, alias in resources(templates.service, "AWS::Lambda::Alias").items()
        if properties(alias)["FunctionName"] == {"Ref": migrate.logical_id}
    )

    assert properties(schema)["MigrationsHash"] == bundles.migrations_hash
    assert properties(schema)["CodeHash"] == bundles.migrate_code.content_hash
    assert properties(schema)["LayerHash"] == bundles.layer.content_hash
    assert provider["Environment"]["Variables"]["USER_ON_EVENT_FUNCTION_ARN"] == {"Ref": migrate_alias}


def test_every_other_alias_moves_only_after_the_migrations(templates: Templates) -> None:
    (schema_id,) = resources(templates.service, "Custom::DatabaseMigrations")
    lambdas = app_lambdas(templates.service)
    function_of = {view.logical_id: function for function, view in lambdas.items()}
    waits = {
        function_of[properties(alias)["FunctionName"]["Ref"]]: schema_id in alias.get("DependsOn", [])
        for alias in resources(templates.service, "AWS::Lambda::Alias").values()
    }

    assert waits == {function: function != "migrate" for function in lambdas}


def test_only_the_migrate_bundle_holds_the_migrations(templates: Templates, prod: Deployment) -> None:
    outdir = Path(prod.app.outdir)
    for function, view in app_lambdas(templates.service).items():
        asset = outdir / f"asset.{view.properties['Code']['S3Key'].removesuffix('.zip')}"
        assert (asset / "functions" / f"{function}.py").is_file()
        assert (asset / "alembic.ini").is_file() == (function == "migrate")
        assert (asset / "migrations" / "env.py").is_file() == (function == "migrate")


def test_the_migrations_hash_is_a_property_of_nothing_else(templates: Templates) -> None:
    (schema,) = resources(templates.service, "Custom::DatabaseMigrations").values()
    assert set(properties(schema)) == {"ServiceToken", "MigrationsHash", "CodeHash", "LayerHash"}
    assert referenced_ids(properties(schema)) <= set(templates.service["Resources"])
