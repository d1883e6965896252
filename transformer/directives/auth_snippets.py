"""VTL around @auth checks: throwing, collecting the auth condition, auth-mode detection."""

from __future__ import annotations

from collections.abc import Sequence

from graphql.language import ast

from transformer.directives.auth_checks import static_authorization_variable
from transformer.mapping_template import ast as a
from transformer.mapping_template.printer import print_template
from transformer.naming import ResourceConstants as RC

__all__ = ["auth_mode_determination", "collect_auth_condition", "set_operation_expression"]


def _throw_block(condition: a.Expression) -> a.CompoundExpression:
    return a.block("Throw if unauthorized", [a.iff(condition, a.raw("$util.unauthorized()"))])


def throw_if_subscription_unauthorized() -> a.Expression:
    return _throw_block(
        a.not_(
            a.parens(
                a.or_(
                    [
                        a.equals(a.ref(RC.IS_STATIC_GROUP_AUTHORIZED), a.raw("true")),
                        a.equals(a.ref(RC.IS_OWNER_AUTHORIZED), a.raw("true")),
                    ]
                )
            )
        )
    )


def throw_if_unauthorized(field: ast.FieldDefinitionNode | None = None) -> a.Expression:
    return _throw_block(
        a.not_(
            a.parens(
                a.or_(
                    [
                        a.equals(a.ref(static_authorization_variable(field)), a.raw("true")),
                        a.equals(a.ref(RC.IS_DYNAMIC_GROUP_AUTHORIZED), a.raw("true")),
                        a.equals(a.ref(RC.IS_OWNER_AUTHORIZED), a.raw("true")),
                    ]
                )
            )
        )
    )


def return_if_empty(object_path: str) -> a.Expression:
    return a.iff(a.is_null_or_empty(a.ref(object_path)), a.ret())


def throw_if_static_group_unauthorized(field: ast.FieldDefinitionNode | None) -> a.Expression:
    return _throw_block(a.equals(a.ref(static_authorization_variable(field)), a.raw("false")))


def throw_if_not_static_group_authorized_or_auth_condition_is_empty(
    field: ast.FieldDefinitionNode | None,
) -> a.Expression:
    return _throw_block(
        a.not_(
            a.parens(
                a.or_(
                    [
                        a.equals(a.ref(static_authorization_variable(field)), a.raw("true")),
                        a.parens(a.raw('$totalAuthExpression != ""')),
                    ]
                )
            )
        )
    )


def collect_auth_condition() -> a.Expression:
    empty = print_template(
        a.obj(
            {"expression": a.str_(""), "expressionNames": a.obj({}), "expressionValues": a.obj({})}
        )
    )
    condition = RC.AUTH_CONDITION

    def concat(collection: str) -> a.If:
        return a.iff(
            a.ref(collection),
            a.for_each(
                a.ref("authExpr"),
                a.ref(collection),
                [
                    a.set_(a.ref("totalAuthExpression"), a.str_("$totalAuthExpression $authExpr")),
                    a.iff(
                        a.ref("foreach.hasNext"),
                        a.set_(a.ref("totalAuthExpression"), a.str_("$totalAuthExpression OR")),
                    ),
                ],
            ),
        )

    return a.block(
        "Collect Auth Condition",
        [
            a.set_(a.ref(condition), a.raw(f"$util.defaultIfNull($authCondition, {empty})")),
            a.set_(a.ref("totalAuthExpression"), a.str_("")),
            a.comment("Add dynamic group auth conditions if they exist"),
            concat("groupAuthExpressions"),
            a.iff(
                a.ref("groupAuthExpressionNames"),
                a.raw(f"$util.qr(${condition}.expressionNames.putAll($groupAuthExpressionNames))"),
            ),
            a.iff(
                a.ref("groupAuthExpressionValues"),
                a.raw(
                    f"$util.qr(${condition}.expressionValues.putAll($groupAuthExpressionValues))"
                ),
            ),
            a.comment("Add owner auth conditions if they exist"),
            a.iff(
                a.raw(
                    '$totalAuthExpression != "" && $ownerAuthExpressions && '
                    "$ownerAuthExpressions.size() > 0"
                ),
                a.set_(a.ref("totalAuthExpression"), a.str_("$totalAuthExpression OR")),
            ),
            concat("ownerAuthExpressions"),
            a.iff(
                a.ref("ownerAuthExpressionNames"),
                a.raw(f"$util.qr(${condition}.expressionNames.putAll($ownerAuthExpressionNames))"),
            ),
            a.iff(
                a.ref("ownerAuthExpressionValues"),
                a.raw(
                    f"$util.qr(${condition}.expressionValues.putAll($ownerAuthExpressionValues))"
                ),
            ),
            a.comment("Set final expression if it has changed."),
            a.iff(
                a.raw('$totalAuthExpression != ""'),
                a.if_else(
                    a.raw(f"$util.isNullOrEmpty(${condition}.expression)"),
                    a.set_(a.ref(f"{condition}.expression"), a.str_("($totalAuthExpression)")),
                    a.set_(
                        a.ref(f"{condition}.expression"),
                        a.str_(f"${condition}.expression AND ($totalAuthExpression)"),
                    ),
                ),
            ),
        ],
    )


def append_item_if_locally_authorized() -> a.Expression:
    return a.iff(
        a.parens(
            a.or_(
                [
                    a.equals(a.ref(RC.IS_LOCAL_DYNAMIC_GROUP_AUTHORIZED), a.raw("true")),
                    a.equals(a.ref(RC.IS_LOCAL_OWNER_AUTHORIZED), a.raw("true")),
                ]
            )
        ),
        a.qref("$items.add($item)"),
    )


def operation_check_expression(
    operation: str | None, field: ast.FieldDefinitionNode
) -> a.Expression:
    has_connection = any(d.name.value == "connection" for d in field.directives or ())
    value = (
        a.to_json(a.ref("context.result"))
        if has_connection
        else a.to_json(a.ref(f"context.source.{field.name.value}"))
    )
    return a.block(
        "Checking for allowed operations which can return this field",
        [
            a.set_(
                a.ref("operation"), a.raw('$util.defaultIfNull($context.source.operation, "null")')
            ),
            a.if_else(a.raw(f'$operation == "{operation}"'), a.ref("util.toJson(null)"), value),
        ],
    )


def set_operation_expression(operation: str | None) -> str:
    call = print_template(
        a.method_call(a.ref("ctx.result.put"), a.str_("operation"), a.str_(str(operation)))
    )
    return print_template(a.block("Setting the operation", [a.qref(call)]))


def auth_mode_check_wrapped(modes: Sequence[str], expression: a.Expression) -> a.Expression:
    if not modes:
        return expression
    conditions: list[a.Expression] = [a.equals(a.ref(RC.AUTH_MODE), a.str_(m)) for m in modes]
    return a.block(
        "Check authMode and execute owner/group checks",
        [a.iff(conditions[0] if len(conditions) == 1 else a.or_(conditions), expression)],
    )


def auth_mode_determination(modes: Sequence[str], is_user_pool_default: bool) -> a.Expression:
    if not modes:
        return a.comment("No authentication mode determination needed")
    expressions: list[a.Expression] = []
    mode_var = f"${RC.AUTH_MODE}"
    for mode in modes:
        if mode == "userPools":
            statements: list[a.Expression] = [
                a.raw(f"$util.isNullOrEmpty({mode_var})"),
                *(
                    a.not_(a.raw(f"$util.isNull($ctx.identity{suffix})"))
                    for suffix in (
                        "",
                        ".sub",
                        ".issuer",
                        ".username",
                        ".claims",
                        ".sourceIp",
                    )
                ),
            ]
            if is_user_pool_default:
                statements.append(a.not_(a.raw("$util.isNull($ctx.identity.defaultAuthStrategy)")))
            expressions.append(
                a.iff(a.and_(statements), a.set_(a.ref(RC.AUTH_MODE), a.str_("userPools")))
            )
        elif mode == "oidc":
            oidc = a.iff(
                a.and_(
                    [
                        a.raw(f"$util.isNullOrEmpty({mode_var})"),
                        a.not_(a.raw("$util.isNull($ctx.identity)")),
                        a.not_(a.raw("$util.isNull($ctx.identity.sub)")),
                        a.not_(a.raw("$util.isNull($ctx.identity.issuer)")),
                        a.not_(a.raw("$util.isNull($ctx.identity.claims)")),
                        a.raw("$util.isNull($ctx.identity.username)"),
                        a.raw("$util.isNull($ctx.identity.sourceIp)"),
                    ]
                ),
                a.set_(a.ref(RC.AUTH_MODE), a.str_("oidc")),
            )
            if expressions:
                expressions.append(a.newline())
            expressions.append(oidc)
    return a.block("Determine request authentication mode", expressions)
