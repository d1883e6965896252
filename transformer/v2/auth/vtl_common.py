"""The VTL pieces every auth template shares: identity claims, owner claims (`sub::username`),
static group checks, the API key / Lambda / IAM checks and the admin-role shortcut."""

from __future__ import annotations

from collections.abc import Sequence

from transformer.mapping_template import ast as a
from transformer.mapping_template.printer import print_block
from transformer.v2.auth.rules import (
    DEFAULT_COGNITO_IDENTITY_CLAIM,
    IDENTITY_CLAIM_DELIMITER,
    AuthProviders,
    RoleDefinition,
    is_provider_equal,
    js_json,
)

__all__ = [
    "ALLOWED_FIELDS",
    "API_KEY_AUTH_TYPE",
    "COGNITO_AUTH_TYPE",
    "DENIED_FIELDS",
    "EMPTY_PAYLOAD",
    "IAM_AUTH_TYPE",
    "IS_AUTHORIZED",
    "LAMBDA_AUTH_TYPE",
    "NULL_ALLOWED_FIELDS",
    "OIDC_AUTH_TYPE",
    "SET_HAS_AUTH",
    "SplitRoles",
    "auth_type_is",
    "authorized",
    "generate_auth_request_expression",
    "generate_field_resolver_for_owner",
    "iam_admin_role_check",
    "iam_check",
    "identity_claim",
    "invalid_claims_condition",
    "is_non_cognito_iam_principal",
    "owner_claim",
    "owner_claim_expression",
    "owner_claim_list_expression",
    "owner_claim_reference",
    "owner_multi_claim_expression",
    "populate_owner_field",
    "split_roles",
    "with_iam_access_check",
]

COGNITO_AUTH_TYPE = "User Pool Authorization"
OIDC_AUTH_TYPE = "Open ID Connect Authorization"
IAM_AUTH_TYPE = "IAM Authorization"
LAMBDA_AUTH_TYPE = "Lambda Authorization"
API_KEY_AUTH_TYPE = "API Key Authorization"
IS_AUTHORIZED = "isAuthorized"
ALLOWED_FIELDS = "allowedFields"
NULL_ALLOWED_FIELDS = "nullAllowedFields"
DENIED_FIELDS = "deniedFields"

SET_HAS_AUTH = a.qref(a.method_call(a.ref("ctx.stash.put"), a.str_("hasAuth"), a.bool_(True)))
EMPTY_PAYLOAD = a.to_json(a.raw('{"version":"2018-05-29","payload":{}}'))


def is_non_cognito_iam_principal() -> a.Expression:
    return a.and_(
        [
            a.equals(a.ref("util.authType()"), a.str_(IAM_AUTH_TYPE)),
            a.method_call(a.ref("util.isNull"), a.ref("ctx.identity.cognitoIdentityPoolId")),
            a.method_call(a.ref("util.isNull"), a.ref("ctx.identity.cognitoIdentityId")),
        ]
    )


def authorized() -> a.Expression:
    return a.set_(a.ref(IS_AUTHORIZED), a.bool_(True))


def auth_type_is(auth_type: str, expr: a.Expression | None) -> a.Expression:
    return a.iff(a.equals(a.ref("util.authType()"), a.str_(auth_type)), expr)


class SplitRoles:
    """The roles of one operation by provider (static: no per-record check)."""

    def __init__(self, roles: Sequence[RoleDefinition]) -> None:
        self.cognito_static = [
            r for r in roles if r.static and is_provider_equal(r.provider, "userPools")
        ]
        self.cognito_dynamic = [
            r for r in roles if not r.static and is_provider_equal(r.provider, "userPools")
        ]
        self.oidc_static = [r for r in roles if r.static and is_provider_equal(r.provider, "oidc")]
        self.oidc_dynamic = [
            r for r in roles if not r.static and is_provider_equal(r.provider, "oidc")
        ]
        self.iam = [r for r in roles if is_provider_equal(r.provider, "identityPool")]
        self.api_key = [r for r in roles if is_provider_equal(r.provider, "apiKey")]
        self.lambda_ = [r for r in roles if is_provider_equal(r.provider, "function")]


def split_roles(roles: Sequence[RoleDefinition]) -> SplitRoles:
    return SplitRoles(roles)


def identity_claim(value: a.Expression, default: a.Expression) -> a.Expression:
    return a.method_call(
        a.ref("util.defaultIfNull"), a.method_call(a.ref("ctx.identity.claims.get"), value), default
    )


def iam_check(claim: str | None, expr: a.Expression, has_identity_pool_id: bool) -> a.Expression:
    check: a.Expression = a.equals(a.ref("ctx.identity.userArn"), a.ref(f"ctx.stash.{claim}"))
    if has_identity_pool_id and claim == "authRole":
        check = a.or_(
            [
                a.parens(check),
                a.parens(
                    a.and_(
                        [
                            a.equals(
                                a.ref("ctx.identity.cognitoIdentityPoolId"),
                                a.ref("ctx.stash.identityPoolId"),
                            ),
                            a.equals(
                                a.ref("ctx.identity.cognitoIdentityAuthType"),
                                a.str_("authenticated"),
                            ),
                        ]
                    )
                ),
            ]
        )
    return a.iff(check, expr)


def owner_claim(claim: str) -> a.Expression:
    if claim == "username":
        return identity_claim(
            a.str_(claim), identity_claim(a.str_(DEFAULT_COGNITO_IDENTITY_CLAIM), a.nul())
        )
    return identity_claim(a.str_(claim), a.nul())


def static_group_check() -> list[a.Expression]:
    return [
        a.set_(a.ref("groupsInToken"), identity_claim(a.ref("groupRole.claim"), a.list_([]))),
    ]


def generate_static_role_expression(roles: list[RoleDefinition]) -> list[a.Expression]:
    """Private first (any signed-in caller), then the static groups in the token."""
    expressions: list[a.Expression] = []
    private = next((i for i, r in enumerate(roles) if r.strategy == "private"), -1)
    if private > -1:
        expressions.append(authorized())
        del roles[private]
    if roles:
        expressions.append(
            a.iff(
                a.not_(a.ref(IS_AUTHORIZED)),
                a.compound(
                    [
                        a.set_(
                            a.ref("staticGroupRoles"),
                            a.raw(js_json([{"claim": r.claim, "entity": r.entity} for r in roles])),
                        ),
                        a.for_each(
                            a.ref("groupRole"),
                            a.ref("staticGroupRoles"),
                            [
                                *static_group_check(),
                                a.iff(
                                    a.method_call(
                                        a.ref("groupsInToken.contains"), a.ref("groupRole.entity")
                                    ),
                                    a.compound([authorized(), a.raw("#break")]),
                                ),
                            ],
                        ),
                    ]
                ),
            )
        )
    return expressions


def api_key_expression(roles: Sequence[RoleDefinition]) -> a.Expression:
    return auth_type_is(API_KEY_AUTH_TYPE, a.compound([authorized()] if roles else []))


def lambda_expression(roles: Sequence[RoleDefinition]) -> a.Expression:
    return auth_type_is(LAMBDA_AUTH_TYPE, a.compound([authorized()] if roles else []))


def with_iam_access_check(enable_iam_access: bool, expr: a.Expression) -> a.Expression:
    """`enableIamAccess`: IAM callers outside the identity pool (e.g. a Lambda role) pass."""
    if not enable_iam_access:
        return expr
    return a.if_else(is_non_cognito_iam_principal(), a.compound([SET_HAS_AUTH, authorized()]), expr)


def iam_admin_role_check(
    field_name: str | None = None, admin_check: a.Expression | None = None
) -> a.Expression:
    returned = (
        a.raw(f"#return($context.source.{field_name})")
        if field_name
        else a.raw("#return($util.toJson({}))")
    )
    full = a.compound([admin_check, returned]) if admin_check is not None else returned
    return a.compound(
        [
            a.for_each(
                a.ref("adminRole"),
                a.ref("ctx.stash.adminRoles"),
                [
                    a.iff(
                        a.and_(
                            [
                                a.method_call(
                                    a.ref("ctx.identity.userArn.contains"), a.ref("adminRole")
                                ),
                                a.not_equals(
                                    a.ref("ctx.identity.userArn"), a.ref("ctx.stash.authRole")
                                ),
                                a.not_equals(
                                    a.ref("ctx.identity.userArn"), a.ref("ctx.stash.unauthRole")
                                ),
                            ]
                        ),
                        full,
                    )
                ],
            )
        ]
    )


def iam_expression(
    roles: Sequence[RoleDefinition], providers: AuthProviders, field_name: str | None = None
) -> a.Expression:
    """Read operations: the auth or unauth role of the identity pool (and admin roles)."""
    expressions: list[a.Expression] = []
    if providers.has_admin_roles:
        expressions.append(iam_admin_role_check(field_name))
    if roles:
        for role in roles:
            expressions.append(
                a.iff(
                    a.not_(a.ref(IS_AUTHORIZED)),
                    iam_check(role.claim, authorized(), providers.has_identity_pool_id),
                )
            )
    else:
        expressions.append(a.ref("util.unauthorized()"))
    return auth_type_is(
        IAM_AUTH_TYPE,
        with_iam_access_check(providers.generic_iam_access, a.compound(expressions)),
    )


def generate_auth_request_expression() -> str:
    """The auth slot request of update and delete: read the current item first."""
    statements: list[a.Expression] = [
        a.set_(
            a.ref("GetRequest"),
            a.obj({"version": a.str_("2018-05-29"), "operation": a.str_("GetItem")}),
        ),
        a.if_else(
            a.ref("ctx.stash.metadata.modelObjectKey"),
            a.set_(a.ref("key"), a.ref("ctx.stash.metadata.modelObjectKey")),
            a.compound(
                [
                    a.set_(
                        a.ref("key"),
                        a.obj(
                            {
                                "id": a.method_call(
                                    a.ref("util.dynamodb.toDynamoDB"), a.ref("ctx.args.input.id")
                                )
                            }
                        ),
                    )
                ]
            ),
        ),
        a.qref(a.method_call(a.ref("GetRequest.put"), a.str_("key"), a.ref("key"))),
        a.to_json(a.ref("GetRequest")),
    ]
    return print_block("Get Request template", a.compound(statements))


def _claims(claim: str | None) -> list[str]:
    return (claim or "").split(IDENTITY_CLAIM_DELIMITER)


def owner_claim_list_expression(claim: str | None, ref_name: str) -> a.Expression:
    claims = _claims(claim)
    if len(claims) <= 1:
        return a.set_(a.ref(ref_name), a.list_([]))
    return a.compound(
        [
            a.set_(a.ref(ref_name), a.list_([])),
            a.compound(
                [a.qref(a.method_call(a.ref(f"{ref_name}.add"), owner_claim(c))) for c in claims]
            ),
        ]
    )


def owner_claim_expression(claim: str | None, ref_name: str) -> a.Expression:
    claims = _claims(claim)
    expressions: list[a.Expression] = []
    if len(claims) > 1:
        for index, one in enumerate(claims):
            name = ref_name if index == 0 else f"currentClaim{index}"
            expressions.append(a.set_(a.ref(name), owner_claim(one)))
    else:
        expressions.append(a.set_(a.ref(ref_name), owner_claim(claim or "")))
    return a.compound(expressions)


def owner_multi_claim_expression(claim: str | None, ref_name: str) -> a.Expression | None:
    claims = _claims(claim)
    if len(claims) <= 1:
        return None
    extra = [f"$currentClaim{i}" for i in range(1, len(claims))]
    return a.set_(
        a.ref(ref_name), a.raw('"$' + IDENTITY_CLAIM_DELIMITER.join([ref_name, *extra]) + '"')
    )


def invalid_claims_condition(claim: str | None, ref_name: str) -> a.Expression:
    claims = _claims(claim)
    check = a.not_(a.method_call(a.ref("util.isNull"), a.ref(ref_name)))
    if len(claims) <= 1:
        return check
    extra = [
        a.not_(a.method_call(a.ref("util.isNull"), a.ref(f"currentClaim{i}")))
        for i in range(1, len(claims))
    ]
    return a.and_([check, *extra])


def owner_claim_reference(claim: str | None, ref_name: str) -> str:
    claims = _claims(claim)
    return f"currentClaim{len(claims) - 1}" if len(claims) > 1 else ref_name


def add_allowed_fields_if_else(
    allowed_fields_key: str, condition: str, break_loop: bool = False
) -> a.Expression:
    return a.if_else(
        a.ref(condition),
        a.compound([authorized(), *([a.raw("#break")] if break_loop else [])]),
        a.qref(a.method_call(a.ref(f"{ALLOWED_FIELDS}.addAll"), a.ref(allowed_fields_key))),
    )


def populate_owner_field(
    claim_ref: str,
    owner_entity: str,
    entity_ref: str,
    entity_is_list: bool,
    check_if_authorized: bool,
    allowed_fields_key: str | None = None,
    allowed_fields_condition: str | None = None,
) -> a.Expression:
    conditions: list[a.Expression] = []
    if check_if_authorized:
        conditions.append(a.ref(IS_AUTHORIZED))
    conditions.append(a.ref(f"util.isNull(${entity_ref})"))
    conditions.append(
        a.not_(a.method_call(a.ref("ctx.args.input.containsKey"), a.str_(owner_entity)))
    )
    value: a.Expression = a.list_([a.ref(claim_ref)]) if entity_is_list else a.ref(claim_ref)
    populate: list[a.Expression] = [
        a.qref(a.method_call(a.ref("ctx.args.input.put"), a.str_(owner_entity), value))
    ]
    if allowed_fields_key and allowed_fields_condition:
        populate.append(add_allowed_fields_if_else(allowed_fields_key, allowed_fields_condition))
    return a.compound([a.iff(a.and_(conditions), a.compound(populate))])


def parse_group_claim(ref_name: str) -> a.Expression:
    """A group claim may arrive as a JSON string: parse it, or wrap a single group."""
    return a.iff(
        a.method_call(a.ref("util.isString"), a.ref(ref_name)),
        a.if_else(
            a.method_call(
                a.ref("util.isList"), a.method_call(a.ref("util.parseJson"), a.ref(ref_name))
            ),
            a.set_(a.ref(ref_name), a.method_call(a.ref("util.parseJson"), a.ref(ref_name))),
            a.set_(a.ref(ref_name), a.list_([a.ref(ref_name)])),
        ),
    )


def generate_field_resolver_for_owner(entity: str) -> str:
    """`sub::username` owners are stored as `sub::username`: a read returns the username."""
    expressions: list[a.Expression] = [
        a.if_else(
            a.method_call(a.ref("util.isList"), a.ref(f"ctx.source.{entity}")),
            a.compound(
                [
                    a.set_(a.ref("ownerEntitiesList"), a.list_([])),
                    a.set_(a.ref(entity), a.ref(f"ctx.source.{entity}")),
                    a.for_each(
                        a.ref("entities"),
                        a.ref(entity),
                        [
                            a.set_(
                                a.ref("ownerEntities"),
                                a.ref(f'entities.split("{IDENTITY_CLAIM_DELIMITER}")'),
                            ),
                            a.set_(
                                a.ref("ownerEntitiesLastIdx"), a.raw("$ownerEntities.size() - 1")
                            ),
                            a.set_(
                                a.ref("ownerEntitiesLast"),
                                a.ref("ownerEntities[$ownerEntitiesLastIdx]"),
                            ),
                            a.qref(
                                a.method_call(
                                    a.ref("ownerEntitiesList.add"), a.ref("ownerEntitiesLast")
                                )
                            ),
                        ],
                    ),
                    a.qref(
                        a.method_call(a.ref(f"ctx.source.{entity}.put"), a.ref("ownerEntitiesList"))
                    ),
                    a.to_json(a.ref("ownerEntitiesList")),
                ]
            ),
            a.compound(
                [
                    a.set_(
                        a.ref("ownerEntities"),
                        a.ref(f'ctx.source.{entity}.split("{IDENTITY_CLAIM_DELIMITER}")'),
                    ),
                    a.set_(a.ref("ownerEntitiesLastIdx"), a.raw("$ownerEntities.size() - 1")),
                    a.set_(
                        a.ref("ownerEntitiesLast"), a.ref("ownerEntities[$ownerEntitiesLastIdx]")
                    ),
                    a.qref(
                        a.method_call(
                            a.ref("ctx.source.put"), a.str_(entity), a.ref("ownerEntitiesLast")
                        )
                    ),
                    a.to_json(a.ref(f"ctx.source.{entity}")),
                ]
            ),
        )
    ]
    return print_block("Parse owner field auth for Get", a.compound(expressions))
