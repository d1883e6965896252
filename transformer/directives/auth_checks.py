"""VTL for @auth rules: static/dynamic group and owner checks on inputs, results, items."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from graphql.language import ast

from transformer.mapping_template import ast as a
from transformer.naming import ResourceConstants as RC

__all__ = [
    "DEFAULT_GROUPS_FIELD",
    "DEFAULT_GROUP_CLAIM",
    "DEFAULT_IDENTITY_FIELD",
    "DEFAULT_OWNER_FIELD",
    "NONE_VALUE",
    "Rule",
    "static_authorization_variable",
]

Rule = dict[str, Any]

NONE_VALUE = "___xamznone____"
DEFAULT_OWNER_FIELD = "owner"
DEFAULT_IDENTITY_FIELD = "username"
DEFAULT_GROUPS_FIELD = "groups"
DEFAULT_GROUP_CLAIM = "cognito:groups"


def _identity_attribute(raw_username: str) -> str:
    return "cognito:username" if raw_username == "username" else raw_username


def _raw_username(rule: Rule) -> str:
    return str(rule.get("identityField") or rule.get("identityClaim") or DEFAULT_IDENTITY_FIELD)


def static_authorization_variable(field: ast.FieldDefinitionNode | None) -> str:
    if field is not None:
        return f"{field.name.value}_{RC.IS_STATIC_GROUP_AUTHORIZED}"
    return RC.IS_STATIC_GROUP_AUTHORIZED


def set_user_groups(custom_group: str | None) -> a.Expression:
    if custom_group:
        return a.compound(
            [
                a.set_(
                    a.ref("userGroups"),
                    a.raw(f'$util.defaultIfNull($ctx.identity.claims.get("{custom_group}"), [])'),
                ),
                a.iff(
                    a.raw("$util.isString($userGroups)"),
                    a.if_else(
                        a.raw("$util.isList($util.parseJson($userGroups))"),
                        a.set_(a.ref("userGroups"), a.raw("$util.parseJson($userGroups)")),
                        a.set_(a.ref("userGroups"), a.raw("[$userGroups]")),
                    ),
                ),
            ]
        )
    return a.set_(
        a.ref("userGroups"),
        a.raw(f'$util.defaultIfNull($ctx.identity.claims.get("{DEFAULT_GROUP_CLAIM}"), [])'),
    )


def static_group_authorization(
    rules: Sequence[Rule], field: ast.FieldDefinitionNode | None = None
) -> a.Expression:
    if not rules:
        return a.comment("No Static Group Authorization Rules")
    variable = static_authorization_variable(field)
    expressions: list[a.Expression] = []
    for rule in rules:
        groups = rule.get("groups")
        claim = rule.get("groupClaim") or DEFAULT_GROUP_CLAIM
        if groups:
            expressions += [
                a.comment(
                    f"Authorization rule: {{ allow: groups, groups: "
                    f'{json.dumps(groups, separators=(",", ":"))}, groupClaim: "{claim}" }}'
                ),
                set_user_groups(rule.get("groupClaim")),
                a.set_(a.ref("allowedGroups"), a.list_([a.str_(g) for g in groups])),
                a.for_each(
                    a.ref("userGroup"),
                    a.ref("userGroups"),
                    [
                        a.iff(
                            a.raw("$allowedGroups.contains($userGroup)"),
                            a.compound([a.set_(a.ref(variable), a.raw("true")), a.raw("#break")]),
                        )
                    ],
                ),
            ]
    return a.block(
        "Static Group Authorization Checks",
        [
            a.raw(f"#set(${variable} = $util.defaultIfNull(\n            ${variable}, false))"),
            *expressions,
        ],
    )


def _dynamic_for_create(
    rules: Sequence[Rule],
    variable_to_check: str,
    variable_to_set: str,
    format_comment: Callable[[Rule], str] | None = None,
) -> a.CompoundExpression:
    expressions: list[a.Expression] = []
    for rule in rules:
        groups_attribute = rule.get("groupsField") or DEFAULT_GROUPS_FIELD
        claim = rule.get("groupClaim") or DEFAULT_GROUP_CLAIM
        text = (
            format_comment(rule)
            if format_comment
            else f"Authorization rule: {{ allow: {rule.get('allow')}, groupsField: "
            f'"{groups_attribute}", groupClaim: "{claim}"'
        )
        expressions += [
            a.comment(text),
            set_user_groups(rule.get("groupClaim")),
            a.set_(
                a.ref(variable_to_set), a.raw(f"$util.defaultIfNull(${variable_to_set}, false)")
            ),
            a.for_each(
                a.ref("userGroup"),
                a.ref("userGroups"),
                [
                    a.iff(
                        a.raw(f"$util.isList($ctx.args.input.{groups_attribute})"),
                        a.iff(
                            a.ref(f"{variable_to_check}.{groups_attribute}.contains($userGroup)"),
                            a.set_(a.ref(variable_to_set), a.raw("true")),
                        ),
                    ),
                    a.iff(
                        a.raw(f"$util.isString($ctx.args.input.{groups_attribute})"),
                        a.iff(
                            a.raw(f"$ctx.args.input.{groups_attribute} == $userGroup"),
                            a.set_(a.ref(variable_to_set), a.raw("true")),
                        ),
                    ),
                ],
            ),
        ]
    return a.compound(expressions)


def dynamic_group_authorization_for_create(rules: Sequence[Rule]) -> a.Expression:
    if not rules:
        return a.comment("No Dynamic Group Authorization Rules")
    return a.block(
        "Dynamic Group Authorization Checks",
        [_dynamic_for_create(rules, "ctx.args.input", RC.IS_DYNAMIC_GROUP_AUTHORIZED)],
    )


def dynamic_group_authorization_for_create_by_field(
    rules: Sequence[Rule], field_name: str
) -> a.Expression:
    if not rules:
        return a.comment(f'No dynamic group authorization rules for field "{field_name}"')
    return a.block(
        f'Dynamic group authorization rules for field "{field_name}"',
        [
            _dynamic_for_create(
                rules,
                "ctx.args.input",
                RC.IS_DYNAMIC_GROUP_AUTHORIZED,
                lambda rule: (
                    f'Authorization rule on field "{field_name}": {{ allow: '
                    f"{rule.get('allow')}, groupsField: "
                    f'"{rule.get("groupsField") or DEFAULT_GROUPS_FIELD}", '
                    f'groupClaim: "{rule.get("groupClaim") or DEFAULT_GROUP_CLAIM}" }}'
                ),
            )
        ],
    )


def _identity_value(rule: Rule, multiline: bool = False) -> a.Set:
    raw_username = _raw_username(rule)
    identity = _identity_attribute(raw_username)
    if raw_username == "username":
        gap = "\n                        " if multiline else " "
        return a.set_(
            a.ref("identityValue"),
            a.raw(
                f'$util.defaultIfNull($ctx.identity.claims.get("{raw_username}"),{gap}'
                f'$util.defaultIfNull($ctx.identity.claims.get("{identity}"), "{NONE_VALUE}"))'
            ),
        )
    return a.set_(
        a.ref("identityValue"),
        a.raw(f'$util.defaultIfNull($ctx.identity.claims.get("{identity}"), "{NONE_VALUE}")'),
    )


def _owner_match(allowed: str, variable_to_set: str) -> list[a.Expression]:
    return [
        a.iff(
            a.raw(f"$util.isList(${allowed})"),
            a.for_each(
                a.ref("allowedOwner"),
                a.ref(allowed),
                [
                    a.iff(
                        a.raw("$allowedOwner == $identityValue"),
                        a.set_(a.ref(variable_to_set), a.raw("true")),
                    )
                ],
            ),
        ),
        a.iff(
            a.raw(f"$util.isString(${allowed})"),
            a.iff(
                a.raw(f"${allowed} == $identityValue"),
                a.set_(a.ref(variable_to_set), a.raw("true")),
            ),
        ),
    ]


def _owner_comment(rule: Rule) -> str:
    owner = rule.get("ownerField") or DEFAULT_OWNER_FIELD
    identity = _identity_attribute(_raw_username(rule))
    return (
        f'Authorization rule: {{ allow: {rule.get("allow")}, ownerField: "{owner}", '
        f'identityClaim: "{identity}" }}'
    )


def _ownership_for_create(
    rules: Sequence[Rule],
    field_is_list: Callable[[str], bool],
    variable_to_check: str,
    variable_to_set: str,
    format_comment: Callable[[Rule], str] | None = None,
) -> a.CompoundExpression:
    expressions: list[a.Expression] = []
    for number, rule in enumerate(rules):
        owner = rule.get("ownerField") or DEFAULT_OWNER_FIELD
        allowed = f"allowedOwners{number}"
        expressions += [
            a.comment(format_comment(rule) if format_comment else _owner_comment(rule)),
            a.set_(
                a.ref(allowed), a.raw(f"$util.defaultIfNull(${variable_to_check}.{owner}, null)")
            ),
            _identity_value(rule),
            *_owner_match(allowed, variable_to_set),
        ]
        value = '["$identityValue"]' if field_is_list(owner) else "$identityValue"
        expressions.append(
            a.iff(
                a.and_(
                    [
                        a.raw(f"$util.isNull(${allowed})"),
                        a.parens(a.raw(f'! ${variable_to_check}.containsKey("{owner}")')),
                    ]
                ),
                a.compound(
                    [
                        a.qref(f'${variable_to_check}.put("{owner}", {value})'),
                        a.set_(a.ref(variable_to_set), a.raw("true")),
                    ]
                ),
            )
        )
    return a.compound([a.set_(a.ref(variable_to_set), a.raw("false")), *expressions])


def owner_authorization_for_create(
    rules: Sequence[Rule], field_is_list: Callable[[str], bool]
) -> a.Expression:
    if not rules:
        return a.comment("No Owner Authorization Rules")
    return a.block(
        "Owner Authorization Checks",
        [_ownership_for_create(rules, field_is_list, "ctx.args.input", RC.IS_OWNER_AUTHORIZED)],
    )


def owner_authorization_for_create_by_field(
    rules: Sequence[Rule], field_name: str, field_is_list: Callable[[str], bool]
) -> a.Expression:
    if not rules:
        return a.comment("No Owner Authorization Rules")
    return a.block(
        f'Owner authorization rules for field "{field_name}"',
        [
            _ownership_for_create(
                rules,
                field_is_list,
                "ctx.args.input",
                RC.IS_OWNER_AUTHORIZED,
                lambda rule: (
                    f"Authorization rule: {{ allow: {rule.get('allow')}, ownerField: "
                    f'"{rule.get("ownerField") or DEFAULT_OWNER_FIELD}", identityClaim: '
                    f'"{_raw_username(rule)}" }}'
                ),
            )
        ],
    )


def owner_authorization_for_subscriptions(rules: Sequence[Rule]) -> a.Expression:
    if not rules:
        return a.comment("No Owner Authorization Rules")
    variable = RC.IS_OWNER_AUTHORIZED
    expressions: list[a.Expression] = []
    for number, rule in enumerate(rules):
        owner = rule.get("ownerField") or DEFAULT_OWNER_FIELD
        allowed = f"allowedOwners{number}"
        expressions += [
            a.comment(_owner_comment(rule)),
            a.set_(a.ref(allowed), a.raw(f"$util.defaultIfNull($ctx.args.{owner}, null)")),
            _identity_value(rule, multiline=True),
            *_owner_match(allowed, variable),
        ]
    return a.block(
        "Owner Authorization Checks",
        [a.compound([a.set_(a.ref(variable), a.raw("false")), *expressions])],
    )


def _per_field(field_name: str | None, name: str) -> str:
    """A VTL/expression name, prefixed with the field for per-field rules so two do not clash."""
    return f"{field_name}_{name}" if field_name else name


def _condition_accumulators(prefix: str) -> list[a.Expression]:
    """The expression list, values and names the update/delete checks fill for the condition."""
    return [
        a.set_(a.ref(f"{prefix}Expressions"), a.list_([])),
        a.set_(a.ref(f"{prefix}ExpressionValues"), a.obj({})),
        a.set_(a.ref(f"{prefix}ExpressionNames"), a.obj({})),
    ]


def dynamic_group_authorization_for_update_or_delete(
    rules: Sequence[Rule], field_is_list: Callable[[str], bool], field_name: str | None
) -> a.Expression:
    mention = f' for field "{field_name}"' if field_name else ""
    if not rules:
        return a.comment(f"No dynamic group authorization rules{mention}")
    expressions: list[a.Expression] = []
    for number, rule in enumerate(rules):
        attribute = rule.get("groupsField") or DEFAULT_GROUPS_FIELD
        attribute_name = _per_field(field_name, f"groupsAttribute{number}")
        group_name = _per_field(field_name, f"group{number}")
        claim = rule.get("groupClaim") or DEFAULT_GROUP_CLAIM
        condition = (
            f'$util.qr($groupAuthExpressions.add("contains(#{attribute_name}, '
            f':{group_name}$foreach.count)"))'
            if field_is_list(attribute)
            else f'$util.qr($groupAuthExpressions.add("#{attribute_name} = '
            f':{group_name}$foreach.count"))'
        )
        expressions += [
            a.comment(
                f"Authorization rule{mention}: {{ allow: {rule.get('allow')}, groupsField: "
                f'"{attribute}", groupClaim: "{claim}"}}'
            ),
            set_user_groups(rule.get("groupClaim")),
            a.for_each(
                a.ref("userGroup"),
                a.ref("userGroups"),
                [
                    a.raw(condition),
                    a.raw(
                        f'$util.qr($groupAuthExpressionValues.put(":{group_name}$foreach.count", '
                        '{ "S": $userGroup }))'
                    ),
                ],
            ),
            a.iff(
                a.raw("$userGroups.size() > 0"),
                a.raw(
                    f'$util.qr($groupAuthExpressionNames.put("#{attribute_name}", "{attribute}"))'
                ),
            ),
        ]
    return a.block(
        "Dynamic group authorization checks",
        [
            *_condition_accumulators("groupAuth"),
            *expressions,
        ],
    )


def owner_authorization_for_update_or_delete(
    rules: Sequence[Rule], field_is_list: Callable[[str], bool], field_name: str | None
) -> a.Expression:
    mention = f' for field "{field_name}"' if field_name else ""
    if not rules:
        return a.comment(f"No owner authorization rules{mention}")
    expressions: list[a.Expression] = []
    for number, rule in enumerate(rules):
        owner = rule.get("ownerField") or DEFAULT_OWNER_FIELD
        raw_username = _raw_username(rule)
        identity = _identity_attribute(raw_username)
        owner_name = _per_field(field_name, f"owner{number}")
        identity_name = _per_field(field_name, f"identity{number}")
        expressions.append(
            a.comment(
                f"Authorization rule{mention}: {{ allow: {rule.get('allow')}, ownerField: "
                f'"{owner}", identityClaim: "{identity}" }}'
            )
        )
        if field_is_list(owner):
            expressions.append(
                a.raw(
                    f'$util.qr($ownerAuthExpressions.add("contains(#{owner_name}, '
                    f':{identity_name})"))'
                )
            )
        else:
            expressions.append(
                a.raw(f'$util.qr($ownerAuthExpressions.add("#{owner_name} = :{identity_name}"))')
            )
        expressions.append(
            a.raw(f'$util.qr($ownerAuthExpressionNames.put("#{owner_name}", "{owner}"))')
        )
        if raw_username == "username":
            value = (
                f'$util.defaultIfNull($ctx.identity.claims.get("{raw_username}"), '
                f'$util.defaultIfNull($ctx.identity.claims.get("{identity}"), "{NONE_VALUE}"))'
            )
        else:
            value = f'$util.defaultIfNull($ctx.identity.claims.get("{identity}"), "{NONE_VALUE}")'
        expressions.append(
            a.raw(
                f'$util.qr($ownerAuthExpressionValues.put(":{identity_name}", '
                f"$util.dynamodb.toDynamoDB({value})))"
            )
        )
    return a.block(
        "Owner Authorization Checks",
        [
            *_condition_accumulators("ownerAuth"),
            *expressions,
        ],
    )


def dynamic_group_authorization_for_read(
    rules: Sequence[Rule],
    variable_to_check: str = "ctx.result",
    variable_to_set: str = RC.IS_DYNAMIC_GROUP_AUTHORIZED,
    default_value: a.Expression | None = None,
) -> a.Expression:
    if not rules:
        return a.comment("No Dynamic Group Authorization Rules")
    default = default_value or a.raw(f"$util.defaultIfNull(${variable_to_set}, false)")
    expressions: list[a.Expression] = []
    for rule in rules:
        attribute = rule.get("groupsField") or DEFAULT_GROUPS_FIELD
        claim = rule.get("groupClaim") or DEFAULT_GROUP_CLAIM
        expressions += [
            a.comment(
                f'Authorization rule: {{ allow: {rule.get("allow")}, groupsField: "{attribute}", '
                f'groupClaim: "{claim}" }}'
            ),
            a.set_(
                a.ref("allowedGroups"),
                a.ref(f"util.defaultIfNull(${variable_to_check}.{attribute}, [])"),
            ),
            set_user_groups(rule.get("groupClaim")),
            a.for_each(
                a.ref("userGroup"),
                a.ref("userGroups"),
                [
                    a.iff(
                        a.raw("$util.isList($allowedGroups)"),
                        a.iff(
                            a.raw("$allowedGroups.contains($userGroup)"),
                            a.set_(a.ref(variable_to_set), a.raw("true")),
                        ),
                    ),
                    a.iff(
                        a.raw("$util.isString($allowedGroups)"),
                        a.iff(
                            a.raw("$allowedGroups == $userGroup"),
                            a.set_(a.ref(variable_to_set), a.raw("true")),
                        ),
                    ),
                ],
            ),
        ]
    return a.block(
        "Dynamic Group Authorization Checks",
        [a.set_(a.ref(variable_to_set), default), *expressions],
    )


def owner_authorization_for_read(
    rules: Sequence[Rule],
    variable_to_check: str = "ctx.result",
    variable_to_set: str = RC.IS_OWNER_AUTHORIZED,
    default_value: a.Expression | None = None,
) -> a.Expression:
    if not rules:
        return a.comment("No Owner Authorization Rules")
    default = default_value or a.raw(f"$util.defaultIfNull(${variable_to_set}, false)")
    expressions: list[a.Expression] = []
    for number, rule in enumerate(rules):
        owner = rule.get("ownerField") or DEFAULT_OWNER_FIELD
        allowed = f"allowedOwners{number}"
        expressions += [
            a.comment(_owner_comment(rule)),
            a.set_(a.ref(allowed), a.ref(f"util.defaultIfNull(${variable_to_check}.{owner}, [])")),
            _identity_value(rule),
            *_owner_match(allowed, variable_to_set),
        ]
    return a.block(
        "Owner Authorization Checks", [a.set_(a.ref(variable_to_set), default), *expressions]
    )
