"""The auth slot of get/list/sync/index queries and of relational fields: static roles decide
at once; owner and dynamic group roles become an auth filter, or a key condition when the owner
field is part of the key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from transformer.definitions import is_list_type
from transformer.mapping_template import ast as a
from transformer.mapping_template.printer import print_block
from transformer.v2.auth import vtl_common as c
from transformer.v2.auth.rules import IDENTITY_CLAIM_DELIMITER, AuthProviders, RoleDefinition

__all__ = [
    "auth_expression_for_queries",
    "auth_expression_for_relation_query",
    "field_is_list",
]

_IS = c.IS_AUTHORIZED


def field_is_list(fields: Sequence[Any], name: str | None) -> bool:
    return any(f.name.value == name and is_list_type(f.type) for f in fields)


def _claim_condition(entity: str, index: int) -> a.Expression:
    """`$ctx.args.<owner>` given: it must be the caller (or, as a list, only the caller)."""
    claim_ref = f"{entity}Claim"
    return a.compound(
        [
            a.if_else(
                a.ref(f"util.isString($ctx.args.{entity})"),
                a.set_(
                    a.ref(f"{entity}Condition"),
                    a.parens(
                        a.or_(
                            [
                                a.parens(a.equals(a.ref(claim_ref), a.ref(f"ctx.args.{entity}"))),
                                a.method_call(
                                    a.ref(f"ownerClaimsList{index}.contains"),
                                    a.ref(f"ctx.args.{entity}"),
                                ),
                            ]
                        )
                    ),
                ),
                a.compound(
                    [
                        a.set_(
                            a.ref(f"{entity}Condition"),
                            a.parens(
                                a.or_(
                                    [
                                        a.equals(
                                            a.ref(claim_ref),
                                            a.method_call(
                                                a.ref("util.defaultIfNull"),
                                                a.raw(f'$ctx.args.{entity}.get("eq")'),
                                                a.nul(),
                                            ),
                                        ),
                                        a.method_call(
                                            a.ref(f"ownerClaimsList{index}.contains"),
                                            a.method_call(
                                                a.ref("util.defaultIfNull"),
                                                a.raw(f'$ctx.args.{entity}.get("eq")'),
                                                a.nul(),
                                            ),
                                        ),
                                    ]
                                )
                            ),
                        ),
                        a.iff(
                            a.not_(a.ref(f"{entity}Condition")),
                            a.compound(
                                [
                                    a.set_(a.ref("entityValues"), a.raw("0")),
                                    a.for_each(
                                        a.ref("argEntity"),
                                        a.ref(f'ctx.args.{entity}.get("eq")'),
                                        [
                                            a.iff(
                                                a.method_call(
                                                    a.ref(f"ownerClaimsList{index}.contains"),
                                                    a.ref("argEntity"),
                                                ),
                                                a.set_(
                                                    a.ref("entityValues"),
                                                    a.raw("$entityValues + 1"),
                                                ),
                                            )
                                        ],
                                    ),
                                    a.iff(
                                        a.equals(
                                            a.ref("entityValues"),
                                            a.ref(f'ctx.args.{entity}.get("eq").size()'),
                                        ),
                                        a.set_(a.ref(f"{entity}Condition"), a.bool_(True)),
                                    ),
                                ]
                            ),
                        ),
                    ]
                ),
            ),
            a.iff(
                a.ref(f"{entity}Condition"),
                a.compound(
                    [
                        c.authorized(),
                        a.qref(
                            a.method_call(a.ref("ctx.stash.put"), a.str_("authFilter"), a.nul())
                        ),
                    ]
                ),
            ),
        ]
    )


def _primary_role_claims(role: RoleDefinition, index: int) -> list[a.Expression]:
    entity = role.entity or ""
    claim_ref = f"{entity}Claim"
    multi = len((role.claim or "").split(IDENTITY_CLAIM_DELIMITER)) > 1
    return [
        c.owner_claim_expression(role.claim, claim_ref),
        a.iff(
            c.invalid_claims_condition(role.claim, claim_ref),
            a.compound(
                [
                    c.owner_multi_claim_expression(role.claim, claim_ref),
                    c.owner_claim_list_expression(role.claim, f"ownerClaimsList{index}"),
                    c.parse_group_claim(claim_ref),
                    a.qref(
                        a.method_call(a.ref(f"ownerClaimsList{index}.addAll"), a.ref(claim_ref))
                    ),
                    a.if_else(
                        a.not_(a.ref(f"util.isNull($ctx.args.{entity})")),
                        _claim_condition(entity, index),
                        a.qref(
                            a.method_call(
                                a.ref("primaryFieldMap.put"),
                                a.str_(entity),
                                a.ref(f"ownerClaimsList{index}" if multi else claim_ref),
                            )
                        ),
                    ),
                ]
            ),
        ),
    ]


def _model_query_expression(
    roles: Sequence[RoleDefinition],
    primary_fields: Sequence[str],
    is_index: bool,
    primary_key: str | None,
    sort_key_fields: Sequence[str],
) -> list[a.Expression]:
    primary_roles = [r for r in roles if r.entity in primary_fields]
    if not primary_roles:
        return []
    expressions: list[a.Expression] = []
    for index, role in enumerate(primary_roles):
        expressions += _primary_role_claims(role, index)
    if is_index:
        expressions.append(
            a.iff(
                a.and_(
                    [
                        a.not_(a.ref(_IS)),
                        a.method_call(a.ref("util.isNull"), a.ref("ctx.stash.authFilter")),
                        a.not_(a.ref("primaryFieldMap.isEmpty()")),
                    ]
                ),
                a.compound(
                    [
                        a.set_(
                            a.ref("sortKeyFields"), a.list_([a.str_(s) for s in sort_key_fields])
                        ),
                        a.for_each(
                            a.ref("entry"),
                            a.ref("primaryFieldMap.entrySet()"),
                            [
                                a.if_else(
                                    a.method_call(
                                        a.ref("sortKeyFields.contains"), a.ref("entry.key")
                                    ),
                                    a.compound(
                                        [
                                            a.set_(a.ref("entryVal"), a.ref("entry.value")),
                                            a.set_(a.ref("lastIdx"), a.ref("entryVal.size() - 1")),
                                            a.set_(
                                                a.ref("lastItem"), a.ref("entryVal.get($lastIdx)")
                                            ),
                                            a.qref(
                                                a.method_call(
                                                    a.ref("ctx.args.put"),
                                                    a.ref("entry.key"),
                                                    a.obj({"eq": a.ref("lastItem")}),
                                                )
                                            ),
                                        ]
                                    ),
                                    a.qref(
                                        a.method_call(
                                            a.ref("ctx.args.put"),
                                            a.ref("entry.key"),
                                            a.ref("entry.value"),
                                        )
                                    ),
                                ),
                                c.authorized(),
                            ],
                        ),
                    ]
                ),
            )
        )
        return expressions
    expressions.append(
        a.iff(
            a.and_([a.not_(a.ref(_IS)), a.not_(a.ref("primaryFieldMap.isEmpty()"))]),
            a.if_else(
                a.method_call(a.ref("util.isNull"), a.ref(f"ctx.args.{primary_key}")),
                a.compound(
                    [
                        a.set_(
                            a.ref("authFilter"),
                            a.method_call(
                                a.ref("util.defaultIfNull"),
                                a.ref('ctx.stash.get("authFilter").get("or")'),
                                a.list_([]),
                            ),
                        ),
                        a.for_each(
                            a.ref("entry"),
                            a.ref("primaryFieldMap.entrySet()"),
                            [
                                a.set_(a.ref("filterMap"), a.obj({})),
                                a.if_else(
                                    a.method_call(a.ref("util.isList"), a.ref("entry.value")),
                                    a.qref(
                                        a.method_call(
                                            a.ref("filterMap.put"),
                                            a.ref("entry.key"),
                                            a.raw('{ "in": $entry.value }'),
                                        )
                                    ),
                                    a.qref(
                                        a.method_call(
                                            a.ref("filterMap.put"),
                                            a.ref("entry.key"),
                                            a.raw('{ "eq": $entry.value }'),
                                        )
                                    ),
                                ),
                                a.qref(a.method_call(a.ref("authFilter.add"), a.ref("filterMap"))),
                            ],
                        ),
                        a.qref(
                            a.method_call(
                                a.ref("ctx.stash.put"),
                                a.str_("authFilter"),
                                a.raw('{ "or": $authFilter }'),
                            )
                        ),
                    ]
                ),
                a.iff(
                    a.method_call(a.ref("util.isNull"), a.ref("ctx.stash.authFilter")),
                    a.compound(
                        [
                            a.set_(
                                a.ref("modelQueryExpression"),
                                a.ref("ctx.stash.modelQueryExpression"),
                            ),
                            a.for_each(
                                a.ref("entry"),
                                a.ref("primaryFieldMap.entrySet()"),
                                [
                                    a.set_(
                                        a.ref("modelQueryExpression.expression"),
                                        a.str_(
                                            "${modelQueryExpression.expression} AND "
                                            "#${entry.key} = :${entry.key}"
                                        ),
                                    ),
                                    a.qref(
                                        a.ref(
                                            'modelQueryExpression.expressionNames.put("#${entry.key}"'
                                            ", $entry.key)"
                                        )
                                    ),
                                    a.if_else(
                                        a.method_call(a.ref("util.isList"), a.ref("entry.value")),
                                        a.compound(
                                            [
                                                a.set_(
                                                    a.ref("lastClaim"),
                                                    a.raw("$entry.value.size() - 1"),
                                                ),
                                                a.qref(
                                                    a.ref(
                                                        "modelQueryExpression.expressionValues"
                                                        '.put(":${entry.key}", '
                                                        "$util.dynamodb.toDynamoDB("
                                                        "$entry.value[$lastClaim]))"
                                                    )
                                                ),
                                            ]
                                        ),
                                        a.qref(
                                            a.ref(
                                                "modelQueryExpression.expressionValues.put("
                                                '":${entry.key}", $util.dynamodb.toDynamoDB('
                                                "$entry.value))"
                                            )
                                        ),
                                    ),
                                ],
                            ),
                            a.qref(
                                a.method_call(
                                    a.ref("ctx.stash.put"),
                                    a.str_("modelQueryExpression"),
                                    a.ref("modelQueryExpression"),
                                )
                            ),
                            c.authorized(),
                        ]
                    ),
                ),
            ),
        )
    )
    return expressions


def _auth_filter(roles: Sequence[RoleDefinition], fields: Sequence[Any]) -> list[a.Expression]:
    if not roles:
        return []
    collected: list[a.Expression] = []
    group_map: dict[str, list[str]] = {}
    for index, role in enumerate(roles):
        entity_is_list = field_is_list(fields, role.entity)
        if role.strategy == "owner":
            claims = (role.claim or "").split(IDENTITY_CLAIM_DELIMITER)
            condition = "contains" if entity_is_list else "eq"
            if len(claims) > 1:
                ref_name = f"ownerClaim{index}"
                collected += [
                    c.owner_claim_expression(role.claim, ref_name),
                    a.iff(
                        c.invalid_claims_condition(role.claim, ref_name),
                        a.compound(
                            [
                                c.owner_multi_claim_expression(role.claim, ref_name),
                                a.iff(
                                    a.not_(a.method_call(a.ref("util.isNull"), a.ref(ref_name))),
                                    a.qref(
                                        a.method_call(
                                            a.ref("authFilter.add"),
                                            a.raw(
                                                f'{{"{role.entity}": {{ "{condition}": '
                                                f"${ref_name} }}}}"
                                            ),
                                        )
                                    ),
                                ),
                            ]
                        ),
                    ),
                ]
                for second, claim in enumerate(claims):
                    name = f"role{index}_{second}"
                    collected += [
                        a.set_(a.ref(name), c.owner_claim(claim)),
                        a.iff(
                            a.not_(a.method_call(a.ref("util.isNull"), a.ref(name))),
                            a.qref(
                                a.method_call(
                                    a.ref("authFilter.add"),
                                    a.raw(f'{{"{role.entity}": {{ "{condition}": ${name} }}}}'),
                                )
                            ),
                        ),
                    ]
            else:
                name = f"role{index}"
                collected += [
                    a.set_(a.ref(name), c.owner_claim(role.claim or "")),
                    a.iff(
                        a.not_(a.method_call(a.ref("util.isNull"), a.ref(name))),
                        a.qref(
                            a.method_call(
                                a.ref("authFilter.add"),
                                a.raw(f'{{"{role.entity}": {{ "{condition}": ${name} }}}}'),
                            )
                        ),
                    ),
                ]
        elif role.strategy == "groups":
            if entity_is_list:
                group_map.setdefault(role.claim or "", []).append(role.entity or "")
            else:
                name = f"role{index}"
                collected += [
                    a.set_(a.ref(name), c.identity_claim(a.str_(role.claim or ""), a.list_([]))),
                    c.parse_group_claim(name),
                    a.iff(
                        a.not_(a.method_call(a.ref(f"{name}.isEmpty"))),
                        a.qref(
                            a.method_call(
                                a.ref("authFilter.add"),
                                a.raw(f'{{ "{role.entity}": {{ "in": ${name} }} }}'),
                            )
                        ),
                    ),
                ]
    contains: list[a.Expression] = [
        a.for_each(
            a.ref("group"),
            a.ref(f'util.defaultIfNull($ctx.identity.claims.get("{claim}"), [])'),
            [
                a.iff(
                    a.not_(a.method_call(a.ref("group.isEmpty"))),
                    a.qref(
                        a.method_call(
                            a.ref("authFilter.add"),
                            a.raw(f'{{"{field}": {{ "contains": $group }}}}'),
                        )
                    ),
                )
                for field in field_list
            ],
        )
        for claim, field_list in group_map.items()
    ]
    return [
        a.iff(
            a.not_(a.ref(_IS)),
            a.compound(
                [
                    a.set_(a.ref("authFilter"), a.list_([])),
                    *collected,
                    *contains,
                    a.iff(
                        a.not_(a.method_call(a.ref("authFilter.isEmpty"))),
                        a.qref(
                            a.method_call(
                                a.ref("ctx.stash.put"),
                                a.str_("authFilter"),
                                a.raw('{ "or": $authFilter }'),
                            )
                        ),
                    ),
                ]
            ),
        )
    ]


def _provider_checks(providers: AuthProviders, split: c.SplitRoles) -> list[a.Expression]:
    checks: list[a.Expression] = []
    if providers.has_api_key:
        checks.append(c.api_key_expression(split.api_key))
    if providers.has_lambda:
        checks.append(c.lambda_expression(split.lambda_))
    if providers.has_iam:
        checks.append(c.iam_expression(split.iam, providers))
    return checks


def _unauthorized_without_filter() -> a.Expression:
    return a.iff(
        a.and_(
            [
                a.not_(a.ref(_IS)),
                a.method_call(a.ref("util.isNull"), a.ref("ctx.stash.authFilter")),
            ]
        ),
        a.ref("util.unauthorized()"),
    )


def auth_expression_for_queries(
    providers: AuthProviders,
    roles: Sequence[RoleDefinition],
    fields: Sequence[Any],
    key_schema: Sequence[tuple[str, str]],
    primary_key: str | None,
    is_index: bool,
) -> str:
    """`key_schema`: (attribute, HASH|RANGE) of the table, or of the index queried."""
    split = c.split_roles(roles)
    primary_fields = [name for name, _ in key_schema]
    sort_key_fields = [name for name, kind in key_schema if kind == "RANGE"]

    def non_primary(items: list[RoleDefinition]) -> list[RoleDefinition]:
        return [r for r in items if r.entity not in primary_fields]

    expressions: list[a.Expression] = [
        c.SET_HAS_AUTH,
        a.set_(a.ref(_IS), a.bool_(False)),
        a.set_(a.ref("primaryFieldMap"), a.obj({})),
        *_provider_checks(providers, split),
    ]
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
                            *_auth_filter(non_primary(dynamic), fields),
                            *_model_query_expression(
                                dynamic, primary_fields, is_index, primary_key, sort_key_fields
                            ),
                        ]
                    ),
                )
            )
    expressions.append(_unauthorized_without_filter())
    return print_block("Authorization Steps", a.compound([*expressions, c.EMPTY_PAYLOAD]))


def _relational_model_query_expression(
    roles: Sequence[RoleDefinition], primary_field_map: Mapping[str, tuple[str, str]]
) -> list[a.Expression]:
    primary_roles = [r for r in roles if r.entity in primary_field_map]
    if not primary_roles:
        return []
    expressions: list[a.Expression] = []
    for index, role in enumerate(primary_roles):
        claim, field = primary_field_map[role.entity or ""]
        name = f"primaryRole{index}"
        target = "ctx.stash.connectionAttributes.put" if claim == "source" else f"ctx.{claim}.put"
        expressions += [
            c.owner_claim_expression(role.claim, name),
            a.iff(
                c.invalid_claims_condition(role.claim, name),
                a.compound(
                    [
                        c.owner_multi_claim_expression(role.claim, name),
                        c.owner_claim_list_expression(role.claim, f"ownerClaimsList{index}"),
                        a.if_else(
                            a.and_(
                                [
                                    a.parens(a.not_(a.ref(f"util.isNull($ctx.{claim}.{field})"))),
                                    a.parens(
                                        a.or_(
                                            [
                                                a.parens(
                                                    a.equals(
                                                        a.ref(f"ctx.{claim}.{field}"), a.ref(name)
                                                    )
                                                ),
                                                a.method_call(
                                                    a.ref(f"ownerClaimsList{index}.contains"),
                                                    a.ref(f"ctx.{claim}.{field}"),
                                                ),
                                            ]
                                        )
                                    ),
                                ]
                            ),
                            a.compound(
                                [
                                    c.authorized(),
                                    a.qref(
                                        a.method_call(
                                            a.ref("ctx.stash.put"), a.str_("authFilter"), a.nul()
                                        )
                                    ),
                                ]
                            ),
                            a.iff(
                                a.and_(
                                    [
                                        a.not_(a.ref(_IS)),
                                        a.method_call(
                                            a.ref("util.isNull"), a.ref("ctx.stash.authFilter")
                                        ),
                                    ]
                                ),
                                a.compound(
                                    [
                                        a.qref(
                                            a.method_call(a.ref(target), a.str_(field), a.ref(name))
                                        ),
                                        c.authorized(),
                                    ]
                                ),
                            ),
                        ),
                    ]
                ),
            ),
        ]
    return [a.iff(a.not_(a.ref(_IS)), a.compound(expressions))]


def auth_expression_for_relation_query(
    providers: AuthProviders,
    roles: Sequence[RoleDefinition],
    fields: Sequence[Any],
    primary_field_map: Mapping[str, tuple[str, str]],
) -> str:
    """`primary_field_map`: related key attribute -> ("source"|"args", field it comes from)."""
    split = c.split_roles(roles)

    def non_primary(items: list[RoleDefinition]) -> list[RoleDefinition]:
        return [r for r in items if r.entity not in primary_field_map]

    expressions: list[a.Expression] = [
        c.SET_HAS_AUTH,
        a.set_(a.ref(_IS), a.bool_(False)),
        *_provider_checks(providers, split),
    ]
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
                            *_auth_filter(non_primary(dynamic), fields),
                            *_relational_model_query_expression(dynamic, primary_field_map),
                        ]
                    ),
                )
            )
    expressions.append(_unauthorized_without_filter())
    return print_block("Authorization Steps", a.compound([*expressions, c.EMPTY_PAYLOAD]))
