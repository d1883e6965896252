"""@hasMany, @hasOne and @belongsTo (v2): connection fields between @model types.

Each directive use is validated when it is visited (as the real transformer does), its keys
are resolved in `transform_schema` (where the connection attributes and the connection field
are added to the output schema, see relational_schema) and its GSI and resolver are created
in `generate_resolvers` (relational_resources). Two forms: `fields` (or nothing: the
transformer stores the related key as `<type><Field>Id`) and `references` (the child's fields
named on both sides, queried through a GSI `gsi-<Parent>.<field>`).

Not emulated: SQL models.
"""

from __future__ import annotations

from typing import Any

from graphql.language import ast

from transformer.definitions import get_base_type, is_list_type, is_scalar
from transformer.v2.context import TransformerContext
from transformer.v2.directives.maps_to_fields import (
    register_has_many,
    register_has_one,
    set_field_mapping_resolver_reference,
)
from transformer.v2.directives.relational_resources import (
    has_many_resolver,
    references_has_many_resolver,
    references_single_item_resolver,
    single_item_resolver,
    update_child_mutations_for_composite_sort_keys,
    update_table_for_connection,
    update_table_for_references_connection,
)
from transformer.v2.directives.relational_schema import (
    Relation,
    ensure_belongs_to_connection_field,
    ensure_has_many_connection_field,
    ensure_has_one_connection_field,
    extend_type_with_connection,
    primary_key_field_names,
)
from transformer.v2.errors import InvalidDirectiveError, PlainError
from transformer.v2.plugin import TransformerPlugin

__all__ = [
    "BelongsToPlugin",
    "HasManyPlugin",
    "HasOnePlugin",
    "is_model_type",
    "related_type_index",
]


def _has_directive(node: Any, name: str) -> bool:
    return any(d.name.value == name for d in node.directives or ())


def is_model_type(ctx: TransformerContext, name: str) -> bool:
    """A @model type of the input, or a @manyToMany join type."""
    if name in ctx.metadata.get("manyToManyRelations", ()):
        return True
    return any(
        isinstance(d, ast.ObjectTypeDefinitionNode)
        and d.name.value == name
        and _has_directive(d, "model")
        for d in ctx.input_document.definitions
    )


def _related_type(ctx: TransformerContext, relation: Relation) -> Any:
    name = get_base_type(relation.field.type)
    for d in ctx.input_document.definitions:
        if isinstance(d, ast.ObjectTypeDefinitionNode) and d.name.value == name:
            return d
    raise ValueError(
        f"Could not find related type with name {name} while processing relationships."
    )


def _is_scalar_or_enum(ctx: TransformerContext, type_: ast.TypeNode) -> bool:
    return is_scalar(type_) or isinstance(
        ctx.output.get(get_base_type(type_)), ast.EnumTypeDefinitionNode
    )


def _common_validation(
    ctx: TransformerContext, relation: Relation, *, list_required: bool = False
) -> None:
    """What every relational directive checks first (Gen 2 rules, a @model related type)."""
    name = relation.directive_name
    if not ctx.parameters.allowGen1Patterns:
        model, field = relation.object.name.value, relation.field.name.value
        if isinstance(relation.field.type, ast.NonNullTypeNode):
            raise InvalidDirectiveError(
                f"@{name} cannot be used on required fields. Modify {model}.{field} to be optional."
            )
        if relation.fields is not None:
            raise InvalidDirectiveError(
                f"fields argument on @{name} is disallowed. Modify {model}.{field} to use "
                "references instead."
            )
    if list_required and not is_list_type(relation.field.type):
        raise InvalidDirectiveError(
            f"@{name} must be used with a list. Use @hasOne for non-list types."
        )
    if not is_model_type(ctx, get_base_type(relation.field.type)):
        raise InvalidDirectiveError(
            f"Object type {get_base_type(relation.field.type)} must be annotated with @model."
        )
    relation.related_type = _related_type(ctx, relation)


def _validate_fields(ctx: TransformerContext, relation: Relation) -> None:
    if relation.references is not None:
        raise InvalidDirectiveError(
            f"'references' defined on {relation.object.name.value}.{relation.field.name.value} "
            f"@{relation.directive_name}. Expecting 'fields' only."
        )
    if relation.fields is None:
        relation.fields = []
    elif not relation.fields:
        raise InvalidDirectiveError(f"No fields passed to @{relation.directive_name} directive.")
    nodes = []
    for name in relation.fields:
        node = next((f for f in relation.object.fields or () if f.name.value == name), None)
        if node is None:
            raise InvalidDirectiveError(f"{name} is not a field in {relation.object.name.value}")
        if not _is_scalar_or_enum(ctx, node.type):
            raise InvalidDirectiveError(
                f"All fields provided to @{relation.directive_name} must be scalar or enum fields."
            )
        nodes.append(node)
    relation.field_nodes = nodes


def _ensure_references(relation: Relation) -> list[str]:
    if relation.fields is not None:
        raise InvalidDirectiveError(
            f"'fields' defined on {relation.object.name.value}.{relation.field.name.value} "
            f"@{relation.directive_name}. Expecting 'references' only."
        )
    if relation.references is None:
        raise InvalidDirectiveError(
            f"Reference fields must be passed to @{relation.directive_name} directive for SQL "
            "models."
        )
    if not relation.references:
        raise InvalidDirectiveError(
            f"No reference fields passed to @{relation.directive_name} directive."
        )
    return relation.references


def _reference_nodes(
    ctx: TransformerContext, relation: Relation, holder: Any
) -> list[ast.FieldDefinitionNode]:
    nodes = []
    for name in relation.references or ():
        node = next((f for f in holder.fields or () if f.name.value == name), None)
        if node is None:
            raise InvalidDirectiveError(f"{name} is not a field in {holder.name.value}")
        if not _is_scalar_or_enum(ctx, node.type):
            raise InvalidDirectiveError(
                f"All references provided to @{relation.directive_name} must be scalar or enum "
                "fields."
            )
        nodes.append(node)
    return nodes


def _validate_reference_fields(
    ctx: TransformerContext, relation: Relation, keyed: Any, holder: Any
) -> None:
    """The references name fields of `holder`, as many as `keyed` has primary key fields."""
    references = relation.references or []
    if len(primary_key_field_names(keyed)) != len(references):
        raise InvalidDirectiveError(
            f"The number of references provided to @{relation.directive_name} must match the "
            "number "
            f"of primary keys on {keyed.name.value}."
        )
    for reference in references:
        node = next((f for f in holder.fields or () if f.name.value == reference), None)
        if node is None:
            raise InvalidDirectiveError(f"{reference} is not a field in {holder.name.value}")
        if not _is_scalar_or_enum(ctx, node.type):
            raise InvalidDirectiveError(
                f"All reference fields provided to @{relation.directive_name} must be scalar "
                "or enum fields."
            )


def _validate_nullability(relation: Relation) -> None:
    related = relation.related_type.name.value
    described = f"{relation.object.name.value}.{relation.field.name.value}: "
    many = relation.directive_name == "hasMany"
    if isinstance(relation.field.type, ast.NonNullTypeNode):
        shown = f"{described}{f'[{related}]' if many else related}"
        raise InvalidDirectiveError(
            f"@{relation.directive_name} fields must not be required. Change '{shown}!' to "
            f"'{shown}'"
        )
    if isinstance(relation.field.type, ast.ListTypeNode) and isinstance(
        relation.field.type.type, ast.NonNullTypeNode
    ):
        is_ = f"[{related}!]" if many else f"{related}!"
        should = f"[{related}]" if many else related
        raise InvalidDirectiveError(
            f"@{relation.directive_name} fields must not be required. "
            f"Change '{described}{is_}' to '{described}{should}'"
        )


def _validate_bidirectional(relation: Relation) -> None:
    """A `references` relation needs its counterpart (@belongsTo <-> @hasOne/@hasMany) with
    the same references."""
    name = relation.directive_name
    counterparts = ("belongsTo",) if name in ("hasOne", "hasMany") else ("hasOne", "hasMany")
    expected = ",".join(n.name.value for n in relation.reference_nodes)
    associated: list[str] | None = None
    for other in relation.related_type.fields or ():
        if get_base_type(other.type) != relation.object.name.value:
            continue
        directive = next((d for d in other.directives or () if d.name.value in counterparts), None)
        if directive is None:
            continue
        arg = next((x for x in directive.arguments or () if x.name.value == "references"), None)
        values: list[str] = []
        if arg is not None:
            if isinstance(arg.value, ast.ListValueNode):
                values = [v.value for v in arg.value.values]  # type: ignore[attr-defined]
            else:
                values = [arg.value.value]
        if ",".join(values) == expected:
            associated = values
            break
    primary_type = relation.related_type if name == "belongsTo" else relation.object
    if associated is None:
        description = " or ".join(f"@{c}" for c in counterparts)
        raise InvalidDirectiveError(
            "Uni-directional relationships are not supported. "
            f"Add a {description} field in {relation.related_type.name.value} to match the "
            f"@{name} field "
            f"{relation.object.name.value}.{relation.field.name.value}, and ensure the number "
            "and type of "
            "reference fields match the number and type of primary key fields in "
            f"{primary_type.name.value}."
        )
    related_model = relation.object if name == "belongsTo" else relation.related_type
    references = relation.references or []
    if references != associated:
        raise InvalidDirectiveError(
            f"The number and type of the reference fields [{','.join(associated)}] defined for "
            f"the {name} "
            f"relationship between {primary_type.name.value} and {related_model.name.value} "
            "must match the "
            f"number and type of the primary key fields in {primary_type.name.value}."
        )


def _validate_datastore(ctx: TransformerContext, relation: Relation) -> None:
    config = ctx.config.resolver_config or {}
    if not (config.get("project") or config.get("models")):
        return
    model = relation.object.name.value
    related = ctx.output.get(relation.related_type.name.value)
    if model == related.name.value:
        return
    if any(
        get_base_type(f.type) == model
        and any(d.name.value in ("hasOne", "hasMany") for d in f.directives or ())
        for f in related.fields or ()
    ):
        raise InvalidDirectiveError(
            f"{model} and {related.name.value} cannot refer to each other via @hasOne or "
            "@hasMany when DataStore "
            "is in use. Use @belongsTo instead. See https://docs.amplify.aws/cli/graphql/data-modeling/#belongs-to-relationship"
        )


def _require_model(relation: Relation) -> None:
    if not _has_directive(relation.object, "model"):
        raise InvalidDirectiveError(
            f"@{relation.directive_name} must be on an @model object type field."
        )


def _require_related_model(relation: Relation) -> None:
    if not _has_directive(relation.related_type, "model"):
        raise InvalidDirectiveError(
            f"Object type {relation.related_type.name.value} must be annotated with @model."
        )


def related_type_index(
    ctx: TransformerContext, relation: Relation, index_name: str | None
) -> list[ast.FieldDefinitionNode]:
    """The related model's key fields (primary key, or the named @index): partition first.

    Checks that the `fields` match them in type, and that all sort key fields are given.
    """
    related = ctx.output.get(relation.related_type.name.value)
    by_name: dict[str, ast.FieldDefinitionNode] = {}
    partition: str | None = None
    sort_names: list[str] = []
    for f in related.fields or ():
        by_name[f.name.value] = f
        for d in f.directives or ():
            name_arg = next((x.value for x in d.arguments or () if x.name.value == "name"), None)
            index = name_arg.value if isinstance(name_arg, ast.StringValueNode) else None
            if (not index_name and d.name.value == "primaryKey") or (
                index_name and index_name == index and d.name.value == "index"
            ):
                partition = f.name.value
                for x in d.arguments or ():
                    if x.name.value != "sortKeyFields":
                        continue
                    if isinstance(x.value, ast.StringValueNode):
                        sort_names.append(x.value.value)
                    elif isinstance(x.value, ast.ListValueNode):
                        sort_names.extend(v.value for v in x.value.values)  # type: ignore[attr-defined]
                break
    if partition is None:
        if index_name:
            raise InvalidDirectiveError(
                f"Index {index_name} does not exist for model {related.name.value}"
            )
        partition = "id"
    partition_field = by_name.get(partition)
    if partition_field is None:
        raise ValueError(f"Expected partition field {partition} to be found in map.")
    sort_fields = []
    for name in sort_names:
        if name not in by_name:
            raise ValueError(f"Expected sort field {name} to be found in map.")
        sort_fields.append(by_name[name])
    nodes = relation.field_nodes
    if nodes:
        if get_base_type(nodes[0].type) != get_base_type(partition_field.type):
            raise InvalidDirectiveError(
                f"{nodes[0].name.value} field is not of type {get_base_type(partition_field.type)}"
            )
        if len(nodes) > 1:
            if len(sort_fields) != len(nodes) - 1:
                raise InvalidDirectiveError(
                    f"Invalid @{relation.directive_name} directive on {relation.field.name.value}. "
                    "Partial sort keys are not accepted."
                )
            for sort_field, node in zip(sort_fields, nodes[1:], strict=True):
                if get_base_type(node.type) != get_base_type(sort_field.type):
                    raise InvalidDirectiveError(
                        f"{node.name.value} field is not of type {get_base_type(sort_field.type)}"
                    )
    return [partition_field, *sort_fields]


def _reference_mapped_fields(ctx: TransformerContext, relation: Relation, is_list: bool) -> None:
    """The `references` form reads the related model's items as stored: its mapped fields."""
    set_field_mapping_resolver_reference(
        ctx,
        relation.related_type.name.value,
        relation.object.name.value,
        relation.field.name.value,
        is_list,
    )


class _RelationalPlugin(TransformerPlugin):
    def __init__(self) -> None:
        self.relations: list[Relation] = []

    def field(
        self,
        ctx: TransformerContext,
        parent: ast.ObjectTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: Any,
    ) -> None:
        assert self.directive is not None
        relation = Relation.from_directive(self.directive, parent, definition, directive)
        self.validate_relation(ctx, relation)
        self.relations.append(relation)

    def validate_relation(self, ctx: TransformerContext, relation: Relation) -> None:
        raise NotImplementedError


class HasManyPlugin(_RelationalPlugin):
    directive = "hasMany"

    def validate_relation(self, ctx: TransformerContext, relation: Relation) -> None:
        _common_validation(ctx, relation, list_required=True)
        if relation.references is not None:
            if relation.fields is not None:
                raise InvalidDirectiveError(
                    "fields and references cannot be defined in the same hasMany. Use 'references'"
                )
            if not relation.references:
                raise InvalidDirectiveError(
                    f"Invalid @hasMany directive on {relation.field.name.value} - empty "
                    "references list"
                )
            if relation.index_name:
                raise PlainError(
                    "Invalid @hasMany directive on "
                    f"{ctx.get_model_name_mapping(relation.object.name.value)}."
                    f"{relation.field.name.value} - indexName is not supported with DynamoDB "
                    "references."
                )
            _ensure_references(relation)
            _validate_reference_fields(ctx, relation, relation.object, relation.related_type)
            _validate_nullability(relation)
            relation.index_name = f"gsi-{relation.object.name.value}.{relation.field.name.value}"
            relation.reference_nodes = _reference_nodes(ctx, relation, relation.related_type)
            _validate_bidirectional(relation)
        else:
            _validate_fields(ctx, relation)
        _require_model(relation)
        _require_related_model(relation)
        _validate_datastore(ctx, relation)

    def prepare(self, ctx: TransformerContext) -> None:
        for relation in self.relations:
            if relation.references is not None:
                _reference_mapped_fields(ctx, relation, is_list=True)
            register_has_many(
                ctx, relation.object.name.value, relation.field.name.value, relation.related_type
            )

    def transform_schema(self, ctx: TransformerContext) -> None:
        for relation in self.relations:
            if relation.references is None:
                relation.related_type_index = related_type_index(ctx, relation, relation.index_name)
            ensure_has_many_connection_field(ctx, relation)
            extend_type_with_connection(ctx, relation)

    def generate_resolvers(self, ctx: TransformerContext) -> None:
        for relation in self.relations:
            if relation.references is not None:
                update_table_for_references_connection(ctx, relation)
                update_child_mutations_for_composite_sort_keys(ctx, relation)
                references_has_many_resolver(ctx, relation)
            else:
                update_table_for_connection(ctx, relation)
                has_many_resolver(ctx, relation)


class HasOnePlugin(_RelationalPlugin):
    directive = "hasOne"

    def validate_relation(self, ctx: TransformerContext, relation: Relation) -> None:
        _common_validation(ctx, relation)
        if relation.references is not None:
            if relation.fields is not None:
                raise InvalidDirectiveError(
                    "fields and references cannot be defined in the same hasOne. Use 'references'"
                )
            if relation.index_name:
                raise PlainError(
                    "Invalid @hasOne directive on "
                    f"{ctx.get_model_name_mapping(relation.object.name.value)}."
                    f"{relation.field.name.value} - indexName is not supported with DynamoDB "
                    "references."
                )
            _ensure_references(relation)
            _validate_reference_fields(ctx, relation, relation.object, relation.related_type)
            _validate_nullability(relation)
            relation.index_name = f"gsi-{relation.object.name.value}.{relation.field.name.value}"
            relation.reference_nodes = _reference_nodes(ctx, relation, relation.related_type)
            _validate_bidirectional(relation)
        else:
            _validate_fields(ctx, relation)
        _require_model(relation)
        if is_list_type(relation.field.type):
            raise InvalidDirectiveError("@hasOne cannot be used with lists. Use @hasMany instead.")
        _require_related_model(relation)
        _validate_datastore(ctx, relation)

    def prepare(self, ctx: TransformerContext) -> None:
        for relation in self.relations:
            if relation.references is not None:
                _reference_mapped_fields(ctx, relation, is_list=True)
            register_has_one(
                ctx, relation.object.name.value, relation.field.name.value, relation.related_type
            )

    def transform_schema(self, ctx: TransformerContext) -> None:
        for relation in self.relations:
            if relation.references is None:
                relation.related_type_index = related_type_index(ctx, relation, None)
            ensure_has_one_connection_field(ctx, relation)

    def generate_resolvers(self, ctx: TransformerContext) -> None:
        for relation in self.relations:
            if relation.references is not None:
                update_table_for_references_connection(ctx, relation)
                update_child_mutations_for_composite_sort_keys(ctx, relation)
                references_single_item_resolver(ctx, relation)
            else:
                single_item_resolver(ctx, relation)


class BelongsToPlugin(_RelationalPlugin):
    directive = "belongsTo"

    def validate_relation(self, ctx: TransformerContext, relation: Relation) -> None:
        _common_validation(ctx, relation)
        if relation.references is not None:
            if relation.fields is not None:
                raise InvalidDirectiveError(
                    "fields and references cannot be defined in the same belongsTo. Use "
                    "'references'"
                )
            _ensure_references(relation)
            _validate_reference_fields(ctx, relation, relation.related_type, relation.object)
            _validate_nullability(relation)
            relation.reference_nodes = _reference_nodes(ctx, relation, relation.object)
            _validate_bidirectional(relation)
        else:
            _validate_fields(ctx, relation)
        _require_model(relation)
        if is_list_type(relation.field.type):
            raise InvalidDirectiveError("@belongsTo cannot be used with lists.")
        _require_related_model(relation)
        for other in relation.related_type.fields or ():
            if get_base_type(other.type) != relation.object.name.value:
                continue
            kind = next(
                (
                    d.name.value
                    for d in other.directives or ()
                    if d.name.value in ("hasOne", "hasMany")
                ),
                None,
            )
            if kind is not None:
                relation.related_field = other
                relation.relation_type = kind
                break
        if relation.relation_type is None:
            raise InvalidDirectiveError(
                f"{relation.related_type.name.value} must have a relationship with "
                f"{relation.object.name.value} "
                "in order to use @belongsTo."
            )

    def prepare(self, ctx: TransformerContext) -> None:
        for relation in self.relations:
            if relation.references is not None:
                _reference_mapped_fields(ctx, relation, is_list=False)
            elif relation.relation_type != "hasOne":
                continue
            register_has_one(
                ctx, relation.object.name.value, relation.field.name.value, relation.related_type
            )

    def transform_schema(self, ctx: TransformerContext) -> None:
        for relation in self.relations:
            if relation.references is None:
                relation.related_type_index = related_type_index(ctx, relation, None)
            ensure_belongs_to_connection_field(ctx, relation)

    def generate_resolvers(self, ctx: TransformerContext) -> None:
        for relation in self.relations:
            if relation.references is not None:
                references_single_item_resolver(ctx, relation)
            else:
                single_item_resolver(ctx, relation)
