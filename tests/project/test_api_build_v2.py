"""`compile_api` on a GraphQL Transformer v2 project: flags, overrides, slots, custom stacks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from amplify_mock.project.api_build import ApiBuildError, ApiSchemaError, compile_api
from amplify_mock.project.api_build_v2 import transform_parameters, transformer_version
from amplify_mock.project.init import DEFAULT_FEATURE_FLAGS
from tests.transformer.v2 import golden_support as gs

NEW_PROJECT_FLAGS = DEFAULT_FEATURE_FLAGS
ORACLE_AUTH = {
    "defaultAuthentication": {
        "authenticationType": "API_KEY",
        "apiKeyConfig": {"apiKeyExpirationDays": 7, "description": "oracle"},
    },
    "additionalAuthenticationProviders": [],
}


def make_v2_project(
    root: Path,
    schema: str,
    *,
    api: str = "v2oracle",
    auth: dict[str, Any] | None = None,
    cli_json: dict[str, Any] | None = None,
) -> Path:
    api_dir = root / "amplify" / "backend" / "api" / api
    api_dir.mkdir(parents=True)
    (api_dir / "schema.graphql").write_text(schema)
    backend = {
        "api": {
            api: {
                "service": "AppSync",
                "providerPlugin": "awscloudformation",
                "output": {"authConfig": auth or ORACLE_AUTH},
            }
        }
    }
    (root / "amplify" / "backend" / "backend-config.json").write_text(json.dumps(backend))
    (root / "amplify" / "cli.json").write_text(json.dumps(cli_json or NEW_PROJECT_FLAGS))
    return api_dir


def _case(name: str) -> gs.V2Case:
    return next(c for c in gs.load_cases() if c.name == name)


@pytest.mark.parametrize("name", ["model-todo", "primarykey-composite", "index-basic"])
def test_new_project_build_is_the_oracle_build(tmp_path: Path, name: str) -> None:
    """A project `amplify init` creates (new-project flags) builds what the real v2
    transformer builds for the same schema and auth."""
    case = _case(name)
    make_v2_project(tmp_path, case.schema)
    result = compile_api(tmp_path, now=case.oracle_clock())
    assert result.transformer_version == 2
    expected = case.expected_files()
    for relative, text in expected.items():
        assert (result.build_dir / relative).read_text() == text, relative
    built = {
        str(p.relative_to(result.build_dir))
        for p in result.build_dir.rglob("*")
        if p.is_file() and p.name != "parameters.json"
    }
    assert built == set(expected)


def test_a_new_slot_file_is_inserted_at_its_slot(tmp_path: Path) -> None:
    api_dir = make_v2_project(tmp_path, _case("model-todo").schema)
    (api_dir / "resolvers").mkdir()
    (api_dir / "resolvers" / "Query.getTodo.preAuth.1.req.vtl").write_text("## mine\n{}")
    result = compile_api(tmp_path)
    assert (result.build_dir / "resolvers" / "Query.getTodo.preAuth.1.req.vtl").read_text() == (
        "## mine\n{}"
    )
    stack = json.loads((result.build_dir / "stacks" / "Todo.json").read_text())
    functions = stack["Resources"]["GetTodoResolver"]["Properties"]["PipelineConfig"]["Functions"]
    names = [stack["Resources"][f["Fn::GetAtt"][0]]["Properties"]["Name"] for f in functions]
    assert names == [
        "QuerygetTodopreAuth0Function",
        "QuerygetTodopostAuth0Function",
        "QueryGetTodoDataResolverFn",
    ]
    pre_auth = stack["Resources"][functions[0]["Fn::GetAtt"][0]]["Properties"]
    assert pre_auth["RequestMappingTemplateS3Location"].endswith(
        "/resolvers/Query.getTodo.preAuth.1.req.vtl"
    )


def test_a_slot_file_named_like_a_generated_one_replaces_it(tmp_path: Path) -> None:
    api_dir = make_v2_project(tmp_path, _case("model-todo").schema)
    (api_dir / "resolvers").mkdir()
    (api_dir / "resolvers" / "Query.getTodo.postAuth.1.req.vtl").write_text("$util.toJson({})")
    (api_dir / "resolvers" / "Query.getTodo.req.vtl").write_text("## my request")
    result = compile_api(tmp_path)
    resolvers = result.build_dir / "resolvers"
    assert (resolvers / "Query.getTodo.postAuth.1.req.vtl").read_text() == "$util.toJson({})"
    assert (resolvers / "Query.getTodo.req.vtl").read_text() == "## my request"
    # the other fields keep the generated postAuth check
    assert "Sandbox Mode Disabled" in (resolvers / "Query.listTodos.postAuth.1.req.vtl").read_text()


def test_custom_stacks_are_nested_in_the_root_stack(tmp_path: Path) -> None:
    api_dir = make_v2_project(tmp_path, _case("model-todo").schema)
    custom = {
        "Parameters": {"AppSyncApiId": {"Type": "String"}, "env": {"Type": "String"}},
        "Resources": {},
    }
    (api_dir / "stacks").mkdir()
    (api_dir / "stacks" / "CustomResources.json").write_text(json.dumps(custom))
    result = compile_api(tmp_path)
    assert json.loads((result.build_dir / "stacks" / "CustomResources.json").read_text()) == custom
    root = json.loads((result.build_dir / "cloudformation-template.json").read_text())
    nested = root["Resources"][
        "CustomResourcesNestedStackCustomResourcesNestedStackResource533D6D3D"
    ]
    assert nested["Properties"]["Parameters"] == {
        "AppSyncApiId": {"Fn::GetAtt": ["GraphQLAPI6B828544", "ApiId"]},
        "env": "NONE",
    }


def test_create_api_key_0_builds_no_api_key(tmp_path: Path) -> None:
    api_dir = make_v2_project(tmp_path, _case("model-todo").schema)
    (api_dir / "parameters.json").write_text(json.dumps({"CreateAPIKey": 0}))
    result = compile_api(tmp_path)
    root = json.loads((result.build_dir / "cloudformation-template.json").read_text())
    assert not [r for r in root["Resources"].values() if r["Type"] == "AWS::AppSync::ApiKey"]
    assert json.loads((result.build_dir / "parameters.json").read_text())["CreateAPIKey"] == 0


def test_directive_error_names_file_line_col(tmp_path: Path) -> None:
    schema = 'type Todo @model {\n  id: ID!\n  tags: [String] @index(name: "byTags")\n}\n'
    api_dir = make_v2_project(tmp_path, schema)
    with pytest.raises(ApiSchemaError) as caught:
        compile_api(tmp_path)
    assert caught.value.detail == "Index 'byTags' on type 'Todo.tags' cannot be a non-scalar."
    assert (caught.value.file, caught.value.line, caught.value.column) == (
        api_dir / "schema.graphql",
        3,
        18,
    )


def test_syntax_error_names_file_line_col(tmp_path: Path) -> None:
    api_dir = make_v2_project(tmp_path, "type Todo @model {\n  id ID!\n}\n")
    with pytest.raises(ApiSchemaError) as caught:
        compile_api(tmp_path)
    assert caught.value.detail == 'Syntax Error: Expected ":", found Name "ID".'
    assert (caught.value.file, caught.value.line, caught.value.column) == (
        api_dir / "schema.graphql",
        2,
        6,
    )


def test_invalid_transformer_version_is_refused(tmp_path: Path) -> None:
    cli = {
        "features": {
            "graphqltransformer": {
                "useexperimentalpipelinedtransformer": True,
                "transformerversion": 3,
            }
        }
    }
    make_v2_project(tmp_path, _case("model-todo").schema, cli_json=cli)
    with pytest.raises(ApiBuildError) as caught:
        compile_api(tmp_path)
    assert caught.value.message == "Invalid value specified for transformerVersion: '3'"


def test_transformer_version_follows_the_cli() -> None:
    assert transformer_version({}) == 1
    assert transformer_version({"transformerversion": 2}) == 1
    assert transformer_version({"useexperimentalpipelinedtransformer": True}) == 2
    assert (
        transformer_version({"useexperimentalpipelinedtransformer": True, "transformerversion": 2})
        == 2
    )


def test_absent_flags_take_the_existing_project_defaults() -> None:
    parameters, _ = transform_parameters({}, {}, {})
    assert parameters.secondaryKeyAsGSI is False
    assert parameters.enableAutoIndexQueryNames is False
    assert parameters.populateOwnerFieldForStaticGroupAuth is False
    assert parameters.useSubUsernameForDefaultIdentityClaim is True
    parameters, _ = transform_parameters(
        {"secondarykeyasgsi": True}, {"DisableResolverDeduping": True}, {}
    )
    assert parameters.secondaryKeyAsGSI is True
    assert parameters.disableResolverDeduping is True


def test_build_is_written_fresh(tmp_path: Path) -> None:
    make_v2_project(tmp_path, _case("model-todo").schema)
    first = compile_api(tmp_path)
    stale = first.build_dir / "resolvers" / "Stale.req.vtl"
    stale.write_text("x")
    compile_api(tmp_path)
    assert not stale.exists()
    shutil.rmtree(first.build_dir)


def test_resolver_config_builds_the_datastore_api(tmp_path: Path) -> None:
    """transform.conf.json ResolverConfig (what `amplify update api` writes for DataStore)
    builds what the real transformer builds with that resolverConfig."""
    case = _case("serve-datastore")
    api_dir = make_v2_project(tmp_path, case.schema)
    conf = {
        "Version": 5,
        "ElasticsearchWarning": True,
        "ResolverConfig": case.options["resolverConfig"],
    }
    (api_dir / "transform.conf.json").write_text(json.dumps(conf))
    result = compile_api(tmp_path, now=case.oracle_clock())
    for relative, text in case.expected_files().items():
        assert (result.build_dir / relative).read_text() == text, relative
