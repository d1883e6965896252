"""Third-party plugins installed as a user installs them, scanned, their commands and event
handlers run: a Node plugin (`amplify plugin init`, then `npm install -g`) found in the
global node_modules, and a Python plugin (a wheel installed with pip) found by its entry
point; uninstalling the Node plugin drops it."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

GREET = """MANIFEST = {"name": "greet", "type": "util", "commands": ["hi"],
            "commandAliases": {"hello": "hi"}, "eventHandlers": ["PostPush"]}


def execute_amplify_command(context):
    name = context.data.get("projectConfig", {}).get("projectName")
    words = " ".join(context.input["subCommands"])
    context.print.info(f"hi {words} from {name} (loud={context.input['options'].get('loud')})")


def handle_amplify_event(context, args):
    context.print.info(f"greet saw {args['event']}")
"""


def _wheel(folder: Path) -> Path:
    """amplify_greet-2.0.0-py3-none-any.whl: a module and an `amplify_mock.plugins` entry point."""
    info = "amplify_greet-2.0.0.dist-info"
    files = {
        "amplify_greet_plugin.py": GREET,
        f"{info}/METADATA": "Metadata-Version: 2.1\nName: amplify-greet\nVersion: 2.0.0\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
        "Tag: py3-none-any\n",
        f"{info}/entry_points.txt": "[amplify_mock.plugins]\n"
        "amplify-util-greet = amplify_greet_plugin:MANIFEST\n",
    }
    record = []
    for name, text in files.items():
        digest = hashlib.sha256(text.encode()).digest()
        encoded = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        record.append(f"{name},sha256={encoded},{len(text.encode())}")
    files[f"{info}/RECORD"] = "\n".join([*record, f"{info}/RECORD,,"]) + "\n"
    path = folder / "amplify_greet-2.0.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def test_node_and_python_plugins_installed_scanned_and_run(tmp_path: Path) -> None:
    home, app, site = tmp_path / "home", tmp_path / "app", tmp_path / "site"
    for folder in (home, app):
        folder.mkdir()
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "npm_config_prefix": str(tmp_path / "npm-global"),  # npm install -g goes here
        "PYTHONPATH": str(site),
    }

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            args, cwd=app, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        if check:
            assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
        return result

    run("amplify", "init", "--amplify", '{"projectName":"plugdemo","envName":"dev"}', "--yes")
    # the Node plugin: scaffolded by `amplify plugin init`, installed globally with npm
    created = run("amplify", "plugin", "init", "--name", "hello", "--type", "util",
                  "--event", "PrePush", "--no-add")  # fmt: skip
    assert "The plugin package amplify-hello has been created" in created.stdout
    manifest = json.loads((app / "amplify-hello/amplify-plugin.json").read_text())
    assert manifest["eventHandlers"] == ["PrePush"]
    shutil.move(str(app / "amplify-hello"), str(tmp_path / "amplify-hello"))
    run("npm", "install", "-g", "--no-audit", "--no-fund", str(tmp_path / "amplify-hello"))
    # the Python plugin: a wheel installed with pip
    run(sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
        str(_wheel(tmp_path)))  # fmt: skip

    assert "Found 12 plugins" in run("amplify", "plugin", "scan").stdout
    listed = run("amplify", "plugin", "list").stdout
    assert "hello                util       amplify-hello" in listed
    assert "greet                util       amplify-util-greet" in listed
    assert run("amplify", "hello", "help").stdout == "Commands of the hello plugin: help, version\n"
    assert run("amplify", "hello", "version").stdout == "1.0.0\n"
    assert run("amplify", "greet", "hi", "there", "--loud").stdout == (
        "hi there from plugdemo (loud=True)\n"
    )
    assert run("amplify", "greet", "hello").stdout == "hi  from plugdemo (loud=None)\n"
    missing = run("amplify", "hello", "nope", check=False)
    assert missing.returncode == 1
    assert "The plugin 'hello' has no command 'nope'. Commands: help, version." in missing.stderr

    # event handlers around a push, Node's before and Python's after
    run("amplify", "add", "function", "--name", "fn", "--runtime", "nodejs")
    pushed = run("amplify", "push", "--yes").stdout
    assert pushed.index("hello: handling event PrePush") < pushed.index("greet saw PostPush")

    # uninstalled: dropped at the next use, and its command is gone
    run("npm", "uninstall", "-g", "amplify-hello")
    assert "hello " not in run("amplify", "plugin", "list").stdout
    gone = run("amplify", "hello", "help", check=False)
    assert gone.returncode == 2
    assert "No such command 'hello'." in gone.stderr
