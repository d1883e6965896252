"""The auth slot of create, update and delete: which roles may write which fields (a role with
access to some fields only gets the list of fields it may set or null)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from transformer.mapping_template import ast as a
from transformer.mapping_template.printer import print_block
from transformer.v2.auth import vtl_common as c
from transformer.v2.auth.rules import AuthProviders, RoleDefinition, js_json
from transformer.v2.auth.vtl_query import field_is_list

__all__ = ["auth_expression_for_create", "auth_expression_for_delete", "auth_expression_for_update"]

_IS = c.IS_AUTHORIZED
_ALLOWED = c.ALLOWED_FIELDS
_NULL_ALLOWED = c.NULL_ALLOWED_FIELDS


def _unauthorized(auth_type: str) -> a.Expression:
    return c.auth_type_is(auth_type, a.ref("util.unauthorized()"))


def _input_fields() -> a.Expression:
    return a.set_(
        a.ref("inputFields"),
        a.method_call(
            a.ref("util.parseJson"),
            a.method_call(a.ref("util.toJson"), a.ref("ctx.args.input.keySet()")),
        ),
    )


def _all_allowed(role: RoleDefinition, update: bool) -> bool:
    if update:
        return bool(role.are_all_fields_allowed and role.are_all_fields_null_allowed)
    return bool(role.are_all_fields_allowed)


def _allowed_sets(role: RoleDefinition, update: bool) -> list[a.Expression]:
    sets: list[a.Expression] = [a.set_(a.ref(_ALLOWED), a.raw(js_json(role.allowed_fields)))]
    if update:
        sets.append(a.set_(a.ref(_NULL_ALLOWED), a.raw(js_json(role.null_allowed_fields))))
    return sets


def _single_role(auth_type: str, roles: Sequence[RoleDefinition], update: bool) -> a.Expression:
    """API key and Lambda: one role at most; all fields, or the fields it may write."""
    if not roles:
        return _unauthorized(auth_type)
    if _all_allowed(roles[0], update):
        return c.auth_type_is(auth_type, a.compound([c.authorized()]))
    return c.auth_type_is(auth_type, a.compound(_allowed_sets(roles[0], update)))


def _iam(roles: Sequence[RoleDefinition], providers: AuthProviders, update: bool) -> a.Expression:
    expressions: list[a.Expression] = []
    if providers.has_admin_roles:
        expressions.append(c.iam_admin_role_check())
    if roles:
        for role in roles:
            if _all_allowed(role, update):
                expressions.append(
                    c.iam_check(role.claim, c.authorized(), providers.has_identity_pool_id)
                )
            else:
                expressions.append(
                    c.iam_check(
                        role.claim,
                        a.compound(_allowed_sets(role, update)),
                        providers.has_identity_pool_id if update else False,
                    )
                )
    else:
        expressions.append(a.ref("util.unauthorized()"))
    return c.auth_type_is(
        c.IAM_AUTH_TYPE,
        c.with_iam_access_check(providers.generic_iam_access, a.compound(expressions)),
    )


def _update_if_else(
    allowed_key: str, null_allowed_key: str, condition: str, break_loop: bool = False
) -> a.Expression:
    return a.if_else(
        a.ref(condition),
        a.compound([c.authorized(), *([a.raw("#break")] if break_loop else [])]),
        a.compound(
            [
                a.qref(a.method_call(a.ref(f"{_ALLOWED}.addAll"), a.ref(allowed_key))),
                a.qref(a.method_call(a.ref(f"{_NULL_ALLOWED}.addAll"), a.ref(null_allowed_key))),
            ]
        ),
    )


def _static_roles(roles: list[RoleDefinition], update: bool) -> list[a.Expression]:
    expressions: list[a.Expression] = []
    private = next((i for i, r in enumerate(roles) if r.strategy == "private"), -1)
    if private > -1:
        role = roles[private]
        if _all_allowed(role, update):
            expressions.append(c.authorized())
        else:
            expressions.append(
                a.qref(
                    a.method_call(a.ref(f"{_ALLOWED}.addAll"), a.raw(js_json(role.allowed_fields)))
                )
            )
            if update:
                expressions.append(
                    a.qref(
                        a.method_call(
                            a.ref(f"{_NULL_ALLOWED}.addAll"),
                            a.raw(js_json(role.null_allowed_fields)),
                        )
                    )
                )
        del roles[private]
    if not roles:
        return expressions
    if update:
        described: list[dict[str, Any]] = [
            {
                "claim": r.claim,
                "entity": r.entity,
                "allowedFields": r.allowed_fields,
                "nullAllowedFields": r.null_allowed_fields,
                "isAuthorizedOnAllFields": _all_allowed(r, True),
            }
            for r in roles
        ]
        on_match = _update_if_else(
            "groupRole.allowedFields",
            "groupRole.nullAllowedFields",
            "groupRole.isAuthorizedOnAllFields",
            True,
        )
    else:
        described = [
            {
                "claim": r.claim,
                "entity": r.entity,
                "allowedFields": r.allowed_fields if r.allowed_fields is not None else [],
                "isAuthorizedOnAllFields": r.are_all_fields_allowed,
            }
            for r in roles
        ]
        on_match = c.add_allowed_fields_if_else(
            "groupRole.allowedFields", "groupRole.isAuthorizedOnAllFields", True
        )
    expressions.append(
        a.iff(
            a.not_(a.ref(_IS)),
            a.compound(
                [
                    a.set_(a.ref("staticGroupRoles"), a.raw(js_json(described))),
                    a.for_each(
                        a.ref("groupRole"),
                        a.ref("staticGroupRoles"),
                        [
                            a.set_(
                                a.ref("groupsInToken"),
                                c.identity_claim(a.ref("groupRole.claim"), a.list_([])),
                            ),
                            a.iff(
                                a.method_call(
                                    a.ref("groupsInToken.contains"), a.ref("groupRole.entity")
                                ),
                                on_match,
                            ),
                        ],
                    ),
                ]
            ),
        )
    )
    return expressions


def _owner_match(
    entity_is_list: bool, index: int, on_match: a.Expression, result: bool
) -> a.Expression:
    claim = a.ref(f"ownerClaim{index}")
    contains = a.ref(f"ownerClaimsList{index}.contains")
    if entity_is_list:
        return a.for_each(
            a.ref("allowedOwner"),
            a.ref(f"ownerEntity{index}"),
            [
                a.iff(
                    a.or_(
                        [
                            a.equals(a.ref("allowedOwner"), claim),
                            a.method_call(contains, a.ref("allowedOwner")),
                        ]
                    ),
                    on_match,
                )
            ],
        )
    first, second = (
        (a.ref(f"ownerEntity{index}"), claim) if result else (claim, a.ref(f"ownerEntity{index}"))
    )
    return a.iff(
        a.or_([a.equals(first, second), a.method_call(contains, a.ref(f"ownerEntity{index}"))]),
        on_match,
    )


def _create_dynamic(
    roles: Sequence[RoleDefinition], fields: Sequence[Any], populate_owner: bool
) -> list[a.Expression]:
    owners: list[a.Expression] = []
    groups: list[a.Expression] = []
    for index, role in enumerate(roles):
        entity = role.entity or ""
        entity_is_list = field_is_list(fields, entity)
        if role.strategy == "owner":
            claim_ref = f"ownerClaim{index}"
            owners += [
                a.compound(
                    [
                        a.set_(
                            a.ref(f"ownerEntity{index}"),
                            a.method_call(
                                a.ref("util.defaultIfNull"),
                                a.ref(f"ctx.args.input.{entity}"),
                                a.nul(),
                            ),
                        ),
                        c.owner_claim_expression(role.claim, claim_ref),
                    ]
                ),
                a.iff(
                    c.invalid_claims_condition(role.claim, claim_ref),
                    a.compound(
                        [
                            c.owner_multi_claim_expression(role.claim, claim_ref),
                            *(
                                [
                                    c.populate_owner_field(
                                        claim_ref,
                                        entity,
                                        f"ownerEntity{index}",
                                        entity_is_list,
                                        True,
                                    )
                                ]
                                if populate_owner
                                else []
                            ),
                            a.iff(
                                a.not_(a.ref(_IS)),
                                a.compound(
                                    [
                                        c.owner_claim_list_expression(
                                            role.claim, f"ownerClaimsList{index}"
                                        ),
                                        a.set_(
                                            a.ref(f"ownerAllowedFields{index}"),
                                            a.raw(js_json(role.allowed_fields)),
                                        ),
                                        a.set_(
                                            a.ref(f"isAuthorizedOnAllFields{index}"),
                                            a.bool_(bool(role.are_all_fields_allowed)),
                                        ),
                                        _owner_match(
                                            entity_is_list,
                                            index,
                                            c.add_allowed_fields_if_else(
                                                f"ownerAllowedFields{index}",
                                                f"isAuthorizedOnAllFields{index}",
                                                entity_is_list,
                                            ),
                                            False,
                                        ),
                                        c.populate_owner_field(
                                            claim_ref,
                                            entity,
                                            f"ownerEntity{index}",
                                            entity_is_list,
                                            False,
                                            f"ownerAllowedFields{index}",
                                            f"isAuthorizedOnAllFields{index}",
                                        ),
                                    ]
                                ),
                            ),
                        ]
                    ),
                ),
            ]
        if role.strategy == "groups":
            groups.append(
                a.iff(
                    a.not_(a.ref(_IS)),
                    a.compound(
                        [
                            a.set_(
                                a.ref(f"groupEntity{index}"),
                                a.method_call(
                                    a.ref("util.defaultIfNull"),
                                    a.ref(f"ctx.args.input.{entity}"),
                                    a.list_([]) if entity_is_list else a.nul(),
                                ),
                            ),
                            a.set_(
                                a.ref(f"groupClaim{index}"),
                                c.identity_claim(a.str_(role.claim or ""), a.list_([])),
                            ),
                            c.parse_group_claim(f"groupClaim{index}"),
                            a.set_(
                                a.ref(f"groupAllowedFields{index}"),
                                a.raw(js_json(role.allowed_fields)),
                            ),
                            a.set_(
                                a.ref(f"isAuthorizedOnAllFields{index}"),
                                a.bool_(bool(role.are_all_fields_allowed)),
                            ),
                            _group_loop(
                                index,
                                entity_is_list,
                                c.add_allowed_fields_if_else(
                                    f"groupAllowedFields{index}",
                                    f"isAuthorizedOnAllFields{index}",
                                    True,
                                ),
                            ),
                        ]
                    ),
                )
            )
    return [*owners, *groups]


def _group_loop(index: int, entity_is_list: bool, on_match: a.Expression) -> a.Expression:
    return a.for_each(
        a.ref("userGroup"),
        a.ref(f"groupClaim{index}"),
        [
            a.iff(
                a.method_call(a.ref(f"groupEntity{index}.contains"), a.ref("userGroup"))
                if entity_is_list
                else a.equals(a.ref(f"groupEntity{index}"), a.ref("userGroup")),
                on_match,
            )
        ],
    )


def auth_expression_for_create(
    providers: AuthProviders,
    roles: Sequence[RoleDefinition],
    fields: Sequence[Any],
    populate_owner: bool,
) -> str:
    split = c.split_roles(roles)
    expressions: list[a.Expression] = [
        c.SET_HAS_AUTH,
        _input_fields(),
        a.set_(a.ref(_IS), a.bool_(False)),
        a.set_(a.ref(_ALLOWED), a.list_([])),
    ]
    if providers.has_api_key:
        expressions.append(_single_role(c.API_KEY_AUTH_TYPE, split.api_key, False))
    if providers.has_iam:
        expressions.append(_iam(split.iam, providers, False))
    if providers.has_lambda:
        expressions.append(_single_role(c.LAMBDA_AUTH_TYPE, split.lambda_, False))
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
                            *_static_roles(static, False),
                            *_create_dynamic(dynamic, fields, populate_owner),
                        ]
                    ),
                )
            )
    expressions += [
        a.iff(
            a.and_([a.not_(a.ref(_IS)), a.ref(f"{_ALLOWED}.isEmpty()")]),
            a.ref("util.unauthorized()"),
        ),
        a.iff(
            a.not_(a.ref(_IS)),
            a.compound(
                [
                    a.set_(
                        a.ref(c.DENIED_FIELDS),
                        a.method_call(
                            a.ref("util.list.copyAndRemoveAll"),
                            a.ref("inputFields"),
                            a.ref(_ALLOWED),
                        ),
                    ),
                    a.iff(
                        a.ref(f"{c.DENIED_FIELDS}.size() > 0"),
                        a.method_call(
                            a.ref("util.error"),
                            a.str_(f"Unauthorized on ${{{c.DENIED_FIELDS}}}"),
                            a.str_("Unauthorized"),
                        ),
                    ),
                ]
            ),
        ),
    ]
    return print_block("Authorization Steps", a.compound([*expressions, c.EMPTY_PAYLOAD]))


def _update_dynamic(roles: Sequence[RoleDefinition], fields: Sequence[Any]) -> list[a.Expression]:
    owners: list[a.Expression] = []
    groups: list[a.Expression] = []
    for index, role in enumerate(roles):
        entity = role.entity or ""
        entity_is_list = field_is_list(fields, entity)
        all_allowed = _all_allowed(role, True)
        if role.strategy == "owner":
            claim_ref = f"ownerClaim{index}"
            owners.append(
                a.iff(
                    a.not_(a.ref(_IS)),
                    a.compound(
                        [
                            a.set_(
                                a.ref(f"ownerEntity{index}"),
                                a.method_call(
                                    a.ref("util.defaultIfNull"),
                                    a.ref(f"ctx.result.{entity}"),
                                    a.list_([]) if entity_is_list else a.nul(),
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
                                        a.set_(
                                            a.ref(f"ownerAllowedFields{index}"),
                                            a.raw(js_json(role.allowed_fields)),
                                        ),
                                        a.set_(
                                            a.ref(f"ownerNullAllowedFields{index}"),
                                            a.raw(js_json(role.null_allowed_fields)),
                                        ),
                                        a.set_(
                                            a.ref(f"isAuthorizedOnAllFields{index}"),
                                            a.bool_(all_allowed),
                                        ),
                                        _owner_match(
                                            entity_is_list,
                                            index,
                                            _update_if_else(
                                                f"ownerAllowedFields{index}",
                                                f"ownerNullAllowedFields{index}",
                                                f"isAuthorizedOnAllFields{index}",
                                                entity_is_list,
                                            ),
                                            True,
                                        ),
                                    ]
                                ),
                            ),
                        ]
                    ),
                )
            )
        if role.strategy == "groups":
            groups.append(
                a.iff(
                    a.not_(a.ref(_IS)),
                    a.compound(
                        [
                            a.set_(
                                a.ref(f"groupEntity{index}"),
                                a.method_call(
                                    a.ref("util.defaultIfNull"),
                                    a.ref(f"ctx.result.{entity}"),
                                    a.list_([]) if entity_is_list else a.nul(),
                                ),
                            ),
                            a.set_(
                                a.ref(f"groupClaim{index}"),
                                c.identity_claim(a.str_(role.claim or ""), a.list_([])),
                            ),
                            a.set_(
                                a.ref(f"groupAllowedFields{index}"),
                                a.raw(js_json(role.allowed_fields)),
                            ),
                            a.set_(
                                a.ref(f"groupNullAllowedFields{index}"),
                                a.raw(js_json(role.null_allowed_fields)),
                            ),
                            a.set_(a.ref(f"isAuthorizedOnAllFields{index}"), a.bool_(all_allowed)),
                            c.parse_group_claim(f"groupClaim{index}"),
                            _group_loop(
                                index,
                                entity_is_list,
                                _update_if_else(
                                    f"groupAllowedFields{index}",
                                    f"groupNullAllowedFields{index}",
                                    f"isAuthorizedOnAllFields{index}",
                                    True,
                                ),
                            ),
                        ]
                    ),
                )
            )
    return [*owners, *groups]


def auth_expression_for_update(
    providers: AuthProviders, roles: Sequence[RoleDefinition], fields: Sequence[Any]
) -> str:
    split = c.split_roles(roles)
    expressions: list[a.Expression] = [
        c.SET_HAS_AUTH,
        a.iff(
            a.ref("ctx.error"),
            a.method_call(a.ref("util.error"), a.ref("ctx.error.message"), a.ref("ctx.error.type")),
        ),
        _input_fields(),
        a.set_(a.ref(_IS), a.bool_(False)),
        a.set_(a.ref(_ALLOWED), a.list_([])),
        a.set_(a.ref(_NULL_ALLOWED), a.list_([])),
        a.set_(a.ref(c.DENIED_FIELDS), a.obj({})),
    ]
    if providers.has_api_key:
        expressions.append(_single_role(c.API_KEY_AUTH_TYPE, split.api_key, True))
    if providers.has_lambda:
        expressions.append(_single_role(c.LAMBDA_AUTH_TYPE, split.lambda_, True))
    if providers.has_iam:
        expressions.append(_iam(split.iam, providers, True))
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
                    a.compound([*_static_roles(static, True), *_update_dynamic(dynamic, fields)]),
                )
            )
    expressions += [
        a.iff(
            a.and_(
                [
                    a.not_(a.ref(_IS)),
                    a.ref(f"{_ALLOWED}.isEmpty()"),
                    a.ref(f"{_NULL_ALLOWED}.isEmpty()"),
                ]
            ),
            a.ref("util.unauthorized()"),
        ),
        a.iff(
            a.not_(a.ref(_IS)),
            a.compound(
                [
                    a.for_each(
                        a.ref("entry"),
                        a.ref(
                            "util.map.copyAndRetainAllKeys($ctx.args.input, $inputFields)"
                            ".entrySet()"
                        ),
                        [
                            a.iff(
                                a.and_(
                                    [
                                        a.method_call(a.ref("util.isNull"), a.ref("entry.value")),
                                        a.not_(a.ref(f"{_NULL_ALLOWED}.contains($entry.key)")),
                                    ]
                                ),
                                a.qref(
                                    a.method_call(
                                        a.ref(f"{c.DENIED_FIELDS}.put"),
                                        a.ref("entry.key"),
                                        a.str_(""),
                                    )
                                ),
                            )
                        ],
                    ),
                    a.for_each(
                        a.ref("deniedField"),
                        a.ref(f"util.list.copyAndRemoveAll($inputFields, ${_ALLOWED})"),
                        [
                            a.qref(
                                a.method_call(
                                    a.ref(f"{c.DENIED_FIELDS}.put"),
                                    a.ref("deniedField"),
                                    a.str_(""),
                                )
                            )
                        ],
                    ),
                ]
            ),
        ),
        a.iff(
            a.ref(f"{c.DENIED_FIELDS}.keySet().size() > 0"),
            a.method_call(
                a.ref("util.error"),
                a.str_(f"Unauthorized on ${{{c.DENIED_FIELDS}.keySet()}}"),
                a.str_("Unauthorized"),
            ),
        ),
    ]
    return print_block("Authorization Steps", a.compound([*expressions, a.to_json(a.obj({}))]))


def _delete_static(roles: list[RoleDefinition]) -> list[a.Expression]:
    """As the real delete template: the private role is not taken out of the group list."""
    expressions: list[a.Expression] = []
    if any(r.strategy == "private" for r in roles):
        expressions.append(c.authorized())
    if roles:
        expressions.append(
            a.iff(
                a.not_(a.ref(_IS)),
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
                                a.set_(
                                    a.ref("groupsInToken"),
                                    c.identity_claim(a.ref("groupRole.claim"), a.list_([])),
                                ),
                                a.iff(
                                    a.method_call(
                                        a.ref("groupsInToken.contains"), a.ref("groupRole.entity")
                                    ),
                                    a.compound([c.authorized(), a.raw("#break")]),
                                ),
                            ],
                        ),
                    ]
                ),
            )
        )
    return expressions


def _delete_dynamic(roles: Sequence[RoleDefinition], fields: Sequence[Any]) -> list[a.Expression]:
    owners: list[a.Expression] = []
    groups: list[a.Expression] = []
    for index, role in enumerate(roles):
        entity = role.entity or ""
        entity_is_list = field_is_list(fields, entity)
        if role.strategy == "owner":
            claim_ref = f"ownerClaim{index}"
            owners.append(
                a.iff(
                    a.not_(a.ref(_IS)),
                    a.compound(
                        [
                            a.set_(
                                a.ref(f"ownerEntity{index}"),
                                a.method_call(
                                    a.ref("util.defaultIfNull"),
                                    a.ref(f"ctx.result.{entity}"),
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
                                        _owner_match(entity_is_list, index, c.authorized(), True),
                                    ]
                                ),
                            ),
                        ]
                    ),
                )
            )
        if role.strategy == "groups":
            groups.append(
                a.iff(
                    a.not_(a.ref(_IS)),
                    a.compound(
                        [
                            a.set_(
                                a.ref(f"groupEntity{index}"),
                                a.method_call(
                                    a.ref("util.defaultIfNull"),
                                    a.ref(f"ctx.result.{entity}"),
                                    a.list_([]) if entity_is_list else a.nul(),
                                ),
                            ),
                            a.set_(
                                a.ref(f"groupClaim{index}"),
                                c.identity_claim(a.str_(role.claim or ""), a.list_([])),
                            ),
                            c.parse_group_claim(f"groupClaim{index}"),
                            _group_loop(index, entity_is_list, c.authorized()),
                        ]
                    ),
                )
            )
    return [*owners, *groups]


def auth_expression_for_delete(
    providers: AuthProviders, roles: Sequence[RoleDefinition], fields: Sequence[Any]
) -> str:
    split = c.split_roles(roles)
    expressions: list[a.Expression] = [c.SET_HAS_AUTH, a.set_(a.ref(_IS), a.bool_(False))]
    if providers.has_api_key:
        expressions.append(
            c.auth_type_is(c.API_KEY_AUTH_TYPE, a.compound([c.authorized()]))
            if split.api_key
            else _unauthorized(c.API_KEY_AUTH_TYPE)
        )
    if providers.has_iam:
        iam: list[a.Expression] = []
        if providers.has_admin_roles:
            iam.append(c.iam_admin_role_check())
        if split.iam:
            iam += [
                c.iam_check(r.claim, c.authorized(), providers.has_identity_pool_id)
                for r in split.iam
            ]
        else:
            iam.append(a.ref("util.unauthorized()"))
        expressions.append(
            c.auth_type_is(
                c.IAM_AUTH_TYPE,
                c.with_iam_access_check(providers.generic_iam_access, a.compound(iam)),
            )
        )
    if providers.has_lambda:
        expressions.append(
            c.auth_type_is(c.LAMBDA_AUTH_TYPE, a.compound([c.authorized()]))
            if split.lambda_
            else _unauthorized(c.LAMBDA_AUTH_TYPE)
        )
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
                    a.compound([*_delete_static(static), *_delete_dynamic(dynamic, fields)]),
                )
            )
    expressions.append(a.iff(a.not_(a.ref(_IS)), a.ref("util.unauthorized()")))
    return print_block("Authorization Steps", a.compound([*expressions, c.EMPTY_PAYLOAD]))
