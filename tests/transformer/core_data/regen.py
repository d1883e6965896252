"""Regenerate the expected builds under core_data/ with the real v1 transformer (the oracle).

Run explicitly (never from tests): `python tests/transformer/core_data/regen.py [CASE...]`.
Needs the oracle harness at $AMPLIFY_ORACLE (default ../shared/oracle from the repository root)
with node_modules.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
ORACLE = Path(
    os.environ.get("AMPLIFY_ORACLE") or HERE.resolve().parents[2].parent / "shared" / "oracle"
)
KEEP = (
    "schema.graphql",
    "resolvers",
    "pipelineFunctions",
    "stacks",
    "cloudformation-template.json",
)


def regen(case_dir: Path) -> None:
    config = json.loads((case_dir / "config.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build"
        command = [
            "node",
            str(ORACLE / "transform.js"),
            str(case_dir / "input.graphql"),
            str(out),
            "--preset",
            config.get("preset", "cli"),
            "--now",
            "2024-01-01T00:00:00Z",
            "--quiet",
            "--auth-config",
            json.dumps(config["authConfig"]),
            "--feature-flags",
            json.dumps(config.get("featureFlags", {})),
        ]
        if "transformConfig" in config:
            command += ["--transform-config", json.dumps(config["transformConfig"])]
        subprocess.run(command, check=True)
        target = case_dir / "build"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        for name in KEEP:
            source = out / name
            if source.is_dir():
                shutil.copytree(source, target / name)
            elif source.exists():
                shutil.copyfile(source, target / name)


if __name__ == "__main__":
    names = sys.argv[1:] or sorted(p.name for p in HERE.iterdir() if (p / "config.json").exists())
    for name in names:
        regen(HERE / name)
        print("regenerated", name)
