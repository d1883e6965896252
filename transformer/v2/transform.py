"""The v2 transform pipeline: parse and validate, run the plugins' phases, add user slots,
synthesize resolvers and stacks, and return the build files."""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import parse
from graphql.language import ast

from transformer.errors import TransformerError
from transformer.v2.config import V2Config
from transformer.v2.context import OutputSchema, TransformerContext
from transformer.v2.errors import GraphQLError, SchemaValidationError
from transformer.v2.model.datastore import create_sync_table, uses_datastore
from transformer.v2.model.managed_table import table_name_from_arn
from transformer.v2.plugin import TransformerPlugin
from transformer.v2.resolver import FunctionHost, Template, TransformerResolver
from transformer.validation import parse_type_system, validate_model_schema

__all__ = ["BuildV2", "GraphQLTransformV2", "default_plugins"]

_DEFINITIONS = Path(__file__).with_name("definitions.graphql")
_BUILTIN = frozenset(
    {
        "aws_subscribe",
        "aws_auth",
        "aws_api_key",
        "aws_iam",
        "aws_oidc",
        "aws_lambda",
        "aws_cognito_user_pools",
        "deprecated",
    }
)
_USER_SLOT_ORDER = (
    "init",
    "preAuth",
    "auth",
    "postAuth",
    "preDataLoad",
    "preUpdate",
    "preSubscribe",
    "postDataLoad",
    "postUpdate",
    "finish",
)


@functools.cache
def _directive_definitions() -> tuple[Any, ...]:
    return tuple(parse(_DEFINITIONS.read_text(), no_location=True).definitions)


@dataclass
class BuildV2:
    """The files of `build/`: schema.graphql, resolvers/*, the root template and the nested
    stack templates (by name), as the Gen 1 v2 transformer writes them."""

    schema: str
    resolvers: dict[str, str]
    root_stack: dict[str, Any]
    stacks: dict[str, dict[str, Any]]

    def files(self) -> dict[str, str]:
        """Relative path -> text, in the oracle's layout (JSON indented by 2)."""
        out: dict[str, str] = {"schema.graphql": self.schema}
        out.update(self.resolvers)
        out["cloudformation-template.json"] = _dump(self.root_stack)
        for name, template in self.stacks.items():
            out[f"stacks/{name}.json"] = _dump(template)
        return out

    def write(self, out_dir: Path) -> None:
        out_dir = Path(out_dir)
        for relative, text in self.files().items():
            target = out_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def default_plugins() -> list[TransformerPlugin]:
    """The plugins in the order of the real transformer chain (model first, auth late)."""
    from transformer.v2.auth.plugin import AuthPlugin
    from transformer.v2.directives.conversation import ConversationInputsPlugin
    from transformer.v2.directives.default_value import DefaultValuePlugin
    from transformer.v2.directives.function import FunctionPlugin
    from transformer.v2.directives.index import IndexPlugin
    from transformer.v2.directives.many_to_many import ManyToManyPlugin
    from transformer.v2.directives.maps_to import MapsToPlugin
    from transformer.v2.directives.primary_key import PrimaryKeyPlugin
    from transformer.v2.directives.relational import BelongsToPlugin, HasManyPlugin, HasOnePlugin
    from transformer.v2.model.plugin import ModelPlugin

    # model, function, http, predictions, primaryKey, index, hasMany, hasOne, manyToMany,
    # belongsTo, default, auth, mapsTo, sql, refersTo, searchable
    model, index, has_one, auth = ModelPlugin(), IndexPlugin(), HasOnePlugin(), AuthPlugin()
    return [
        ConversationInputsPlugin(),
        model,
        FunctionPlugin(),
        PrimaryKeyPlugin(),
        index,
        HasManyPlugin(),
        has_one,
        ManyToManyPlugin(model, index, has_one, auth),
        BelongsToPlugin(),
        DefaultValuePlugin(),
        auth,
        MapsToPlugin(),
    ]


class GraphQLTransformV2:
    def __init__(self, plugins: Sequence[TransformerPlugin], config: V2Config) -> None:
        self.plugins = list(plugins)
        self.config = config

    def transform(self, schema: str) -> BuildV2:
        """:raises TransformerError: invalid schema or directive misuse (v2 messages)."""
        try:
            document = parse_type_system(schema)
        except TransformerError as err:
            if err.line is None:
                raise
            raise GraphQLError(err.message, line=err.line, column=err.column) from err
        validate_model_schema(
            [*document.definitions, *_directive_definitions()], SchemaValidationError
        )
        config = self.config
        if _has_sandbox_rule(document) and "sandboxModeEnabled" not in config.explicit:
            config = config.with_parameters(sandboxModeEnabled=True)
        ctx = TransformerContext(config, document, OutputSchema(_without_amplify(document)))
        for plugin in self.plugins:
            plugin.before(ctx)
        self._walk(ctx, document)
        for phase in ("validate", "prepare", "transform_schema"):
            for plugin in self.plugins:
                getattr(plugin, phase)(ctx)
        schema_text = ctx.output.print()
        self._create_api(ctx)
        if uses_datastore(ctx):
            create_sync_table(ctx)
        for plugin in self.plugins:
            plugin.generate_resolvers(ctx)
        for plugin in reversed(self.plugins):
            plugin.after(ctx)
        self._add_user_slots(ctx)
        assert ctx.host is not None
        for resolver in ctx.resolvers.values():
            resolver.synthesize(ctx.host, ctx.stacks.root, functools.partial(_before, ctx))
        root, nested = ctx.stacks.synthesize()
        resolvers = {name: text for name, text in ctx.host.assets.items()}
        return BuildV2(schema_text, resolvers, root, nested)

    def _walk(self, ctx: TransformerContext, document: ast.DocumentNode) -> None:
        known = {p.directive for p in self.plugins if p.directive} | _BUILTIN
        for plugin in self.plugins:
            for definition in document.definitions:
                if isinstance(definition, ast.InterfaceTypeDefinitionNode) and getattr(
                    plugin, "walks_interface_fields", False
                ):
                    self._walk_interface(ctx, plugin, definition)
                    continue
                if not isinstance(
                    definition, (ast.ObjectTypeDefinitionNode, ast.ObjectTypeExtensionNode)
                ):
                    continue
                for directive in definition.directives or ():
                    name = directive.name.value
                    if name not in known and not _is_defined(name):
                        raise _unknown(name)
                    if name == plugin.directive:
                        with _located(directive):
                            plugin.object(ctx, definition, directive)  # type: ignore[arg-type]
                for field in definition.fields or ():
                    for directive in field.directives or ():
                        name = directive.name.value
                        if name not in known and not _is_defined(name):
                            raise _unknown(name)
                        if name == plugin.directive:
                            with _located(directive):
                                plugin.field(ctx, definition, field, directive)  # type: ignore[arg-type]

    @staticmethod
    def _walk_interface(
        ctx: TransformerContext, plugin: TransformerPlugin, definition: Any
    ) -> None:
        """Interface fields reach the plugins that check them (@auth refuses them)."""
        for field in definition.fields or ():
            for directive in field.directives or ():
                if directive.name.value == plugin.directive:
                    with _located(directive):
                        plugin.field(ctx, definition, field, directive)

    # ---- the API in the root stack ---------------------------------------------------------
    def _create_api(self, ctx: TransformerContext) -> None:
        root = ctx.stacks.root
        types = ctx.config.auth_types
        properties: dict[str, Any] = {}
        additional = [{"AuthenticationType": t} | _auth_extra(ctx, t) for t in types[1:]]
        if additional:
            properties["AdditionalAuthenticationProviders"] = additional
        properties["AuthenticationType"] = types[0]
        properties["Name"] = _api_name(ctx)
        properties.update(_auth_main(ctx, types[0]))
        ctx.api = root.add_resource(
            ["GraphQLAPI", "Resource"],
            {"Type": "AWS::AppSync::GraphQLApi", "Properties": dict(sorted(properties.items()))},
        )
        root.add_resource(
            ["GraphQLAPI", "TransformerSchema"],
            {
                "Type": "AWS::AppSync::GraphQLSchema",
                "Properties": {
                    "ApiId": ctx.api_id(),
                    "DefinitionS3Location": (
                        "s3://mock-deployment-bucket/amplify-appsync-files/schema.graphql"
                    ),
                },
            },
        )
        outputs = ctx.parameters.enableTransformerCfnOutputs
        if "API_KEY" in types and not ctx.parameters.suppressApiKeyGeneration:
            expires = (
                int(ctx.config.clock().timestamp()) + ctx.config.api_key_expiration_days * 86400
            )
            key_properties: dict[str, Any] = {"ApiId": ctx.api_id()}
            if ctx.config.api_key_description is not None:
                key_properties["Description"] = ctx.config.api_key_description
            key_properties["Expires"] = expires
            api_key = root.add_resource(
                ["GraphQLAPI", "DefaultApiKey"],
                {"Type": "AWS::AppSync::ApiKey", "Properties": key_properties},
            )
            if outputs:
                root.add_output(
                    "GraphQLAPIKeyOutput",
                    _root_output(
                        "Your GraphQL API ID.", api_key.get_att("ApiKey"), "GraphQLApiKey"
                    ),
                )
        if outputs:
            root.add_output(
                "GraphQLAPIIdOutput",
                _root_output("Your GraphQL API ID.", ctx.api_id(), "GraphQLApiId"),
            )
            root.add_output(
                "GraphQLAPIEndpointOutput",
                _root_output(
                    "Your GraphQL API endpoint.",
                    ctx.api.get_att("GraphQLUrl"),
                    "GraphQLApiEndpoint",
                ),
            )
        ctx.ensure_none_data_source()
        ctx.host = FunctionHost(
            ctx.api_id,
            ctx.ensure_none_data_source,
            dedupe=not ctx.parameters.disableResolverDeduping,
        )

    # ---- user slots and overrides -------------------------------------------------------
    def _add_user_slots(self, ctx: TransformerContext) -> None:
        """`resolvers/<Type>.<field>.<slot>.<n>.(req|res).vtl` from the project: a file named
        like a generated one replaces it, a new one is added to its slot."""
        slots: dict[tuple[str, str, int], dict[str, str]] = {}
        for file_name, text in sorted(ctx.config.user_resolvers.items()):
            parts = file_name.split(".")
            if len(parts) == 6 and parts[2] in _USER_SLOT_ORDER and parts[3].isdigit():
                entry = slots.setdefault((f"{parts[0]}.{parts[1]}", parts[2], int(parts[3])), {})
                entry[parts[4]] = text
        for (key, slot_name, _index), entry in sorted(slots.items()):
            resolver = ctx.resolvers.get(key)
            if resolver is None:
                continue
            base = f"{key}.{slot_name}.{_index}"
            request = Template.s3(entry["req"], f"{base}.req.vtl") if "req" in entry else None
            response = Template.s3(entry["res"], f"{base}.res.vtl") if "res" in entry else None
            resolver.add_to_slot(slot_name, request, response)
        for resolver in ctx.resolvers.values():
            for side in ("req", "res"):
                name = f"{resolver.key}.{side}.vtl"
                if name in ctx.config.user_resolvers:
                    template = resolver.request if side == "req" else resolver.response
                    template.text = ctx.config.user_resolvers[name]


@contextlib.contextmanager
def _located(node: Any) -> Iterator[None]:
    """Give a directive error without a location the line and column of the directive."""
    try:
        yield
    except TransformerError as err:
        if err.line is None and node.loc is not None:
            location = node.loc.source.get_location(node.loc.start)
            err.line, err.column = location.line, location.column
        raise


def _is_defined(name: str) -> bool:
    return any(
        isinstance(d, ast.DirectiveDefinitionNode) and d.name.value == name
        for d in _directive_definitions()
    )


def _unknown(name: str) -> TransformerError:
    from transformer.errors import UnknownDirectiveError

    return UnknownDirectiveError(
        f"Unknown directive '{name}'. Either remove the directive from the schema or add a "
        "transformer to handle it."
    )


def _has_sandbox_rule(document: ast.DocumentNode) -> bool:
    for definition in document.definitions:
        if (
            isinstance(definition, ast.InputObjectTypeDefinitionNode)
            and definition.name.value == "AMPLIFY"
        ):
            return any(f.name.value == "globalAuthRule" for f in definition.fields or ())
    return False


def _without_amplify(document: ast.DocumentNode) -> ast.DocumentNode:
    kept = tuple(
        d
        for d in document.definitions
        if not (isinstance(d, ast.InputObjectTypeDefinitionNode) and d.name.value == "AMPLIFY")
    )
    return ast.DocumentNode(definitions=kept)


def _api_name(ctx: TransformerContext) -> str:
    env = ctx.synth.amplifyEnvironmentName
    return ctx.synth.apiName if env == "NONE" else f"{ctx.synth.apiName}-{env}"


def _oidc(ctx: TransformerContext) -> dict[str, Any]:
    settings = ctx.config.oidc
    config: dict[str, Any] = {}
    if settings.get("authTTL") is not None:
        config["AuthTtl"] = settings["authTTL"]
    if settings.get("clientId") is not None:
        config["ClientId"] = settings["clientId"]
    if settings.get("iatTTL") is not None:
        config["IatTtl"] = settings["iatTTL"]
    config["Issuer"] = settings.get("issuerUrl")
    return {"OpenIDConnectConfig": config}


def _lambda(ctx: TransformerContext) -> dict[str, Any]:
    settings = ctx.config.lambda_authorizer
    env = ctx.synth.amplifyEnvironmentName
    uri = {
        "Fn::Join": [
            "",
            [
                "arn:",
                {"Ref": "AWS::Partition"},
                ":lambda:",
                {"Ref": "AWS::Region"},
                ":",
                {"Ref": "AWS::AccountId"},
                f":function:{settings.get('lambdaFunction')}-{env}",
            ],
        ]
    }
    return {
        "LambdaAuthorizerConfig": {
            "AuthorizerResultTtlInSeconds": settings.get("ttlSeconds"),
            "AuthorizerUri": uri,
            "IdentityValidationExpression": "",
        }
    }


def _auth_main(ctx: TransformerContext, auth_type: str) -> dict[str, Any]:
    if auth_type == "OPENID_CONNECT":
        return _oidc(ctx)
    if auth_type == "AWS_LAMBDA":
        return _lambda(ctx)
    if auth_type == "AMAZON_COGNITO_USER_POOLS":
        return {
            "UserPoolConfig": {
                "AwsRegion": {"Ref": "AWS::Region"},
                "DefaultAction": "ALLOW",
                "UserPoolId": ctx.synth.userPoolId,
            }
        }
    return {}


def _auth_extra(ctx: TransformerContext, auth_type: str) -> dict[str, Any]:
    if auth_type == "OPENID_CONNECT":
        return _oidc(ctx)
    if auth_type == "AWS_LAMBDA":
        return _lambda(ctx)
    if auth_type == "AMAZON_COGNITO_USER_POOLS":
        return {
            "UserPoolConfig": {
                "AwsRegion": {"Ref": "AWS::Region"},
                "UserPoolId": ctx.synth.userPoolId,
            }
        }
    return {}


def _root_output(description: str, value: Any, export: str) -> dict[str, Any]:
    return {
        "Description": description,
        "Value": value,
        "Export": {"Name": {"Fn::Join": [":", [{"Ref": "AWS::StackName"}, export]]}},
    }


def _before(ctx: TransformerContext, resolver: TransformerResolver) -> list[Any]:
    """The inline request template of a pipeline resolver: the stash set-up."""
    source = resolver.data_source
    source_type = source.type if source else "NONE"
    parts: list[Any] = [
        f'$util.qr($ctx.stash.put("typeName", "{resolver.type_name}"))\n'
        f'$util.qr($ctx.stash.put("fieldName", "{resolver.field_name}"))\n'
        '$util.qr($ctx.stash.put("conditions", []))\n'
        '$util.qr($ctx.stash.put("metadata", {}))\n'
        f'$util.qr($ctx.stash.metadata.put("dataSourceType", "{source_type}"))\n'
        '$util.qr($ctx.stash.metadata.put("apiId", "',
        ctx.api_id(),
        '"))\n$util.qr($ctx.stash.put("connectionAttributes", {}))\n',
    ]
    if source is not None and source.type == "AMAZON_DYNAMODB" and source.table is not None:
        table_name = (
            table_name_from_arn(source.table)
            if ctx.config.amplify_managed_tables
            else source.table.ref()
        )
        parts += ['$util.qr($ctx.stash.put("tableName", "', table_name, '"))']
        if source.delta_sync:
            parts.append('\n$util.qr($ctx.stash.put("deltaSyncTableTtl", 30))')
    account = {"Ref": "AWS::AccountId"}
    synth = ctx.synth
    # the 2.x line writes the partition as a reference, the 1.8 line as `aws`
    arn: list[Any] = (
        ["arn:", {"Ref": "AWS::Partition"}, ":sts::"]
        if ctx.config.line == "gen2"
        else ["arn:aws:sts::"]
    )
    if synth.authenticatedUserRoleName:
        parts += [
            '\n$util.qr($ctx.stash.put("authRole", "' + arn[0],
            *arn[1:],
            account,
            f':assumed-role/{synth.authenticatedUserRoleName}/CognitoIdentityCredentials"))',
        ]
    if synth.unauthenticatedUserRoleName:
        parts += [
            '\n$util.qr($ctx.stash.put("unauthRole", "' + arn[0],
            *arn[1:],
            account,
            f':assumed-role/{synth.unauthenticatedUserRoleName}/CognitoIdentityCredentials"))',
        ]
    if synth.identityPoolId:
        parts.append(f'\n$util.qr($ctx.stash.put("identityPoolId", "{synth.identityPoolId}"))')
    admin_roles = json.dumps(list(synth.adminRoles), separators=(",", ":"))
    parts.append(f'\n$util.qr($ctx.stash.put("adminRoles", {admin_roles}))')
    parts.append("\n$util.toJson({})")
    return parts
