"""Builds the executable schema: AppSync scalars, `@aws_*` directives, per-field auth rules."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    DirectiveNode,
    DocumentNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    ListValueNode,
    StringValueNode,
    build_ast_schema,
    parse,
)

from amplify_mock.appsync_prelude import undeclared_prelude
from amplify_mock.simulators.appsync.config import AuthenticationType
from amplify_mock.simulators.appsync.scalars import APPSYNC_SCALARS

__all__ = ["FieldAuthRule", "SchemaBuildError", "build_appsync_schema"]

_DIRECTIVE_MODES = {
    "aws_api_key": AuthenticationType.API_KEY,
    "aws_iam": AuthenticationType.AWS_IAM,
    "aws_oidc": AuthenticationType.OPENID_CONNECT,
    "aws_lambda": AuthenticationType.AWS_LAMBDA,
    "aws_cognito_user_pools": AuthenticationType.AMAZON_COGNITO_USER_POOLS,
    "aws_auth": AuthenticationType.AMAZON_COGNITO_USER_POOLS,
}


class SchemaBuildError(Exception):
    """The build's schema.graphql does not build; carries the first error's line/column."""

    def __init__(self, error: GraphQLError) -> None:
        location = error.locations[0] if error.locations else None
        where = f"schema.graphql:{location.line}:{location.column}: " if location else ""
        super().__init__(f"{where}{error.message}")


@dataclass(frozen=True)
class FieldAuthRule:
    """The auth modes that may read a field, and the Cognito groups it is limited to."""

    modes: frozenset[AuthenticationType]
    cognito_groups: tuple[str, ...] = ()


def _directive_rule(directives: tuple[DirectiveNode, ...]) -> FieldAuthRule | None:
    modes: set[AuthenticationType] = set()
    groups: list[str] = []
    for directive in directives:
        mode = _DIRECTIVE_MODES.get(directive.name.value)
        if mode is None:
            continue
        modes.add(mode)
        for arg in directive.arguments or ():
            if arg.name.value == "cognito_groups":
                values = arg.value.values if isinstance(arg.value, ListValueNode) else [arg.value]
                groups.extend(v.value for v in values if isinstance(v, StringValueNode))
    return FieldAuthRule(frozenset(modes), tuple(groups)) if modes else None


def build_appsync_schema(
    sdl: str, default_mode: AuthenticationType
) -> tuple[GraphQLSchema, dict[tuple[str, str], FieldAuthRule], dict[str, tuple[str, ...]]]:
    """The schema with AppSync's scalars, the per-field auth rules, and `@aws_subscribe` routes.

    A field's rule comes from its own `@aws_*` directives, else its type's, else the default
    mode (AppSync's precedence). The routes map a mutation field to its subscription fields.

    :raises SchemaBuildError: the SDL does not parse or build.
    """
    try:
        document = parse(sdl)
    except GraphQLError as err:
        raise SchemaBuildError(err) from err
    # The schema's own definitions are not parsed again: the prelude's join them as nodes.
    prelude = undeclared_prelude(document)
    prelude_definitions = parse("\n".join(prelude)).definitions if prelude else ()
    try:
        schema = build_ast_schema(
            DocumentNode(definitions=(*prelude_definitions, *document.definitions)),
            assume_valid_sdl=False,
        )
    except GraphQLError as err:
        raise SchemaBuildError(err) from err
    except TypeError as err:
        raise SchemaBuildError(GraphQLError(str(err))) from err
    for name, ours in APPSYNC_SCALARS.items():
        built = schema.type_map.get(name)
        if isinstance(built, GraphQLScalarType):
            built.coerce_output_value = ours.coerce_output_value
            built.coerce_input_value = ours.coerce_input_value
            built.coerce_input_literal = ours.coerce_input_literal
    default_rule = FieldAuthRule(frozenset({default_mode}))
    rules: dict[tuple[str, str], FieldAuthRule] = {}
    for type_name, gql_type in schema.type_map.items():
        if not isinstance(gql_type, GraphQLObjectType) or type_name.startswith("__"):
            continue
        type_directives = tuple(gql_type.ast_node.directives or ()) if gql_type.ast_node else ()
        for ext in gql_type.extension_ast_nodes or ():
            type_directives += tuple(ext.directives or ())
        type_rule = _directive_rule(type_directives)
        for field_name, gql_field in gql_type.fields.items():
            field_directives = (
                tuple(gql_field.ast_node.directives or ()) if gql_field.ast_node else ()
            )
            rules[(type_name, field_name)] = (
                _directive_rule(field_directives) or type_rule or default_rule
            )
    return schema, rules, _subscription_routes(schema)


def _subscription_routes(schema: GraphQLSchema) -> dict[str, tuple[str, ...]]:
    routes: dict[str, list[str]] = {}
    subscription = schema.subscription_type
    if subscription is None:
        return {}
    for name, gql_field in subscription.fields.items():
        for directive in (gql_field.ast_node.directives or ()) if gql_field.ast_node else ():
            if directive.name.value != "aws_subscribe":
                continue
            for arg in directive.arguments or ():
                if arg.name.value == "mutations" and isinstance(arg.value, ListValueNode):
                    for value in arg.value.values:
                        if isinstance(value, StringValueNode):
                            routes.setdefault(value.value, []).append(name)
    return {mutation: tuple(subs) for mutation, subs in routes.items()}
