"""Golden-suite support: load the recorded cases, run our transformer, compare with the oracle.

Comparisons (each returns a list of human-readable differences; empty means equal):
- `schema_differences`: the generated schema as a schema (types, fields, arguments, defaults,
  directives, nullability, enum values, union members, interfaces, root operations), order
  insensitive; descriptions are ignored.
- `stack_differences`: the root stack and every nested stack: same stack files, and per stack
  the same Parameters, Conditions, Resources (type, properties, DependsOn, Condition) and
  Outputs. Lists whose order CloudFormation ignores (AttributeDefinitions, GSIs, LSIs,
  DependsOn) are compared as sets.
- `template_differences`: the same resolver / pipeline-function files; a file that is not
  byte-identical is rendered, both versions, with the VTL runtime over the same contexts
  and the outcomes (JSON of the output, `#return` value, errors) are compared.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graphql import parse, print_ast
from graphql.language import ast

GOLDEN_DIR = Path(__file__).resolve().parent / "golden" / "cases"
NOW = datetime(2024, 1, 1, tzinfo=UTC)
MAX_DIFFERENCES = 40


# ---- cases ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class GoldenCase:
    """One recorded oracle run: the input schema, the effective config, the outcome."""

    name: str
    path: Path
    spec: Mapping[str, Any]
    config: Mapping[str, Any]

    @property
    def expects_error(self) -> bool:
        return self.spec.get("expect") == "error"

    @property
    def expected_dir(self) -> Path:
        return self.path / "expected"

    @property
    def expected_error(self) -> dict[str, str]:
        data: dict[str, str] = json.loads((self.path / "expected-error.json").read_text())
        return data


def load_cases() -> list[GoldenCase]:
    cases = []
    for path in sorted(p for p in GOLDEN_DIR.iterdir() if p.is_dir()):
        cases.append(
            GoldenCase(
                name=path.name,
                path=path,
                spec=json.loads((path / "case.json").read_text()),
                config=json.loads((path / "config.json").read_text()),
            )
        )
    return cases


def transform_config(case: GoldenCase) -> Any:
    from transformer import AuthConfig, FeatureFlags, TransformConfig

    return TransformConfig.from_transform_conf(
        case.config["transformConfig"],
        feature_flags=FeatureFlags(dict(case.config["featureFlags"])),
        auth_config=AuthConfig.from_json(case.config["authConfig"]),
        now=NOW,
    )


def schema_text(case: GoldenCase) -> str:
    """The schema as the CLI hands it to the transformer (see amplify_mock api_build)."""
    from amplify_mock.project.api_build import read_api_schema

    return read_api_schema(case.path).text


def run_case(case: GoldenCase, out_dir: Path) -> None:
    """Transform the case's schema and write it in the build/ layout.

    :raises TransformerError: as our transformer does.
    """
    from transformer import transform, write_build

    resources = transform(schema_text(case), transform_config(case))
    parameters = json.loads((case.expected_dir / "parameters.json").read_text())
    write_build(resources, out_dir, parameters)


ORACLE_ERROR_CLASSES = frozenset(
    {"InvalidDirectiveError", "TransformerContractError", "SchemaValidationError"}
)


def build_files(build: Path) -> dict[str, bytes]:
    """Every file of a build but parameters.json (the CLI writes its own) and the oracle's log."""
    skip = {"parameters.json", "oracle-transform.json"}
    return {
        str(p.relative_to(build)): p.read_bytes()
        for p in sorted(build.rglob("*"))
        if p.is_file() and p.name not in skip
    }


def error_message(err: BaseException) -> str | None:
    """The user-facing message of a transform failure, or None for an unexpected crash.

    Schema syntax errors surface from reading the schema (as in the CLI, which parses the
    file before transforming), the rest from the transformer.
    """
    from amplify_mock.project.api_build import ApiSchemaError
    from transformer import TransformerError

    if isinstance(err, TransformerError):
        return err.message
    if isinstance(err, ApiSchemaError):
        return err.detail
    return None


def error_class_matches(err: BaseException, oracle_name: str) -> bool:
    """The oracle's error class names ours must share (plain `Error`/`GraphQLError` map to
    the root TransformerError or the schema reader's error)."""
    return oracle_name not in ORACLE_ERROR_CLASSES or type(err).__name__ == oracle_name


def load_known_gaps() -> dict[tuple[str, str], str]:
    path = GOLDEN_DIR.parent / "known_gaps.json"
    data: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    return {tuple(key.split("|", 1)): reason for key, reason in data.items()}  # type: ignore[misc]


# ---- schema --------------------------------------------------------------------------------
def _type_str(node: ast.TypeNode) -> str:
    return print_ast(node)


def _directives(node: Any) -> list[str]:
    return sorted(print_ast(d) for d in getattr(node, "directives", None) or ())


def _input_values(values: Any) -> dict[str, Any]:
    return {
        v.name.value: {
            "type": _type_str(v.type),
            "default": print_ast(v.default_value) if v.default_value is not None else None,
            "directives": _directives(v),
        }
        for v in values or ()
    }


def _normal_definition(node: Any) -> dict[str, Any]:
    kind = type(node).__name__.removesuffix("Node")
    out: dict[str, Any] = {"kind": kind, "directives": _directives(node)}
    if isinstance(node, (ast.ObjectTypeDefinitionNode, ast.InterfaceTypeDefinitionNode)):
        out["interfaces"] = sorted(i.name.value for i in node.interfaces or ())
        out["fields"] = {
            f.name.value: {
                "type": _type_str(f.type),
                "args": _input_values(f.arguments),
                "directives": _directives(f),
            }
            for f in node.fields or ()
        }
    elif isinstance(node, ast.InputObjectTypeDefinitionNode):
        out["fields"] = _input_values(node.fields)
    elif isinstance(node, ast.EnumTypeDefinitionNode):
        out["values"] = sorted(v.name.value for v in node.values or ())
    elif isinstance(node, ast.UnionTypeDefinitionNode):
        out["types"] = sorted(t.name.value for t in node.types or ())
    return out


def normal_schema(sdl: str) -> dict[str, Any]:
    """Type name -> a comparable description; `schema` -> operation -> root type name."""
    document = parse(sdl, no_location=True)
    out: dict[str, Any] = {}
    for definition in document.definitions:
        if isinstance(definition, ast.SchemaDefinitionNode):
            out["schema"] = {
                op.operation.value: op.type.name.value for op in definition.operation_types
            }
        elif isinstance(definition, ast.TypeDefinitionNode):
            out[definition.name.value] = _normal_definition(definition)
    return out


def schema_differences(expected_sdl: str, actual_sdl: str) -> list[str]:
    return _limit(json_differences(normal_schema(expected_sdl), normal_schema(actual_sdl)))


# ---- JSON / stacks -------------------------------------------------------------------------
def json_differences(expected: Any, actual: Any, path: str = "$") -> Iterator[str]:
    """Every place two JSON values differ, as `path: expected ... got ...`."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in expected.keys() - actual.keys():
            yield f"{path}.{key}: missing (expected {_short(expected[key])})"
        for key in actual.keys() - expected.keys():
            yield f"{path}.{key}: unexpected {_short(actual[key])}"
        for key in expected.keys() & actual.keys():
            yield from json_differences(expected[key], actual[key], f"{path}.{key}")
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            yield (
                f"{path}: expected {len(expected)} items {_short(expected)}, "
                f"got {len(actual)} {_short(actual)}"
            )
            return
        for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
            yield from json_differences(left, right, f"{path}[{index}]")
    elif expected != actual or type(expected) is not type(actual):
        yield f"{path}: expected {_short(expected)}, got {_short(actual)}"


def _short(value: Any, limit: int = 160) -> str:
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _limit(differences: Iterator[str] | list[str]) -> list[str]:
    out = []
    for difference in differences:
        out.append(difference)
        if len(out) >= MAX_DIFFERENCES:
            out.append("... (more differences)")
            break
    return sorted(out)


_UNORDERED_KEYS = {
    "AttributeDefinitions",
    "GlobalSecondaryIndexes",
    "LocalSecondaryIndexes",
    "DependsOn",
}


def normal_template(value: Any, key: str | None = None) -> Any:
    """CloudFormation JSON with the order-insignificant lists sorted."""
    if isinstance(value, dict):
        return {k: normal_template(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [normal_template(v) for v in value]
        if key in _UNORDERED_KEYS:
            items.sort(key=lambda item: json.dumps(item, sort_keys=True))
        return items
    if key == "DependsOn" and isinstance(value, str):
        return [value]
    return value


def _stack_files(build: Path) -> dict[str, Path]:
    files = {"cloudformation-template.json": build / "cloudformation-template.json"}
    stacks = build / "stacks"
    if stacks.is_dir():
        files.update({f"stacks/{p.name}": p for p in sorted(stacks.glob("*.json"))})
    return {k: v for k, v in files.items() if v.exists()}


def stack_differences(expected_build: Path, actual_build: Path) -> list[str]:
    expected_files = _stack_files(expected_build)
    actual_files = _stack_files(actual_build)
    differences: list[str] = []
    for name in sorted(expected_files.keys() - actual_files.keys()):
        differences.append(f"{name}: missing")
    for name in sorted(actual_files.keys() - expected_files.keys()):
        differences.append(f"{name}: unexpected")
    for name in sorted(expected_files.keys() & actual_files.keys()):
        expected = normal_template(json.loads(expected_files[name].read_text()))
        actual = normal_template(json.loads(actual_files[name].read_text()))
        differences.extend(f"{name} {d}" for d in json_differences(expected, actual))
    return _limit(differences)


# ---- mapping templates ---------------------------------------------------------------------
def _template_files(build: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for folder in ("resolvers", "pipelineFunctions"):
        directory = build / folder
        if directory.is_dir():
            files.update({f"{folder}/{p.name}": p for p in sorted(directory.glob("*.vtl"))})
    return files


def find_vtl_render() -> Callable[..., Any] | None:
    """`resolvers.vtl.render` once the VTL runtime exists, else None."""
    try:
        module = importlib.import_module("resolvers.vtl")
    except ImportError:
        return None
    render = getattr(module, "render", None)
    return render if callable(render) else None


def template_differences(expected_build: Path, actual_build: Path) -> list[str]:
    expected_files = _template_files(expected_build)
    actual_files = _template_files(actual_build)
    differences: list[str] = []
    for name in sorted(expected_files.keys() - actual_files.keys()):
        differences.append(f"{name}: missing")
    for name in sorted(actual_files.keys() - expected_files.keys()):
        differences.append(f"{name}: unexpected")
    render = find_vtl_render()
    schema = _SchemaSamples(expected_build / "schema.graphql")
    for name in sorted(expected_files.keys() & actual_files.keys()):
        expected = expected_files[name].read_text()
        actual = actual_files[name].read_text()
        if expected == actual:
            continue
        if render is None:
            differences.append(f"{name}: differs (no VTL runtime to compare renders)")
            continue
        for label, context in schema.contexts(name):
            left = render_outcome(render, expected, context, name)
            right = render_outcome(render, actual, context, name)
            if left != right:
                differences.append(
                    f"{name} [{label}]: rendered {_short(right, 300)}, "
                    f"oracle template renders {_short(left, 300)}"
                )
                break
    return _limit(differences)


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_NOW_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")


def _normal_text(text: str) -> Any:
    text = _NOW_ISO.sub("<time>", _UUID.sub("<uuid>", text))
    try:
        return json.loads(text)
    except ValueError:
        return " ".join(text.split())


def render_outcome(
    render: Callable[..., Any], template: str, context: Mapping[str, Any], name: str
) -> Any:
    """What a template does in one context, in a form two templates can be compared by."""
    try:
        result = render(template, json.loads(json.dumps(context)), file_name=name)
    except Exception as err:
        return {"raised": type(err).__name__, "message": _normal_text(str(err))}
    outcome: dict[str, Any] = {"text": _normal_text(result.text)}
    if result.is_return:
        outcome["return"] = _normal_text(json.dumps(result.return_value, default=str))
    if result.errors:
        outcome["errors"] = [_normal_text(str(e)) for e in result.errors]
    return outcome


# ---- sample contexts -----------------------------------------------------------------------
_SCALAR_SAMPLES: dict[str, Any] = {
    "ID": "id-1",
    "String": "text-1",
    "Int": 7,
    "Float": 2.5,
    "Boolean": True,
    "AWSDate": "2024-01-02",
    "AWSTime": "12:30:00.000Z",
    "AWSDateTime": "2024-01-02T03:04:05.000Z",
    "AWSTimestamp": 1704164645,
    "AWSEmail": "alice@example.com",
    "AWSJSON": '{"a":1}',
    "AWSURL": "https://example.com/a",
    "AWSPhone": "+15555550100",
    "AWSIPAddress": "127.0.0.1",
}

USER_POOL_IDENTITY = {
    "sub": "sub-alice",
    "issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool",
    "username": "alice",
    "sourceIp": ["127.0.0.1"],
    "defaultAuthStrategy": "ALLOW",
    "groups": ["Admin"],
    "claims": {
        "sub": "sub-alice",
        "cognito:username": "alice",
        "cognito:groups": ["Admin", "Editors"],
        "email": "alice@example.com",
        "username": "alice",
        "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool",
        "groups": ["Admin"],
        "custom:roles": ["Auditors"],
        "roles": ["Admin"],
    },
}
OIDC_IDENTITY = {
    "sub": "sub-bob",
    "issuer": "https://oidc.oracle.test/",
    "claims": {"sub": "sub-bob", "iss": "https://oidc.oracle.test/", "groups": ["Staff"]},
}
IAM_IDENTITY = {
    "accountId": "123456789012",
    "cognitoIdentityPoolId": "us-east-1:pool",
    "cognitoIdentityId": "us-east-1:identity",
    "sourceIp": ["127.0.0.1"],
    "username": "AROAEXAMPLE:CognitoIdentityCredentials",
    "userArn": "arn:aws:sts::123456789012:assumed-role/amplify-authRole/CognitoIdentityCredentials",
    "cognitoIdentityAuthType": "authenticated",
    "cognitoIdentityAuthProvider": "cognito-idp.us-east-1.amazonaws.com/us-east-1_pool",
}


class _SchemaSamples:
    """Sample arguments / sources from the oracle's generated schema, per resolver file."""

    def __init__(self, schema_path: Path) -> None:
        self.types: dict[str, Any] = {}
        if schema_path.exists():
            for definition in parse(schema_path.read_text(), no_location=True).definitions:
                if isinstance(definition, ast.TypeDefinitionNode):
                    self.types[definition.name.value] = definition

    def _value(self, type_node: ast.TypeNode, depth: int) -> Any:
        if isinstance(type_node, ast.NonNullTypeNode):
            return self._value(type_node.type, depth)
        if isinstance(type_node, ast.ListTypeNode):
            return [self._value(type_node.type, depth)]
        name = type_node.name.value  # type: ignore[attr-defined]
        if name in _SCALAR_SAMPLES:
            return _SCALAR_SAMPLES[name]
        node = self.types.get(name)
        if isinstance(node, ast.EnumTypeDefinitionNode):
            return node.values[0].name.value if node.values else None
        if isinstance(node, ast.InputObjectTypeDefinitionNode):
            if depth > 1:
                return None
            out = {}
            for field in node.fields or ():
                if field.name.value in ("and", "or", "not") and depth > 0:
                    continue
                if field.name.value == "between":
                    out["between"] = [self._value(field.type, depth + 1)[0]] * 2
                    continue
                value = self._value(field.type, depth + 1)
                if value is not None:
                    out[field.name.value] = value
            return out
        if isinstance(node, (ast.ObjectTypeDefinitionNode, ast.InterfaceTypeDefinitionNode)):
            if depth > 0:
                return None
            return {
                f.name.value: v
                for f in node.fields or ()
                if (v := self._value(f.type, depth + 1)) is not None
            }
        return "text-1"

    def _field(self, type_name: str, field_name: str) -> ast.FieldDefinitionNode | None:
        node = self.types.get(type_name)
        for field in getattr(node, "fields", None) or ():
            if field.name.value == field_name:
                return field  # type: ignore[no-any-return]
        return None

    def contexts(self, file_name: str) -> list[tuple[str, dict[str, Any]]]:
        base = file_name.split("/", 1)[1]
        parts = base.split(".")
        type_name, field_name = (parts[0], parts[1]) if len(parts) >= 4 else ("Query", "x")
        field = self._field(type_name, field_name)
        arguments = (
            {a.name.value: self._value(a.type, 0) for a in field.arguments or ()} if field else {}
        )
        source = self._value(ast.NamedTypeNode(name=ast.NameNode(value=type_name)), 0)
        source = source if isinstance(source, dict) else {}
        result: Any = self._value(field.type, 0) if field else {"id": "id-1"}
        if isinstance(result, list):
            result = {"items": result, "nextToken": None}
        elif isinstance(result, dict) and "items" in result:
            result = {"items": result["items"] or [], "nextToken": "token-1"}
        contexts = []
        for label, identity, args in (
            ("userPools/full", USER_POOL_IDENTITY, arguments),
            ("userPools/empty", USER_POOL_IDENTITY, {}),
            ("apiKey/full", None, arguments),
            ("iam/full", IAM_IDENTITY, arguments),
            ("oidc/full", OIDC_IDENTITY, arguments),
        ):
            contexts.append(
                (
                    label,
                    {
                        "arguments": args,
                        "args": args,
                        "identity": identity,
                        "source": source,
                        "result": result,
                        "prev": {"result": result},
                        "stash": {},
                        "request": {"headers": {"x-api-key": "da2-fake"}},
                        "info": {
                            "fieldName": field_name,
                            "parentTypeName": type_name,
                            "variables": {},
                            "selectionSetList": ["id"],
                            "selectionSetGraphQL": "{ id }",
                        },
                        "error": None,
                    },
                )
            )
        return contexts


@functools.cache
def cases_by_name() -> dict[str, GoldenCase]:
    return {case.name: case for case in load_cases()}
