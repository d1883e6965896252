"""The state one transform run shares between directive plugins: types, template, metadata."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from graphql.language import ast

from transformer.cloudformation.resources import blank_template
from transformer.config import TransformConfig
from transformer.definitions import blank_object, name_node
from transformer.errors import TransformerError

__all__ = ["SCHEMA_KEY", "TransformerContext", "TypeDefinition"]

SCHEMA_KEY = "__schema"
Json = Any
TypeDefinition = ast.TypeDefinitionNode

_DEFAULT_OPERATIONS = (
    ("query", "Query"),
    ("mutation", "Mutation"),
    ("subscription", "Subscription"),
)


def _operation_type(operation: str, type_name: str) -> ast.OperationTypeDefinitionNode:
    return ast.OperationTypeDefinitionNode(
        operation=ast.OperationType(operation),
        type=ast.NamedTypeNode(name=name_node(type_name)),
    )


def make_schema_node(operations: Iterable[tuple[str, str]]) -> ast.SchemaDefinitionNode:
    return ast.SchemaDefinitionNode(
        directives=(), operation_types=tuple(_operation_type(o, t) for o, t in operations)
    )


class TransformerContext:
    """Types by name (in the order they appear in the output), the CloudFormation template
    being built, per-run metadata and the resource -> nested stack mapping.

    Nodes are graphql-core's immutable SDL nodes; plugins replace a type with `put_type`.
    """

    def __init__(self, document: ast.DocumentNode, config: TransformConfig) -> None:
        self.config = config
        self.feature_flags = config.feature_flags
        self.input_document = document
        self.node_map: dict[str, Any] = {}
        self.template: dict[str, Json] = blank_template()
        self.metadata: dict[str, Any] = {}
        self.stack_mapping: dict[str, str] = {}
        self.transformer_version = config.version
        self.resolver_config = config.resolver_config
        self._fill_node_map()

    # ---- input -----------------------------------------------------------------------
    def _fill_node_map(self) -> None:
        extensions: list[Any] = []
        for definition in self.input_document.definitions:
            if isinstance(definition, ast.TypeDefinitionNode):
                if definition.name.value not in self.node_map:
                    self.node_map[definition.name.value] = definition
            elif isinstance(definition, ast.SchemaDefinitionNode):
                if SCHEMA_KEY not in self.node_map:
                    self.node_map[SCHEMA_KEY] = definition
            elif isinstance(definition, ast.TypeExtensionNode) and not isinstance(
                definition, ast.ScalarTypeExtensionNode
            ):
                extensions.append(definition)
        for extension in extensions:
            self._extend(extension)
        if SCHEMA_KEY not in self.node_map:
            self.node_map[SCHEMA_KEY] = make_schema_node(_DEFAULT_OPERATIONS)

    def _extend(self, extension: Any) -> None:
        name = extension.name.value
        old = self.node_map.get(name)
        if old is None:
            kind = {
                ast.ObjectTypeExtensionNode: "type",
                ast.InterfaceTypeExtensionNode: "interface",
                ast.UnionTypeExtensionNode: "union",
                ast.EnumTypeExtensionNode: "enum",
                ast.InputObjectTypeExtensionNode: "input",
            }[type(extension)]
            raise TransformerError(f"Cannot extend nonexistent {kind} '{name}'.")
        if isinstance(extension, ast.ObjectTypeExtensionNode):
            self.add_object_extension(extension)
            return
        attr, what, item_kind = {
            ast.InterfaceTypeExtensionNode: ("fields", "Interface type", "field"),
            ast.UnionTypeExtensionNode: ("types", "Union type", "type"),
            ast.EnumTypeExtensionNode: ("values", "Enum type", "value"),
            ast.InputObjectTypeExtensionNode: ("fields", "Input object type", "field"),
        }[type(extension)]
        old_items = tuple(getattr(old, attr) or ())
        seen = {item.name.value for item in old_items}
        for item in getattr(extension, attr) or ():
            if item.name.value in seen:
                raise TransformerError(
                    f"{what} extension '{name}' cannot redeclare {item_kind} {item.name.value}"
                )
        self.node_map[name] = dataclasses.replace(
            old,
            directives=(*(old.directives or ()), *(extension.directives or ())),
            **{attr: (*old_items, *(getattr(extension, attr) or ()))},
        )

    # ---- types -----------------------------------------------------------------------
    def get_type(self, name: str) -> Any:
        return self.node_map.get(name)

    def has_type(self, name: str) -> bool:
        return name in self.node_map

    def _add(self, node: Any, what: str) -> None:
        name = node.name.value
        if name in self.node_map:
            raise TransformerError(f"Conflicting {what} '{name}' found.")
        self.node_map[name] = node

    def add_type(self, node: Any) -> None:
        self._add(node, "type")

    add_object = add_type

    def add_input(self, node: ast.InputObjectTypeDefinitionNode) -> None:
        self._add(node, "input type")

    def add_enum(self, node: ast.EnumTypeDefinitionNode) -> None:
        self._add(node, "enum type")

    def put_type(self, node: Any) -> None:
        self.node_map[node.name.value] = node

    def update_object(self, node: ast.ObjectTypeDefinitionNode) -> None:
        if node.name.value not in self.node_map:
            raise TransformerError(f"Type {node.name.value} does not exist.")
        self.node_map[node.name.value] = node

    def get_object(self, name: str) -> ast.ObjectTypeDefinitionNode | None:
        node = self.node_map.get(name)
        return node if isinstance(node, ast.ObjectTypeDefinitionNode) else None

    def add_object_extension(
        self, extension: ast.ObjectTypeExtensionNode | ast.ObjectTypeDefinitionNode
    ) -> None:
        """Append fields, directives and interfaces to an existing object type."""
        name = extension.name.value
        if name not in self.node_map:
            raise TransformerError(f"Cannot extend nonexistent type '{name}'.")
        old = self.node_map[name]
        old_directives = tuple(old.directives or ())
        old_directive_names = {d.name.value for d in old_directives}
        new_directives = tuple(
            d for d in extension.directives or () if d.name.value not in old_directive_names
        )
        old_fields = tuple(old.fields or ())
        old_field_names = {f.name.value for f in old_fields}
        for new_field in extension.fields or ():
            if new_field.name.value in old_field_names:
                raise TransformerError(
                    f"Object type extension '{name}' cannot redeclare field {new_field.name.value}"
                )
        old_interfaces = tuple(old.interfaces or ())
        old_interface_names = {i.name.value for i in old_interfaces}
        for interface in extension.interfaces or ():
            if interface.name.value in old_interface_names:
                raise TransformerError(
                    f"Object type extension '{name}' cannot redeclare interface "
                    f"{interface.name.value}"
                )
        self.node_map[name] = dataclasses.replace(
            old,
            interfaces=(*old_interfaces, *(extension.interfaces or ())),
            directives=(*old_directives, *new_directives),
            fields=(*old_fields, *(extension.fields or ())),
        )

    def add_fields_to_object(self, name: str, fields: Iterable[ast.FieldDefinitionNode]) -> None:
        self.add_object_extension(
            ast.ObjectTypeExtensionNode(
                name=name_node(name), fields=tuple(fields), directives=(), interfaces=()
            )
        )

    # ---- schema operations -----------------------------------------------------------
    def get_schema(self) -> ast.SchemaDefinitionNode:
        schema: ast.SchemaDefinitionNode = self.node_map[SCHEMA_KEY]
        return schema

    def put_schema(self, schema: ast.SchemaDefinitionNode) -> None:
        self.node_map[SCHEMA_KEY] = schema

    def _operation_type_name(self, operation: str) -> str | None:
        for op in self.get_schema().operation_types or ():
            if op.operation.value == operation:
                return op.type.name.value
        return None

    def get_query_type_name(self) -> str | None:
        return self._operation_type_name("query")

    def get_mutation_type_name(self) -> str | None:
        return self._operation_type_name("mutation")

    def get_subscription_type_name(self) -> str | None:
        return self._operation_type_name("subscription")

    def get_query(self) -> ast.ObjectTypeDefinitionNode | None:
        name = self.get_query_type_name()
        return self.node_map.get(name) if name else None

    def get_mutation(self) -> ast.ObjectTypeDefinitionNode | None:
        name = self.get_mutation_type_name()
        return self.node_map.get(name) if name else None

    def get_subscription(self) -> ast.ObjectTypeDefinitionNode | None:
        name = self.get_subscription_type_name()
        return self.node_map.get(name) if name else None

    def _operation_type_name_or_add(self, operation: str, default: str) -> str:
        name = self._operation_type_name(operation)
        if name is None:
            schema = self.get_schema()
            self.put_schema(
                dataclasses.replace(
                    schema,
                    operation_types=(
                        *(schema.operation_types or ()),
                        _operation_type(operation, default),
                    ),
                )
            )
            name = default
        return name

    def add_query_fields(self, fields: Iterable[ast.FieldDefinitionNode]) -> None:
        name = self.get_query_type_name()
        if name:
            if name not in self.node_map:
                self.add_type(blank_object(name))
            self.add_fields_to_object(name, fields)

    def add_mutation_fields(self, fields: Iterable[ast.FieldDefinitionNode]) -> None:
        name = self._operation_type_name_or_add("mutation", "Mutation")
        if name not in self.node_map:
            self.add_type(blank_object(name))
        self.add_fields_to_object(name, fields)

    def add_subscription_fields(self, fields: Iterable[ast.FieldDefinitionNode]) -> None:
        name = self._operation_type_name_or_add("subscription", "Subscription")
        if name not in self.node_map:
            self.add_type(blank_object(name))
        self.add_fields_to_object(name, fields)

    # ---- CloudFormation --------------------------------------------------------------
    def _merge(self, section: str, items: Mapping[str, Json], what: str) -> None:
        target = self.template.setdefault(section, {})
        for key in items:
            if key in target:
                raise TransformerError(f"Conflicting CloudFormation {what}: {key}")
        target.update(items)

    def merge_resources(self, resources: Mapping[str, Json]) -> None:
        self._merge("Resources", resources, "resource logical id")

    def merge_parameters(self, parameters: Mapping[str, Json]) -> None:
        self._merge("Parameters", parameters, "parameter name")

    def merge_conditions(self, conditions: Mapping[str, Json]) -> None:
        self._merge("Conditions", conditions, "condition name")

    def merge_outputs(self, outputs: Mapping[str, Json]) -> None:
        # v1 checks outputs against the parameters, not the outputs; kept for the same errors.
        for key in outputs:
            if key in self.template["Parameters"]:
                raise TransformerError(f"Conflicting CloudFormation parameter name: {key}")
        self.template["Outputs"].update(outputs)

    def get_resource(self, logical_id: str) -> Json:
        return self.template["Resources"].get(logical_id)

    def set_resource(self, logical_id: str, resource: Json) -> None:
        self.template["Resources"][logical_id] = resource

    def set_output(self, output_id: str, output: Json) -> None:
        self.template["Outputs"][output_id] = output

    def map_resource_to_stack(self, stack_name: str, resource_id: str) -> None:
        self.stack_mapping[resource_id] = stack_name

    def is_project_using_datastore(self) -> bool:
        """transform.conf.json has a `ResolverConfig` (DataStore conflict detection)."""
        return bool(self.resolver_config)

    def supports_conditions(self) -> bool:
        """transform.conf.json Version >= 5: `condition` arguments and condition inputs."""
        return self.transformer_version is not None and self.transformer_version >= 5
