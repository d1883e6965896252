"""Operation documents compiled into the shape amplify-codegen's types generators print from.

amplify-codegen (graphql-types-generator) compiles the statements into a "legacy IR": every
field with a selection set gets `__typename` as its first selection, fields are merged by
response key, and inline fragments on abstract types become one record per possible type
(partition refinement over the possible types). The set of schema types the documents touch,
in the order they are first reached, decides which type declarations the types file carries.

Named fragments are merged into the selections that spread them (and declared on their own
as `<Name>Fragment`). Not emulated: `@include`/`@skip` on a variable (the field is kept, as the
TypeScript and Flow printers ignore the condition anyway).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graphql import (
    BooleanValueNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLType,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Source,
    TypeNameMetaFieldDef,
    concat_ast,
    get_named_type,
    is_abstract_type,
    is_composite_type,
    is_input_object_type,
    is_interface_type,
    is_object_type,
    is_scalar_type,
    is_specified_scalar_type,
    is_union_type,
    parse,
    specified_rules,
    type_from_ast,
    validate,
)
from graphql.validation import NoUnusedFragmentsRule

from amplify_mock.codegen.statements import CodegenError

__all__ = [
    "CompiledDocuments",
    "IRField",
    "IRFragment",
    "IRInlineFragment",
    "IROperation",
    "compile_documents",
    "extract_javascript_documents",
    "parse_documents",
]


@dataclass
class IRInlineFragment:
    """The merged fields selected on one possible type of an abstract field."""

    type_condition: GraphQLObjectType
    fields: list[IRField]


@dataclass
class IRField:
    """One selected field; `typename_literal` replaces `__typename`'s type (`"Todo"`)."""

    response_name: str
    field_name: str
    type: GraphQLType
    description: str | None = None
    fields: list[IRField] | None = None
    inline_fragments: list[IRInlineFragment] = field(default_factory=list)
    typename_literal: str | None = None


@dataclass
class IROperation:
    name: str
    operation_type: str  # query | mutation | subscription
    variables: list[tuple[str, GraphQLType]]
    fields: list[IRField]


@dataclass
class IRFragment:
    name: str
    type_condition: GraphQLNamedType
    possible_types: list[GraphQLObjectType]
    fields: list[IRField]
    inline_fragments: list[IRInlineFragment]


@dataclass
class CompiledDocuments:
    schema: GraphQLSchema
    types_used: list[GraphQLNamedType]
    operations: list[IROperation]
    fragments: list[IRFragment] = field(default_factory=list)


# -- documents ---------------------------------------------------------------------------------

_TEMPLATE = re.compile(r"\s*`([^`/]*)`")
_INTERPOLATION = re.compile(r"\$\{[^}]*\}")


def extract_javascript_documents(text: str) -> str | None:
    """The GraphQL in a JS/TS file's template literals, as amplify-codegen finds it.

    amplify-codegen takes every template literal holding no `/` (whatever its tag) and drops
    `${...}` interpolations; None when the file has none.
    """
    documents = [_INTERPOLATION.sub("", match) for match in _TEMPLATE.findall(text)]
    joined = "\n".join(documents)
    return joined or None


def parse_documents(sources: Iterable[tuple[str, str]]) -> DocumentNode:
    """One document from (name, GraphQL text) pairs.

    :raises CodegenError: a source does not parse.
    """
    documents = []
    for name, text in sources:
        try:
            documents.append(parse(Source(text, name)))
        except GraphQLError as err:
            raise CodegenError(
                f"Could not parse graphql operations in {name}: {err.message}"
            ) from err
    return concat_ast(documents)


def _validate(schema: GraphQLSchema, document: DocumentNode) -> None:
    rules = [rule for rule in specified_rules if rule is not NoUnusedFragmentsRule]
    errors = validate(schema, document, rules)
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and definition.name is None:
            raise CodegenError("Apollo does not support anonymous operations")
    if errors:
        raise CodegenError(f"Validation of GraphQL query document failed: {errors[0].message}")


# -- selection sets (the IR before merging) ----------------------------------------------------


@dataclass
class _Field:
    response_key: str
    name: str
    type: GraphQLType
    description: str | None
    selection_set: _SelectionSet | None


@dataclass
class _TypeCondition:
    selection_set: _SelectionSet


@dataclass
class _FragmentSpread:
    name: str
    selection_set: _SelectionSet  # resolved once every fragment is compiled


_Selection = _Field | _TypeCondition | _FragmentSpread


@dataclass
class _SelectionSet:
    possible_types: list[GraphQLObjectType]
    selections: list[_Selection]


class _Compiler:
    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self.types_used: dict[str, GraphQLNamedType] = {}
        self.unresolved: list[_FragmentSpread] = []

    def add_type_used(self, named: GraphQLNamedType) -> None:
        if named.name in self.types_used:
            return
        if not is_scalar_type(named) or not is_specified_scalar_type(named):
            self.types_used[named.name] = named
        if is_interface_type(named) or is_union_type(named):
            for concrete in self.schema.get_possible_types(named):
                self.add_type_used(concrete)
        if is_input_object_type(named):
            for input_field in named.fields.values():
                self.add_type_used(get_named_type(input_field.type))
        if is_object_type(named):
            for interface in named.interfaces:
                self.add_type_used(interface)
            for object_field in named.fields.values():
                self.add_type_used(get_named_type(object_field.type))

    def possible_types(self, named: GraphQLNamedType) -> list[GraphQLObjectType]:
        if is_abstract_type(named):
            return list(self.schema.get_possible_types(named))
        return [named]  # type: ignore[list-item]

    def operation(self, node: OperationDefinitionNode) -> tuple[IROperation, _SelectionSet]:
        assert node.name is not None  # checked by _validate
        variables: list[tuple[str, GraphQLType]] = []
        for definition in node.variable_definitions or ():
            variable_type = type_from_ast(self.schema, definition.type)
            assert variable_type is not None  # checked by _validate
            self.add_type_used(get_named_type(variable_type))
            variables.append((definition.variable.name.value, variable_type))
        root = self.schema.get_root_type(node.operation)
        assert root is not None
        selection_set = self.selection_set(node.selection_set, root, [root], top=True)
        first = selection_set.selections[0] if selection_set.selections else None
        if isinstance(first, _Field):
            self.add_type_used(get_named_type(first.type))
        ir = IROperation(node.name.value, node.operation.value, variables, [])
        return ir, selection_set

    def selection_set(
        self,
        node: SelectionSetNode,
        parent: GraphQLNamedType,
        possible_types: list[GraphQLObjectType],
        *,
        top: bool = False,
    ) -> _SelectionSet:
        selections: list[_Selection] = []
        visited: set[str] = set()
        for selection in node.selections:
            if isinstance(selection, FieldNode | InlineFragmentNode) and not _included(selection):
                continue
            if isinstance(selection, FieldNode):
                if selection.name.value == "__typename":
                    continue  # added back first (below) where amplify-codegen adds it
                selections.append(self.field(selection, parent))
            elif isinstance(selection, InlineFragmentNode):
                condition = parent
                if selection.type_condition is not None:
                    named = get_named_type(type_from_ast(self.schema, selection.type_condition))
                    assert named is not None  # checked by _validate
                    condition = named
                narrowed = [t for t in self.possible_types(condition) if t in possible_types]
                inner = self.selection_set(selection.selection_set, condition, narrowed)
                selections.append(_TypeCondition(inner))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in visited:
                    continue
                visited.add(name)
                spread = _FragmentSpread(name, _SelectionSet(list(possible_types), []))
                self.unresolved.append(spread)
                selections.append(spread)
        if not top:
            typename = _Field("__typename", "__typename", TypeNameMetaFieldDef.type, None, None)
            selections.insert(0, typename)
        return _SelectionSet(possible_types, selections)

    def field(self, node: FieldNode, parent: GraphQLNamedType) -> _Field:
        name = node.name.value
        definition: GraphQLField = parent.fields[name]  # type: ignore[attr-defined]
        named = get_named_type(definition.type)
        self.add_type_used(named)
        inner = None
        if is_composite_type(named):
            assert node.selection_set is not None  # checked by _validate
            inner = self.selection_set(node.selection_set, named, self.possible_types(named))
        return _Field(
            node.alias.value if node.alias else name,
            name,
            definition.type,
            definition.description,
            inner,
        )


def _included(selection: FieldNode | InlineFragmentNode) -> bool:
    for directive in selection.directives or ():
        name = directive.name.value
        if name not in ("skip", "include") or not directive.arguments:
            continue
        value = directive.arguments[0].value
        if isinstance(value, BooleanValueNode):
            return value.value if name == "include" else not value.value
    return True


# -- type cases (partition of the possible types) ----------------------------------------------


class _Variant:
    def __init__(
        self,
        possible_types: list[GraphQLObjectType],
        selections: list[_Selection] | None = None,
        spreads: list[str] | None = None,
    ) -> None:
        self.possible_types = possible_types
        self.selections: list[_Selection] = selections if selections is not None else []
        self.spreads: list[str] = spreads if spreads is not None else []


class _TypeCase:
    def __init__(self, possible_types: list[GraphQLObjectType]) -> None:
        self.default = _Variant(list(possible_types))
        self.by_type: dict[str, _Variant] = {}

    @property
    def variants(self) -> list[_Variant]:
        unique: list[_Variant] = []
        for variant in self.by_type.values():
            if not any(variant is seen for seen in unique):
                unique.append(variant)
        return unique

    def disjoint_variants_for(self, possible_types: Sequence[GraphQLObjectType]) -> list[_Variant]:
        variants: list[_Variant] = []
        matches_default = all(t in possible_types for t in self.default.possible_types)
        if matches_default:
            variants.append(self.default)
        splits: list[tuple[_Variant, _Variant]] = []
        for possible in possible_types:
            original = self.by_type.get(possible.name)
            if original is None:
                if matches_default:
                    continue
                original = self.default
            split = next((s for o, s in splits if o is original), None)
            if split is None:
                split = _Variant([], list(original.selections), list(original.spreads))
                splits.append((original, split))
                variants.append(split)
            if original is not self.default:
                original.possible_types.remove(possible)
            self.by_type[possible.name] = split
            split.possible_types.append(possible)
        return variants

    def merge(self, other: _TypeCase) -> None:
        for other_variant in [other.default, *other.variants]:
            if not other_variant.selections:
                continue
            for variant in self.disjoint_variants_for(other_variant.possible_types):
                for spread in other_variant.spreads:
                    if spread not in variant.spreads:
                        variant.spreads.append(spread)
                variant.selections.extend(other_variant.selections)


def _type_case(selection_set: _SelectionSet) -> _TypeCase:
    case = _TypeCase(selection_set.possible_types)
    for selection in selection_set.selections:
        if isinstance(selection, _Field):
            for variant in case.disjoint_variants_for(selection_set.possible_types):
                variant.selections.append(selection)
            continue
        if isinstance(selection, _FragmentSpread):
            if selection.name in case.default.spreads:
                continue
            for variant in case.disjoint_variants_for(selection_set.possible_types):
                variant.spreads.append(selection.name)
            inner = selection.selection_set
            narrowed = [t for t in selection_set.possible_types if t in inner.possible_types]
            case.merge(_type_case(_SelectionSet(narrowed, inner.selections)))
        else:
            inner = selection.selection_set
            narrowed = [t for t in selection_set.possible_types if t in inner.possible_types]
            case.merge(_type_case(_SelectionSet(narrowed, inner.selections)))
    return case


def _collect_and_merge(
    possible_types: list[GraphQLObjectType], selections: list[_Selection]
) -> list[_Field]:
    grouped: dict[str, list[_Field]] = {}

    def visit(items: list[_Selection]) -> None:
        if not possible_types:
            return
        for item in items:
            if isinstance(item, _Field):
                clone = _Field(
                    item.response_key,
                    item.name,
                    item.type,
                    item.description,
                    _SelectionSet(
                        item.selection_set.possible_types, list(item.selection_set.selections)
                    )
                    if item.selection_set
                    else None,
                )
                grouped.setdefault(item.response_key, []).append(clone)
            elif isinstance(item, _TypeCondition) and all(
                t in item.selection_set.possible_types for t in possible_types
            ):
                visit(item.selection_set.selections)

    visit(selections)
    merged: list[_Field] = []
    for group in grouped.values():
        first = group[0]
        for other in group[1:]:
            if first.selection_set and other.selection_set:
                first.selection_set.selections.extend(other.selection_set.selections)
        merged.append(first)
    if len(possible_types) == 1:
        definitions = possible_types[0].fields
        for merged_field in merged:
            definition = definitions.get(merged_field.name)
            if definition is not None and definition.description:
                merged_field.description = definition.description
    return merged


def _to_ir(selection_set: _SelectionSet) -> tuple[list[IRField], list[IRInlineFragment]]:
    case = _type_case(selection_set)
    fields = _fields_to_ir(_collect_and_merge(case.default.possible_types, case.default.selections))
    inline: list[IRInlineFragment] = []
    for variant in case.variants:
        variant_fields = _fields_to_ir(
            _collect_and_merge(variant.possible_types, variant.selections)
        )
        covers_all = all(t in variant.possible_types for t in selection_set.possible_types)
        if covers_all and not variant_fields:
            continue
        inline.extend(IRInlineFragment(t, variant_fields) for t in variant.possible_types)
    return fields, inline


def _fields_to_ir(fields: list[_Field]) -> list[IRField]:
    result = []
    for item in fields:
        ir = IRField(item.response_key, item.name, item.type, item.description)
        if item.name.startswith("__"):
            ir.description = None
        if item.selection_set is not None:
            ir.fields, ir.inline_fragments = _to_ir(item.selection_set)
        result.append(ir)
    return result


def compile_documents(schema: GraphQLSchema, document: DocumentNode) -> CompiledDocuments:
    """Operations, fragments and used types of `document`, as the legacy IR has them.

    :raises CodegenError: the document is not valid against the schema.
    """
    _validate(schema, document)
    compiler = _Compiler(schema)
    operations: dict[str, tuple[IROperation, _SelectionSet]] = {}
    fragments: dict[str, tuple[GraphQLNamedType, _SelectionSet]] = {}
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            operation, selection_set = compiler.operation(definition)
            operations[operation.name] = (operation, selection_set)
        elif isinstance(definition, FragmentDefinitionNode):
            condition = get_named_type(type_from_ast(schema, definition.type_condition))
            assert condition is not None  # checked by _validate
            selection_set = compiler.selection_set(
                definition.selection_set, condition, compiler.possible_types(condition)
            )
            fragments[definition.name.value] = (condition, selection_set)
    for spread in compiler.unresolved:
        _, fragment_set = fragments[spread.name]  # validate checked that it exists
        narrowed = [
            t for t in fragment_set.possible_types if t in spread.selection_set.possible_types
        ]
        spread.selection_set = _SelectionSet(narrowed, fragment_set.selections)
    compiled = CompiledDocuments(schema, list(compiler.types_used.values()), [])
    for operation, selection_set in operations.values():
        operation.fields, _ = _to_ir(selection_set)
        compiled.operations.append(operation)
    for name, (condition, selection_set) in fragments.items():
        fields, inline = _to_ir(selection_set)
        compiled.fragments.append(
            IRFragment(name, condition, selection_set.possible_types, fields, inline)
        )
    return compiled


def read_documents(paths: Iterable[Path]) -> DocumentNode:
    """The operations in `paths` (.graphql files whole; JS/TS files' template literals)."""
    sources = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if not text:
            continue
        if path.suffix in (".js", ".jsx", ".ts", ".tsx"):
            extracted = extract_javascript_documents(text)
            if extracted is None:
                continue
            text = extracted
        sources.append((str(path), text))
    return parse_documents(sources)
