"""The state a v2 transform shares between directive plugins: the input document, the output
schema being built, the resolvers, the data sources and the stacks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graphql.language import ast

from transformer.definitions import make_field
from transformer.sdl_printer import print_document
from transformer.v2.cdk import Resource, Stack, StackSet, Token
from transformer.v2.config import V2Config
from transformer.v2.resolver import (
    NONE_DATA_SOURCE,
    DataSource,
    FunctionHost,
    Template,
    TransformerResolver,
)

__all__ = [
    "KEPT_DIRECTIVES",
    "ModelFieldMap",
    "OutputSchema",
    "ResolverReference",
    "TransformerContext",
]

#: the directives the printed AppSync schema keeps (every other directive is stripped)
KEPT_DIRECTIVES = frozenset(
    {
        "aws_subscribe",
        "aws_auth",
        "aws_api_key",
        "aws_iam",
        "aws_oidc",
        "aws_cognito_user_pools",
        "aws_lambda",
        "deprecated",
    }
)

_PRINTED_KINDS = (
    ast.ObjectTypeDefinitionNode,
    ast.InterfaceTypeDefinitionNode,
    ast.UnionTypeDefinitionNode,
    ast.InputObjectTypeDefinitionNode,
    ast.EnumTypeDefinitionNode,
    ast.ScalarTypeDefinitionNode,
)


class OutputSchema:
    """The output types by name, in the order they were added (the printed order)."""

    def __init__(self, document: ast.DocumentNode) -> None:
        self.nodes: dict[str, Any] = {}
        for definition in document.definitions:
            name = getattr(getattr(definition, "name", None), "value", None)
            if isinstance(definition, ast.ObjectTypeExtensionNode) and name in self.nodes:
                base = self.nodes[name]
                self.nodes[name] = _replace(
                    base,
                    fields=(*(base.fields or ()), *(definition.fields or ())),
                    directives=(*(base.directives or ()), *(definition.directives or ())),
                )
            elif name is not None and not isinstance(definition, ast.DirectiveDefinitionNode):
                self.nodes[name] = definition

    def get(self, name: str) -> Any:
        return self.nodes.get(name)

    def has(self, name: str) -> bool:
        return name in self.nodes

    def put(self, node: Any) -> None:
        """Add or replace a type (a replaced type keeps its position)."""
        self.nodes[node.name.value] = node

    def add(self, node: Any) -> None:
        """Add a type once: an existing type of that name wins."""
        self.nodes.setdefault(node.name.value, node)

    def add_fields(self, type_name: str, fields: Iterable[ast.FieldDefinitionNode]) -> None:
        """Append fields to a root type (created empty on first use); a field that exists
        already is kept."""
        node = self.nodes.get(type_name)
        if node is None:
            node = ast.ObjectTypeDefinitionNode(
                name=ast.NameNode(value=type_name), fields=(), directives=(), interfaces=()
            )
        existing = {f.name.value for f in node.fields or ()}
        new = [f for f in fields if f.name.value not in existing]
        self.nodes[type_name] = _replace(node, fields=(*(node.fields or ()), *new))

    def extend_directives(self, type_name: str, directives: Iterable[Any]) -> None:
        """Append directives the type does not have yet (an object type extension)."""
        node = self.nodes[type_name]
        old = tuple(node.directives or ())
        names = {d.name.value for d in old}
        new = tuple(d for d in directives if d.name.value not in names)
        self.nodes[type_name] = _replace(node, directives=old + new)

    def add_field_directives(
        self, type_name: str, field_name: str, directives: Iterable[Any]
    ) -> None:
        """Append directives to a field (the field moves to the end, as the real one does)."""
        node = self.nodes[type_name]
        found = next(f for f in node.fields if f.name.value == field_name)
        others = tuple(f for f in node.fields if f.name.value != field_name)
        extended = _replace(found, directives=(*(found.directives or ()), *directives))
        self.nodes[type_name] = _replace(node, fields=(*others, extended))

    def replace_field(self, type_name: str, field_node: ast.FieldDefinitionNode) -> None:
        node = self.nodes[type_name]
        fields = tuple(
            field_node if f.name.value == field_node.name.value else f for f in node.fields or ()
        )
        self.nodes[type_name] = _replace(node, fields=fields)

    def print(self) -> str:
        """The schema.graphql text: root types without fields dropped, directives stripped."""
        for root in ("Query", "Mutation", "Subscription"):
            node = self.nodes.get(root)
            if node is not None and not node.fields:
                del self.nodes[root]
        printed = [_strip(n) for n in self.nodes.values() if isinstance(n, _PRINTED_KINDS)]
        return print_document(printed)


def _replace(node: Any, **changes: Any) -> Any:
    values = {key: getattr(node, key, None) for key in node.keys}
    values.update(changes)
    return type(node)(**values)


def _kept(directives: Any) -> tuple[Any, ...]:
    return tuple(d for d in directives or () if d.name.value in KEPT_DIRECTIVES)


def _strip(node: Any) -> Any:
    changes: dict[str, Any] = {"directives": _kept(node.directives)}
    if isinstance(node, (ast.ObjectTypeDefinitionNode, ast.InterfaceTypeDefinitionNode)):
        changes["fields"] = tuple(
            _replace(
                f,
                directives=_kept(f.directives),
                arguments=tuple(
                    _replace(a, directives=_kept(a.directives)) for a in f.arguments or ()
                ),
            )
            for f in node.fields or ()
        )
    elif isinstance(node, ast.InputObjectTypeDefinitionNode):
        changes["fields"] = tuple(
            _replace(f, directives=_kept(f.directives)) for f in node.fields or ()
        )
    elif isinstance(node, ast.EnumTypeDefinitionNode):
        changes["values"] = tuple(
            _replace(v, directives=_kept(v.directives)) for v in node.values or ()
        )
    return _replace(node, **changes)


@dataclass(frozen=True)
class ResolverReference:
    type_name: str
    field_name: str
    is_list: bool


@dataclass
class ModelFieldMap:
    """A model's fields whose stored attribute has another name (the foreign keys of a renamed
    model's relations: `articleCommentsId` stored as `postCommentsId`), and the resolvers that
    read or write that model (they get the @mapsTo field-mapping slots)."""

    #: current field name -> original (stored) attribute name, in registration order
    mapped_fields: dict[str, str] = field(default_factory=dict)
    resolver_references: list[ResolverReference] = field(default_factory=list)

    def add_mapped_field(self, current: str, original: str) -> ModelFieldMap:
        """:raises ValueError: the field is already mapped (the transformer's own message)."""
        if current in self.mapped_fields:
            raise ValueError(
                f"Field mapping for [{current}] to [{self.mapped_fields[current]}] already "
                f"exists. Cannot insert mapping to [{original}]"
            )
        self.mapped_fields[current] = original
        return self

    def add_resolver_reference(self, type_name: str, field_name: str, is_list: bool) -> None:
        for known in self.resolver_references:
            if (known.type_name, known.field_name) == (type_name, field_name):
                if known.is_list != is_list:
                    raise ValueError(
                        f"Resolver of type [{type_name}] and field [{field_name}] already "
                        f"registered with isList set to [{str(known.is_list).lower()}]"
                    )
                return
        self.resolver_references.append(ResolverReference(type_name, field_name, is_list))


@dataclass
class TransformerContext:
    """What plugins read and write. Stacks: `stacks.root` and `stack_for(name)`."""

    config: V2Config
    input_document: ast.DocumentNode
    output: OutputSchema
    stacks: StackSet = field(default_factory=StackSet)
    resolvers: dict[str, TransformerResolver] = field(default_factory=dict)
    #: model type name -> data source (set by @model; read by @index, relations...)
    data_sources: dict[str, DataSource] = field(default_factory=dict)
    #: model type name -> table resource
    tables: dict[str, Resource] = field(default_factory=dict)
    #: model name -> name of its table/stack (@mapsTo)
    model_name_mapping: dict[str, str] = field(default_factory=dict)
    #: model name -> its renamed-field mappings, in first-use order (@mapsTo with relations)
    model_field_maps: dict[str, ModelFieldMap] = field(default_factory=dict)
    #: shared state between plugins (e.g. @model's directive options by type)
    metadata: dict[str, Any] = field(default_factory=dict)
    api: Resource | None = None
    none_data_source: DataSource | None = None
    host: FunctionHost | None = None

    # ---- names and stacks -----------------------------------------------------------------
    @property
    def parameters(self) -> Any:
        return self.config.parameters

    @property
    def synth(self) -> Any:
        return self.config.synth

    def stack_for(self, name: str) -> Stack:
        return self.stacks.nested_stack(name)

    def api_id(self) -> Token:
        assert self.api is not None
        return self.api.get_att("ApiId")

    def get_model_name_mapping(self, model: str) -> str:
        return self.model_name_mapping.get(model, model)

    def is_model_renamed(self, model: str) -> bool:
        return self.get_model_name_mapping(model) != model

    def get_model_field_map(self, model: str) -> ModelFieldMap:
        return self.model_field_maps.setdefault(model, ModelFieldMap())

    # ---- resolvers ------------------------------------------------------------------------
    def add_resolver(self, resolver: TransformerResolver) -> TransformerResolver:
        if resolver.key in self.resolvers:
            raise ValueError(
                f"A resolver for typeName {resolver.type_name} fieldName: "
                f"{resolver.field_name} already exists"
            )
        self.resolvers[resolver.key] = resolver
        return resolver

    def get_resolver(self, type_name: str, field_name: str) -> TransformerResolver | None:
        return self.resolvers.get(f"{type_name}.{field_name}")

    def ensure_none_data_source(self) -> DataSource:
        if self.none_data_source is None:
            assert self.api is not None
            resource = self.stacks.root.add_resource(
                ["GraphQLAPI", NONE_DATA_SOURCE, "Resource"],
                {
                    "Type": "AWS::AppSync::DataSource",
                    "Properties": {
                        "ApiId": self.api_id(),
                        "Description": "None Data Source for Pipeline functions",
                        "Name": NONE_DATA_SOURCE,
                        "Type": "NONE",
                    },
                },
            )
            self.none_data_source = DataSource(NONE_DATA_SOURCE, "NONE", resource)
        return self.none_data_source

    def s3_template(self, text: str, name: str) -> Template:
        return Template.s3(text, name)


def field_node(name: str, args: Any, type_: Any, directives: Any = ()) -> ast.FieldDefinitionNode:
    return make_field(name, args, type_, directives)
