"""The transform result and the Amplify CLI `build/` layout it is written in."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["ROOT_STACK_FILE_NAME", "DeploymentResources", "dump_json", "write_build"]

ROOT_STACK_FILE_NAME = "cloudformation-template.json"


@dataclass
class DeploymentResources:
    """Everything `amplify api gql-compile` writes: the AppSync schema, mapping templates
    by file name, the root stack and nested stacks by name (without `.json`)."""

    schema: str
    resolvers: dict[str, str]
    pipeline_functions: dict[str, str]
    functions: dict[str, Any]
    root_stack: dict[str, Any]
    stacks: dict[str, dict[str, Any]]
    stack_mapping: dict[str, str] = field(default_factory=dict)


def dump_json(value: Any) -> str:
    """JSON as the CLI writes it (`JSON.stringify(value, null, 4)`)."""
    return json.dumps(value, indent=4, ensure_ascii=False)


def write_build(
    resources: DeploymentResources,
    out_dir: Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    root_stack_file_name: str = ROOT_STACK_FILE_NAME,
) -> None:
    """Empty `out_dir`, then write schema.graphql, resolvers/, pipelineFunctions/, stacks/,
    functions/, the root stack and parameters.json (the build parameters, e.g. the S3
    deployment bucket and root key)."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        for child in out_dir.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "schema.graphql").write_text(resources.schema, encoding="utf-8")
    for folder, files in (
        ("resolvers", resources.resolvers),
        ("pipelineFunctions", resources.pipeline_functions),
    ):
        (out_dir / folder).mkdir(exist_ok=True)
        for name, text in files.items():
            (out_dir / folder / name).write_text(text, encoding="utf-8")
    (out_dir / "stacks").mkdir(exist_ok=True)
    for name, stack in resources.stacks.items():
        file_name = name if "." in name else f"{name}.json"
        text = stack if isinstance(stack, str) else dump_json(stack)
        (out_dir / "stacks" / file_name).write_text(text, encoding="utf-8")
    (out_dir / "functions").mkdir(exist_ok=True)
    for name, source in resources.functions.items():
        if source is not None:
            shutil.copyfile(source, out_dir / "functions" / name)
    (out_dir / root_stack_file_name).write_text(dump_json(resources.root_stack), encoding="utf-8")
    (out_dir / "parameters.json").write_text(dump_json(dict(parameters or {})), encoding="utf-8")
