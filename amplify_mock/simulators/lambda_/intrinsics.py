"""A small CloudFormation value resolver for function template properties, over given parameters.

Enough for what Amplify writes in function templates (`Ref`, `Fn::Join`, `Fn::Sub`, `Fn::If`,
`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Fn::Select`, `Fn::Split`, `Fn::GetAtt`,
`Fn::ImportValue`). The full stack evaluator lives in `amplify_mock.cloud.cfn`; this one stays
local so the Lambda runner works without a deployed stack. `Fn::ImportValue` of
`<apiId>:GetAtt:<Model>Table:Name` resolves to `<Model>-<apiId>-<env>` unless `exports` has it,
as the Amplify CLI's mock does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CfnContext", "UnresolvedValueError", "resolve_value"]

_SUB_VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")
_MODEL_TABLE_EXPORT = re.compile(r"^(?P<api_id>.+):GetAtt:(?P<model>.+)Table:Name$")


class UnresolvedValueError(Exception):
    """A value refers to a parameter, resource or export nobody supplied."""


@dataclass(frozen=True)
class CfnContext:
    """What intrinsic functions resolve against.

    `parameters` maps names (template parameters and pseudo parameters such as
    `AWS::Region`) to values; `conditions` holds already-decided conditions;
    `exports` is for `Fn::ImportValue`; `attributes` maps `Resource.Attribute` for GetAtt.
    """

    parameters: Mapping[str, Any]
    conditions: Mapping[str, bool] = field(default_factory=dict)
    exports: Mapping[str, Any] = field(default_factory=dict)
    attributes: Mapping[str, Any] = field(default_factory=dict)
    condition_definitions: Mapping[str, Any] = field(default_factory=dict)


def resolve_value(node: Any, ctx: CfnContext) -> Any:
    """Resolve every intrinsic function in `node`.

    :raises UnresolvedValueError: a `Ref`, `Fn::GetAtt` or condition with no value.
    """
    if isinstance(node, list):
        return [resolve_value(item, ctx) for item in node]
    if not isinstance(node, dict):
        return node
    if len(node) == 1:
        (key, argument), *_ = node.items()
        handler = _FUNCTIONS.get(key)
        if handler is not None:
            return handler(argument, ctx)
    return {key: resolve_value(value, ctx) for key, value in node.items()}


def _ref(argument: Any, ctx: CfnContext) -> Any:
    name = str(argument)
    if name in ctx.parameters:
        return ctx.parameters[name]
    if name == "AWS::NoValue":
        return None
    raise UnresolvedValueError(f"Ref {name!r} has no value")


def _join(argument: Any, ctx: CfnContext) -> str:
    delimiter, items = argument
    values = resolve_value(items, ctx)
    return str(delimiter).join("" if v is None else str(v) for v in values)


def _sub(argument: Any, ctx: CfnContext) -> str:
    if isinstance(argument, str):
        template, variables = argument, {}
    else:
        template, raw = argument
        variables = {k: resolve_value(v, ctx) for k, v in raw.items()}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in variables:
            return str(variables[name])
        if name in ctx.parameters:
            return str(ctx.parameters[name])
        if "." in name:
            return str(_get_att(name.split(".", 1), ctx))
        raise UnresolvedValueError(f"Fn::Sub variable {name!r} has no value")

    return _SUB_VARIABLE.sub(replace, str(template)).replace("${!", "${")


def _get_att(argument: Any, ctx: CfnContext) -> Any:
    if isinstance(argument, str):
        argument = argument.split(".", 1)
    resource, attribute = (str(part) for part in resolve_value(argument, ctx))
    for key in (f"{resource}.{attribute}", f"{resource}{attribute}"):
        if key in ctx.attributes:
            return ctx.attributes[key]
        if key in ctx.parameters:
            return ctx.parameters[key]
    raise UnresolvedValueError(f"Fn::GetAtt {resource}.{attribute} has no value")


def _import_value(argument: Any, ctx: CfnContext) -> Any:
    key = str(resolve_value(argument, ctx))
    if key in ctx.exports:
        return ctx.exports[key]
    match = _MODEL_TABLE_EXPORT.match(key)
    if match is None:
        return key
    env = ctx.parameters.get("env", "NONE")
    return f"{match['model']}-{match['api_id']}-{env}"


def condition_value(name: str, ctx: CfnContext) -> bool:
    """A named condition: decided ones first, else its definition in the template."""
    if name in ctx.conditions:
        return ctx.conditions[name]
    if name in ctx.condition_definitions:
        return bool(resolve_value(ctx.condition_definitions[name], ctx))
    raise UnresolvedValueError(f"Condition {name!r} is not defined")


def _if(argument: Any, ctx: CfnContext) -> Any:
    name, when_true, when_false = argument
    return resolve_value(when_true if condition_value(str(name), ctx) else when_false, ctx)


def _equals(argument: Any, ctx: CfnContext) -> bool:
    left, right = resolve_value(argument, ctx)
    return bool(left == right)


def _not(argument: Any, ctx: CfnContext) -> bool:
    (value,) = resolve_value(argument, ctx)
    return not value


def _and(argument: Any, ctx: CfnContext) -> bool:
    return all(resolve_value(argument, ctx))


def _or(argument: Any, ctx: CfnContext) -> bool:
    return any(resolve_value(argument, ctx))


def _condition(argument: Any, ctx: CfnContext) -> bool:
    return condition_value(str(argument), ctx)


def _select(argument: Any, ctx: CfnContext) -> Any:
    index, items = resolve_value(argument, ctx)
    return items[int(index)]


def _split(argument: Any, ctx: CfnContext) -> list[str]:
    delimiter, text = resolve_value(argument, ctx)
    return str(text).split(str(delimiter))


_FUNCTIONS: dict[str, Callable[[Any, CfnContext], Any]] = {
    "Ref": _ref,
    "Fn::Join": _join,
    "Fn::Sub": _sub,
    "Fn::GetAtt": _get_att,
    "Fn::ImportValue": _import_value,
    "Fn::If": _if,
    "Fn::Equals": _equals,
    "Fn::Not": _not,
    "Fn::And": _and,
    "Fn::Or": _or,
    "Condition": _condition,
    "Fn::Select": _select,
    "Fn::Split": _split,
}
