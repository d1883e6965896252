"""`amplify push` refuses schema changes the deployed tables cannot take (v1 sanity checks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.project.amplify_subprocess import amplify

pytestmark = pytest.mark.e2e

ADD_API = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "AppSync",
        "apiName": "keyapi",
        "transformSchema": "type Todo @model {\n  id: ID!\n  name: String!\n}\n",
        "defaultAuthType": {"mode": "API_KEY", "expirationTime": 7},
    },
}


@pytest.fixture
def pushed(tmp_path: Path) -> tuple[Path, Path]:
    home = tmp_path / "user-home"
    home.mkdir()
    app = tmp_path / "app"
    app.mkdir()
    amplify(app, home, "init", "--amplify", '{"projectName":"keyapp","envName":"dev"}', "--yes")
    # the migration checks are the v1 transformer's: a project that stays on v1
    cli_json = app / "amplify" / "cli.json"
    config = json.loads(cli_json.read_text())
    config["features"]["graphqltransformer"]["useexperimentalpipelinedtransformer"] = False
    config["features"]["graphqltransformer"]["transformerversion"] = 1
    cli_json.write_text(json.dumps(config))
    amplify(app, home, "add", "api", "--headless", stdin=json.dumps(ADD_API))
    amplify(app, home, "push", "--yes")
    schema = app / "amplify/backend/api/keyapi/schema.graphql"
    schema.write_text(schema.read_text().replace("@model", '@model @key(fields: ["id", "name"])'))
    return app, home


def test_push_refuses_a_key_schema_change(pushed: tuple[Path, Path]) -> None:
    app, home = pushed
    meta = (app / "amplify/#current-cloud-backend/amplify-meta.json").read_bytes()
    result = amplify(app, home, "push", "--yes", check=False)
    assert result.returncode == 1
    assert (
        "Editing the primary key of a model requires replacement of the underlying DynamoDB "
        "table.\nThis update will replace table(s) [TodoTable]"
    ) in result.stderr
    assert "Resolution: Change the schema back, or push with" in result.stderr
    assert (app / "amplify/#current-cloud-backend/amplify-meta.json").read_bytes() == meta


def test_push_allows_it_when_destructive_updates_are_allowed(pushed: tuple[Path, Path]) -> None:
    app, home = pushed
    result = amplify(app, home, "push", "--yes", "--allow-destructive-graphql-schema-updates")
    assert "All resources are updated in the cloud" in result.stdout
