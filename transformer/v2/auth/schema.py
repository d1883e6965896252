"""What @auth changes in the output schema: the `@aws_*` directives per provider on models,
operations and nested types, owner fields, filter inputs and subscription owner arguments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from graphql.language import ast

from transformer.definitions import make_directive, make_input_value, make_named_type
from transformer.v2.auth.rules import AUTH_PROVIDER_DIRECTIVES, AuthProviders, is_provider_equal
from transformer.v2.context import TransformerContext

__all__ = [
    "add_directives_to_field",
    "add_directives_to_operation",
    "add_input_fields",
    "add_subscription_arguments",
    "extend_type",
    "remove_input_field",
    "service_directives",
]


def _replace(node: Any, **changes: Any) -> Any:
    values = {key: getattr(node, key, None) for key in node.keys}
    values.update(changes)
    return type(node)(**values)


def service_directives(
    providers: Sequence[str], configured: AuthProviders, add_default: bool = True
) -> list[ast.ConstDirectiveNode]:
    """The `@aws_*` directives callers of these providers need (the default mode's only when
    another provider is there too, or `add_default`)."""
    if not providers:
        return []
    default = configured.default
    names: list[str] = []
    applied: set[str] = set()
    for provider, directive in AUTH_PROVIDER_DIRECTIVES:
        if directive in applied:
            continue
        applied.add(directive)
        is_default = is_provider_equal(default, provider)
        if (not is_default and any(is_provider_equal(p, provider) for p in providers)) or (
            is_default
            and add_default
            and any(not is_provider_equal(p, provider) for p in providers)
        ):
            names.append(directive)
    default_directive = _DIRECTIVE_OF[default]
    if (
        any(is_provider_equal(p, default) for p in providers)
        and any(not is_provider_equal(p, default) for p in providers)
        and default_directive not in names
    ):
        names.append(default_directive)
    return [make_directive(n) for n in names]


_DIRECTIVE_OF = dict(AUTH_PROVIDER_DIRECTIVES)


def extend_type(ctx: TransformerContext, type_name: str, directives: Iterable[Any]) -> None:
    """An object type extension with directives (those the type has already are skipped)."""
    directives = list(directives)
    if directives and ctx.output.has(type_name):
        ctx.output.extend_directives(type_name, directives)


def add_directives_to_field(
    ctx: TransformerContext, type_name: str, field_name: str, directives: Sequence[Any]
) -> None:
    """The field gets the directives it lacks and moves to the end of its type."""
    node = ctx.output.get(type_name)
    if node is None:
        return
    found = next((f for f in node.fields or () if f.name.value == field_name), None)
    if found is None:
        return
    have = {d.name.value for d in found.directives or ()}
    new = [d for d in directives if d.name.value not in have]
    if new:
        found = _replace(found, directives=(*(found.directives or ()), *new))
    others = tuple(f for f in node.fields if f.name.value != field_name)
    ctx.output.put(_replace(node, fields=(*others, found)))


def add_directives_to_operation(
    ctx: TransformerContext, type_name: str, operation: str, directives: Sequence[Any]
) -> None:
    add_directives_to_field(ctx, type_name, operation, directives)
    node = ctx.output.get(type_name)
    if node is None:
        return
    found = next((f for f in node.fields or () if f.name.value == operation), None)
    if found is not None and isinstance(found.type, ast.NamedTypeNode):
        extend_type(ctx, found.type.name.value, directives)


def add_subscription_arguments(
    ctx: TransformerContext, operation: str, entities: Sequence[str]
) -> None:
    node = ctx.output.get("Subscription")
    if node is None:
        return
    fields = []
    for f in node.fields or ():
        if f.name.value == operation:
            f = _replace(
                f,
                arguments=(
                    *(f.arguments or ()),
                    *(make_input_value(e, make_named_type("String")) for e in entities),
                ),
            )
        fields.append(f)
    ctx.output.put(_replace(node, fields=tuple(fields)))


def add_input_fields(ctx: TransformerContext, input_name: str, owner_fields: Sequence[str]) -> None:
    """Owner fields missing from a filter/condition input are added as `ModelStringInput`
    (checked against the input as it was, so a field named twice is added twice)."""
    node = ctx.output.get(input_name)
    if node is None:
        return
    existing = {f.name.value for f in node.fields or ()}
    added = [
        make_input_value(name, make_named_type("ModelStringInput"))
        for name in owner_fields
        if name not in existing
    ]
    ctx.output.put(_replace(node, fields=(*(node.fields or ()), *added)))


def remove_input_field(ctx: TransformerContext, input_name: str, field_name: str) -> None:
    node = ctx.output.get(input_name)
    if node is None:
        return
    ctx.output.put(
        _replace(node, fields=tuple(f for f in node.fields or () if f.name.value != field_name))
    )


_ROOT_TYPES = ("Query", "Mutation", "Subscription")


def add_iam_everywhere(ctx: TransformerContext) -> None:
    """The 2.x line with IAM access (the Gen 2 construct always enables it) or sandbox mode:
    every field of the input's Query/Mutation/Subscription lacking `@aws_iam` gets it, then
    every non-model object type of the input (root types included) is extended with it."""
    objects = [
        d for d in ctx.input_document.definitions if isinstance(d, ast.ObjectTypeDefinitionNode)
    ]
    for definition in objects:
        if definition.name.value not in _ROOT_TYPES:
            continue
        for field in definition.fields or ():
            if not any(d.name.value == "aws_iam" for d in field.directives or ()):
                add_directives_to_field(
                    ctx, definition.name.value, field.name.value, [make_directive("aws_iam")]
                )
    for definition in objects:
        names = {d.name.value for d in definition.directives or ()}
        if "model" not in names and "aws_iam" not in names:
            extend_type(ctx, definition.name.value, [make_directive("aws_iam")])
