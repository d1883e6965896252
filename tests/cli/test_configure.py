"""`amplify configure`, `configure project`, `plugin`, `awscloudformation reset-cache`."""

from __future__ import annotations

import configparser
import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from amplify_mock.cli.main import cli
from tests.cli.conftest import run_ok


def test_configure_writes_profile(isolated_home: Path) -> None:
    run_ok("configure", stdin="eu-west-1\nAKIDNEW\nsecretnew\namplifyprofile\n")
    config = configparser.ConfigParser()
    config.read(isolated_home / ".aws/config")
    assert config.get("profile amplifyprofile", "region") == "eu-west-1"
    credentials = configparser.ConfigParser()
    credentials.read(isolated_home / ".aws/credentials")
    assert credentials.get("amplifyprofile", "aws_access_key_id") == "AKIDNEW"


def test_configure_project_switches_frontend(initialized: Path) -> None:
    run_ok(
        "configure",
        "project",
        "--frontend",
        '{"frontend":"android","config":{"ResDir":"app/src/main/res"}}',
        "--yes",
    )
    config = json.loads((initialized / "amplify/.config/project-config.json").read_text())
    assert config["frontend"] == "android"
    assert (initialized / "app/src/main/res/raw/awsconfiguration.json").is_file()


def test_configure_project_outside_project(app_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["configure", "project", "--yes"])
    assert result.exit_code == 1
    assert f"No Amplify project found in {app_dir}." in result.output


def test_plugin_scan_add_list_remove(tmp_path: Path, isolated_home: Path) -> None:
    assert "Found" in run_ok("plugin", "scan")
    plugins = json.loads((isolated_home / ".amplify/plugins.json").read_text())
    assert "awscloudformation" in plugins["plugins"]
    folder = tmp_path / "amplify-category-extra"
    folder.mkdir()
    (folder / "amplify-plugin.json").write_text(
        json.dumps({"name": "extra", "type": "category", "commands": ["add"]})
    )
    assert "Added category plugin 'extra'." in run_ok("plugin", "add", str(folder))
    assert "extra" in run_ok("plugin", "list")
    run_ok("plugin", "remove", "extra")
    assert "extra " not in run_ok("plugin", "list")


def test_plugin_add_bad_type(tmp_path: Path) -> None:
    (tmp_path / "amplify-plugin.json").write_text(json.dumps({"name": "x", "type": "widget"}))
    result = CliRunner().invoke(cli, ["plugin", "add", str(tmp_path)])
    assert result.exit_code == 1
    assert "has type 'widget'; types: category, provider, frontend, util." in result.output


def test_reset_cache_removes_project_profiles(initialized: Path, isolated_home: Path) -> None:
    cache = isolated_home / ".amplify/awscloudformation/cache.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"default": {"k": {}}, "other": {"k": {}}}))
    assert "Removed cached credentials of default" in run_ok("aws", "reset-cache")
    assert json.loads(cache.read_text()) == {"other": {"k": {}}}
    assert "No cached credentials" in run_ok("awscloudformation", "reset-cache")


def test_init_app_clones_sample(tmp_path: Path, app_dir: Path) -> None:
    sample = tmp_path / "sample"
    (sample / "amplify/.config").mkdir(parents=True)
    (sample / "amplify/backend").mkdir(parents=True)
    (sample / "amplify/.config/project-config.json").write_text(
        json.dumps(
            {
                "projectName": "sampleapp",
                "frontend": "javascript",
                "javascript": {"framework": "react", "config": {}},
            }
        )
    )
    (sample / "amplify/backend/backend-config.json").write_text("{}")
    subprocess.run(["git", "init", "-q", str(sample)], check=True)
    subprocess.run(["git", "-C", str(sample), "add", "."], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(sample),
            "-c",
            "user.email=t@t",
            "-c",
            "user.name=t",
            "commit",
            "-qm",
            "s",
        ],
        check=True,
    )
    output = run_ok("init", "--app", sample.as_uri())
    assert "project 'sampleapp'" in output
    assert "Sample app resources provisioned." in output
    assert (app_dir / "amplify/team-provider-info.json").is_file()


def test_init_app_needs_empty_dir(app_dir: Path) -> None:
    (app_dir / "file.txt").write_text("x")
    result = CliRunner().invoke(cli, ["init", "--app", "https://example.invalid/repo.git"])
    assert result.exit_code == 1
    assert (
        f"Cannot use the sample app: {app_dir} is not empty; --app needs an empty directory."
        in result.output
    )


def test_plugin_scan_finds_entry_points(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    site = tmp_path / "site"
    dist = site / "amplify_hello-1.2.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: amplify-hello\nVersion: 1.2.0\n")
    (dist / "entry_points.txt").write_text(
        "[amplify_mock.plugins]\namplify-util-hello = amplify_hello_plugin:MANIFEST\n"
    )
    (site / "amplify_hello_plugin.py").write_text(
        'MANIFEST = {"name": "hello", "type": "util", "commands": ["hello"]}\n'
    )
    monkeypatch.syspath_prepend(str(site))
    run_ok("plugin", "scan")
    assert "hello                util       amplify-util-hello" in run_ok("plugin", "list")


def test_plugin_list_rescans_after_a_day(isolated_home: Path) -> None:
    import datetime as dt

    from amplify_mock.project.plugins import list_plugins, plugins_file, scan_plugins

    scan_plugins()
    data = json.loads(plugins_file().read_text())
    data["lastScanTime"] = "2000-01-01T00:00:00+00:00"
    plugins_file().write_text(json.dumps(data))
    list_plugins()
    rescanned = json.loads(plugins_file().read_text())["lastScanTime"]
    assert dt.datetime.fromisoformat(rescanned).year > 2000


def test_plugin_list_scans_when_plugins_json_is_missing(isolated_home: Path) -> None:
    from amplify_mock.project.plugins import list_plugins, plugins_file

    assert not plugins_file().exists()
    assert "awscloudformation" in list_plugins()
    assert "lastScanTime" in json.loads(plugins_file().read_text())


def test_configure_project_interactive(initialized: Path) -> None:
    answers = "\n".join(["renamed", "ios", "n"]) + "\n"
    output = run_ok("configure", "project", stdin=answers)
    assert "Successfully made configuration changes to your project." in output
    config = json.loads((initialized / "amplify/.config/project-config.json").read_text())
    assert (config["projectName"], config["frontend"]) == ("renamed", "ios")
    assert (initialized / "amplifyconfiguration.json").is_file()


def test_plugin_deleted_folder_is_dropped(tmp_path: Path, isolated_home: Path) -> None:
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "amplify-plugin.json").write_text(json.dumps({"name": "extra", "type": "util"}))
    run_ok("plugin", "add", str(folder))
    assert "extra " in run_ok("plugin", "list")
    (folder / "amplify-plugin.json").unlink()
    assert "extra " not in run_ok("plugin", "list")
    data = json.loads((isolated_home / ".amplify/plugins.json").read_text())
    assert data["userAddedLocations"] == []


def test_plugin_configure_headless_and_interactive(tmp_path: Path, isolated_home: Path) -> None:
    plugins_dir = tmp_path / "plugins"
    package = plugins_dir / "myco-tool"
    package.mkdir(parents=True)
    (package / "amplify-plugin.json").write_text(
        json.dumps({"name": "tool", "type": "util", "commands": ["go"]})
    )
    output = run_ok(
        "plugin", "configure", "--add-dir", str(plugins_dir), "--prefix", "myco-",
        "--scan-interval", "60",
    )  # fmt: skip
    assert f"Plugin directories: global-node-modules, {plugins_dir}" in output
    assert "Plugin prefixes: myco-" in output
    assert "tool                 util       myco-tool" in run_ok("plugin", "list")
    interactive = run_ok("plugin", "configure", stdin="\namplify-\n3600\n")
    assert "Add a plugin directory (empty: none):" in interactive
    assert "Max scan interval: 3600 seconds" in interactive
    assert "tool " not in run_ok("plugin", "list")  # prefix amplify- again
    bad = CliRunner().invoke(cli, ["plugin", "configure", "--add-dir", str(tmp_path / "nope")])
    assert bad.exit_code == 1
    assert f"Plugin directory {tmp_path / 'nope'} is not a folder." in bad.output


def test_plugin_init_interactive_writes_a_runnable_skeleton(app_dir: Path) -> None:
    output = run_ok("plugin", "init", stdin="demo\ncategory\nPrePush,PostPull\n")
    assert "What should be the name of the plugin [my-plugin]:" in output
    assert "Added plugin 'demo'." in output
    folder = app_dir / "amplify-demo"
    manifest = json.loads((folder / "amplify-plugin.json").read_text())
    assert manifest == {
        "name": "demo",
        "type": "category",
        "commands": ["help", "version"],
        "eventHandlers": ["PrePush", "PostPull"],
    }
    assert (folder / "event-handlers/handle-PostPull.js").is_file()
    result = CliRunner().invoke(cli, ["demo", "version"])
    assert result.exit_code == 0, result.output
    bad = CliRunner().invoke(cli, ["plugin", "init", "--name", "Bad Name"])
    assert bad.exit_code == 1
    assert "Invalid plugin name 'Bad Name'" in bad.output
