"""Split one big template into the root stack and nested stacks (`stacks/<Model>.json`).

References that cross a stack boundary are rewired as the v1 transformer does: a nested
stack reaching into the root gets a `Ref<Id>` / `GetAtt<Id><Attr>` parameter the root fills
in; a stack reaching into a sibling gets an `Fn::ImportValue` of an export the sibling adds.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from transformer.cloudformation import intrinsics as fn
from transformer.cloudformation.resources import blank_template, resource, string_parameter

__all__ = ["SplitStacks", "split_stack"]

Json = Any
ROOT = "root"


@dataclass
class SplitStacks:
    root: dict[str, Json]
    stacks: dict[str, dict[str, Json]]
    stack_mapping: dict[str, str]


def split_stack(
    template: Mapping[str, Json],
    stack_rules: Mapping[str, str],
    *,
    default_parameter_values: Mapping[str, Json],
    default_parameter_definitions: Mapping[str, Json],
    deployment_bucket_parameter: str,
    deployment_key_parameter: str,
    import_export_prefix: Json,
    default_dependencies: Sequence[str],
) -> SplitStacks:
    # Like v1 (JSON.parse(JSON.stringify(...))): a plain-JSON copy, so subtrees that resources
    # share are rewired independently.
    template = json.loads(json.dumps(template))
    resource_map = {rid: stack_rules.get(rid, ROOT) for rid in template["Resources"]}
    output_map = {oid: stack_rules.get(oid, ROOT) for oid in template["Outputs"]}
    mapping_map = {mid: stack_rules.get(mid, ROOT) for mid in template["Mappings"]}

    stacks: dict[str, dict[str, Json]] = {}
    for resource_id, stack_name in resource_map.items():
        if stack_name not in stacks:
            stacks[stack_name] = blank_template(
                Description="An auto-generated nested stack.",
                Parameters={**template["Parameters"], **default_parameter_definitions},
                Conditions=template.get("Conditions"),
            )
        res = template["Resources"][resource_id]
        depends = res.get("DependsOn")
        if isinstance(depends, list):
            res["DependsOn"] = [d for d in depends if resource_map.get(d) == stack_name]
        elif isinstance(depends, str):
            if resource_map.get(depends) == stack_name:
                res["DependsOn"] = depends
            else:
                del res["DependsOn"]
        stacks[stack_name]["Resources"][resource_id] = res
    for output_id, stack_name in output_map.items():
        stacks[stack_name]["Outputs"][output_id] = template["Outputs"][output_id]
    for mapping_id, stack_name in mapping_map.items():
        stacks[stack_name]["Mappings"][mapping_id] = template["Mappings"][mapping_id]
    stacks[ROOT]["Parameters"] = template["Parameters"]
    stacks[ROOT]["Conditions"] = template.get("Conditions")

    depends_map, params_map = _replace_references(stacks, resource_map, import_export_prefix)
    root = stacks.pop(ROOT)
    all_params: dict[str, Json] = dict(default_parameter_values)
    for name in root["Parameters"]:
        all_params[name] = fn.ref(name)
    for stack_name in stacks:
        root["Resources"][stack_name] = resource(
            "AWS::CloudFormation::Stack",
            {
                "Parameters": {**all_params, **params_map.get(stack_name, {})},
                "TemplateURL": fn.join(
                    "/",
                    [
                        "https://s3.amazonaws.com",
                        fn.ref(deployment_bucket_parameter),
                        fn.ref(deployment_key_parameter),
                        "stacks",
                        stack_name + ".json",
                    ],
                ),
            },
            depends_on=[*default_dependencies, *depends_map.get(stack_name, [])],
        )
    return SplitStacks(root, stacks, {**resource_map, **output_map, **mapping_map})


def _replace_references(
    stacks: dict[str, dict[str, Json]], resource_map: Mapping[str, str], prefix: Json
) -> tuple[dict[str, list[str]], dict[str, dict[str, Json]]]:
    depends_map: dict[str, list[str]] = {name: [] for name in stacks}
    params_map: dict[str, dict[str, Json]] = {name: {} for name in stacks}
    for this_stack, template in stacks.items():
        references: dict[str, list[list[str | int]]] = {}
        _walk(template, [], references)
        for resource_id, paths in references.items():
            target_stack = resource_map.get(resource_id)
            if target_stack is None or target_stack == this_stack:
                continue
            child_to_root = this_stack != ROOT and target_stack == ROOT
            for path in paths:
                node = _get_in(template, path)
                if not isinstance(node, dict):
                    continue
                if node.get("Ref"):
                    export_id = f"Ref{resource_id}"
                    if child_to_root:
                        params_map[this_stack][export_id] = node
                        template["Parameters"][export_id] = string_parameter(
                            "Auto-generated parameter that forwards "
                            f"Fn.Ref({resource_id}) through to nested stacks."
                        )
                        _set_in(template, path, fn.ref(export_id))
                        continue
                    name = fn.join(":", [prefix, "Ref", resource_id])
                    _set_in(template, path, fn.import_value(name))
                    output = {"Value": fn.ref(resource_id), "Export": {"Name": name}}
                elif node.get("Fn::GetAtt"):
                    attribute = node["Fn::GetAtt"][1]
                    export_id = f"GetAtt{resource_id}{attribute}"
                    if child_to_root:
                        params_map[this_stack][export_id] = node
                        template["Parameters"][export_id] = string_parameter(
                            "Auto-generated parameter that forwards "
                            f"Fn.GetAtt({resource_id}, {attribute}) through to nested stacks."
                        )
                        _set_in(template, path, fn.ref(export_id))
                        continue
                    name = fn.join(":", [prefix, "GetAtt", resource_id, attribute])
                    _set_in(template, path, fn.import_value(name))
                    output = {"Value": fn.get_att(resource_id, attribute), "Export": {"Name": name}}
                else:
                    continue
                target = stacks.get(target_stack)
                if target is not None and export_id not in target["Outputs"]:
                    template["Outputs"].pop(export_id, None)
                    target["Outputs"][export_id] = copy.deepcopy(output)
                if target_stack not in depends_map[this_stack]:
                    depends_map[this_stack].append(target_stack)
    return depends_map, params_map


def _walk(node: Json, path: list[str | int], out: dict[str, list[list[str | int]]]) -> None:
    if isinstance(node, list):
        for i, item in enumerate(node):
            _walk(item, [*path, i], out)
    elif isinstance(node, dict):
        ref_value = node.get("Ref")
        get_att = node.get("Fn::GetAtt")
        if ref_value:
            out.setdefault(ref_value, []).append(path)
        elif get_att:
            out.setdefault(get_att[0], []).append(path)
        else:
            for key, value in node.items():
                _walk(value, [*path, key], out)


def _get_in(node: Json, path: Sequence[str | int]) -> Json:
    for key in path:
        node = node[key]
    return node


def _set_in(node: Json, path: Sequence[str | int], value: Json) -> None:
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
