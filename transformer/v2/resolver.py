"""Pipeline resolvers with named slots, the AppSync functions they synthesize to, and the
function deduplication Gen 1 does by default (`disableResolverDeduping: false`).

A field's resolver is a pipeline: an inline *before* template (the stash set-up), one AppSync
function per slot entry in slot order, the data function (the resolver's own request/response
templates, on its data source), then the response-side slots, and an inline *after* template.
Two functions with the same data source and the same request and response templates are one
function: the first one created is reused, possibly from another stack; the template files are
still written for every field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from transformer.naming import to_pascal_case
from transformer.v2.cdk import Resource, Stack, Token, join_parts

__all__ = [
    "MUTATION_SLOTS",
    "NONE_DATA_SOURCE",
    "QUERY_SLOTS",
    "SUBSCRIPTION_SLOTS",
    "DataSource",
    "FunctionHost",
    "Template",
    "TransformerResolver",
]

NONE_DATA_SOURCE = "NONE_DS"
ASSET_URL = "s3://mock-deployment-bucket/amplify-appsync-files/"
FUNCTION_VERSION = "2018-05-29"

QUERY_SLOTS = (("init", "preAuth", "auth", "postAuth", "preDataLoad"), ("postDataLoad", "finish"))
MUTATION_SLOTS = (("init", "preAuth", "auth", "postAuth", "preUpdate"), ("postUpdate", "finish"))
SUBSCRIPTION_SLOTS = (("init", "preAuth", "auth", "postAuth", "preSubscribe"), ())


@dataclass
class Template:
    """A mapping template: written to `resolvers/<name>` (S3) when it has a name, else inline.

    A name may hold `{slotName}` and `{slotIndex}`, filled when the slot is synthesized.
    """

    text: str
    name: str | None = None

    @classmethod
    def inline(cls, text: str) -> Template:
        return cls(text)

    @classmethod
    def s3(cls, text: str, name: str) -> Template:
        return cls(text, name)

    def hash_key(self) -> tuple[str, str]:
        return ("s3" if self.name is not None else "inline", self.text)

    def resolved_name(self, slot_name: str, slot_index: int) -> str | None:
        if self.name is None:
            return None
        return self.name.replace("{slotName}", slot_name).replace("{slotIndex}", str(slot_index))


@dataclass
class DataSource:
    """A data source: its AppSync name, type, the resource (for `Fn::GetAtt Name`) and, for
    DynamoDB, the table (the resolver stashes its name)."""

    name: str
    type: str
    resource: Resource
    table: Resource | None = None
    #: DataStore: the conflict handler its data functions get (`SyncConfig`)
    sync_config: dict[str, Any] | None = None
    #: DataStore: a versioned data source with a delta sync table
    delta_sync: bool = False


@dataclass
class _SlotEntry:
    request: Template | None
    response: Template | None
    data_source: DataSource | None


class FunctionHost:
    """Creates AppSync functions and resolvers in stacks, writes template files, dedupes."""

    def __init__(
        self,
        api_id: Callable[[], Token],
        none_data_source: Callable[[], DataSource],
        *,
        dedupe: bool,
    ) -> None:
        self._api_id = api_id
        self._none_data_source = none_data_source
        self._dedupe = dedupe
        self._functions: dict[str, Resource] = {}
        #: file name (under the build folder) -> text, in creation order
        self.assets: dict[str, str] = {}

    def _bind(self, template: Template, name: str | None) -> tuple[str, Any]:
        if name is None:
            return "inline", template.text
        self.assets[f"resolvers/{name}"] = template.text
        return "s3", f"{ASSET_URL}resolvers/{name}"

    def add_function(
        self,
        stack: Stack,
        name: str,
        request: tuple[Template, str | None],
        response: tuple[Template, str | None],
        data_source: DataSource | None,
    ) -> Resource:
        source = data_source or self._none_data_source()
        key = json.dumps(
            [source.name, request[0].hash_key(), response[0].hash_key()], ensure_ascii=False
        )
        request_kind, request_value = self._bind(*request)
        response_kind, response_value = self._bind(*response)
        existing = self._functions.get(key)
        if self._dedupe and existing is not None:
            return existing
        properties: dict[str, Any] = {
            "ApiId": self._api_id(),
            "DataSourceName": source.resource.get_att("Name"),
            "FunctionVersion": FUNCTION_VERSION,
            "Name": name,
        }
        properties[
            "RequestMappingTemplateS3Location" if request_kind == "s3" else "RequestMappingTemplate"
        ] = request_value
        properties[
            "ResponseMappingTemplateS3Location"
            if response_kind == "s3"
            else "ResponseMappingTemplate"
        ] = response_value
        body: dict[str, Any] = {
            "Type": "AWS::AppSync::FunctionConfiguration",
            "Properties": properties,
        }
        if source.type != "NONE":
            if source.resource.stack is stack:
                body["DependsOn"] = [source.resource.logical_id]
            else:
                stack.depends_on_stacks.append(source.resource.stack)
        if stack.parent is None:
            body.setdefault("DependsOn", []).append("GraphQLAPITransformerSchema3CB2AE18")
        else:
            stack.depends_on_schema = True
        resource = stack.add_resource([name, f"{name}.AppSyncFunction"], body)
        self._functions[key] = resource
        return resource


@dataclass
class TransformerResolver:
    """One field's pipeline resolver and its slots."""

    type_name: str
    field_name: str
    logical_id: str
    request: Template
    response: Template
    slot_names: tuple[tuple[str, ...], tuple[str, ...]]
    data_source: DataSource | None = None
    stack: Stack | None = None
    slots: dict[str, list[_SlotEntry]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.type_name}.{self.field_name}"

    def add_to_slot(
        self,
        slot_name: str,
        request: Template | None = None,
        response: Template | None = None,
        data_source: DataSource | None = None,
    ) -> None:
        """Append to a slot, or replace the entry whose resolved file name is the same."""
        if slot_name not in (*self.slot_names[0], *self.slot_names[1]):
            raise ValueError(f"Resolver is missing slot {slot_name}")
        entries = self.slots.setdefault(slot_name, [])
        found = self._find(slot_name, request, response)
        if found is not None:
            if request is not None and request.name:
                found.request = request
            if response is not None and response.name:
                found.response = response
            return
        entries.append(_SlotEntry(request, response, data_source))

    def _find(
        self, slot_name: str, request: Template | None, response: Template | None
    ) -> _SlotEntry | None:
        request_name = (request.name if request else None) or ""
        response_name = (response.name if response else None) or ""
        entries = self.slots.get(slot_name)
        if not entries or "{slotIndex}" in request_name or "{slotIndex}" in response_name:
            return None
        index = 1
        for entry in entries:
            names = [
                ((t.resolved_name(slot_name, index) if t else None) or "NOT-FOUND")
                for t in (entry.request, entry.response)
            ]
            if names[0] == request_name or names[1] == response_name:
                return entry
            index += 1
        return None

    def synthesize(self, host: FunctionHost, stack: Stack, before: Callable[..., Any]) -> None:
        stack = self.stack or stack
        functions = self._slot_functions(host, stack, self.slot_names[0])
        # the response-side slot functions are created before the data function (the CDK
        # construct order, which decides the resource order in the stack)
        after = self._slot_functions(host, stack, self.slot_names[1])
        data_name = to_pascal_case([self.type_name, self.field_name, "DataResolverFn"])
        data_function = host.add_function(
            stack,
            data_name,
            (self.request, self.request.resolved_name("main", 0)),
            (self.response, self.response.resolved_name("main", 0)),
            self.data_source,
        )
        if self.data_source is not None and self.data_source.sync_config:
            data_function.body["Properties"]["SyncConfig"] = self.data_source.sync_config
        functions.append(data_function)
        functions += after
        properties: dict[str, Any] = {
            "ApiId": host._api_id(),
            "FieldName": self.field_name,
            "Kind": "PIPELINE",
            "PipelineConfig": {"Functions": [f.get_att("FunctionId") for f in functions]},
            "RequestMappingTemplate": join_parts(before(self)),
            "ResponseMappingTemplate": "$util.toJson($ctx.prev.result)",
            "TypeName": self.type_name,
        }
        body: dict[str, Any] = {"Type": "AWS::AppSync::Resolver", "Properties": properties}
        if stack.parent is None:
            body["DependsOn"] = ["GraphQLAPITransformerSchema3CB2AE18"]
        else:
            stack.depends_on_schema = True
        stack.add_resource([self.logical_id], body, logical_id=self.logical_id)

    def _slot_functions(
        self, host: FunctionHost, stack: Stack, slot_names: tuple[str, ...]
    ) -> list[Resource]:
        functions: list[Resource] = []
        for slot_name in slot_names:
            for index, entry in enumerate(self.slots.get(slot_name, [])):
                name = f"{self.type_name}{self.field_name}{slot_name}{index}Function"
                empty = Template.inline("$util.toJson({})")
                request = entry.request or empty
                response = entry.response or empty
                functions.append(
                    host.add_function(
                        stack,
                        name,
                        (request, request.resolved_name(slot_name, index + 1)),
                        (response, response.resolved_name(slot_name, index + 1)),
                        entry.data_source,
                    )
                )
        return functions
