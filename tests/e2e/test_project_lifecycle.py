"""End to end, offline: init -> add api/function/storage -> push -> status -> env add ->
env checkout -> (mock) -> env remove, through the installed `amplify` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.project.amplify_subprocess import amplify

pytestmark = pytest.mark.e2e

ADD_API_REQUEST = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "AppSync",
        "apiName": "todoapi",
        "transformSchema": "type Todo @model {\n  id: ID!\n  name: String!\n}\n",
        "defaultAuthType": {"mode": "API_KEY", "expirationTime": 7},
    },
}


def _json(path: Path) -> dict[str, object]:
    return dict(json.loads(path.read_text()))


def mock_step(app: Path) -> None:
    """Hook for the `amplify mock` step (owned by the mock orchestration): for now it checks
    what mock starts from is in place after `env checkout` - the API build and the local S3
    folder of the storage bucket."""
    assert (app / "amplify/backend/api/todoapi/build/schema.graphql").is_file()
    meta = _json(app / "amplify/backend/amplify-meta.json")
    storage = meta["storage"]
    assert isinstance(storage, dict)
    bucket = storage["files"]["output"]["BucketName"]
    assert (app / "amplify/mock-data/S3" / bucket).is_dir()


def test_project_lifecycle_offline(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    app = tmp_path / "app"
    app.mkdir()
    amplify(app, home, "init", "--amplify", '{"projectName":"todoapp","envName":"dev"}', "--yes")
    amplify(app, home, "add", "api", "--headless", stdin=json.dumps(ADD_API_REQUEST))
    amplify(app, home, "add", "function", "--name", "hello", "--runtime", "nodejs")
    amplify(
        app,
        home,
        "add",
        "storage",
        "--name",
        "files",
        "--bucket",
        "todofiles",
        "--auth-access",
        "CREATE_AND_UPDATE,READ",
        "--guest-access",
        "READ",
    )
    status = amplify(app, home, "status").stdout
    assert "| Api      | todoapi" in status and "Create" in status

    push = amplify(app, home, "push", "--yes").stdout
    assert "All resources are updated in the cloud" in push
    exports = (app / "src/aws-exports.js").read_text()
    assert ".appsync-api.us-east-1.amazonaws.com/graphql" in exports
    assert '"aws_user_files_s3_bucket": "todofiles-dev"' in exports

    status = amplify(app, home, "status").stdout
    assert "Create" not in status and "Update" not in status
    assert "GraphQL endpoint: https://" in status and "GraphQL API KEY: da2-" in status
    assert status.count("No Change") == 4  # api, auth, function, storage

    amplify(app, home, "env", "add", "--name", "prod", "--yes")
    assert _json(app / "amplify/.config/local-env-info.json")["envName"] == "prod"
    status = amplify(app, home, "status").stdout
    assert status.count("Create") == 4  # nothing deployed in prod yet
    amplify(app, home, "push", "--yes")
    assert (
        '"aws_user_files_s3_bucket": "todofiles-prod"' in (app / "src/aws-exports.js").read_text()
    )
    assert amplify(app, home, "status").stdout.count("No Change") == 4

    amplify(app, home, "env", "checkout", "dev")
    assert _json(app / "amplify/.config/local-env-info.json")["envName"] == "dev"
    assert amplify(app, home, "status").stdout.count("No Change") == 4
    assert "todofiles-dev" in (app / "src/aws-exports.js").read_text()
    mock_step(app)

    amplify(app, home, "env", "remove", "prod", "--yes")
    assert json.loads(amplify(app, home, "env", "list", "--json").stdout) == {"envs": ["dev"]}
    stacks = sorted(p.name for p in (app / "amplify/mock-data/cloud/stacks").iterdir())
    assert len(stacks) == 1 and stacks[0].startswith("amplify-todoapp-dev-")
    buckets = sorted(p.name for p in (app / "amplify/mock-data/S3").iterdir())
    assert [b for b in buckets if "prod" in b] == ["todofiles-prod"]  # storage is Retain
