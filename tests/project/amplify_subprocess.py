"""Run the installed `amplify` command in a project folder (no chdir in the test process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def amplify_env(home: Path) -> dict[str, str]:
    return {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
    }


def amplify(
    cwd: Path, home: Path, *args: str, stdin: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ["amplify", *args],
        cwd=cwd,
        env=amplify_env(home),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, (
            f"amplify {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        )
    return result
