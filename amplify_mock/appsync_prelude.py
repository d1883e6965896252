"""The scalars and `@aws_*` directives AppSync declares for every schema, as SDL.

A transformer build's schema.graphql uses them without declaring them; the endpoint and codegen
both add the ones a schema does not declare itself.
"""

from __future__ import annotations

from graphql import DocumentNode

__all__ = ["APPSYNC_PRELUDE", "APPSYNC_SCALAR_NAMES", "undeclared_prelude"]

APPSYNC_SCALAR_NAMES = (
    "AWSDate",
    "AWSTime",
    "AWSDateTime",
    "AWSEmail",
    "AWSURL",
    "AWSPhone",
    "AWSIPAddress",
    "AWSTimestamp",
    "AWSJSON",
)

#: Definitions by name, scalars first (the order the built schema lists them in).
APPSYNC_PRELUDE: dict[str, str] = {
    **{name: f"scalar {name}" for name in APPSYNC_SCALAR_NAMES},
    "aws_subscribe": "directive @aws_subscribe(mutations: [String!]) on FIELD_DEFINITION",
    "aws_publish": "directive @aws_publish(subscriptions: [String!]) on FIELD_DEFINITION",
    "aws_api_key": "directive @aws_api_key on FIELD_DEFINITION | OBJECT | INTERFACE",
    "aws_iam": "directive @aws_iam on FIELD_DEFINITION | OBJECT | INTERFACE",
    "aws_oidc": "directive @aws_oidc on FIELD_DEFINITION | OBJECT | INTERFACE",
    "aws_lambda": "directive @aws_lambda on FIELD_DEFINITION | OBJECT | INTERFACE",
    "aws_cognito_user_pools": (
        "directive @aws_cognito_user_pools(cognito_groups: [String!]) "
        "on FIELD_DEFINITION | OBJECT | INTERFACE"
    ),
    "aws_auth": "directive @aws_auth(cognito_groups: [String!]) on FIELD_DEFINITION | OBJECT",
}


def undeclared_prelude(document: DocumentNode) -> list[str]:
    """The prelude's definitions whose names `document` does not declare itself."""
    declared = {
        name.value for d in document.definitions if (name := getattr(d, "name", None)) is not None
    }
    return [sdl for name, sdl in APPSYNC_PRELUDE.items() if name not in declared]
