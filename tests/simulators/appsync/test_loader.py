"""Tests of reading a transformer build into an ApiConfig."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from amplify_mock.simulators.appsync.config import ApiConfig, AuthenticationType, TableSpec
from amplify_mock.simulators.appsync.loader import ApiBuildError, load_api_config

from .conftest import API_KEY, BUILDS

V2_GOLDEN = Path(__file__).parents[2] / "transformer" / "v2" / "golden"


def test_load_api_config_todo_auth_and_key(todo_config: ApiConfig) -> None:
    assert todo_config.default_auth.authentication_type is AuthenticationType.API_KEY
    assert todo_config.additional_auth == ()
    assert todo_config.api_key == API_KEY


def test_load_api_config_api_key_override() -> None:
    assert load_api_config(BUILDS["todo"], api_key="da-fake-api-key").api_key == "da-fake-api-key"


def test_load_api_config_todo_table_named_by_logical_id(todo_config: ApiConfig) -> None:
    assert todo_config.tables == (
        TableSpec(
            name="TodoTable",
            key_schema=({"AttributeName": "id", "KeyType": "HASH"},),
            attribute_definitions=({"AttributeName": "id", "AttributeType": "S"},),
            stream_view_type="NEW_AND_OLD_IMAGES",
        ),
    )
    ds = {d.name: d for d in todo_config.data_sources}
    assert ds["TodoTable"].type == "AMAZON_DYNAMODB"
    assert ds["TodoTable"].table_name == "TodoTable"


def test_load_api_config_todo_resolvers(todo_config: ApiConfig) -> None:
    fields = sorted(f"{r.type_name}.{r.field_name}" for r in todo_config.resolvers)
    assert fields == [
        "Mutation.createTodo", "Mutation.deleteTodo", "Mutation.updateTodo",
        "Query.getTodo", "Query.listTodos",
    ]  # fmt: skip
    get_todo = next(r for r in todo_config.resolvers if r.field_name == "getTodo")
    assert get_todo.kind == "UNIT"
    assert get_todo.data_source == "TodoTable"
    assert get_todo.request_template is not None
    assert get_todo.request_template.file_name == "resolvers/Query.getTodo.req.vtl"
    assert '"operation": "GetItem"' in get_todo.request_template.text


def test_load_api_config_blog_multi_auth(blog_config: ApiConfig) -> None:
    assert blog_config.default_auth.authentication_type is (
        AuthenticationType.AMAZON_COGNITO_USER_POOLS
    )
    assert [p.authentication_type for p in blog_config.additional_auth] == [
        AuthenticationType.API_KEY,
        AuthenticationType.AWS_IAM,
    ]


def test_load_api_config_blog_pipeline_and_lambda(blog_config: ApiConfig) -> None:
    shout = next(r for r in blog_config.resolvers if r.field_name == "shout")
    assert shout.kind == "PIPELINE"
    assert [f.name for f in shout.functions] == [
        "InvokeEchoFunctionLambdaDataSource",
        "InvokeUpperLambdaDataSource",
    ]
    assert shout.functions[0].request_template is not None
    assert shout.functions[0].request_template.file_name == (
        "pipelineFunctions/InvokeEchoFunctionLambdaDataSource.req.vtl"
    )
    lambdas = {d.name: d.function_name for d in blog_config.data_sources if d.type == "AWS_LAMBDA"}
    assert lambdas == {
        "WordCountLambdaDataSource": "wordCount",
        "EchoFunctionLambdaDataSource": "echoFunction",
        "UpperLambdaDataSource": "upper",
    }


def test_load_api_config_blog_connection_resolvers_use_imported_data_sources(
    blog_config: ApiConfig,
) -> None:
    posts = next(
        r for r in blog_config.resolvers if (r.type_name, r.field_name) == ("Blog", "posts")
    )
    assert posts.data_source == "PostTable"


def test_load_api_config_blog_gsi(blog_config: ApiConfig) -> None:
    post = next(t for t in blog_config.tables if t.name == "PostTable")
    assert [g["IndexName"] for g in post.global_secondary_indexes] == ["byBlog"]
    request = post.create_table_request()
    assert "ProvisionedThroughput" not in request["GlobalSecondaryIndexes"][0]
    assert request["BillingMode"] == "PAY_PER_REQUEST"


def test_load_api_config_reads_the_auth_role_policy(blog_config: ApiConfig) -> None:
    """The transformer's `AWS::IAM::ManagedPolicy` for the auth role is read (IAM callers'
    permissions), not reported as unsupported."""
    assert blog_config.unsupported_resource_types == ()
    assert blog_config.iam.auth_role_name == "authRoleName-mock"
    assert blog_config.iam.policies == {
        "authRoleName-mock": frozenset(
            {
                ("Blog", "*"),
                ("Query", "getBlog"),
                ("Query", "listBlogs"),
                ("Subscription", "onCreateBlog"),
                ("Subscription", "onUpdateBlog"),
                ("Subscription", "onDeleteBlog"),
            }
        )
    }


def test_load_api_config_oidc_provider() -> None:
    config = load_api_config(BUILDS["oidc"])
    assert config.default_auth.authentication_type is AuthenticationType.OPENID_CONNECT
    assert config.default_auth.oidc_issuer == "https://issuer.example.com/"
    assert config.api_key is None


def test_load_api_config_missing_template_is_an_error(tmp_path: Path) -> None:
    build = tmp_path / "build"
    shutil.copytree(BUILDS["todo"], build)
    (build / "resolvers" / "Query.getTodo.req.vtl").unlink()
    with pytest.raises(ApiBuildError) as info:
        load_api_config(build)
    assert info.value.message == (
        f"Cannot load the API build in {build}: "
        "mapping template resolvers/Query.getTodo.req.vtl is missing"
    )


def test_load_api_config_missing_root_template_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ApiBuildError) as info:
        load_api_config(tmp_path)
    assert info.value.message == (
        f"Cannot load the API build in {tmp_path}: cloudformation-template.json is missing"
    )


def test_load_api_config_custom_stack_resolver(tmp_path: Path) -> None:
    build = tmp_path / "build"
    shutil.copytree(BUILDS["todo"], build)
    root = json.loads((build / "cloudformation-template.json").read_text())
    root["Resources"]["CustomResourcesjson"] = {
        "Type": "AWS::CloudFormation::Stack",
        "Properties": {
            "Parameters": {"AppSyncApiId": {"Fn::GetAtt": ["GraphQLAPI", "ApiId"]}},
            "TemplateURL": "https://s3.amazonaws.com/b/k/stacks/CustomResources.json",
        },
    }
    (build / "cloudformation-template.json").write_text(json.dumps(root))
    custom = {
        "Parameters": {"AppSyncApiId": {"Type": "String"}},
        "Resources": {
            "EchoResolver": {
                "Type": "AWS::AppSync::Resolver",
                "Properties": {
                    "ApiId": {"Ref": "AppSyncApiId"},
                    "TypeName": "Query",
                    "FieldName": "echo",
                    "DataSourceName": "NONE",
                    "RequestMappingTemplate": '{"version": "2017-02-28", "payload": {}}',
                    "ResponseMappingTemplate": "$util.toJson($ctx.result)",
                },
            },
            "Queue": {"Type": "AWS::SQS::Queue", "Properties": {}},
        },
    }
    (build / "stacks" / "CustomResources.json").write_text(json.dumps(custom))
    config = load_api_config(build)
    echo = next(r for r in config.resolvers if r.field_name == "echo")
    assert echo.request_template is not None
    assert echo.request_template.text == '{"version": "2017-02-28", "payload": {}}'
    assert config.unsupported_resource_types == ("AWS::SQS::Queue",)


def test_load_api_config_gen2_amplify_managed_tables() -> None:
    """Gen 2 builds make tables with the table manager's `Custom::AmplifyDynamoDBTable`
    (camelCase properties); the data source finds the table through its `TableArn`."""
    build = V2_GOLDEN / "peer-auth-auth-exhaustive-t3a" / "build"
    config = load_api_config(build)
    table = next(t for t in config.tables if t.name == "Profileff91e9beTable")
    assert table.key_schema == ({"AttributeName": "profileId", "KeyType": "HASH"},)
    assert table.attribute_definitions == ({"AttributeName": "profileId", "AttributeType": "S"},)
    source = next(d for d in config.data_sources if d.name == "Profileff91e9beTable")
    assert source.table_name == "Profileff91e9beTable"
    assert config.iam.identity_pool_id == "us-east-1:00000000-0000-0000-0000-000000000000"
