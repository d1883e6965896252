"""What @primaryKey and @index share: key configuration, validation, schema changes (key
arguments, key condition inputs) and the `preAuth` snippets that set the key in the stash.

The snippets are built with the mapping-template AST and printer v1 uses
(`transformer.mapping_template`), as the real transformers build them with
graphql-mapping-template.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from graphql.language import ast

from transformer.definitions import (
    attribute_type_from_scalar,
    directive_arguments,
    get_base_type,
    is_list_type,
    is_non_null_type,
    make_composite_key_condition_input,
    make_composite_key_input,
    make_input_value,
    make_named_type,
    make_non_null_type,
    make_scalar_key_condition_for_type,
    unwrap_non_null,
    with_named_node_named,
    wrap_non_null,
)
from transformer.mapping_template import ast as a
from transformer.mapping_template.key_conditions import apply_key_expression_for_composite_key
from transformer.mapping_template.printer import print_block, print_template
from transformer.naming import graphql_name, to_camel_case, to_upper
from transformer.pluralize import pluralize
from transformer.scalars import DEFAULT_SCALARS
from transformer.v2.context import TransformerContext
from transformer.v2.errors import InvalidDirectiveError
from transformer.v2.resolver import Template, TransformerResolver

__all__ = ["KeyConfig", "key_config", "lookup_resolver_name"]


@dataclass
class KeyConfig:
    """One @primaryKey or @index use."""

    object: ast.ObjectTypeDefinitionNode
    field: ast.FieldDefinitionNode
    directive: ast.DirectiveNode
    sort_key_fields: list[str]
    name: str | None = None
    query_field: str | None = None
    has_query_field_argument: bool = False
    sort_key: list[ast.FieldDefinitionNode] = dataclasses.field(default_factory=list)
    model_directive: ast.DirectiveNode | None = None
    primary_key_field: ast.FieldDefinitionNode | None = None

    @property
    def model(self) -> str:
        return self.object.name.value

    @property
    def sort_key_name(self) -> str:
        return "#".join(self.sort_key_fields)


def key_config(
    parent: ast.ObjectTypeDefinitionNode, definition: ast.FieldDefinitionNode, directive: Any
) -> KeyConfig:
    args = directive_arguments(directive)
    sort = args.get("sortKeyFields")
    if sort is None:
        sort = []
    elif not isinstance(sort, list):
        sort = [sort]
    config = KeyConfig(parent, definition, directive, [str(s) for s in sort])
    if "name" in args:
        config.name = args["name"]
    if "queryField" in args:
        config.has_query_field_argument = True
        config.query_field = args["queryField"]
    return config


def is_scalar_or_enum(ctx: TransformerContext, type_: ast.TypeNode) -> bool:
    base = get_base_type(type_)
    return base in DEFAULT_SCALARS or isinstance(ctx.output.get(base), ast.EnumTypeDefinitionNode)


def validate_not_self_referencing(config: KeyConfig) -> None:
    name = config.field.name.value
    if name in config.sort_key_fields:
        raise InvalidDirectiveError(
            f"@{config.directive.name.value} field '{name}' cannot reference itself."
        )


def lookup_resolver_name(config: KeyConfig, op: str) -> str | None:
    """The field name @model gave operation `op` (get, list, create...), None if disabled."""
    arg_name = "queries" if op in ("get", "list", "sync") else "mutations"
    resolver_name: Any = None
    assert config.model_directive is not None
    for argument in config.model_directive.arguments or ():
        if argument.name.value != arg_name or not isinstance(argument.value, ast.ObjectValueNode):
            continue
        for object_field in argument.value.fields:
            if object_field.name.value == op:
                resolver_name = getattr(object_field.value, "value", None)
                if not resolver_name:
                    return None
    if not resolver_name:
        capitalized = to_upper(config.model)
        if op in ("list", "sync"):
            resolver_name = f"{op}{pluralize(capitalized)}"
        else:
            resolver_name = f"{op}{capitalized}"
    return str(resolver_name)


def index_query_name(config: KeyConfig) -> str:
    """`enableautoindexquerynames`: `<models>By<Field>And<SortKey>`."""
    parts = [config.field.name.value, *config.sort_key_fields]
    plural = pluralize(config.model)
    return f"{plural[:1].lower()}{plural[1:]}By" + "And".join(to_upper(p) for p in parts)


# ---- schema ---------------------------------------------------------------------------------
def add_key_condition_inputs(config: KeyConfig, ctx: TransformerContext) -> None:
    if len(config.sort_key) > 1:
        key_name = to_upper(config.name if config.name is not None else "Primary")
        ctx.output.add(make_composite_key_condition_input(config.model, key_name))
        ctx.output.add(make_composite_key_input(config.model, key_name, config.sort_key))
    elif len(config.sort_key) == 1:
        sort_field = config.sort_key[0]
        condition = make_scalar_key_condition_for_type(
            sort_field.type, lambda base: "String" if ctx.output.has(base) else None
        )
        if condition is None:
            raise InvalidDirectiveError(
                f"Sort Key Condition could not be constructed for field '{sort_field.name.value}'"
            )
        ctx.output.add(condition)


def hash_argument(config: KeyConfig, for_query_field: bool) -> ast.InputValueDefinitionNode:
    base = make_named_type(get_base_type(config.field.type))
    return make_input_value(
        config.field.name.value, make_non_null_type(base) if for_query_field else base
    )


def sort_argument(
    config: KeyConfig, ctx: TransformerContext
) -> ast.InputValueDefinitionNode | None:
    if not config.sort_key:
        return None
    if len(config.sort_key) == 1:
        key = config.sort_key[0]
        base = get_base_type(key.type)
        resolved = "String" if ctx.output.has(base) else base
        scalar = DEFAULT_SCALARS.get(resolved, resolved)
        return make_input_value(key.name.value, make_named_type(f"Model{scalar}KeyConditionInput"))
    key_name = to_upper(config.name if config.name is not None else "Primary")
    return make_input_value(
        to_camel_case(config.sort_key_fields),
        make_named_type(f"Model{config.model}{key_name}CompositeKeyConditionInput"),
    )


def update_mutation_condition_input(config: KeyConfig, ctx: TransformerContext) -> None:
    name = f"Model{to_upper(config.model)}ConditionInput"
    node = ctx.output.get(name)
    if node is None:
        return
    removed = {"id"} if config.name else {"id", config.field.name.value, *config.sort_key_fields}
    ctx.output.put(
        _replace(node, fields=tuple(f for f in node.fields or () if f.name.value not in removed))
    )


# ---- table keys -----------------------------------------------------------------------------
def attribute_type(type_: ast.TypeNode, ctx: TransformerContext) -> str:
    if isinstance(ctx.output.get(get_base_type(type_)), ast.EnumTypeDefinitionNode):
        return "S"
    return attribute_type_from_scalar(type_)


def key_schema(config: KeyConfig) -> list[dict[str, str]]:
    schema = [{"AttributeName": config.field.name.value, "KeyType": "HASH"}]
    if config.sort_key:
        schema.append({"AttributeName": config.sort_key_name, "KeyType": "RANGE"})
    return schema


def attribute_definitions(config: KeyConfig, ctx: TransformerContext) -> list[dict[str, str]]:
    definitions = [
        {
            "AttributeName": config.field.name.value,
            "AttributeType": attribute_type(config.field.type, ctx),
        }
    ]
    if len(config.sort_key_fields) == 1:
        definitions.append(
            {
                "AttributeName": config.sort_key_fields[0],
                "AttributeType": attribute_type(config.sort_key[0].type, ctx),
            }
        )
    elif len(config.sort_key_fields) > 1:
        definitions.append({"AttributeName": config.sort_key_name, "AttributeType": "S"})
    return definitions


# ---- resolver snippets ------------------------------------------------------------------------
def merge_inputs_and_defaults() -> str:
    return print_block(
        "Merge default values and inputs",
        a.compound(
            [
                a.set_(
                    a.ref("mergedValues"),
                    a.method_call(
                        a.ref("util.defaultIfNull"), a.ref("ctx.stash.defaultValues"), a.obj({})
                    ),
                ),
                a.qref(
                    a.method_call(
                        a.ref("mergedValues.putAll"),
                        a.method_call(
                            a.ref("util.defaultIfNull"), a.ref("ctx.args.input"), a.obj({})
                        ),
                    )
                ),
            ]
        ),
    )


def set_primary_key_snippet(config: KeyConfig, is_mutation: bool) -> str:
    prefix = "mergedValues" if is_mutation else "ctx.args"
    hash_name = config.field.name.value
    model_object: dict[str, a.Expression | None] = {
        hash_name: a.ref(f"util.dynamodb.toDynamoDB(${prefix}.{hash_name})")
    }
    if len(config.sort_key_fields) > 1:
        value = "#".join(f"${{{prefix}.{k}}}" for k in config.sort_key_fields)
        model_object[config.sort_key_name] = a.ref(f'util.dynamodb.toDynamoDB("{value}")')
    elif len(config.sort_key_fields) == 1:
        key = config.sort_key_fields[0]
        model_object[key] = a.ref(f"util.dynamodb.toDynamoDB(${prefix}.{key})")
    return print_block(
        "Set the primary key",
        a.compound(
            [
                a.qref(
                    a.method_call(
                        a.ref("ctx.stash.metadata.put"),
                        a.str_("modelObjectKey"),
                        a.obj(model_object),
                    )
                )
            ]
        ),
    )


def ensure_composite_key_snippet(config: KeyConfig, conditionally: bool) -> str:
    if len(config.sort_key_fields) < 2:
        return ""
    condensed = config.sort_key_name
    friendly = to_camel_case([graphql_name(f) for f in config.sort_key_fields])
    value = "#".join(f"${{mergedValues.{k}}}" for k in config.sort_key_fields)
    put = a.qref(f"$ctx.args.input.put('{condensed}',\"{value}\")")
    return print_template(
        a.compound(
            [
                a.if_else(
                    a.raw("$util.isNull($ctx.stash.metadata.dynamodbNameOverrideMap)"),
                    a.qref(
                        a.method_call(
                            a.ref("ctx.stash.metadata.put"),
                            a.str_("dynamodbNameOverrideMap"),
                            a.raw(f"{{ '{condensed}': \"{friendly}\" }}"),
                        )
                    ),
                    a.qref(
                        a.method_call(
                            a.ref("ctx.stash.metadata.dynamodbNameOverrideMap.put"),
                            a.raw(f"'{condensed}'"),
                            a.str_(friendly),
                        )
                    ),
                ),
                a.iff(a.ref("hasSeenSomeKeyArg"), put) if conditionally else put,
            ]
        )
    )


def set_query_snippet(config: KeyConfig, ctx: TransformerContext, is_list: bool) -> str:
    keys = [config.field, *config.sort_key]
    names = [config.field.name.value, *config.sort_key_fields]
    types = [attribute_type(k.type, ctx) for k in keys]
    expressions: list[a.Expression | None] = []
    if len(names) == 1:
        expressions.append(
            a.iff(
                a.raw("!$util.isNull($ctx.args.sortDirection)"),
                a.raw(
                    '$util.error("sortDirection is not supported for List operations without '
                    'a Sort key defined.", "InvalidArgumentsError")'
                ),
            )
        )
    elif is_list:
        expressions.append(
            a.iff(
                a.and_(
                    [
                        a.raw(f"$util.isNull($ctx.args.{names[0]})"),
                        a.raw("!$util.isNull($ctx.args.sortDirection)"),
                    ]
                ),
                a.raw(
                    "$util.error(\"When providing argument 'sortDirection' you must also "
                    f'provide argument \'{names[0]}\'.", "InvalidArgumentsError")'
                ),
            )
        )
    expressions.append(a.set_(a.ref("modelQueryExpression"), a.obj({})))
    expressions.append(apply_key_expression_for_composite_key(names, types, "modelQueryExpression"))
    return print_template(a.block("Set query expression for key", expressions))


def sync_map_snippet(name: str, config: KeyConfig) -> str:
    """A key's entry in the DataStore sync resolver's key maps (`dbTable` for the primary key)."""
    keys = [config.field.name.value, *config.sort_key_fields]
    return print_template(
        a.block(
            "Set query expression for @key",
            [
                a.raw(f"$util.qr($QueryMap.put('{'+'.join(keys)}' , '{name}'))"),
                a.raw(f"$util.qr($PkMap.put('{config.field.name.value}' , '{name}'))"),
                a.qref(
                    a.method_call(
                        a.ref("SkMap.put"),
                        a.str_(name),
                        a.list_([a.str_(k) for k in config.sort_key_fields]),
                    )
                ),
            ],
        )
    )


def record_sync_snippet(
    snippets: dict[str, tuple[TransformerResolver, list[str]]],
    ctx: TransformerContext,
    config: KeyConfig,
    name: str,
) -> None:
    """Remember a key for the model's sync resolver (DataStore projects only)."""
    from transformer.v2.model.datastore import uses_datastore

    if not uses_datastore(ctx):
        return
    resolver_name = lookup_resolver_name(config, "sync")
    resolver = ctx.get_resolver("Query", resolver_name) if resolver_name else None
    if resolver is None:
        return
    snippets.setdefault(resolver.key, (resolver, []))[1].append(sync_map_snippet(name, config))


def add_sync_pre_auth(snippets: dict[str, tuple[TransformerResolver, list[str]]]) -> None:
    """The sync resolver's preAuth slot: pick the index (or the table) a sync query can use."""
    from transformer.v2.model.templates import SYNC_KEYS_INIT, SYNC_KEYS_QUERY

    for resolver, entries in snippets.values():
        text = "\n".join([SYNC_KEYS_INIT, *entries]) + "\n" + SYNC_KEYS_QUERY
        resolver.add_to_slot(
            "preAuth",
            Template.s3(
                text.removesuffix("\n") + "\n",
                f"{resolver.type_name}.{resolver.field_name}.{{slotName}}.{{slotIndex}}.req.vtl",
            ),
        )


def add_to_pre_auth(resolver: TransformerResolver, lines: list[str]) -> None:
    resolver.add_to_slot(
        "preAuth",
        Template.s3(
            "\n".join(lines) + "\n{}",
            f"{resolver.type_name}.{resolver.field_name}.{{slotName}}.{{slotIndex}}.req.vtl",
        ),
    )


def _replace(node: Any, **changes: Any) -> Any:
    values = {key: getattr(node, key, None) for key in node.keys}
    values.update(changes)
    return type(node)(**values)


__all__ += [
    "add_key_condition_inputs",
    "add_to_pre_auth",
    "attribute_definitions",
    "ensure_composite_key_snippet",
    "hash_argument",
    "index_query_name",
    "is_scalar_or_enum",
    "key_schema",
    "merge_inputs_and_defaults",
    "set_primary_key_snippet",
    "set_query_snippet",
    "sort_argument",
    "update_mutation_condition_input",
    "validate_not_self_referencing",
]
# re-exported helpers the key plugins use
_ = (is_list_type, is_non_null_type, unwrap_non_null, with_named_node_named, wrap_non_null)
