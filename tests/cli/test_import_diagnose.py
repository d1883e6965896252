"""`amplify import storage|auth`, `diagnose`, `override`."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from amplify_mock.cli.main import cli
from tests.cli.conftest import run_ok
from tests.project.conftest import local_cloud


def test_import_storage_from_the_local_cloud(initialized: Path) -> None:
    local_cloud().create_bucket("shared-photos")
    missing = CliRunner().invoke(cli, ["import", "storage", "--bucket", "nope"])
    assert missing.exit_code == 1
    assert "The S3 bucket 'nope' does not exist in the local cloud." in missing.output
    output = run_ok("storage", "import", stdin="shared-photos\n")
    assert "Select the S3 Bucket you want to import (" in output
    assert "S3 Bucket 'shared-photos' was successfully imported as 'sharedphotos'." in output
    config = json.loads((initialized / "amplify/backend/backend-config.json").read_text())
    assert config["storage"]["sharedphotos"]["serviceType"] == "imported"
    run_ok("push", "--yes")
    meta = json.loads((initialized / "amplify/backend/amplify-meta.json").read_text())
    assert meta["storage"]["sharedphotos"]["output"] == {
        "BucketName": "shared-photos",
        "Region": "us-east-1",
    }
    exports = (initialized / "src/aws-exports.js").read_text()
    assert '"aws_user_files_s3_bucket": "shared-photos"' in exports
    again = CliRunner().invoke(cli, ["import", "storage", "--bucket", "shared-photos"])
    assert again.exit_code == 1


def test_import_auth_a_teammates_user_pool(
    initialized: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pool another project pushed to the local cloud becomes this project's auth."""
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("AMPLIFY_PROJECT_DIR", str(other))
    run_ok("init", "--amplify", '{"projectName":"other","envName":"dev"}', "--yes")
    run_ok("add", "auth")
    run_ok("push", "--yes")
    other_meta = json.loads((other / "amplify/backend/amplify-meta.json").read_text())
    monkeypatch.setenv("AMPLIFY_PROJECT_DIR", str(initialized))
    (pool_output,) = [r["output"] for r in other_meta["auth"].values()]
    missing = CliRunner().invoke(cli, ["import", "auth", "--user-pool-id", "us-east-1_nope"])
    assert missing.exit_code == 1
    assert "The Cognito user pool 'us-east-1_nope' does not exist in the local cloud." in (
        missing.output
    )
    pool_id = pool_output["UserPoolId"]
    chosen = CliRunner().invoke(cli, ["auth", "import"], input="\n")
    assert "Select the User Pool you want to import (" in chosen.output
    assert pool_id in chosen.output  # offered by name (id)
    output = run_ok("import", "auth", "--user-pool-id", pool_id)
    assert f"Cognito User Pool '{pool_id}' was successfully imported as" in output
    run_ok("push", "--yes")
    exports = (initialized / "src/aws-exports.js").read_text()
    assert f'"aws_user_pools_id": "{pool_id}"' in exports
    assert f'"aws_user_pools_web_client_id": "{pool_output["AppClientIDWeb"]}"' in exports
    assert f'"aws_cognito_identity_pool_id": "{pool_output["IdentityPoolId"]}"' in exports


def test_diagnose_zip_leaves_out_credentials(initialized: Path) -> None:
    run_ok("add", "function", "--name", "fn", "--runtime", "nodejs")
    output = run_ok("diagnose")
    assert output.startswith("Project Identifier: ")
    path = Path(output.splitlines()[1].rsplit(" to ", 1)[1])
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert "amplify/backend/function/fn/src/index.js" in names
    assert "amplify/.config/project-config.json" in names
    assert not [n for n in names if n.endswith(("local-aws-info.json", "team-provider-info.json"))]
    sent = CliRunner().invoke(cli, ["diagnose", "--send-report"])
    assert sent.exit_code == 1
    assert "Sending a diagnose report is not emulated." in sent.output


def test_override_is_refused_clearly(initialized: Path) -> None:
    result = CliRunner().invoke(cli, ["override", "api"])
    assert result.exit_code == 1
    assert "`amplify override api` is not emulated: override.ts is not applied by push." in (
        result.output
    )
