"""AppSync scalars and `@aws_*` directives every v1 schema may use without declaring them."""

from __future__ import annotations

__all__ = [
    "APPSYNC_DEFINED_SCALARS",
    "AWS_DIRECTIVES_SDL",
    "AWS_SCALARS_SDL",
    "DEFAULT_SCALARS",
    "NUMERIC_SCALARS",
    "STANDARD_SCALARS",
    "STRIPPED_IN_OUTPUT_EXCEPT",
    "VALID_BUILTIN_DIRECTIVES",
]

STANDARD_SCALARS: dict[str, str] = {
    "String": "String",
    "Int": "Int",
    "Float": "Float",
    "Boolean": "Boolean",
    "ID": "ID",
}
_OTHER_SCALARS = {"BigInt": "Int", "Double": "Float"}
APPSYNC_DEFINED_SCALARS: dict[str, str] = {
    "AWSDate": "String",
    "AWSTime": "String",
    "AWSDateTime": "String",
    "AWSTimestamp": "Int",
    "AWSEmail": "String",
    "AWSJSON": "String",
    "AWSURL": "String",
    "AWSPhone": "String",
    "AWSIPAddress": "String",
}
# Each scalar the transformer treats as a leaf, mapped to the GraphQL scalar its filters use.
DEFAULT_SCALARS: dict[str, str] = {**STANDARD_SCALARS, **_OTHER_SCALARS, **APPSYNC_DEFINED_SCALARS}
NUMERIC_SCALARS = frozenset({"BigInt", "Int", "Float", "Double", "AWSTimestamp"})

AWS_SCALARS_SDL = """
scalar AWSDate
scalar AWSTime
scalar AWSDateTime
scalar AWSTimestamp
scalar AWSEmail
scalar AWSJSON
scalar AWSURL
scalar AWSPhone
scalar AWSIPAddress
scalar BigInt
scalar Double
"""

AWS_DIRECTIVES_SDL = """
directive @aws_subscribe(mutations: [String!]!) on FIELD_DEFINITION
directive @aws_auth(cognito_groups: [String!]!) on FIELD_DEFINITION
directive @aws_api_key on FIELD_DEFINITION | OBJECT
directive @aws_iam on FIELD_DEFINITION | OBJECT
directive @aws_oidc on FIELD_DEFINITION | OBJECT
directive @aws_cognito_user_pools(cognito_groups: [String!]) on FIELD_DEFINITION | OBJECT
directive @aws_lambda on FIELD_DEFINITION | OBJECT
directive @deprecated(reason: String)
  on FIELD_DEFINITION | INPUT_FIELD_DEFINITION | ENUM | ENUM_VALUE
"""

# Directives accepted in user schemas even though no transformer handles them.
VALID_BUILTIN_DIRECTIVES = frozenset(
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

# The only directives left in the printed AppSync schema.
STRIPPED_IN_OUTPUT_EXCEPT = VALID_BUILTIN_DIRECTIVES
