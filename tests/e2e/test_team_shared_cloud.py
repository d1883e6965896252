"""Two teammates share one environment: two clones of one git repository, two HOMEs, one
local cloud in an S3-compatible bucket served by the project's own local S3.

A inits and pushes `dev`; B clones, joins `dev` with `amplify init` and sees A's backend; B
adds a function and pushes; A pulls and sees it; when both push at once, the second gets
CloudFormation's "stack is being updated" error and the first completes.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from amplify_mock.project.project import Project
from amplify_mock.simulators.s3 import S3Settings
from tests.project.amplify_subprocess import amplify_env
from tests.simulators.s3.conftest import ThreadedS3

pytestmark = pytest.mark.e2e

TEAM_BUCKET = "team-cloud"
ADD_API_REQUEST = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "AppSync",
        "apiName": "teamapi",
        "transformSchema": "type Note @model {\n  id: ID!\n  text: String!\n}\n",
        "defaultAuthType": {"mode": "API_KEY", "expirationTime": 7},
    },
}


@pytest.fixture
def team_s3(tmp_path: Path) -> Iterator[ThreadedS3]:
    s3 = ThreadedS3(S3Settings(root=tmp_path / "s3", buckets=(TEAM_BUCKET,)))
    s3.start()
    yield s3
    s3.stop()


def run(
    cwd: Path, home: Path, *args: str, stdin: str | None = None, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env={**amplify_env(home), **(extra or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def ok(cwd: Path, home: Path, *args: str, **kwargs: Any) -> str:
    result = run(cwd, home, *args, **kwargs)
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def git(cwd: Path, home: Path, *args: str) -> str:
    return ok(cwd, home, "git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args)


def _meta(app: Path) -> dict[str, Any]:
    return dict(json.loads((app / "amplify/backend/amplify-meta.json").read_text()))


def test_two_clones_share_dev_through_an_s3_store(
    tmp_path: Path, team_s3: ThreadedS3, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = f"s3://{TEAM_BUCKET}/teamapp?endpoint={team_s3.endpoint}"
    home_a, home_b = tmp_path / "home-a", tmp_path / "home-b"
    home_a.mkdir()
    home_b.mkdir()
    app_a, app_b = tmp_path / "a" / "teamapp", tmp_path / "b" / "clone"
    app_a.mkdir(parents=True)
    app_b.parent.mkdir()

    # A: init with the team store, add an API, push, commit
    init = '{"projectName":"teamapp","envName":"dev"}'
    ok(app_a, home_a, "amplify", "init", "--amplify", init, "--yes",
       extra={"AMPLIFY_MOCK_CLOUD_STORE": store})  # fmt: skip
    config = json.loads((app_a / "amplify/.config/project-config.json").read_text())
    assert config["localCloud"] == {"store": store}
    ok(app_a, home_a, "amplify", "add", "api", "--headless", stdin=json.dumps(ADD_API_REQUEST))
    ok(app_a, home_a, "amplify", "push", "--yes")
    assert not (home_a / ".amplify/local-cloud").exists()  # nothing in A's per-user cloud
    git(app_a, home_a, "init", "-q")
    git(app_a, home_a, "add", "-A")
    git(app_a, home_a, "commit", "-qm", "backend")

    # B: clone, join dev: no project-name or frontend questions, A's backend is there
    git(tmp_path / "b", home_b, "clone", "-q", str(app_a), "clone")
    assert not (app_b / "amplify/backend/amplify-meta.json").exists()  # git-ignored
    joined = ok(app_b, home_b, "amplify", "init", "--yes")
    assert "Attached to environment 'dev' of project 'teamapp'." in joined
    assert json.loads((app_b / "amplify/.config/project-config.json").read_text()) == config
    status = ok(app_b, home_b, "amplify", "status")
    assert "| Api      | teamapi       | No Change" in status
    exports = (app_b / "src/aws-exports.js").read_text()
    graphql = _meta(app_a)["api"]["teamapi"]["output"]["GraphQLAPIEndpointOutput"]
    assert f'"aws_appsync_graphqlEndpoint": "{graphql}"' in exports

    # B adds a function and pushes; A pulls and sees it
    ok(app_b, home_b, "amplify", "function", "add", "--name", "notify", "--runtime", "nodejs")
    assert "All resources are updated in the cloud" in ok(app_b, home_b, "amplify", "push", "--yes")
    ok(app_a, home_a, "amplify", "pull")
    assert _meta(app_a)["function"]["notify"]["output"]["Name"] == "notify-dev"
    assert (app_a / "amplify/backend/function/notify/src/index.js").is_file()
    assert "No Change" in ok(app_a, home_a, "amplify", "status")
    assert "| Function | notify        | Create" not in ok(app_a, home_a, "amplify", "status")

    # both push at once: A's deployment is held mid-way while B pushes
    from amplify_mock.cloud.local import cloud as cloud_module
    from amplify_mock.project.push import push

    real = cloud_module.evaluate_stack
    entered, release = threading.Event(), threading.Event()

    def held_evaluate(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        assert release.wait(120)
        return real(*args, **kwargs)

    monkeypatch.setattr(cloud_module, "evaluate_stack", held_evaluate)
    monkeypatch.setenv("HOME", str(home_a))
    for name in ("AMPLIFY_HOME", "AMPLIFY_MOCK_CLOUD", "AMPLIFY_MOCK_CLOUD_STORE"):
        monkeypatch.delenv(name, raising=False)
    outcome: dict[str, Any] = {}

    def push_a() -> None:
        try:
            outcome["a"] = push(Project.open(app_a), force=True)
        except BaseException as err:  # reported by the assertion below
            outcome["a"] = err

    thread = threading.Thread(target=push_a)
    thread.start()
    try:
        assert entered.wait(120)
        b_push = run(app_b, home_b, "amplify", "push", "--yes", "--force")
    finally:
        release.set()
        thread.join(300)
    stack_id = _meta(app_a)["providers"]["awscloudformation"]["StackId"]
    assert b_push.returncode == 1
    assert f"Stack:{stack_id} is in UPDATE_IN_PROGRESS state and can not be updated." in (
        b_push.stderr
    )
    assert "Traceback" not in b_push.stderr
    assert not isinstance(outcome["a"], BaseException), outcome["a"]
    assert outcome["a"].deployed
    # the stack is free again: B's retry goes through
    monkeypatch.setattr(cloud_module, "evaluate_stack", real)
    assert "All resources are updated" in ok(app_b, home_b, "amplify", "push", "--yes", "--force")
    assert os.environ["HOME"] == str(home_a)
