"""@index(name, sortKeyFields, queryField): a GSI (or an LSI without `secondaryKeyAsGSI`), the
query field with its key arguments (auto-named with `enableAutoIndexQueryNames`), and the
`preAuth` checks on mutations for composite sort keys."""

from __future__ import annotations

import re
from typing import Any

from graphql.language import ast

from transformer.definitions import (
    find_directive,
    get_base_type,
    is_list_type,
    is_scalar,
    make_field,
    make_input_object,
    make_input_value,
    make_list_type,
    make_named_type,
    make_non_null_type,
)
from transformer.mapping_template import ast as a
from transformer.mapping_template.printer import print_block, print_template
from transformer.naming import ResolverResourceIDs
from transformer.scalars import DEFAULT_SCALARS
from transformer.v2.context import TransformerContext
from transformer.v2.directives import keys as k
from transformer.v2.errors import InvalidDirectiveError, PlainError
from transformer.v2.model import slots
from transformer.v2.plugin import TransformerPlugin
from transformer.v2.resolver import QUERY_SLOTS, Template, TransformerResolver

__all__ = ["IndexPlugin"]

_INDEX_NAME = re.compile(r"^[A-Za-z0-9_\-.]{3,255}$")


class IndexPlugin(TransformerPlugin):
    directive = "index"

    def __init__(self) -> None:
        self.configs: list[k.KeyConfig] = []
        self.sync_snippets: dict[str, tuple[TransformerResolver, list[str]]] = {}

    def field(
        self,
        ctx: TransformerContext,
        parent: ast.ObjectTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: Any,
    ) -> None:
        config = k.key_config(parent, definition, directive)
        if config.name:
            if not _INDEX_NAME.match(config.name):
                raise PlainError(
                    "The indexName is invalid. It should be between 3 and 255 characters. Only "
                    "A\u2013Z, a\u2013z, 0\u20139, underscore characters, hyphens, and periods "
                    "allowed."
                )
        elif config.name is None and any(
            arg.name.value == "name" for arg in directive.arguments or ()
        ):
            raise PlainError("Explicit null value not allowed for name field on @index")
        else:
            config.name = k.index_query_name(config)
        if config.has_query_field_argument and config.query_field is None:
            pass
        elif not ctx.parameters.enableAutoIndexQueryNames and not config.query_field:
            config.query_field = None
        elif not config.query_field:
            config.query_field = k.index_query_name(config)
        self._validate(config, ctx)
        self.configs.append(config)

    def _validate(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        k.validate_not_self_referencing(config)
        model = find_directive(config.object, "model")
        if model is None:
            raise InvalidDirectiveError(
                "The @index directive may only be added to object definitions annotated with "
                "@model."
            )
        config.model_directive = model
        fields: dict[str, ast.FieldDefinitionNode] = {}
        name = config.name
        for other in config.object.fields or ():
            fields[other.name.value] = other
            for peer in other.directives or ():
                if peer is config.directive:
                    continue
                if peer.name.value == "primaryKey":
                    has_sort = _has_sort_fields(peer)
                    config.primary_key_field = other
                    if not has_sort and other.name.value == config.field.name.value:
                        raise InvalidDirectiveError(
                            f"Invalid @index '{name}'. You may not create an index where the "
                            "partition key is the same as that of the primary key unless the "
                            "primary key has a sort field. You cannot have a local secondary "
                            "index without a sort key in the primary key."
                        )
                if peer.name.value == "index" and any(
                    arg.name.value == "name" and getattr(arg.value, "value", None) == name
                    for arg in peer.arguments or ()
                ):
                    raise InvalidDirectiveError(
                        f"You may only supply one @index with the name '{name}' on type "
                        f"'{config.model}'."
                    )
            for peer in other.directives or ():
                if (
                    not ctx.parameters.secondaryKeyAsGSI
                    and not _has_sort_fields(peer)
                    and other is config.primary_key_field
                    and other.name.value == config.field.name.value
                ):
                    raise InvalidDirectiveError(
                        f"Invalid @index '{name}'. You may not create an index where the "
                        "partition key is the same as that of the primary key unless the index "
                        "has a sort field. You cannot have a local secondary index without a "
                        "sort key in the index."
                    )
        if not k.is_scalar_or_enum(ctx, config.field.type) or is_list_type(config.field.type):
            raise InvalidDirectiveError(
                f"Index '{name}' on type '{config.model}.{config.field.name.value}' cannot be a "
                "non-scalar."
            )
        for sort_name in config.sort_key_fields:
            sort_field = fields.get(sort_name)
            if sort_field is None:
                raise InvalidDirectiveError(
                    f"Can't find field '{sort_name}' in {config.model}, but it was specified in "
                    f"index '{name}'."
                )
            if not k.is_scalar_or_enum(ctx, sort_field.type) or is_list_type(sort_field.type):
                raise InvalidDirectiveError(
                    f"The sort key of index '{name}' on type '{config.model}."
                    f"{sort_field.name.value}' cannot be a non-scalar."
                )
            config.sort_key.append(sort_field)

    # ---- schema -----------------------------------------------------------------------
    def transform_schema(self, ctx: TransformerContext) -> None:
        for config in self.configs:
            self._ensure_query_field(config, ctx)
            k.add_key_condition_inputs(config, ctx)
            k.update_mutation_condition_input(config, ctx)

    def _ensure_query_field(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        if not config.query_field:
            return
        # @auth protects each index query (model -> [(index name, query field)])
        queries = ctx.metadata.setdefault("indexQueries", {}).setdefault(config.model, [])
        if (config.name, config.query_field) not in queries:
            queries.append((config.name, config.query_field))
        arguments = [k.hash_argument(config, for_query_field=True)]
        sort = k.sort_argument(config, ctx)
        if sort is not None:
            arguments.append(sort)
        arguments.append(make_input_value("sortDirection", make_named_type("ModelSortDirection")))
        directives: list[Any] = []
        if find_directive(config.object, "auth") is None:
            directives = _service_directives(ctx)
        model = config.model
        filter_name = f"Model{model}FilterInput"
        arguments += [
            make_input_value("filter", make_named_type(filter_name)),
            make_input_value("limit", make_named_type("Int")),
            make_input_value("nextToken", make_named_type("String")),
        ]
        connection = f"Model{model}Connection"
        ctx.output.add_fields(
            "Query",
            [make_field(config.query_field, arguments, make_named_type(connection), directives)],
        )
        self._filter_inputs(config, ctx)
        if not ctx.output.has(connection):
            ctx.output.add(
                ast.ObjectTypeDefinitionNode(
                    name=ast.NameNode(value=connection),
                    fields=(
                        make_field(
                            "items", [], make_non_null_type(make_list_type(make_named_type(model)))
                        ),
                        make_field("nextToken", [], make_named_type("String")),
                    ),
                    directives=(),
                    interfaces=(),
                )
            )

    def _filter_inputs(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        model_plugin_inputs = []
        for f in config.object.fields or ():
            base = get_base_type(f.type)
            if not isinstance(ctx.output.get(base), ast.EnumTypeDefinitionNode):
                continue
            is_list = isinstance(f.type, ast.ListTypeNode)
            name = f"Model{base}{'List' if is_list else ''}Input"
            type_: ast.TypeNode = make_named_type(base)
            if is_list:
                type_ = make_list_type(type_)
            values = [make_input_value("eq", type_), make_input_value("ne", type_)]
            if is_list:
                values += [
                    make_input_value("contains", make_named_type(base)),
                    make_input_value("notContains", make_named_type(base)),
                ]
            model_plugin_inputs.append(make_input_object(name, values))
        name = f"Model{config.model}FilterInput"
        values = []
        for f in config.object.fields or ():
            base = get_base_type(f.type)
            is_enum = isinstance(ctx.output.get(base), ast.EnumTypeDefinitionNode)
            if not (is_scalar(f.type) or is_enum):
                continue
            if is_enum and is_list_type(f.type):
                type_name = f"Model{DEFAULT_SCALARS.get(base, base)}ListInput"
            else:
                type_name = f"Model{DEFAULT_SCALARS.get(base, base)}Input"
            values.append(make_input_value(f.name.value, make_named_type(type_name)))
        values += [
            make_input_value("and", make_list_type(make_named_type(name))),
            make_input_value("or", make_list_type(make_named_type(name))),
            make_input_value("not", make_named_type(name)),
        ]
        for node in [*model_plugin_inputs, make_input_object(name, values)]:
            ctx.output.add(node)

    # ---- resources --------------------------------------------------------------------
    def generate_resolvers(self, ctx: TransformerContext) -> None:
        for config in self.configs:
            self._append_index(config, ctx)
            self._update_resolvers(config, ctx)

    def _append_index(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        table = ctx.tables[config.model]
        properties = table.body["Properties"]
        schema = k.key_schema(config)
        definitions = k.attribute_definitions(config, ctx)
        primary = (
            config.primary_key_field.name.value if config.primary_key_field is not None else "id"
        )
        existing = {d["AttributeName"] for d in properties["AttributeDefinitions"]}
        for definition in definitions:
            if definition["AttributeName"] not in existing:
                properties["AttributeDefinitions"].append(definition)
                existing.add(definition["AttributeName"])
        index: dict[str, Any] = {"IndexName": config.name, "KeySchema": schema}
        index["Projection"] = {"ProjectionType": "ALL"}
        if not ctx.parameters.secondaryKeyAsGSI and primary == schema[0]["AttributeName"]:
            lsis = properties.setdefault("LocalSecondaryIndexes", [])
            lsis.append(index)
            _sort_properties(properties)
            return
        index["ProvisionedThroughput"] = {
            "Fn::If": [
                "ShouldUsePayPerRequestBilling",
                {"Ref": "AWS::NoValue"},
                {
                    "ReadCapacityUnits": {"Ref": "DynamoDBModelTableReadIOPS"},
                    "WriteCapacityUnits": {"Ref": "DynamoDBModelTableWriteIOPS"},
                },
            ]
        }
        properties.setdefault("GlobalSecondaryIndexes", []).append(index)
        _sort_properties(properties)

    def _update_resolvers(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        def resolver(op: str) -> TransformerResolver | None:
            name = k.lookup_resolver_name(config, op)
            return ctx.get_resolver("Mutation", name) if name else None

        for op in ("create", "update"):
            found = resolver(op)
            if found is None:
                continue
            checks = [
                _validate_index_arguments(config, op),
                k.ensure_composite_key_snippet(config, True),
            ]
            if checks[0] or checks[1]:
                k.add_to_pre_auth(found, [k.merge_inputs_and_defaults(), *checks])
        delete = resolver("delete")
        if delete is not None:
            check = k.ensure_composite_key_snippet(config, False)
            if check:
                k.add_to_pre_auth(delete, [k.merge_inputs_and_defaults(), check])
        if config.query_field:
            self._query_resolver(config, ctx)
        assert config.name is not None
        k.record_sync_snippet(self.sync_snippets, ctx, config, config.name)

    def after(self, ctx: TransformerContext) -> None:
        k.add_sync_pre_auth(self.sync_snippets)

    def _query_resolver(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        assert config.query_field is not None and config.name is not None
        field_name = config.query_field
        request = print_template(
            a.compound(
                [
                    a.raw(k.set_query_snippet(config, ctx, False)),
                    a.set_(a.ref("limit"), a.ref("util.defaultIfNull($context.args.limit, 100)")),
                    a.set_(
                        a.ref("QueryRequest"),
                        a.obj(
                            {
                                "version": a.str_("2018-05-29"),
                                "operation": a.str_("Query"),
                                "limit": a.ref("limit"),
                                "query": a.ref("modelQueryExpression"),
                                "index": a.str_(config.name),
                            }
                        ),
                    ),
                    a.if_else(
                        a.raw(
                            "!$util.isNull($ctx.args.sortDirection)\n"
                            '                  && $ctx.args.sortDirection == "DESC"'
                        ),
                        a.set_(a.ref("QueryRequest.scanIndexForward"), a.bool_(False)),
                        a.set_(a.ref("QueryRequest.scanIndexForward"), a.bool_(True)),
                    ),
                    a.iff(
                        a.ref("context.args.nextToken"),
                        a.set_(a.ref("QueryRequest.nextToken"), a.ref("context.args.nextToken")),
                        True,
                    ),
                    a.if_else(
                        a.not_(a.is_null_or_empty(a.ref("ctx.stash.authFilter"))),
                        a.compound(
                            [
                                a.set_(a.ref("filter"), a.ref("ctx.stash.authFilter")),
                                a.iff(
                                    a.not_(a.is_null_or_empty(a.ref("ctx.args.filter"))),
                                    a.set_(
                                        a.ref("filter"),
                                        a.obj(
                                            {
                                                "and": a.list_(
                                                    [a.ref("filter"), a.ref("ctx.args.filter")]
                                                )
                                            }
                                        ),
                                    ),
                                ),
                            ]
                        ),
                        a.iff(
                            a.not_(a.is_null_or_empty(a.ref("ctx.args.filter"))),
                            a.set_(a.ref("filter"), a.ref("ctx.args.filter")),
                        ),
                    ),
                    a.iff(
                        a.not_(a.is_null_or_empty(a.ref("filter"))),
                        a.compound(
                            [
                                a.set_(
                                    a.ref("filterExpression"),
                                    a.method_call(
                                        a.ref("util.parseJson"),
                                        a.method_call(
                                            a.ref("util.transform.toDynamoDBFilterExpression"),
                                            a.ref("filter"),
                                        ),
                                    ),
                                ),
                                a.iff(
                                    a.is_null_or_empty(a.ref("filterExpression")),
                                    a.method_call(
                                        a.ref("util.error"),
                                        a.str_("Unable to process the filter expression"),
                                        a.str_("Unrecognized Filter"),
                                    ),
                                ),
                                a.iff(
                                    a.not_(
                                        a.method_call(
                                            a.ref("util.isNullOrBlank"),
                                            a.ref("filterExpression.expression"),
                                        )
                                    ),
                                    a.compound(
                                        [
                                            a.iff(
                                                a.equals(
                                                    a.method_call(
                                                        a.ref(
                                                            "filterExpression.expressionValues.size"
                                                        )
                                                    ),
                                                    a.int_(0),
                                                ),
                                                a.qref(
                                                    a.method_call(
                                                        a.ref("filterExpression.remove"),
                                                        a.str_("expressionValues"),
                                                    )
                                                ),
                                            ),
                                            a.set_(
                                                a.ref("QueryRequest.filter"),
                                                a.ref("filterExpression"),
                                            ),
                                        ]
                                    ),
                                ),
                            ]
                        ),
                    ),
                    a.raw("$util.toJson($QueryRequest)"),
                ]
            )
        )
        response = print_template(
            a.compound(
                [
                    a.iff(
                        a.ref("ctx.error"),
                        a.raw("$util.error($ctx.error.message, $ctx.error.type)"),
                    ),
                    a.raw("$util.toJson($ctx.result)"),
                ]
            )
        )
        table_stack = ctx.tables[config.model].stack
        resolver = TransformerResolver(
            "Query",
            field_name,
            ResolverResourceIDs.resolver("Query", field_name),
            Template.s3(request, f"Query.{field_name}.req.vtl"),
            Template.s3(response, f"Query.{field_name}.res.vtl"),
            QUERY_SLOTS,
            ctx.data_sources[config.model],
            table_stack,
        )
        resolver.add_to_slot(
            "postAuth",
            Template.s3(
                slots.post_auth_template(
                    ctx.parameters.sandboxModeEnabled, ctx.synth.enableIamAccess
                ),
                f"Query.{field_name}.{{slotName}}.{{slotIndex}}.res.vtl",
            ),
        )
        ctx.add_resolver(resolver)


def _has_sort_fields(directive: Any) -> bool:
    return any(
        arg.name.value == "sortKeyFields"
        and isinstance(arg.value, ast.ListValueNode)
        and len(arg.value.values) > 0
        for arg in directive.arguments or ()
    )


def _service_directives(ctx: TransformerContext) -> list[Any]:
    from transformer.definitions import make_directive

    sandbox = ctx.parameters.sandboxModeEnabled
    iam = ctx.synth.enableIamAccess
    if sandbox and iam:
        return [make_directive("aws_api_key"), make_directive("aws_iam")]
    if sandbox and ctx.config.default_auth_type != "API_KEY":
        return [make_directive("aws_api_key")]
    if iam and ctx.config.default_auth_type != "AWS_IAM":
        return [make_directive("aws_iam")]
    return []


def _validate_index_arguments(config: k.KeyConfig, operation: str) -> str:
    if len(config.sort_key_fields) < 2:
        return ""
    verb = operation[:-1] + "ing"
    return print_block(
        f"Validate {operation} mutation for @index '{config.name}'",
        a.compound(
            [
                a.set_(a.ref("hasSeenSomeKeyArg"), a.bool_(False)),
                a.set_(
                    a.ref("keyFieldNames"), a.list_([a.str_(f) for f in config.sort_key_fields])
                ),
                a.for_each(
                    a.ref("keyFieldName"),
                    a.ref("keyFieldNames"),
                    [
                        a.iff(
                            a.raw('$mergedValues.containsKey("$keyFieldName")'),
                            a.set_(a.ref("hasSeenSomeKeyArg"), a.bool_(True)),
                            True,
                        )
                    ],
                ),
                a.for_each(
                    a.ref("keyFieldName"),
                    a.ref("keyFieldNames"),
                    [
                        a.iff(
                            a.raw(
                                '$hasSeenSomeKeyArg && !$mergedValues.containsKey("$keyFieldName")'
                            ),
                            a.raw(
                                f'$util.error("When {verb} any part of the composite sort key '
                                f"for @index '{config.name}', you must provide all fields for the "
                                "key. Missing key: '$keyFieldName'.\")"
                            ),
                        )
                    ],
                ),
            ]
        ),
    )


def _sort_properties(properties: dict[str, Any]) -> None:
    items = sorted(properties.items())
    properties.clear()
    properties.update(items)
