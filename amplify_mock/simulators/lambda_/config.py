"""A function's runtime settings read from its folder and CloudFormation template."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from amplify_mock.simulators.lambda_.errors import (
    FunctionConfigError,
    FunctionNotFoundError,
    UnsupportedRuntimeError,
)
from amplify_mock.simulators.lambda_.intrinsics import (
    CfnContext,
    UnresolvedValueError,
    resolve_value,
)
from amplify_mock.simulators.lambda_.parameters import read_json

__all__ = [
    "DEFAULT_MEMORY_MB",
    "FunctionConfig",
    "Language",
    "function_dir",
    "list_functions",
    "load_function_config",
    "template_path",
]

LOG = logging.getLogger(__name__)

Language = Literal["nodejs", "python"]

DEFAULT_MEMORY_MB = 128

#: `amplify mock` decides these conditions instead of evaluating them (no env resources locally).
MOCK_CONDITIONS: Mapping[str, bool] = {"ShouldNotCreateEnvResources": True}


@dataclass(frozen=True)
class FunctionConfig:
    """Everything needed to start a function's worker, resolved against the project."""

    name: str
    function_dir: Path
    src_dir: Path
    language: Language
    runtime: str
    handler: str
    timeout: int | None
    memory_size: int
    environment: dict[str, str] = field(default_factory=dict)
    deployed_name: str = ""


def functions_root(project_root: Path) -> Path:
    return project_root / "amplify" / "backend" / "function"


def function_dir(project_root: Path, name: str) -> Path:
    return functions_root(project_root) / name


def list_functions(project_root: Path) -> list[str]:
    """The function folders of the project that have a `src/` folder, sorted."""
    root = functions_root(project_root)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "src").is_dir())


def template_path(project_root: Path, name: str) -> Path:
    return function_dir(project_root, name) / f"{name}-cloudformation-template.json"


def load_function_config(
    project_root: Path,
    name: str,
    parameters: Mapping[str, Any],
    *,
    exports: Mapping[str, Any] | None = None,
) -> FunctionConfig:
    """Read `name`'s template and resolve its handler, runtime, timeout and environment.

    Without a template, `src/index.js` or `src/index.py` with handler `index.handler` is
    assumed, so hand-made layouts run too.

    :raises FunctionNotFoundError: no such function folder.
    :raises FunctionConfigError: the template is not JSON or has no Lambda function/handler.
    :raises UnsupportedRuntimeError: a runtime other than nodejs* / python*.
    """
    folder = function_dir(project_root, name)
    if not folder.is_dir():
        raise FunctionNotFoundError(name, folder, list_functions(project_root))
    src = folder / "src"
    path = template_path(project_root, name)
    if not path.exists():
        return _config_without_template(name, folder, src)
    template = read_json(path)
    if not isinstance(template, dict):
        raise FunctionConfigError(name, path, "is not a JSON CloudFormation template")
    resources = template.get("Resources")
    function = None
    if isinstance(resources, dict):
        function = next(
            (
                r
                for r in resources.values()
                if isinstance(r, dict) and r.get("Type") == "AWS::Lambda::Function"
            ),
            None,
        )
    if function is None:
        raise FunctionConfigError(name, path, "has no AWS::Lambda::Function resource")
    properties = function.get("Properties") or {}
    ctx = CfnContext(
        parameters=_with_template_defaults(template, parameters),
        conditions=MOCK_CONDITIONS,
        exports=exports if exports is not None else {},
        condition_definitions=template.get("Conditions") or {},
    )
    handler = _resolve(name, path, "Handler", properties.get("Handler"), ctx)
    if not handler:
        raise FunctionConfigError(
            name, path, f"could not parse the handler for {name} (no Properties.Handler)"
        )
    runtime = str(_resolve(name, path, "Runtime", properties.get("Runtime"), ctx) or "")
    language = _language(name, runtime, path, src)
    timeout = _resolve(name, path, "Timeout", properties.get("Timeout"), ctx)
    memory = _resolve(name, path, "MemorySize", properties.get("MemorySize"), ctx)
    deployed = _resolve(name, path, "FunctionName", properties.get("FunctionName"), ctx)
    variables = (properties.get("Environment") or {}).get("Variables") or {}
    return FunctionConfig(
        name=name,
        function_dir=folder,
        src_dir=src,
        language=language,
        runtime=runtime,
        handler=str(handler),
        timeout=int(timeout) if timeout not in (None, "") else None,
        memory_size=int(memory) if memory not in (None, "") else DEFAULT_MEMORY_MB,
        environment=_environment(name, path, variables, ctx),
        deployed_name=str(deployed or name),
    )


def _with_template_defaults(
    template: dict[str, Any], parameters: Mapping[str, Any]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    declared = template.get("Parameters")
    if isinstance(declared, dict):
        for key, spec in declared.items():
            if isinstance(spec, dict) and "Default" in spec:
                values[key] = spec["Default"]
    values.update(parameters)
    return values


def _resolve(name: str, path: Path, what: str, node: Any, ctx: CfnContext) -> Any:
    try:
        return resolve_value(node, ctx)
    except UnresolvedValueError as err:
        raise FunctionConfigError(name, path, f"cannot resolve {what}: {err}") from err
    except (TypeError, ValueError, IndexError) as err:
        raise FunctionConfigError(name, path, f"malformed {what}: {err}") from err


def _environment(
    name: str, path: Path, variables: Mapping[str, Any], ctx: CfnContext
) -> dict[str, str]:
    resolved: dict[str, str] = {}
    for key, node in variables.items():
        try:
            value = resolve_value(node, ctx)
        except UnresolvedValueError as err:
            LOG.warning("Function %s: environment variable %s left unset: %s", name, key, err)
            continue
        except (TypeError, ValueError, IndexError) as err:
            raise FunctionConfigError(name, path, f"malformed Environment {key}: {err}") from err
        if value is not None:
            resolved[str(key)] = value if isinstance(value, str) else _stringify(value)
    return resolved


def _stringify(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _language(name: str, runtime: str, path: Path, src: Path) -> Language:
    if runtime.startswith("nodejs"):
        return "nodejs"
    if runtime.startswith("python"):
        return "python"
    if not runtime:
        return _guess_language(name, src, path)
    raise UnsupportedRuntimeError(name, runtime, path)


def _guess_language(name: str, src: Path, path: Path) -> Language:
    if (src / "index.py").exists() and not (src / "index.js").exists():
        return "python"
    if any((src / f"index{ext}").exists() for ext in (".js", ".mjs", ".cjs")):
        return "nodejs"
    raise FunctionConfigError(name, path, "has no Runtime and src/ has no index.js or index.py")


def _config_without_template(name: str, folder: Path, src: Path) -> FunctionConfig:
    missing = folder / f"{name}-cloudformation-template.json"
    language = _guess_language(name, src, missing)
    return FunctionConfig(
        name=name,
        function_dir=folder,
        src_dir=src,
        language=language,
        runtime="nodejs18.x" if language == "nodejs" else "python3.11",
        handler="index.handler",
        timeout=None,
        memory_size=DEFAULT_MEMORY_MB,
        deployed_name=name,
    )
