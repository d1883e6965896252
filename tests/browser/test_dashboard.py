"""The mock's console dashboard in headless chromium, against a real `amplify mock` over its TLS.

One mock process and one browser run for the module (dashboard.test.mjs visits every panel and
takes a screenshot of each); each test checks one panel's outcome and its screenshot.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from amplify_mock.project.categories.auth import add_auth
from amplify_mock.project.project import Project

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = ROOT / "tests" / "browser"
DEMO = ROOT / "examples" / "demo"
PASSWORD = "Correct-horse-1"
MOCK = (sys.executable, "-m", "amplify_mock", "mock")
API_KEY = "da2-fakeApiId123456"
#: getBlog's response template fails on line 2, column 1 (a runtime template error)
BROKEN_GET_BLOG = '## broken on purpose\n#set($x = $util.parseJson("{bad"))\n$x\n'
URLS = {
    "appsync": re.compile(r"AppSync Mock endpoint is running at (\S+)/graphql"),
    "storage": re.compile(r"Mock Storage endpoint is running at (\S+)"),
}


class Mock:
    """`python -m amplify_mock mock` in a project; its output drained by a thread."""

    def __init__(self, project: Path, seed: Path) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "amplify_mock",
                "mock",
                "--seed-data",
                str(seed),
                "--no-codegen",
            ],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.urls: dict[str, str] = {}
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            for name, pattern in URLS.items():
                match = pattern.search(line)
                if match:
                    self.urls[name] = match.group(1)

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.urls) < len(URLS):
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        assert len(self.urls) == len(URLS), "mock did not start:\n" + "\n".join(self.lines)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self._thread.join(timeout=5)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _project(root: Path) -> tuple[Path, Path]:
    project = root / "demo"
    shutil.copytree(DEMO, project)
    add_auth(Project.open(project), "demoauth")
    (project / "amplify" / "mock.json").write_text(
        # port 0 means "the default" for the DynamoDB endpoint in mock.json: a free one instead
        json.dumps(
            {"graphqlPort": 0, "storagePort": 0, "dynamoDbPort": _free_port(), "cognitoPort": 0}
        )
    )
    resolvers = project / "amplify" / "backend" / "api" / "demoapi" / "resolvers"
    resolvers.mkdir(exist_ok=True)
    (resolvers / "Query.getBlog.res.vtl").write_text(BROKEN_GET_BLOG)
    seed = root / "seed"
    (seed / "cognito").mkdir(parents=True)
    (seed / "cognito" / "users.json").write_text(
        json.dumps([{"username": "alice", "password": PASSWORD, "groups": ["Editors"]}])
    )
    return project, seed


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The mock, and what the browser saw in every panel."""
    assert shutil.which("chromium"), "run .ci/setup.d/chromium.sh (apt package chromium)"
    root = tmp_path_factory.mktemp("dashboard")
    project, seed = _project(root)
    shots = root / "shots"
    shots.mkdir()
    mock = Mock(project, seed)
    try:
        mock.wait_ready()
        console = mock.urls["appsync"].replace("http://", "https://") + "/"
        run = subprocess.run(
            [
                "node",
                str(BROWSER_DIR / "dashboard.test.mjs"),
                console,
                str(project),
                str(shots),
                PASSWORD,
                API_KEY,
            ],
            cwd=BROWSER_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr[-3000:]
        result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
        result["project"] = str(project)
        result["storage"] = mock.urls["storage"]
        yield result
    finally:
        mock.stop()


def _step_ok(dashboard: dict[str, Any], step: str) -> None:
    assert f"{step}Error" not in dashboard, dashboard[f"{step}Error"]


def _screenshot(dashboard: dict[str, Any], name: str) -> bytes:
    """The panel's screenshot: a 1400x800 PNG, unlike every other panel's."""
    data = Path(dashboard["shots"][name]).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1400, 800)
    others = [Path(p).read_bytes() for n, p in dashboard["shots"].items() if n != name]
    assert data not in others
    return data


def test_dashboard_is_served_locally_over_the_mocks_tls(dashboard: dict[str, Any]) -> None:
    assert dashboard["protocol"] == "https:"
    assert dashboard["external"] == []
    assert dashboard["consoleErrors"] == []


def test_trace_of_a_failing_resolver_shows_the_template_error_line(
    dashboard: dict[str, Any],
) -> None:
    _step_ok(dashboard, "tracePanel")
    broken = json.loads(dashboard["brokenResponse"])
    assert broken["data"] == {"getBlog": None}
    trace = dashboard["trace"]
    assert re.search(r"Query\.getBlog\.res\.vtl:2:1", trace["location"]), trace
    override = Path(dashboard["project"]) / "amplify/backend/api/demoapi/resolvers"
    assert trace["override"].strip() == f"edit: {override / 'Query.getBlog.res.vtl'}"
    assert "Query.getBlog" in trace["fieldTree"] and "ms" in trace["fieldTree"]
    assert "Rendered template" in trace["detail"] or "Data source" in trace["detail"]
    _screenshot(dashboard, "1-trace-failing-resolver")


def test_data_browser_edit_is_returned_by_the_next_query(dashboard: dict[str, Any]) -> None:
    _step_ok(dashboard, "tablesPanel")
    assert dashboard["created"] == {"data": {"createTodo": {"id": "d1", "name": "Before"}}}
    assert dashboard["tables"]["message"] == "Saved."
    assert "Edited in the console" in dashboard["tables"]["rows"]
    assert dashboard["afterEdit"] == {
        "data": {"getTodo": {"id": "d1", "name": "Edited in the console"}}
    }
    _screenshot(dashboard, "2-table-item-edited")


def test_data_browser_upload_is_listed_by_s3_ls_against_the_mock(
    dashboard: dict[str, Any],
) -> None:
    _step_ok(dashboard, "bucketsPanel")
    bucket = dashboard["buckets"]["bucket"]
    assert dashboard["buckets"]["message"] == "Uploaded public/console/hello.txt."
    aws = Path(sys.executable).with_name("aws")  # the AWS CLI, installed by setup
    ls = subprocess.run(
        [
            str(aws),
            "s3",
            "ls",
            f"s3://{bucket}/public/console/",
            "--endpoint-url",
            dashboard["storage"],
            "--region",
            "us-east-1",
        ],
        env={**os.environ, "AWS_ACCESS_KEY_ID": "fake", "AWS_SECRET_ACCESS_KEY": "fake"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ls.returncode == 0, ls.stderr
    assert [line.split()[-2:] for line in ls.stdout.splitlines()] == [
        [str(len("uploaded from the console")), "hello.txt"]
    ]
    s3 = boto3.client(
        "s3",
        endpoint_url=dashboard["storage"],
        region_name="us-east-1",
        aws_access_key_id="fake",
        aws_secret_access_key="fake",
        config=Config(s3={"addressing_style": "path"}),
    )
    listed = s3.list_objects_v2(Bucket=bucket, Prefix="public/console/")
    assert [(o["Key"], o["Size"]) for o in listed["Contents"]] == [
        ("public/console/hello.txt", len("uploaded from the console"))
    ]
    body = s3.get_object(Bucket=bucket, Key="public/console/hello.txt")["Body"].read()
    assert body == b"uploaded from the console"
    _screenshot(dashboard, "3-bucket-upload")


def test_subscriptions_panel_shows_live_events(dashboard: dict[str, Any]) -> None:
    _step_ok(dashboard, "subscriptionsPanel")
    assert dashboard["published"] == {"data": {"createTodo": {"id": "s1", "name": "Live"}}}
    event = dashboard["subscriptions"]["event"]
    assert '"onCreateTodo"' in event and '"s1"' in event and '"Live"' in event
    assert dashboard["subscriptions"]["status"] == "listening · 1 events"
    _screenshot(dashboard, "4-subscription-events")


def test_functions_panel_invokes_a_project_function(dashboard: dict[str, Any]) -> None:
    _step_ok(dashboard, "functionsPanel")
    functions = dashboard["functions"]
    assert functions["status"].startswith("StatusCode 200 · ")
    assert functions["payload"].strip() == "3"
    assert "wordCount for post p1 in env" in functions["logs"]
    _screenshot(dashboard, "5-function-invoked")


def test_auth_panel_signs_in_as_a_local_cognito_user(dashboard: dict[str, Any]) -> None:
    _step_ok(dashboard, "authPanel")
    assert dashboard["wrongPassword"] == "NotAuthorizedException: Incorrect username or password."
    assert dashboard["signedIn"].startswith("Signed in as alice (Editors)")
    assert json.loads(dashboard["ownBlog"]) == {
        "data": {"createBlog": {"id": "auth-1", "owner": "alice"}}
    }
    _screenshot(dashboard, "6-auth-local-user")


def test_reload_banner_shows_the_failure_with_its_location_then_the_fix(
    dashboard: dict[str, Any],
) -> None:
    _step_ok(dashboard, "reloadBanner")
    failed = dashboard["reloadFailed"]
    assert failed["banner"].startswith("Reload failed, the previous API keeps serving.")
    assert re.fullmatch(r"\S*Query\.listTodos\.req\.vtl:\d+(:\d+)?", failed["location"].strip())
    assert dashboard["reloadOk"].startswith("API reloaded (template change) at ")
    _screenshot(dashboard, "7-reload-failed")
    _screenshot(dashboard, "8-reload-ok")
