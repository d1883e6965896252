"""@manyToMany(relationName) (v2): two @model types related through a generated join model.

The two fields naming one relation get a join @model `<RelationName>` with the key of each
side (`postId`, `tagId`, plus `post<sortKey>` fields for composite keys, each indexed
`by<Type>`) and a @hasOne back to each side; each field becomes a @hasMany-like connection
over the join model's index. The join model goes through @model, @index and @hasOne exactly
as if the user had written it, so this plugin hands it to those plugins in `prepare`, and
to @auth with the union of both sides' rules (a join model's roles may repeat).

Not emulated: SQL models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql.language import ast

from transformer.definitions import (
    get_base_type,
    is_list_type,
    make_argument,
    make_directive,
    make_field,
    make_named_type,
    make_non_null_type,
    make_value_node,
)
from transformer.naming import graphql_name, to_upper
from transformer.v2.context import TransformerContext
from transformer.v2.directives.maps_to_fields import register_many_to_many
from transformer.v2.directives.relational import HasOnePlugin
from transformer.v2.directives.relational_resources import (
    has_many_resolver,
    update_table_for_connection,
)
from transformer.v2.directives.relational_schema import (
    Relation,
    ensure_has_many_connection_field,
    extend_type_with_connection,
    many_to_many_attribute_name,
    object_primary_key,
    sort_key_fields,
)
from transformer.v2.errors import InvalidDirectiveError
from transformer.v2.plugin import TransformerPlugin

__all__ = ["MANY_TO_MANY_RELATIONS", "ManyToManyPlugin"]

#: ctx.metadata key: the join model names (they are @model types for the other directives)
MANY_TO_MANY_RELATIONS = "manyToManyRelations"


@dataclass
class _Pair:
    name: str
    first: Relation
    second: Relation | None = None


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _non_null(type_name: str) -> ast.NonNullTypeNode:
    return make_non_null_type(make_named_type(type_name))


def _partition_key(ctx: TransformerContext, node: Any) -> ast.FieldDefinitionNode:
    """The output type's @primaryKey field, else its `id` (an implicit `id: ID!` if absent)."""
    output = ctx.output.get(node.name.value)
    by_name = {f.name.value: f for f in output.fields or ()}
    name = "id"
    for f in output.fields or ():
        if any(d.name.value == "primaryKey" for d in f.directives or ()):
            name = f.name.value
    return by_name.get(name) or make_field("id", [], _non_null("ID"))


def _join_auth_directive(first: Any, second: Any) -> ast.ConstDirectiveNode | None:
    rules: list[Any] = []
    for node in (first, second):
        auth = next((d for d in node.directives or () if d.name.value == "auth"), None)
        argument = next(
            (x for x in (auth.arguments if auth else ()) or () if x.name.value == "rules"), None
        )
        if argument is not None and isinstance(argument.value, ast.ListValueNode):
            rules.extend(argument.value.values)
    if not rules:
        return None
    return make_directive("auth", [make_argument("rules", ast.ListValueNode(values=tuple(rules)))])


@dataclass
class _Side:
    """One side of the relation as the join model sees it."""

    partition: ast.FieldDefinitionNode
    sorts: list[ast.FieldDefinitionNode]
    index_name: str
    index: ast.ConstDirectiveNode
    related_field: ast.FieldDefinitionNode
    related_field_original: ast.FieldDefinitionNode
    sort_fields: list[ast.FieldDefinitionNode]
    has_one: ast.ConstDirectiveNode
    connection: ast.FieldDefinitionNode


def _side(ctx: TransformerContext, relation: Relation) -> _Side:
    """`postId: ID! @index(name: "byPost")`, `post<sortKey>` fields and `post: Post! @hasOne`."""
    type_name = relation.object.name.value
    original = ctx.get_model_name_mapping(type_name)
    field_name, field_original = _lower_first(type_name), _lower_first(original)
    partition = _partition_key(ctx, relation.object)
    sorts = sort_key_fields(ctx.output.get(type_name))
    key_field = object_primary_key(relation.object).name.value
    attribute = many_to_many_attribute_name(ctx, field_name, key_field)
    attribute_original = many_to_many_attribute_name(ctx, field_original, key_field)
    sort_names = [f"{field_original}{s.name.value}" for s in sorts]
    index_name = f"by{original}"
    index = make_directive(
        "index",
        [
            make_argument("name", make_value_node(index_name)),
            make_argument("sortKeyFields", make_value_node(list(sort_names))),
        ],
    )
    key_type = _non_null(get_base_type(partition.type))
    has_one = make_directive(
        "hasOne", [make_argument("fields", make_value_node([attribute, *sort_names]))]
    )
    return _Side(
        partition=partition,
        sorts=sorts,
        index_name=index_name,
        index=index,
        related_field=make_field(attribute, [], key_type, [index]),
        related_field_original=make_field(attribute_original, [], key_type, [index]),
        sort_fields=[
            make_field(f"{field_name}{s.name.value}", [], _non_null(get_base_type(s.type)))
            for s in sorts
        ],
        has_one=has_one,
        connection=make_field(field_name, [], _non_null(type_name), [has_one]),
    )


class ManyToManyPlugin(TransformerPlugin):
    """Pairs the @manyToMany fields by relation name and builds their join model."""

    directive = "manyToMany"

    def __init__(
        self,
        model: TransformerPlugin,
        index: TransformerPlugin,
        has_one: HasOnePlugin,
        auth: TransformerPlugin | None = None,
    ) -> None:
        self.model = model
        self.index = index
        self.has_one = has_one
        self.auth = auth
        self.relations: list[Relation] = []
        self.pairs: dict[str, _Pair] = {}

    def field(
        self,
        ctx: TransformerContext,
        parent: ast.ObjectTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: Any,
    ) -> None:
        relation = Relation.from_directive("manyToMany", parent, definition, directive)
        if not any(d.name.value == "model" for d in parent.directives or ()):
            raise InvalidDirectiveError("@manyToMany must be on an @model object type field.")
        if not is_list_type(definition.type):
            raise InvalidDirectiveError("@manyToMany must be used with a list.")
        assert relation.relation_name is not None
        name = graphql_name(to_upper(relation.relation_name))
        if not name:
            # The real transformer crashes on this (a TypeError while building the join
            # model's table); refuse it with a message instead.
            raise InvalidDirectiveError(
                f"@manyToMany relationName '{relation.relation_name}' on "
                f"{parent.name.value}.{definition.name.value} does not make a type name."
            )
        pair = self.pairs.get(name)
        if pair is None:
            self.pairs[name] = _Pair(name, relation)
        elif pair.second is not None:
            raise InvalidDirectiveError(
                f"@manyToMany relation '{relation.relation_name}' must be used in exactly two "
                "locations."
            )
        else:
            pair.second = relation
        self.relations.append(relation)
        names: list[str] = ctx.metadata.setdefault(MANY_TO_MANY_RELATIONS, [])
        if name not in names:
            names.append(name)

    def validate(self, ctx: TransformerContext) -> None:
        for pair in self.pairs.values():
            first, second = pair.first, pair.second
            if second is None:
                raise InvalidDirectiveError(
                    f"@manyToMany relation '{first.relation_name}' must be used in exactly two "
                    "locations."
                )
            expected_first = get_base_type(first.field.type)
            expected_second = get_base_type(second.field.type)
            if expected_first != second.object.name.value:
                raise InvalidDirectiveError(
                    f"@manyToMany relation '{pair.name}' expects '{expected_first}' but got "
                    f"'{second.object.name.value}'."
                )
            if expected_second != first.object.name.value:
                raise InvalidDirectiveError(
                    f"@manyToMany relation '{pair.name}' expects '{expected_second}' but got "
                    f"'{first.object.name.value}'."
                )
            if ctx.output.has(pair.name):
                raise InvalidDirectiveError(
                    f"@manyToMany relation name '{pair.name}' "
                    f"(derived from '{first.relation_name}') "
                    "already exists as a type in the schema."
                )

    def prepare(self, ctx: TransformerContext) -> None:
        join_types = ctx.metadata.setdefault("joinTypeList", [])
        for pair in self.pairs.values():
            join_types.append(pair.name)
        for pair in self.pairs.values():
            assert pair.second is not None
            self._join_model(ctx, pair.name, pair.first, pair.second)

    def _join_model(self, ctx: TransformerContext, name: str, one: Relation, two: Relation) -> None:
        sides = [_side(ctx, one), _side(ctx, two)]
        model_directive = make_directive("model")
        key_fields: list[ast.FieldDefinitionNode] = []
        original_key_fields: list[ast.FieldDefinitionNode] = []
        for side in sides:
            key_fields += [side.related_field, *side.sort_fields]
            original_key_fields += [side.related_field_original, *side.sort_fields]
        directives = [model_directive]
        auth = _join_auth_directive(one.object, two.object)
        if auth is not None:
            directives.append(auth)
        id_field = make_field("id", [], _non_null("ID"))
        connections = [side.connection for side in sides]
        join_type = ast.ObjectTypeDefinitionNode(
            name=ast.NameNode(value=name),
            fields=(id_field, *key_fields, *connections),
            directives=tuple(directives),
            interfaces=(),
        )
        ctx.output.add(join_type)
        for relation, side in zip((one, two), sides, strict=True):
            relation.index_name = side.index_name
            relation.fields = [side.partition.name.value, *(s.name.value for s in side.sorts)]
            relation.field_nodes = [side.partition, *side.sorts]
            relation.related_type = join_type
            relation.related_type_index = [side.related_field]
        self.model.object(ctx, join_type, model_directive)
        for side in sides:
            self.has_one.field(ctx, join_type, side.connection, side.has_one)
        if auth is not None and self.auth is not None:
            self.auth.object(ctx, join_type, auth)
        # @index sees the join model with the key fields named after the original model names.
        original_join = ast.ObjectTypeDefinitionNode(
            name=ast.NameNode(value=name),
            fields=(id_field, *original_key_fields, *connections),
            directives=tuple(directives),
            interfaces=(),
        )
        for side in sides:
            self.index.field(ctx, original_join, side.related_field_original, side.index)
        renamed = [
            (side.related_field.name.value, side.related_field_original.name.value)
            for relation, side in zip((one, two), sides, strict=True)
            if ctx.is_model_renamed(relation.object.name.value)
        ]
        if renamed:
            referenced_by = [(r.object.name.value, r.field.name.value) for r in (one, two)]
            register_many_to_many(ctx, name, referenced_by, renamed)

    def transform_schema(self, ctx: TransformerContext) -> None:
        for relation in self.relations:
            ensure_has_many_connection_field(ctx, relation)
            extend_type_with_connection(ctx, relation)

    def generate_resolvers(self, ctx: TransformerContext) -> None:
        for relation in self.relations:
            update_table_for_connection(ctx, relation)
            has_many_resolver(ctx, relation)
