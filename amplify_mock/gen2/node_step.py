"""The one module that runs Node for Gen 2: node/load_backend.js in one process, one JSON answer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from amplify_mock.gen2.errors import (
    Gen2DefinitionError,
    Gen2DependenciesMissing,
    Gen2NodeError,
    Gen2SourceError,
)

__all__ = ["LOADER_SCRIPT", "run_loader"]

LOADER_SCRIPT = Path(__file__).resolve().parent / "node" / "load_backend.js"
#: a backend.ts that does not finish loading in this time is reported, not waited on
TIMEOUT_SECONDS = 60.0


def run_loader(project_root: Path, node_modules: Path | None = None) -> dict[str, Any]:
    """The loader's `ok` document for `project_root`.

    :raises Gen2DependenciesMissing: esbuild or @aws-amplify/data-schema is not installed.
    :raises Gen2SourceError: a syntax error or an exception while loading, with file:line:col.
    :raises Gen2DefinitionError: no amplify/backend.ts, no defineBackend(), a rejected schema.
    :raises Gen2NodeError: Node is missing, crashed or timed out.
    """
    node = shutil.which("node")
    if node is None:
        raise Gen2NodeError("`node` is not on PATH (install Node.js 20 or later)")
    modules_dir = node_modules or project_root / "node_modules"
    command = [node, "--enable-source-maps", str(LOADER_SCRIPT), str(project_root)]
    command.append(str(modules_dir))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NODE_OPTIONS")}
    try:
        done = subprocess.run(
            command,
            cwd=project_root,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise Gen2NodeError(f"loading {project_root} took over {TIMEOUT_SECONDS:.0f} s") from err
    try:
        document: dict[str, Any] = json.loads(done.stdout) if done.stdout else {}
    except json.JSONDecodeError:
        document = {}
    if "ok" in document:
        ok: dict[str, Any] = document["ok"]
        return ok
    error = document.get("error")
    if not isinstance(error, dict):
        tail = "\n".join(done.stderr.strip().splitlines()[-8:])
        raise Gen2NodeError(f"exit code {done.returncode}: {tail or 'no output'}")
    kind = error.get("kind")
    if kind == "dependencies":
        missing = [str(name) for name in error["missing"]]
        raise Gen2DependenciesMissing(project_root, missing, Path(error["modulesDir"]))
    if kind == "source":
        raise Gen2SourceError(
            Path(error["file"]), int(error["line"]), int(error["column"]), str(error["message"])
        )
    raise Gen2DefinitionError(str(error.get("message")))
