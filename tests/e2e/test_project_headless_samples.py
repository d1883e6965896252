"""The Amplify docs' headless sample scripts, run unchanged with bash against `amplify`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project.amplify_subprocess import amplify

SAMPLES = Path(__file__).resolve().parent.parent / "project" / "data" / "headless"

pytestmark = pytest.mark.e2e


def run_sample(name: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        ["bash", str(SAMPLES / name)], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def app(tmp_path: Path) -> Path:
    path = tmp_path / "app"
    path.mkdir()
    return path


def _json(path: Path) -> dict[str, object]:
    return dict(json.loads(path.read_text()))


def test_sample_init(app: Path, home: Path) -> None:
    result = run_sample("init.sh", app, home)
    assert result.returncode == 0, result.stderr
    config = _json(app / "amplify/.config/project-config.json")
    assert config["projectName"] == "headlessProjectName"
    assert config["javascript"] == {
        "framework": "react",
        "config": {
            "SourceDir": "src",
            "DistributionDir": "build",
            "BuildCommand": "npm run-script build",
            "StartCommand": "npm run-script start",
        },
    }
    assert _json(app / "amplify/.config/local-env-info.json")["envName"] == "myenvname"
    assert _json(app / "amplify/.config/local-env-info.json")["defaultEditor"] == "code"
    aws_info = _json(app / "amplify/.config/local-aws-info.json")["myenvname"]
    assert isinstance(aws_info, dict)
    keys = _json(Path(aws_info["awsConfigFilePath"]))
    assert keys == {
        "accessKeyId": "headlessaccesskeyid",
        "secretAccessKey": "headlesssecrectaccesskey",
        "region": "us-east-1",
    }
    team = _json(app / "amplify/team-provider-info.json")
    assert list(team) == ["myenvname"]
    assert (app / "amplify/backend/backend-config.json").is_file()
    assert (app / "amplify/backend/amplify-meta.json").is_file()
    assert (app / "amplify/#current-cloud-backend/amplify-meta.json").is_file()
    assert (app / "src/aws-exports.js").is_file()


def test_sample_configure_project(app: Path, home: Path) -> None:
    assert run_sample("init.sh", app, home).returncode == 0
    (app / "amplify/.config/project-config.json").write_text(
        json.dumps({**_json(app / "amplify/.config/project-config.json"), "projectName": "old"})
    )
    result = run_sample("configure_project.sh", app, home)
    assert result.returncode == 0, result.stderr
    assert (
        _json(app / "amplify/.config/project-config.json")["projectName"] == "headlessProjectName"
    )
    assert "Successfully made configuration changes" in result.stdout


def test_sample_env_import(app: Path, home: Path) -> None:
    """The sample imports a stack a teammate deployed: refused while it does not exist."""
    from amplify_mock.cloud.local import LocalCloud

    assert run_sample("init.sh", app, home).returncode == 0
    refused = run_sample("env_import.sh", app, home)
    assert refused.returncode == 1
    assert (
        "The root stack 'mytestproject-20181106123241' of environment 'dev' does not exist in "
        "the local cloud." in refused.stderr
    )
    teammate = LocalCloud(home / ".amplify" / "local-cloud")
    role = {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "mytestproject-authRole"}}
    teammate.deploy_stack("mytestproject-20181106123241", {"Resources": {"Role": role}}, {})
    result = run_sample("env_import.sh", app, home)
    assert result.returncode == 0, result.stderr
    team = _json(app / "amplify/team-provider-info.json")
    assert list(team) == ["myenvname", "dev"]
    dev = team["dev"]
    assert isinstance(dev, dict)
    assert dev["awscloudformation"]["StackName"] == "mytestproject-20181106123241"
    assert _json(app / "amplify/.config/local-aws-info.json")["dev"] == {
        "configLevel": "project",
        "useProfile": True,
        "profileName": "default",
    }


ADD_API = json.dumps(
    {
        "version": 1,
        "serviceConfiguration": {
            "serviceName": "AppSync",
            "apiName": "headlessapi",
            "transformSchema": "type Todo @model {\n  id: ID!\n  name: String!\n}\n",
            "defaultAuthType": {"mode": "API_KEY"},
        },
    }
)


def test_sample_push_with_codegen(app: Path, home: Path) -> None:
    assert run_sample("init.sh", app, home).returncode == 0
    amplify(app, home, "add", "api", "--headless", stdin=ADD_API)
    result = run_sample("push_codegen.sh", app, home)
    assert result.returncode == 0, result.stderr
    for name in ("queries.js", "mutations.js", "subscriptions.js"):
        assert (app / "src/graphql" / name).is_file()
    assert "export const listTodos" in (app / "src/graphql/queries.js").read_text()
    config = (app / ".graphqlconfig.yml").read_text()
    assert "schemaPath: amplify/backend/api/headlessapi/build/schema.graphql" in config
    assert "codeGenTarget: javascript" in config
    meta = _json(app / "amplify/backend/amplify-meta.json")
    api = meta["api"]
    assert isinstance(api, dict)
    assert api["headlessapi"]["output"]["GraphQLAPIKeyOutput"].startswith("da2-")


def test_sample_pull_into_new_folder(tmp_path: Path, home: Path) -> None:
    origin = tmp_path / "origin"
    origin.mkdir()
    amplify(
        origin,
        home,
        "init",
        "--amplify",
        '{"projectName":"origin","envName":"myenvname","appId":"amplifyServiceProjectAppId"}',
        "--yes",
    )
    amplify(origin, home, "add", "api", "--headless", stdin=ADD_API)
    amplify(origin, home, "push", "--yes")
    clone = tmp_path / "clone"
    clone.mkdir()
    result = run_sample("pull.sh", clone, home)
    assert result.returncode == 0, result.stderr
    assert _json(clone / "amplify/.config/local-env-info.json")["envName"] == "myenvname"
    assert _json(clone / "amplify/.config/project-config.json")["projectName"] == (
        "headlessProjectName"
    )
    assert (clone / "amplify/backend/api/headlessapi/schema.graphql").is_file()
    origin_team = _json(origin / "amplify/team-provider-info.json")
    assert _json(clone / "amplify/team-provider-info.json") == {
        "myenvname": {"awscloudformation": origin_team["myenvname"]["awscloudformation"]}  # type: ignore[index]
    }
    exports = (clone / "src/aws-exports.js").read_text()
    assert exports == (origin / "src/aws-exports.js").read_text()
    status = amplify(clone, home, "status").stdout
    assert "No Change" in status


def test_sample_pull_refreshes_initialized_project(app: Path, home: Path) -> None:
    assert run_sample("init.sh", app, home).returncode == 0
    result = amplify(app, home, "pull")
    assert "Pulled environment 'myenvname' from the cloud." in result.stdout
