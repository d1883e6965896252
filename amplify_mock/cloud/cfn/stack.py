"""Evaluates a CloudFormation template, its conditions, intrinsics and nested stacks."""

from __future__ import annotations

import base64
import json
import posixpath
import re
from collections.abc import Callable, Mapping
from typing import Any

from amplify_mock.cloud.cfn.errors import CfnEvaluationError
from amplify_mock.cloud.cfn.model import (
    EvaluatedResource,
    LocalResourceModel,
    PseudoParameters,
    ResourceIdentity,
    ResourceModel,
    StackResult,
)

__all__ = ["evaluate_stack"]

_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_STACK_TYPE = "AWS::CloudFormation::Stack"


class _NoValue:
    """`Ref: AWS::NoValue`: the enclosing property or list item disappears."""

    def __repr__(self) -> str:
        return "AWS::NoValue"


NO_VALUE = _NoValue()


class _Exports:
    """Exports shared by all stacks of one evaluation, for `Fn::ImportValue`."""

    def __init__(self, imports: Mapping[str, Any]) -> None:
        self.values: dict[str, Any] = dict(imports)
        self.stacks: list[_StackEvaluator] = []

    def get(self, name: str) -> tuple[bool, Any]:
        if name not in self.values:
            # The exporting sibling stack may not be evaluated yet: evaluate all that can be.
            for stack in list(self.stacks):
                stack.evaluate_all(ignore_in_progress=True)
                if name in self.values:
                    break
        if name in self.values:
            return True, self.values[name]
        return False, None


def evaluate_stack(
    template: Mapping[str, Any],
    parameters: Mapping[str, Any] | None = None,
    *,
    nested: Mapping[str, Mapping[str, Any]] | None = None,
    pseudo: PseudoParameters | None = None,
    imports: Mapping[str, Any] | None = None,
    resource_model: ResourceModel | None = None,
    name: str = "root",
) -> StackResult:
    """Resolve every intrinsic of `template` and of the nested stacks it creates.

    `nested` maps a nested stack's template file name (the last part of its `TemplateURL`,
    e.g. `Post.json`) or its logical id to the template. `imports` are exports of stacks
    outside this evaluation.

    :raises CfnEvaluationError: a missing parameter or nested template, an unknown `Ref` /
        `Fn::GetAtt` target, a circular reference or a malformed intrinsic.
    """
    exports = _Exports(imports or {})
    evaluator = _StackEvaluator(
        name=name,
        path=(name,),
        template=template,
        parameters=parameters or {},
        nested=nested or {},
        pseudo=pseudo or PseudoParameters(),
        model=resource_model or LocalResourceModel(),
        exports=exports,
    )
    return evaluator.result()


class _StackEvaluator:
    def __init__(
        self,
        *,
        name: str,
        path: tuple[str, ...],
        template: Mapping[str, Any],
        parameters: Mapping[str, Any],
        nested: Mapping[str, Mapping[str, Any]],
        pseudo: PseudoParameters,
        model: ResourceModel,
        exports: _Exports,
    ) -> None:
        self.name = name
        self.path = path
        self.template = template
        self.nested_templates = nested
        self.pseudo = pseudo
        self.model = model
        self.exports = exports
        self.resources_spec: Mapping[str, Any] = template.get("Resources") or {}
        self.conditions_spec: Mapping[str, Any] = template.get("Conditions") or {}
        self.mappings: Mapping[str, Any] = template.get("Mappings") or {}
        self.params = self._parameter_values(parameters)
        self.condition_values: dict[str, bool] = {}
        self.evaluated: dict[str, EvaluatedResource] = {}
        self.skipped: list[str] = []
        self.in_progress: set[str] = set()
        self.outputs: dict[str, Any] | None = None
        #: This stack's own exports (name -> value); `exports.values` holds every stack's.
        self.stack_exports: dict[str, Any] = {}
        self.outputs_in_progress = False
        exports.stacks.append(self)

    # ---- parameters and conditions -------------------------------------------------------
    def _parameter_values(self, given: Mapping[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for param_name, spec in (self.template.get("Parameters") or {}).items():
            if param_name in given:
                value = given[param_name]
            elif "Default" in spec:
                value = spec["Default"]
            else:
                raise CfnEvaluationError(
                    self.name, f"Parameters.{param_name}", "no value given and no Default"
                )
            if spec.get("Type") == "CommaDelimitedList" and isinstance(value, str):
                value = [part.strip() for part in value.split(",")] if value else []
            values[param_name] = value
        return values

    def condition(self, cond_name: str, where: str) -> bool:
        if cond_name in self.condition_values:
            return self.condition_values[cond_name]
        if cond_name not in self.conditions_spec:
            raise CfnEvaluationError(self.name, where, f"unknown condition {cond_name!r}")
        self.condition_values[cond_name] = False  # guards against self-reference
        value = self.resolve(self.conditions_spec[cond_name], f"Conditions.{cond_name}")
        if not isinstance(value, bool):
            raise CfnEvaluationError(
                self.name, f"Conditions.{cond_name}", f"does not evaluate to a boolean: {value!r}"
            )
        self.condition_values[cond_name] = value
        return value

    # ---- resources --------------------------------------------------------------------------
    def resource(self, logical_id: str, where: str) -> EvaluatedResource:
        done = self.evaluated.get(logical_id)
        if done is not None:
            return done
        spec = self.resources_spec.get(logical_id)
        if spec is None:
            raise CfnEvaluationError(self.name, where, f"unknown resource {logical_id!r}")
        if logical_id in self.skipped:
            raise CfnEvaluationError(
                self.name, where, f"resource {logical_id!r} is not created (its Condition is false)"
            )
        if logical_id in self.in_progress:
            raise CfnEvaluationError(
                self.name, where, f"circular reference through resource {logical_id!r}"
            )
        self.in_progress.add(logical_id)
        try:
            evaluated = self._evaluate_resource(logical_id, spec)
        finally:
            self.in_progress.discard(logical_id)
        if evaluated is None:
            self.skipped.append(logical_id)
            raise CfnEvaluationError(
                self.name, where, f"resource {logical_id!r} is not created (its Condition is false)"
            )
        self.evaluated[logical_id] = evaluated
        return evaluated

    def _evaluate_resource(
        self, logical_id: str, spec: Mapping[str, Any]
    ) -> EvaluatedResource | None:
        where = f"Resources.{logical_id}"
        cond = spec.get("Condition")
        if cond is not None and not self.condition(cond, f"{where}.Condition"):
            return None
        for dependency in _as_list(spec.get("DependsOn")):
            if dependency in self.resources_spec and dependency not in self.in_progress:
                try:
                    self.resource(dependency, f"{where}.DependsOn")
                except CfnEvaluationError:
                    if dependency not in self.skipped:
                        raise
        resource_type = str(spec.get("Type", ""))
        properties = self.resolve(spec.get("Properties") or {}, f"{where}.Properties")
        nested_result: StackResult | None = None
        if resource_type == _STACK_TYPE:
            nested_result = self._evaluate_nested(logical_id, properties, where)
            arn = (
                f"arn:aws:cloudformation:{self.pseudo.region}:{self.pseudo.account_id}:"
                f"stack/{logical_id}/fake"
            )
            outputs = {f"Outputs.{k}": v for k, v in nested_result.outputs.items()}
            identity = ResourceIdentity(arn, outputs)
        else:
            identity = self.model.identify(logical_id, resource_type, properties, self.pseudo)
        return EvaluatedResource(
            logical_id=logical_id,
            type=resource_type,
            properties=properties,
            stack_path=self.path,
            identity=identity,
            nested=nested_result,
        )

    def _evaluate_nested(
        self, logical_id: str, properties: Mapping[str, Any], where: str
    ) -> StackResult:
        url = properties.get("TemplateURL")
        file_name = posixpath.basename(url) if isinstance(url, str) else None
        template = self.nested_templates.get(logical_id) or (
            self.nested_templates.get(file_name) if file_name else None
        )
        if template is None:
            raise CfnEvaluationError(
                self.name,
                f"{where}.Properties.TemplateURL",
                f"no template for nested stack {logical_id!r} ({file_name or url!r})",
            )
        child = _StackEvaluator(
            name=logical_id,
            path=(*self.path, logical_id),
            template=template,
            parameters=properties.get("Parameters") or {},
            nested=self.nested_templates,
            pseudo=self.pseudo,
            model=self.model,
            exports=self.exports,
        )
        return child.result()

    def evaluate_all(self, *, ignore_in_progress: bool = False) -> None:
        for logical_id in self.resources_spec:
            if logical_id in self.evaluated or logical_id in self.skipped:
                continue
            if logical_id in self.in_progress:
                continue
            try:
                self.resource(logical_id, f"Resources.{logical_id}")
            except CfnEvaluationError:
                if logical_id in self.skipped or ignore_in_progress:
                    continue
                raise
        if not self.in_progress and not self.outputs_in_progress:
            self._evaluate_outputs()

    def _evaluate_outputs(self) -> dict[str, Any]:
        if self.outputs is not None:
            return self.outputs
        self.outputs_in_progress = True
        outputs: dict[str, Any] = {}
        try:
            for out_name, spec in (self.template.get("Outputs") or {}).items():
                where = f"Outputs.{out_name}"
                cond = spec.get("Condition")
                if cond is not None and not self.condition(cond, f"{where}.Condition"):
                    continue
                value = self.resolve(spec.get("Value"), f"{where}.Value")
                outputs[out_name] = value
                export = spec.get("Export")
                if export is not None:
                    export_name = self.resolve(export.get("Name"), f"{where}.Export.Name")
                    self.stack_exports[str(export_name)] = value
                    self.exports.values[str(export_name)] = value
        finally:
            self.outputs_in_progress = False
        self.outputs = outputs
        return outputs

    def result(self) -> StackResult:
        self.evaluate_all()
        outputs = self._evaluate_outputs()
        ordered = {k: self.evaluated[k] for k in self.resources_spec if k in self.evaluated}
        return StackResult(
            name=self.name,
            resources=ordered,
            outputs=outputs,
            exports=dict(self.stack_exports),
            skipped=tuple(self.skipped),
        )

    # ---- intrinsic functions ----------------------------------------------------------------
    def resolve(self, value: Any, where: str) -> Any:
        if isinstance(value, dict):
            if len(value) == 1:
                ((key, arg),) = value.items()
                handler = _INTRINSICS.get(key)
                if handler is not None:
                    return handler(self, arg, f"{where}.{key}")
                if key.startswith("Fn::"):
                    raise self.fail(f"{where}.{key}", f"intrinsic function {key} is not supported")
            resolved: dict[str, Any] = {}
            for key, item in value.items():
                item_value = self.resolve(item, f"{where}.{key}")
                if item_value is not NO_VALUE:
                    resolved[key] = item_value
            return resolved
        if isinstance(value, list):
            items = [self.resolve(item, f"{where}[{i}]") for i, item in enumerate(value)]
            return [item for item in items if item is not NO_VALUE]
        return value

    def fail(self, where: str, reason: str) -> CfnEvaluationError:
        return CfnEvaluationError(self.name, where, reason)

    def ref(self, target: Any, where: str) -> Any:
        if not isinstance(target, str):
            raise self.fail(where, f"Ref needs a name, got {target!r}")
        if target == "AWS::NoValue":
            return NO_VALUE
        if target in self.params:
            return self.params[target]
        pseudo = self.pseudo.as_refs()
        if target in pseudo:
            return pseudo[target]
        if target in self.resources_spec:
            return self.resource(target, where).identity.ref
        raise self.fail(where, f"Ref to unknown parameter or resource {target!r}")

    def get_att(self, arg: Any, where: str) -> Any:
        if isinstance(arg, str) and "." in arg:
            logical_id, attribute = arg.split(".", 1)
        elif isinstance(arg, list) and len(arg) == 2:
            logical_id = arg[0]
            attribute = self.resolve(arg[1], where)
        else:
            raise self.fail(where, f"Fn::GetAtt needs [resource, attribute], got {arg!r}")
        resource = self.resource(str(logical_id), where)
        attributes = resource.identity.attributes
        if attribute in attributes:
            return attributes[attribute]
        if resource.type == _STACK_TYPE:
            raise self.fail(where, f"nested stack {logical_id!r} has no output {attribute!r}")
        if resource.type.startswith("AWS::AppSync::") or resource.type == "AWS::DynamoDB::Table":
            raise self.fail(where, f"{resource.type} {logical_id!r} has no attribute {attribute!r}")
        return f"{logical_id}.{attribute}"

    def sub(self, arg: Any, where: str) -> str:
        if isinstance(arg, str):
            template, variables = arg, {}
        elif isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str):
            template = arg[0]
            variables = self.resolve(arg[1], f"{where}[1]")
            if not isinstance(variables, dict):
                raise self.fail(where, "Fn::Sub variables must be a map")
        else:
            raise self.fail(where, f"Fn::Sub needs a string or [string, map], got {arg!r}")

        def replace(match: re.Match[str]) -> str:
            expr = match.group(1)
            if expr.startswith("!"):
                return "${" + expr[1:] + "}"
            if expr in variables:
                return _to_str(variables[expr])
            if "." in expr and expr.split(".", 1)[0] in self.resources_spec:
                return _to_str(self.get_att(expr, where))
            return _to_str(self.ref(expr, where))

        return _SUB_VARIABLE.sub(replace, template)

    def resolved_list(self, arg: Any, where: str, size: int | None = None) -> list[Any]:
        value = self.resolve(arg, where)
        if not isinstance(value, list) or (size is not None and len(value) != size):
            wanted = f"a list of {size}" if size is not None else "a list"
            raise self.fail(where, f"needs {wanted}, got {value!r}")
        return value


def _to_str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _join(ev: _StackEvaluator, arg: Any, where: str) -> str:
    delimiter, items = ev.resolved_list(arg, where, 2)
    if not isinstance(items, list):
        raise ev.fail(where, f"Fn::Join needs a list of values, got {items!r}")
    return _to_str(delimiter).join(_to_str(item) for item in items)


def _split(ev: _StackEvaluator, arg: Any, where: str) -> list[str]:
    delimiter, source = ev.resolved_list(arg, where, 2)
    return _to_str(source).split(_to_str(delimiter))


def _select(ev: _StackEvaluator, arg: Any, where: str) -> Any:
    index, items = ev.resolved_list(arg, where, 2)
    try:
        position = int(index)
    except (TypeError, ValueError) as err:
        raise ev.fail(where, f"Fn::Select index {index!r} is not a number") from err
    if not isinstance(items, list) or not 0 <= position < len(items):
        raise ev.fail(where, f"Fn::Select index {position} is out of range for {items!r}")
    return items[position]


def _if(ev: _StackEvaluator, arg: Any, where: str) -> Any:
    if not isinstance(arg, list) or len(arg) != 3 or not isinstance(arg[0], str):
        raise ev.fail(where, f"Fn::If needs [condition, then, else], got {arg!r}")
    branch = 1 if ev.condition(arg[0], where) else 2
    return ev.resolve(arg[branch], f"{where}[{branch}]")


def _bool_args(ev: _StackEvaluator, arg: Any, where: str) -> list[bool]:
    if not isinstance(arg, list):
        raise ev.fail(where, f"needs a list of conditions, got {arg!r}")
    values = []
    for i, item in enumerate(arg):
        item_where = f"{where}[{i}]"
        if isinstance(item, dict) and set(item) == {"Condition"}:
            values.append(ev.condition(item["Condition"], item_where))
            continue
        value = ev.resolve(item, item_where)
        if not isinstance(value, bool):
            raise ev.fail(item_where, f"is not a condition: {value!r}")
        values.append(value)
    return values


def _equals(ev: _StackEvaluator, arg: Any, where: str) -> bool:
    left, right = ev.resolved_list(arg, where, 2)
    return _to_str(left) == _to_str(right) if not isinstance(left, list) else left == right


def _not(ev: _StackEvaluator, arg: Any, where: str) -> bool:
    values = _bool_args(ev, arg, where)
    if len(values) != 1:
        raise ev.fail(where, "Fn::Not needs exactly one condition")
    return not values[0]


def _import_value(ev: _StackEvaluator, arg: Any, where: str) -> Any:
    export_name = _to_str(ev.resolve(arg, where))
    found, value = ev.exports.get(export_name)
    if not found:
        raise ev.fail(where, f"no stack exports {export_name!r}")
    return value


def _find_in_map(ev: _StackEvaluator, arg: Any, where: str) -> Any:
    map_name, top, second = ev.resolved_list(arg, where, 3)
    try:
        return ev.mappings[map_name][top][second]
    except (KeyError, TypeError) as err:
        raise ev.fail(where, f"Mappings has no {map_name}.{top}.{second}") from err


def _base64(ev: _StackEvaluator, arg: Any, where: str) -> str:
    return base64.b64encode(_to_str(ev.resolve(arg, where)).encode()).decode()


def _get_azs(ev: _StackEvaluator, arg: Any, where: str) -> list[str]:
    region = _to_str(ev.resolve(arg, where)) or ev.pseudo.region
    return [f"{region}a", f"{region}b", f"{region}c"]


def _to_json_string(ev: _StackEvaluator, arg: Any, where: str) -> str:
    return json.dumps(ev.resolve(arg, where), separators=(",", ":"))


def _length(ev: _StackEvaluator, arg: Any, where: str) -> int:
    return len(ev.resolved_list(arg, where))


_INTRINSICS: dict[str, Callable[[_StackEvaluator, Any, str], Any]] = {
    "Ref": lambda ev, arg, where: ev.ref(arg, where),
    "Fn::GetAtt": lambda ev, arg, where: ev.get_att(arg, where),
    "Fn::Sub": lambda ev, arg, where: ev.sub(arg, where),
    "Fn::Join": _join,
    "Fn::Split": _split,
    "Fn::Select": _select,
    "Fn::If": _if,
    "Fn::Equals": _equals,
    "Fn::And": lambda ev, arg, where: all(_bool_args(ev, arg, where)),
    "Fn::Or": lambda ev, arg, where: any(_bool_args(ev, arg, where)),
    "Fn::Not": _not,
    "Fn::ImportValue": _import_value,
    "Fn::FindInMap": _find_in_map,
    "Fn::Base64": _base64,
    "Fn::GetAZs": _get_azs,
    "Fn::ToJsonString": _to_json_string,
    "Fn::Length": _length,
}
