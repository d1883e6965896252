"""The auth templates of single fields (field-level rules, non-model fields, relational
fields without rules on the related model) and of subscriptions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from transformer.mapping_template import ast as a
from transformer.mapping_template.printer import print_block
from transformer.v2.auth import vtl_common as c
from transformer.v2.auth.rules import AuthProviders, RoleDefinition
from transformer.v2.auth.vtl_query import field_is_list

__all__ = [
    "OPERATION_KEY",
    "auth_expression_for_field",
    "auth_expression_for_subscriptions",
    "field_auth_response",
    "post_auth_expression_for_field",
    "set_denied_field_flag",
]

#: the key the model's mutation responses put the operation under (`__operation`)
OPERATION_KEY = "__operation"
_IS = c.IS_AUTHORIZED


def _read_dynamic(roles: Sequence[RoleDefinition], fields: Sequence[Any]) -> list[a.Expression]:
    owners: list[a.Expression] = []
    groups: list[a.Expression] = []
    for index, role in enumerate(roles):
        entity = role.entity or ""
        entity_is_list = field_is_list(fields, entity)
        if role.strategy == "owner":
            claim_ref = f"ownerClaim{index}"
            contains = a.ref(f"ownerClaimsList{index}.contains")
            if entity_is_list:
                match: a.Expression = a.for_each(
                    a.ref("allowedOwner"),
                    a.ref(f"ownerEntity{index}"),
                    [
                        a.iff(
                            a.or_(
                                [
                                    a.equals(a.ref("allowedOwner"), a.ref(claim_ref)),
                                    a.method_call(contains, a.ref("allowedOwner")),
                                ]
                            ),
                            a.compound([c.authorized(), a.raw("#break")]),
                        )
                    ],
                )
            else:
                match = a.iff(
                    a.or_(
                        [
                            a.equals(a.ref(f"ownerEntity{index}"), a.ref(claim_ref)),
                            a.method_call(contains, a.ref(f"ownerEntity{index}")),
                        ]
                    ),
                    c.authorized(),
                )
            owners.append(
                a.iff(
                    a.not_(a.ref(_IS)),
                    a.compound(
                        [
                            a.set_(
                                a.ref(f"ownerEntity{index}"),
                                a.method_call(
                                    a.ref("util.defaultIfNull"),
                                    a.ref(f"ctx.source.{entity}"),
                                    a.nul(),
                                ),
                            ),
                            c.owner_claim_expression(role.claim, claim_ref),
                            a.iff(
                                c.invalid_claims_condition(role.claim, claim_ref),
                                a.compound(
                                    [
                                        c.owner_multi_claim_expression(role.claim, claim_ref),
                                        c.owner_claim_list_expression(
                                            role.claim, f"ownerClaimsList{index}"
                                        ),
                                        match,
                                    ]
                                ),
                            ),
                        ]
                    ),
                )
            )
        if role.strategy == "groups":
            group_match: a.Expression
            if entity_is_list:
                group_match = a.for_each(
                    a.ref("userGroup"),
                    a.ref(f"groupClaim{index}"),
                    [
                        a.iff(
                            a.method_call(
                                a.ref(f"groupEntity{index}.contains"), a.ref("userGroup")
                            ),
                            a.compound([c.authorized(), a.raw("#break")]),
                        )
                    ],
                )
            else:
                group_match = a.iff(
                    a.ref(f"groupClaim{index}.contains($groupEntity{index})"), c.authorized()
                )
            groups.append(
                a.iff(
                    a.not_(a.ref(_IS)),
                    a.compound(
                        [
                            a.set_(
                                a.ref(f"groupEntity{index}"),
                                a.method_call(
                                    a.ref("util.defaultIfNull"),
                                    a.ref(f"ctx.source.{entity}"),
                                    a.nul(),
                                ),
                            ),
                            a.set_(
                                a.ref(f"groupClaim{index}"),
                                c.identity_claim(a.str_(role.claim or ""), a.list_([])),
                            ),
                            c.parse_group_claim(f"groupClaim{index}"),
                            group_match,
                        ]
                    ),
                )
            )
    return [*owners, *groups]


def auth_expression_for_field(
    providers: AuthProviders,
    roles: Sequence[RoleDefinition],
    fields: Sequence[Any],
    field_name: str | None = None,
) -> str:
    split = c.split_roles(roles)
    expressions: list[a.Expression] = [a.set_(a.ref(_IS), a.bool_(False))]
    if providers.has_api_key:
        expressions.append(c.api_key_expression(split.api_key))
    if providers.has_lambda:
        expressions.append(c.lambda_expression(split.lambda_))
    if providers.has_iam:
        expressions.append(c.iam_expression(split.iam, providers, field_name))
    for enabled, auth_type, static, dynamic in (
        (
            providers.has_user_pools,
            c.COGNITO_AUTH_TYPE,
            split.cognito_static,
            split.cognito_dynamic,
        ),
        (providers.has_oidc, c.OIDC_AUTH_TYPE, split.oidc_static, split.oidc_dynamic),
    ):
        if enabled:
            expressions.append(
                c.auth_type_is(
                    auth_type,
                    a.compound(
                        [
                            *c.generate_static_role_expression(static),
                            *_read_dynamic(dynamic, fields),
                        ]
                    ),
                )
            )
    expressions.append(a.iff(a.not_(a.ref(_IS)), a.ref("util.unauthorized()")))
    return print_block("Field Authorization Steps", a.compound([*expressions, c.EMPTY_PAYLOAD]))


def _operation() -> a.Expression:
    return a.method_call(
        a.ref("util.defaultIfNull"),
        a.method_call(a.ref("ctx.source.get"), a.str_(OPERATION_KEY)),
        a.nul(),
    )


def field_auth_response(operation: str, field_name: str, subscriptions_enabled: bool) -> str:
    """A protected field is null in the mutation's subscription payload."""
    if subscriptions_enabled:
        return print_block(
            "Checking for allowed operations which can return this field",
            a.compound(
                [
                    a.set_(a.ref("operation"), _operation()),
                    a.if_else(
                        a.equals(a.ref("operation"), a.str_(operation)),
                        a.to_json(a.nul()),
                        a.to_json(a.ref(f'context.source["{field_name}"]')),
                    ),
                ]
            ),
        )
    return print_block("Return Source Field", a.to_json(a.ref(f'context.source["{field_name}"]')))


def set_denied_field_flag(operation: str, subscriptions_enabled: bool) -> str:
    if not subscriptions_enabled:
        return ""
    return print_block(
        "Check if subscriptions is protected",
        a.compound(
            [
                a.iff(
                    a.equals(_operation(), a.str_(operation)),
                    a.qref(
                        a.method_call(a.ref("ctx.stash.put"), a.str_("deniedField"), a.bool_(True))
                    ),
                )
            ]
        ),
    )


def post_auth_expression_for_field(sandbox: bool, iam_access: bool) -> str:
    expressions: list[a.Expression] = []
    if sandbox:
        expressions.append(
            a.iff(
                a.equals(a.method_call(a.ref("util.authType")), a.str_(c.API_KEY_AUTH_TYPE)),
                a.ret(a.to_json(a.obj({}))),
            )
        )
    if iam_access:
        expressions.append(a.iff(c.is_non_cognito_iam_principal(), a.ret(a.to_json(a.obj({})))))
    expressions.append(a.method_call(a.ref("util.unauthorized")))
    name = (
        f"Sandbox Mode {'Enabled' if sandbox else 'Disabled'}, "
        f"IAM Access {'Enabled' if iam_access else 'Disabled'}"
    )
    return print_block(name, a.compound(expressions))


_HAS_VALID_OWNER = "hasValidOwnerArgument"
_OWNER_ONLY = "isOwnerAuthAuthorizedAndNoOtherFilters"
_WITH_FILTERS = "isOwnerOrDynamicAuthAuthorizedWithFilters"
_FILTER_SIZE = "filterArgsSize"


def _subscription_dynamic(roles: Sequence[RoleDefinition]) -> list[a.Expression]:
    owners: list[a.Expression] = []
    groups: list[a.Expression] = []
    for index, role in enumerate(roles):
        if role.strategy == "owner":
            claim_ref = f"ownerClaim{index}"
            owner_ref = c.owner_claim_reference(role.claim, claim_ref)
            condition = "contains" if role.is_entity_list else "eq"
            owners += [
                c.owner_claim_expression(role.claim, claim_ref),
                a.iff(
                    c.invalid_claims_condition(role.claim, claim_ref),
                    a.compound(
                        [
                            c.owner_multi_claim_expression(role.claim, claim_ref),
                            c.owner_claim_list_expression(role.claim, f"ownerClaimsList{index}"),
                            a.qref(
                                a.method_call(
                                    a.ref("authOwnerRuntimeFilter.add"),
                                    a.raw(
                                        f'{{ "{role.entity}": {{ "{condition}": ${owner_ref} }} }}'
                                    ),
                                )
                            ),
                            a.set_(
                                a.ref(f"ownerEntity{index}"),
                                a.method_call(
                                    a.ref("util.defaultIfNull"),
                                    a.ref(f"ctx.args.{role.entity}"),
                                    a.nul(),
                                ),
                            ),
                            a.iff(
                                a.and_(
                                    [
                                        a.not_(a.ref(_IS)),
                                        a.not_(
                                            a.method_call(
                                                a.ref("util.isNullOrEmpty"),
                                                a.ref(f"ownerEntity{index}"),
                                            )
                                        ),
                                    ]
                                ),
                                a.compound(
                                    [
                                        a.if_else(
                                            a.or_(
                                                [
                                                    a.equals(
                                                        a.ref(f"ownerEntity{index}"),
                                                        a.ref(claim_ref),
                                                    ),
                                                    a.method_call(
                                                        a.ref(f"ownerClaimsList{index}.contains"),
                                                        a.ref(f"ownerEntity{index}"),
                                                    ),
                                                ]
                                            ),
                                            a.compound(
                                                [
                                                    c.authorized(),
                                                    a.set_(a.ref(_HAS_VALID_OWNER), a.bool_(True)),
                                                ]
                                            ),
                                            a.method_call(a.ref("util.unauthorized")),
                                        )
                                    ]
                                ),
                            ),
                        ]
                    ),
                ),
            ]
        elif role.strategy == "groups" and not role.static:
            groups += [
                a.set_(
                    a.ref(f"groupClaim{index}"),
                    c.identity_claim(a.str_(role.claim or ""), a.list_([])),
                ),
                c.parse_group_claim(f"groupClaim{index}"),
                a.iff(
                    a.not_(a.method_call(a.ref("util.isNullOrEmpty"), a.ref(f"groupClaim{index}"))),
                    a.qref(
                        a.method_call(
                            a.ref("authGroupRuntimeFilter.add"),
                            a.raw(
                                f'{{ "{role.entity}": {{ '
                                f'"{"containsAny" if role.is_entity_list else "in"}": '
                                f"$groupClaim{index} }} }}"
                            ),
                        )
                    ),
                ),
            ]
    return [
        a.set_(a.ref(_HAS_VALID_OWNER), a.bool_(False)),
        a.set_(a.ref("authRuntimeFilter"), a.list_([])),
        a.set_(a.ref("authOwnerRuntimeFilter"), a.list_([])),
        a.set_(a.ref("authGroupRuntimeFilter"), a.list_([])),
        *owners,
        *groups,
        a.comment(
            "Apply dynamic roles auth if not previously authorized by static groups and owner "
            "argument"
        ),
        a.iff(
            a.raw("$authOwnerRuntimeFilter.size() > 0"),
            a.qref(
                a.method_call(a.ref("authRuntimeFilter.addAll"), a.ref("authOwnerRuntimeFilter"))
            ),
        ),
        a.iff(
            a.raw("$authGroupRuntimeFilter.size() > 0"),
            a.qref(
                a.method_call(a.ref("authRuntimeFilter.addAll"), a.ref("authGroupRuntimeFilter"))
            ),
        ),
        a.set_(a.ref(_FILTER_SIZE), a.int_(0)),
        a.iff(
            a.not_(a.method_call(a.ref("util.isNullOrEmpty"), a.ref("ctx.args.filter"))),
            a.set_(a.ref(_FILTER_SIZE), a.method_call(a.ref("ctx.args.filter.size"))),
        ),
        a.set_(
            a.ref(_OWNER_ONLY),
            a.and_(
                [
                    a.ref(_HAS_VALID_OWNER),
                    a.equals(a.method_call(a.ref("authRuntimeFilter.size")), a.int_(1)),
                    a.equals(a.ref(_FILTER_SIZE), a.int_(0)),
                ]
            ),
        ),
        a.set_(
            a.ref(_WITH_FILTERS),
            a.and_(
                [
                    a.parens(a.or_([a.not_(a.ref(_IS)), a.ref(_HAS_VALID_OWNER)])),
                    a.raw("$authRuntimeFilter.size() > 0"),
                ]
            ),
        ),
        a.iff(
            a.and_([a.not_(a.ref(_OWNER_ONLY)), a.ref(_WITH_FILTERS)]),
            a.compound(
                [
                    a.if_else(
                        a.method_call(a.ref("util.isNullOrEmpty"), a.ref("ctx.args.filter")),
                        a.set_(a.ref("ctx.args.filter"), a.raw('{ "or": $authRuntimeFilter }')),
                        a.set_(
                            a.ref("ctx.args.filter"),
                            a.raw('{ "and": [ { "or": $authRuntimeFilter }, $ctx.args.filter ]}'),
                        ),
                    ),
                    c.authorized(),
                ]
            ),
        ),
    ]


def auth_expression_for_subscriptions(
    providers: AuthProviders, roles: Sequence[RoleDefinition]
) -> str:
    split = c.split_roles(roles)
    expressions: list[a.Expression] = [c.SET_HAS_AUTH, a.set_(a.ref(_IS), a.bool_(False))]
    if providers.has_api_key:
        expressions.append(c.api_key_expression(split.api_key))
    if providers.has_lambda:
        expressions.append(c.lambda_expression(split.lambda_))
    if providers.has_iam:
        expressions.append(c.iam_expression(split.iam, providers))
    for enabled, auth_type, static, dynamic in (
        (
            providers.has_user_pools,
            c.COGNITO_AUTH_TYPE,
            split.cognito_static,
            split.cognito_dynamic,
        ),
        (providers.has_oidc, c.OIDC_AUTH_TYPE, split.oidc_static, split.oidc_dynamic),
    ):
        if enabled:
            expressions.append(
                c.auth_type_is(
                    auth_type,
                    a.compound(
                        [
                            *c.generate_static_role_expression(static),
                            *_subscription_dynamic(dynamic),
                        ]
                    ),
                )
            )
    expressions.append(a.iff(a.not_(a.ref(_IS)), a.ref("util.unauthorized()")))
    return print_block("Authorization Steps", a.compound([*expressions, c.EMPTY_PAYLOAD]))
