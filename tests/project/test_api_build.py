"""`compile_api`: reading an Amplify API folder as the CLI does and writing build/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from amplify_mock.project.api_build import (
    ApiBuildError,
    ApiNotFoundError,
    ApiSchemaError,
    compile_api,
    read_api_schema,
)

TODO_SCHEMA = "type Todo @model {\n  id: ID!\n  name: String!\n}\n"


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2))


def make_project(
    root: Path,
    *,
    api: str = "todoapi",
    schema: str | dict[str, str] | None = TODO_SCHEMA,
    backend_config: dict[str, Any] | None = None,
    cli_json: dict[str, Any] | None = None,
) -> Path:
    """A minimal Amplify project with one AppSync API; returns the API folder."""
    api_dir = root / "amplify" / "backend" / "api" / api
    api_dir.mkdir(parents=True)
    if isinstance(schema, str):
        (api_dir / "schema.graphql").write_text(schema)
    elif isinstance(schema, dict):
        for relative, text in schema.items():
            path = api_dir / "schema" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    write_json(
        root / "amplify" / "backend" / "backend-config.json",
        backend_config
        if backend_config is not None
        else {"api": {api: {"service": "AppSync", "providerPlugin": "awscloudformation"}}},
    )
    if cli_json is not None:
        write_json(root / "amplify" / "cli.json", cli_json)
    return api_dir


def flags(**values: bool) -> dict[str, Any]:
    return {"features": {"graphqltransformer": {k.lower(): v for k, v in values.items()}}}


def test_compile_api_writes_the_build_layout(tmp_path: Path) -> None:
    api_dir = make_project(tmp_path)
    write_json(api_dir / "parameters.json", {"AppSyncApiName": "todoapi"})
    result = compile_api(tmp_path)
    build = api_dir / "build"
    assert result.build_dir == build
    assert result.api_name == "todoapi"
    assert "type Todo" in (build / "schema.graphql").read_text()
    assert (build / "resolvers" / "Query.getTodo.req.vtl").is_file()
    assert (build / "stacks" / "Todo.json").is_file()
    assert (build / "cloudformation-template.json").is_file()
    parameters = json.loads((build / "parameters.json").read_text())
    assert parameters["AppSyncApiName"] == "todoapi"
    assert parameters["S3DeploymentRootKey"] == "amplify-appsync-files"


def test_compile_api_reads_a_schema_folder_recursively(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        schema={
            "b.graphql": "type Book @model {\n  id: ID!\n}\n",
            "a.graphql": "type Author @model {\n  id: ID!\n}\n",
            "nested/c.graphql": "enum Genre {\n  FICTION\n}\n",
            ".hidden.graphql": "type Nope @model {\n  id: ID!\n}\n",
        },
    )
    result = compile_api(tmp_path)
    schema = result.resources.schema
    assert "type Author" in schema and "type Book" in schema and "enum Genre" in schema
    assert "Nope" not in schema
    assert [p.name for p in result.schema.files] == ["a.graphql", "b.graphql", "c.graphql"]


def test_read_api_schema_reprints_schema_like_graphql_js_15(tmp_path: Path) -> None:
    api_dir = make_project(
        tmp_path,
        schema=(
            "# comment\ntype Todo @model(subscriptions: {level: off})"
            ' @key(fields: ["id"]) { id: ID! }\n'
            "input AMPLIFY { globalAuthRule: AuthRule = { allow: public } }\n"
        ),
    )
    source = read_api_schema(api_dir)
    assert source.text == (
        "input AMPLIFY {\n  globalAuthRule: AuthRule = {allow: public}\n}"
        'type Todo @model(subscriptions: {level: off}) @key(fields: ["id"]) {\n  id: ID!\n}\n'
    )


def test_compile_api_reads_feature_flags_from_cli_json(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        schema="type Person @model {\n  id: ID!\n}\n",
        cli_json=flags(improvePluralization=True),
    )
    result = compile_api(tmp_path)
    assert result.config.feature_flags.get_boolean("improvePluralization") is True
    assert "listPeople(" in result.resources.schema


def test_compile_api_defaults_absent_flags_as_for_an_existing_project(tmp_path: Path) -> None:
    make_project(tmp_path, cli_json={"features": {"graphqltransformer": {}}})
    values = dict(compile_api(tmp_path).config.feature_flags.values)
    assert values == {
        "addMissingOwnerFields": False,
        "improvePluralization": False,
        "validateTypeNameReservedWords": True,
        "enableIterativeGSIUpdates": False,
        "secondaryKeyAsGSI": False,
        "skipOverrideMutationInputTypes": False,
    }


def test_compile_api_env_cli_json_overrides_cli_json(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        schema="type Person @model {\n  id: ID!\n}\n",
        cli_json=flags(improvePluralization=True),
    )
    write_json(tmp_path / "amplify" / ".config" / "local-env-info.json", {"envName": "dev"})
    write_json(tmp_path / "amplify" / "cli.dev.json", flags(improvePluralization=False))
    assert "listPersons(" in compile_api(tmp_path).resources.schema


def test_compile_api_transform_conf_version_4_has_no_condition_inputs(tmp_path: Path) -> None:
    api_dir = make_project(tmp_path)
    write_json(api_dir / "transform.conf.json", {"Version": 4})
    schema = compile_api(tmp_path).resources.schema
    assert "ModelTodoConditionInput" not in schema


def test_compile_api_without_transform_conf_uses_version_5(tmp_path: Path) -> None:
    make_project(tmp_path)
    result = compile_api(tmp_path)
    assert result.config.version == 5
    assert "input ModelTodoConditionInput" in result.resources.schema


def test_compile_api_reads_auth_config_from_backend_config(tmp_path: Path) -> None:
    auth = {
        "defaultAuthentication": {
            "authenticationType": "AMAZON_COGNITO_USER_POOLS",
            "userPoolConfig": {"userPoolId": "authPool"},
        },
        "additionalAuthenticationProviders": [{"authenticationType": "AWS_IAM"}],
    }
    make_project(
        tmp_path,
        backend_config={"api": {"todoapi": {"service": "AppSync", "output": {"authConfig": auth}}}},
    )
    config = compile_api(tmp_path).config.auth_config
    assert config.modes() == ["AMAZON_COGNITO_USER_POOLS", "AWS_IAM"]
    assert config.default_authentication.user_pool_id == "authPool"


def test_compile_api_falls_back_to_amplify_meta_auth_config(tmp_path: Path) -> None:
    make_project(tmp_path)
    auth = {"defaultAuthentication": {"authenticationType": "AWS_IAM"}}
    write_json(
        tmp_path / "amplify" / "backend" / "amplify-meta.json",
        {"api": {"todoapi": {"service": "AppSync", "output": {"authConfig": auth}}}},
    )
    assert compile_api(tmp_path).config.auth_config.modes() == ["AWS_IAM"]


def test_compile_api_default_auth_config_is_an_api_key(tmp_path: Path) -> None:
    make_project(tmp_path)
    config = compile_api(tmp_path).config.auth_config
    assert config.modes() == ["API_KEY"]
    assert config.default_authentication.api_key_expiration_days == 7


def test_compile_api_unknown_directive_error_names_file_line_col(tmp_path: Path) -> None:
    schema = "# header\n\ntype Todo @model   @mode {\n  id: ID!\n}\n"
    api_dir = make_project(tmp_path, schema=schema)
    with pytest.raises(ApiSchemaError) as caught:
        compile_api(tmp_path)
    err = caught.value
    assert (err.file, err.line, err.column) == (api_dir / "schema.graphql", 3, 20)
    assert err.message == (
        f"{api_dir / 'schema.graphql'}:3:20: Schema validation failed.\n\n"
        'Unknown directive "@mode".\n\nGraphQL request:1:18\n'
        "1 | type Todo @model @mode {\n  |                  ^\n2 |   id: ID! "
    )


def test_compile_api_syntax_error_names_file_line_col(tmp_path: Path) -> None:
    api_dir = make_project(tmp_path, schema="type Todo @model {\n  id: ID!\n  name String\n}\n")
    with pytest.raises(ApiSchemaError) as caught:
        compile_api(tmp_path)
    assert caught.value.message == (
        f'{api_dir / "schema.graphql"}:3:8: Syntax Error: Expected ":", found Name "String".'
    )


def test_compile_api_error_in_schema_folder_names_the_file(tmp_path: Path) -> None:
    api_dir = make_project(
        tmp_path,
        schema={
            "a.graphql": "type Author @model {\n  id: ID!\n}\n",
            "b.graphql": "\ntype Book @model @mode {\n  id: ID!\n}\n",
        },
    )
    with pytest.raises(ApiSchemaError) as caught:
        compile_api(tmp_path)
    err = caught.value
    assert (err.file, err.line, err.column) == (api_dir / "schema" / "b.graphql", 2, 18)


def test_compile_api_directive_error_keeps_the_transformer_message(tmp_path: Path) -> None:
    schema = "type Doc @model @versioned {\n  id: ID!\n  version: String!\n}\n"
    make_project(tmp_path, schema=schema)
    with pytest.raises(ApiSchemaError) as caught:
        compile_api(tmp_path)
    assert caught.value.detail == (
        'The versionField "version" is required to be of type "Int" or "BigInt".'
    )


def test_compile_api_without_an_api_raises(tmp_path: Path) -> None:
    (tmp_path / "amplify" / "backend").mkdir(parents=True)
    with pytest.raises(ApiNotFoundError) as caught:
        compile_api(tmp_path)
    assert caught.value.message == f"No GraphQL API found in {tmp_path}."


def test_compile_api_with_several_apis_needs_a_name(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        backend_config={"api": {"one": {"service": "AppSync"}, "two": {"service": "AppSync"}}},
    )
    with pytest.raises(ApiNotFoundError) as caught:
        compile_api(tmp_path)
    assert caught.value.message == (
        "The project has several GraphQL APIs (one, two); name the one to compile."
    )


def test_compile_api_unknown_name_raises(tmp_path: Path) -> None:
    make_project(tmp_path)
    with pytest.raises(ApiNotFoundError) as caught:
        compile_api(tmp_path, "other")
    assert caught.value.message == f"No GraphQL API named 'other' in {tmp_path}."


def test_compile_api_transformerversion_2_alone_stays_v1_as_in_the_cli(tmp_path: Path) -> None:
    """The CLI runs v2 only with useexperimentalpipelinedtransformer too."""
    make_project(tmp_path, cli_json={"features": {"graphqltransformer": {"transformerversion": 2}}})
    result = compile_api(tmp_path)
    assert result.transformer_version == 1
    assert (result.build_dir / "stacks" / "Todo.json").is_file()


def test_compile_api_missing_schema_raises(tmp_path: Path) -> None:
    api_dir = make_project(tmp_path, schema=None)
    with pytest.raises(ApiSchemaError) as caught:
        compile_api(tmp_path)
    assert caught.value.message == (
        f"No schema found in {api_dir}: expected schema.graphql or a schema/ folder."
    )


def test_compile_api_applies_resolver_overrides(tmp_path: Path) -> None:
    api_dir = make_project(tmp_path)
    (api_dir / "resolvers").mkdir()
    (api_dir / "resolvers" / "Query.getTodo.req.vtl").write_text("## custom get\n")
    (api_dir / "resolvers" / ".DS_Store").write_text("x")
    compile_api(tmp_path)
    resolvers = api_dir / "build" / "resolvers"
    assert (resolvers / "Query.getTodo.req.vtl").read_text() == "## custom get\n"
    assert not (resolvers / ".DS_Store").exists()


def test_compile_api_disable_overrides_keeps_generated_resolvers(tmp_path: Path) -> None:
    api_dir = make_project(tmp_path)
    (api_dir / "resolvers").mkdir()
    (api_dir / "resolvers" / "Query.getTodo.req.vtl").write_text("## custom get\n")
    compile_api(tmp_path, disable_overrides=True)
    generated = (api_dir / "build" / "resolvers" / "Query.getTodo.req.vtl").read_text()
    assert '"operation": "GetItem"' in generated


def test_compile_api_nests_custom_stacks_in_the_root_stack(tmp_path: Path) -> None:
    api_dir = make_project(tmp_path)
    custom = {
        "Parameters": {
            "AppSyncApiId": {"Type": "String"},
            "env": {"Type": "String"},
            "MyExtra": {"Type": "String", "Default": "x"},
        },
        "Resources": {"Empty": {"Type": "Custom::Empty", "Properties": {}}},
    }
    write_json(api_dir / "stacks" / "CustomResources.json", custom)
    compile_api(tmp_path)
    build = api_dir / "build"
    root = json.loads((build / "cloudformation-template.json").read_text())
    assert root["Resources"]["CustomResourcesjson"] == {
        "Type": "AWS::CloudFormation::Stack",
        "Properties": {
            "Parameters": {
                "AppSyncApiId": {"Fn::GetAtt": ["GraphQLAPI", "ApiId"]},
                "env": {"Ref": "env"},
                "MyExtra": {"Ref": "MyExtra"},
            },
            "TemplateURL": {
                "Fn::Join": [
                    "/",
                    [
                        "https://s3.amazonaws.com",
                        {"Ref": "S3DeploymentBucket"},
                        {"Ref": "S3DeploymentRootKey"},
                        "stacks",
                        "CustomResources.json",
                    ],
                ]
            },
        },
        "DependsOn": ["GraphQLAPI", "GraphQLSchema", "Todo"],
    }
    assert root["Parameters"]["MyExtra"] == {"Type": "String", "Default": "x"}
    assert json.loads((build / "stacks" / "CustomResources.json").read_text()) == custom


def test_compile_api_rejects_yaml_custom_stacks(tmp_path: Path) -> None:
    api_dir = make_project(tmp_path)
    (api_dir / "stacks").mkdir()
    (api_dir / "stacks" / "Custom.yaml").write_text("Resources: {}\n")
    with pytest.raises(ApiBuildError) as caught:
        compile_api(tmp_path)
    assert caught.value.message == (
        "Yaml is not yet supported. Please convert the CloudFormation stack Custom.yaml to json."
    )
