"""The CloudFormation the v2 transformer's CDK app synthesizes: stacks, logical ids, references.

The real transformer builds a CDK construct tree (root stack `transformer-root-stack`, one nested
stack per model...) and lets CDK synthesize it. The bytes of that output follow CDK's rules, which
this module reproduces without the construct tree:

- logical ids: `make_unique_id(path)` (alphanumeric human part + the first 8 hex of the md5 of the
  path) unless the transformer overrides the id;
- references between stacks: a nested stack reading a root resource gets a parameter
  `referenceto<uniqueId><Attr>`; one nested stack reading another's resource gets an output in the
  producer and a parameter fed by `Fn::GetAtt [<nested stack>, Outputs.<id>]` in the root;
- a nested stack's `TemplateURL` names the sha256 of its compact JSON.

Values in a stack are plain JSON plus `Token`s (a `Ref` or `Fn::GetAtt` of a `Resource` in any
stack); `synthesize` resolves the tokens stack by stack, in the order CDK discovers them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ROOT_STACK_ID",
    "Resource",
    "Stack",
    "StackSet",
    "Token",
    "join_parts",
    "make_unique_id",
    "node_unique_id",
]

ROOT_STACK_ID = "transformer-root-stack"
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]")
_MAX_HUMAN = 240


def _path_hash(components: list[str]) -> str:
    return hashlib.md5("/".join(components).encode("utf-8")).hexdigest()[:8].upper()


def _remove_dupes(components: list[str]) -> list[str]:
    kept: list[str] = []
    for component in components:
        if not kept or not kept[-1].endswith(component):
            kept.append(component)
    return kept


def locale_sort_key(text: str) -> tuple[tuple[tuple[int, str], ...], tuple[bool, ...]]:
    """An approximation of ICU root collation (Node's `localeCompare`) for construct paths:
    punctuation before digits before letters, letters compared case-insensitively first,
    then lower case before upper case."""
    primary = tuple(
        (2, c.lower()) if c.isalpha() else (1, c) if c.isdigit() else (0, c) for c in text
    )
    return primary, tuple(c.isupper() for c in text)


def make_unique_id(components: list[str]) -> str:
    """CDK's `makeUniqueId`: a path of construct ids -> a CloudFormation logical id."""
    return _unique_id(tuple(components))


@functools.lru_cache(maxsize=65536)
def _unique_id(path: tuple[str, ...]) -> str:
    components = [c for c in path if c != "Default"]
    if len(components) == 1:
        candidate = _NON_ALNUM.sub("", components[0])
        if len(candidate) <= 255:
            return candidate
    human = "".join(_NON_ALNUM.sub("", c) for c in _remove_dupes(components) if c != "Resource")[
        :_MAX_HUMAN
    ]
    return human + _path_hash(components)


def node_unique_id(components: list[str]) -> str:
    """CDK's `Names.nodeUniqueId` of a construct at `components` (from the app root)."""
    return make_unique_id(components)


@dataclass(eq=False)
class Resource:
    """One CloudFormation resource: its stack, its construct path (within the stack) and body."""

    stack: Stack
    logical_id: str
    path: list[str]
    body: dict[str, Any]

    def ref(self) -> Token:
        return Token(self, None)

    def get_att(self, attribute: str) -> Token:
        return Token(self, attribute)

    @property
    def full_path(self) -> list[str]:
        return [*self.stack.path, *self.path]


@dataclass(frozen=True, eq=False)
class Token:
    """`{"Ref": resource}` (attribute None) or `{"Fn::GetAtt": [resource, attribute]}`."""

    resource: Resource
    attribute: str | None

    def local(self) -> dict[str, Any]:
        if self.attribute is None:
            return {"Ref": self.resource.logical_id}
        return {"Fn::GetAtt": [self.resource.logical_id, self.attribute]}

    @property
    def attr_name(self) -> str:
        return "Ref" if self.attribute is None else self.attribute


def join_parts(parts: list[Any]) -> Any:
    """`Fn::Join ""` of strings and tokens (adjacent strings merged); a plain string if no token."""
    merged: list[Any] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    if all(isinstance(p, str) for p in merged):
        return "".join(merged)
    return {"Fn::Join": ["", merged]}


@dataclass(eq=False)
class Stack:
    """A stack's sections, each an ordered mapping, filled in construct-creation order."""

    name: str
    path: list[str]
    parent: Stack | None = None
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: nested stack resource in the root (nested stacks only)
    nested_resource: Resource | None = None
    #: explicit parameters the root passes to this nested stack (name -> value)
    passed_parameters: dict[str, Any] = field(default_factory=dict)
    depends_on_schema: bool = False
    #: other nested stacks this one must be deployed after (cross-stack DependsOn)
    depends_on_stacks: list[Stack] = field(default_factory=list)

    def _section(self, name: str) -> dict[str, Any]:
        return self.sections.setdefault(name, {})

    def set_template_option(self, name: str, value: str) -> None:
        """A top-level template field (`Description`, `AWSTemplateFormatVersion`), kept in the
        order set, before the sections added later."""
        self.sections[name] = value  # type: ignore[assignment]

    def add_parameter(self, name: str, body: dict[str, Any]) -> None:
        self._section("Parameters").setdefault(name, body)

    def has_parameter(self, name: str) -> bool:
        return name in self.sections.get("Parameters", {})

    def add_condition(self, name: str, body: Any) -> None:
        self._section("Conditions").setdefault(name, body)

    def add_output(self, name: str, body: dict[str, Any]) -> None:
        self._section("Outputs")[name] = body

    def add_resource(
        self, path: list[str], body: dict[str, Any], logical_id: str | None = None
    ) -> Resource:
        resource = Resource(self, logical_id or make_unique_id(path), path, body)
        self._section("Resources")[resource.logical_id] = resource
        return resource

    def resources(self) -> list[Resource]:
        return list(self.sections.get("Resources", {}).values())


class StackSet:
    """The root stack and its nested stacks, and the synthesis of all of them."""

    def __init__(self) -> None:
        self.root = Stack(ROOT_STACK_ID, [ROOT_STACK_ID])
        self.nested: dict[str, Stack] = {}

    def nested_stack(self, name: str) -> Stack:
        """The nested stack `name`, created on first use (its resource goes into the root)."""
        existing = self.nested.get(name)
        if existing is not None:
            return existing
        stack = Stack(name, [ROOT_STACK_ID, name], parent=self.root)
        stack.nested_resource = self.root.add_resource(
            [f"{name}.NestedStack", f"{name}.NestedStackResource"], {}
        )
        self.nested[name] = stack
        return stack

    # ---- synthesis ---------------------------------------------------------------------
    def synthesize(self) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """(root template, {nested stack name: template})."""
        nested_templates: dict[str, dict[str, Any]] = {}
        # Every reference is discovered first (it may add outputs to an earlier stack).
        rendered = {name: self._render(stack) for name, stack in self.nested.items()}
        for name, stack in self.nested.items():
            nested_templates[name] = self._finish(stack, rendered[name])
        root_template = self._render(self.root, nested_templates)
        return self._finish(self.root, root_template), nested_templates

    def _finish(self, stack: Stack, body: dict[str, Any]) -> dict[str, Any]:
        # Outputs added to this stack by later consumers are rendered again here.
        outputs = stack.sections.get("Outputs")
        if outputs is not None:
            body["Outputs"] = {k: self._resolve(stack, v) for k, v in outputs.items()}
        return body

    def _render(
        self, stack: Stack, nested_templates: dict[str, dict[str, Any]] | None = None
    ) -> dict[str, Any]:
        template: dict[str, Any] = {}
        for section, entries in list(stack.sections.items()):
            if isinstance(entries, str):
                template[section] = entries
                continue
            rendered: dict[str, Any] = {}
            for key, value in list(entries.items()):
                if isinstance(value, Resource):
                    body = value.body
                    if nested_templates is not None and value in self._nested_resources():
                        body = self._nested_stack_body(value, nested_templates)
                    rendered[key] = self._resolve(stack, body)
                else:
                    rendered[key] = self._resolve(stack, value)
            template[section] = rendered
        # Parameters created while resolving go in their section (created if new).
        if "Parameters" in stack.sections:
            template["Parameters"] = {
                k: self._resolve(stack, v) for k, v in stack.sections["Parameters"].items()
            }
        return template

    def _nested_resources(self) -> list[Resource]:
        return [s.nested_resource for s in self.nested.values() if s.nested_resource]

    def _nested_stack_body(
        self, resource: Resource, nested_templates: dict[str, dict[str, Any]]
    ) -> dict[str, Any]:
        stack = next(s for s in self.nested.values() if s.nested_resource is resource)
        compact = json.dumps(
            nested_templates[stack.name], separators=(",", ":"), ensure_ascii=False
        )
        digest = hashlib.sha256(compact.encode("utf-8")).hexdigest()
        body: dict[str, Any] = {
            "Type": "AWS::CloudFormation::Stack",
            "Properties": {
                "Parameters": dict(stack.passed_parameters),
                "TemplateURL": {
                    "Fn::Join": [
                        "",
                        [
                            "https://s3.",
                            {"Ref": "AWS::Region"},
                            ".",
                            {"Ref": "AWS::URLSuffix"},
                            "/",
                            {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"},
                            f"/{digest}.json",
                        ],
                    ]
                },
            },
        }
        if not body["Properties"]["Parameters"]:
            del body["Properties"]["Parameters"]
        # logical id -> construct path; CDK orders DependsOn by `path.localeCompare`.
        depends_on = {
            other.nested_resource.logical_id: "/".join(other.nested_resource.full_path)
            for other in stack.depends_on_stacks
            if other.nested_resource is not None and other is not stack
        }
        if stack.depends_on_schema:
            depends_on["GraphQLAPITransformerSchema3CB2AE18"] = (
                f"{ROOT_STACK_ID}/GraphQLAPI/TransformerSchema"
            )
        if depends_on:
            body["DependsOn"] = sorted(depends_on, key=lambda k: locale_sort_key(depends_on[k]))
        body["UpdateReplacePolicy"] = "Delete"
        body["DeletionPolicy"] = "Delete"
        return body

    def _resolve(self, stack: Stack, value: Any) -> Any:
        resolve = getattr(value, "resolve", None)
        if resolve is not None and callable(resolve):
            return self._resolve(stack, resolve())
        if isinstance(value, Token):
            return self._reference(stack, value)
        if isinstance(value, dict):
            return {k: self._resolve(stack, v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._resolve(stack, v) for v in value]
        return value

    def _reference(self, consumer: Stack, token: Token) -> Any:
        producer = token.resource.stack
        if producer is consumer:
            return token.local()
        target_id = node_unique_id(token.resource.full_path)
        if producer is self.root:
            value: Any = token.local()
            parameter = make_unique_id([f"reference-to-{target_id}{token.attr_name}"])
        else:
            output_id = make_unique_id([f"{target_id}{token.attr_name}"])
            producer.add_output(output_id, {"Value": token.local()})
            assert producer.nested_resource is not None
            nested_id = node_unique_id(producer.nested_resource.full_path)
            value = {"Fn::GetAtt": [producer.nested_resource.logical_id, f"Outputs.{output_id}"]}
            parameter = make_unique_id([f"reference-to-{nested_id}Outputs.{output_id}"])
        if consumer is self.root:
            return value
        consumer.add_parameter(parameter, {"Type": "String"})
        consumer.passed_parameters.setdefault(parameter, value)
        return {"Ref": parameter}
