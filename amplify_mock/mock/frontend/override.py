"""Points the app's frontend config files at the mock while it runs, and puts them back after.

`amplify mock` rewrites `aws-exports.js` / `amplifyconfiguration.json` (JavaScript) and
`awsconfiguration.json` / `amplifyconfiguration.json` (Android, iOS) with the local endpoints,
the mock API key and the `..._dangerously_connect_to_http_endpoint_for_testing` flags. The
originals are restored byte for byte on stop (`backup.py`); the manifest lives beside the mock
data (`amplify/mock-api-resources/frontend-config-backup.json`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amplify_mock.base.files import read_json
from amplify_mock.errors import AmplifyMockError
from amplify_mock.mock.frontend.auth import LocalAuth, resources_config
from amplify_mock.mock.frontend.backup import ConfigBackup, ConfigRestoreError, read_bytes
from amplify_mock.project.frontend_config import frontend_config_paths, render_aws_exports
from amplify_mock.project.paths import ProjectPaths

__all__ = [
    "BACKUP_MANIFEST",
    "ConfigRestoreError",
    "FrontendConfigOverride",
    "MockEndpoints",
    "restore_frontend_config",
]


#: Relative to the project root; the marker that a mock run rewrote config files.
BACKUP_MANIFEST = Path("amplify") / "mock-api-resources" / "frontend-config-backup.json"

_AWSMOBILE = re.compile(r"const\s+awsmobile\s*=\s*(\{.*\})\s*;", re.DOTALL)


@dataclass(frozen=True)
class MockEndpoints:
    """What the app must talk to while mocking; None leaves a category's keys alone."""

    region: str
    graphql_url: str | None = None
    api_name: str | None = None
    auth_type: str | None = None
    api_key: str | None = None
    s3_buckets: tuple[str, ...] = ()
    s3_region: str | None = None
    #: the local Cognito: aws-exports.js / amplifyconfiguration.json are then written in the
    #: ResourcesConfig form, the only one that carries its endpoints (see frontend/auth.py)
    auth: LocalAuth | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def mock_aws_exports(config: dict[str, Any], endpoints: MockEndpoints) -> dict[str, Any]:
    """The `awsmobile` object with the API and S3 keys pointing at the mock."""
    updated = dict(config)
    updated.setdefault("aws_project_region", endpoints.region)
    if endpoints.graphql_url:
        updated["aws_appsync_graphqlEndpoint"] = endpoints.graphql_url
        updated["aws_appsync_region"] = endpoints.region
        if endpoints.auth_type:
            updated["aws_appsync_authenticationType"] = endpoints.auth_type
        if endpoints.api_key:
            updated["aws_appsync_apiKey"] = endpoints.api_key
        updated["aws_appsync_dangerously_connect_to_http_endpoint_for_testing"] = True
    if endpoints.s3_buckets:
        updated["aws_user_files_s3_bucket"] = endpoints.s3_buckets[0]
        updated["aws_user_files_s3_bucket_region"] = endpoints.s3_region or endpoints.region
        updated["aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing"] = True
    updated.update(endpoints.extra)
    return updated


def mock_js_config(config: dict[str, Any], endpoints: MockEndpoints) -> dict[str, Any]:
    """The JavaScript config object: `aws_*` keys, or the ResourcesConfig with local auth."""
    exports = mock_aws_exports(config, endpoints)
    if endpoints.auth is None:
        return exports
    return resources_config(exports, endpoints.auth)


def mock_aws_configuration(config: dict[str, Any], endpoints: MockEndpoints) -> dict[str, Any]:
    """awsconfiguration.json with `AppSync` and `S3TransferUtility` pointing at the mock."""
    updated: dict[str, Any] = json.loads(json.dumps(config))
    if endpoints.graphql_url:
        appsync = updated.setdefault("AppSync", {})
        names = [key for key in appsync if key != "Default"]
        for key in ["Default", *names]:
            entry = appsync.setdefault(key, {})
            entry["ApiUrl"] = endpoints.graphql_url
            entry["Region"] = endpoints.region
            if endpoints.auth_type:
                entry["AuthMode"] = endpoints.auth_type
                entry.setdefault(
                    "ClientDatabasePrefix", f"{endpoints.api_name}_{endpoints.auth_type}"
                )
            if endpoints.api_key:
                entry["ApiKey"] = endpoints.api_key
            entry["DangerouslyConnectToHTTPEndpointForTesting"] = True
    if endpoints.s3_buckets:
        transfer = updated.setdefault("S3TransferUtility", {}).setdefault("Default", {})
        transfer["Bucket"] = endpoints.s3_buckets[0]
        transfer["Region"] = endpoints.s3_region or endpoints.region
        transfer["DangerouslyConnectToHTTPEndpointForTesting"] = True
    return updated


def mock_amplify_configuration(config: dict[str, Any], endpoints: MockEndpoints) -> dict[str, Any]:
    """amplifyconfiguration.json (Amplify Android/iOS) with the API and storage on the mock."""
    updated: dict[str, Any] = json.loads(json.dumps(config))
    if endpoints.graphql_url:
        apis = (
            updated.setdefault("api", {}).setdefault("plugins", {}).setdefault("awsAPIPlugin", {})
        )
        for name in list(apis) or [endpoints.api_name or "api"]:
            entry = apis.setdefault(name, {"endpointType": "GraphQL"})
            entry["endpoint"] = endpoints.graphql_url
            entry["region"] = endpoints.region
            if endpoints.auth_type:
                entry["authorizationType"] = endpoints.auth_type
            if endpoints.api_key:
                entry["apiKey"] = endpoints.api_key
    if endpoints.s3_buckets:
        plugins = updated.setdefault("storage", {}).setdefault("plugins", {})
        s3 = plugins.setdefault("awsS3StoragePlugin", {"defaultAccessLevel": "guest"})
        s3["bucket"] = endpoints.s3_buckets[0]
        s3["region"] = endpoints.s3_region or endpoints.region
        s3["dangerouslyConnectToHttpEndpointForTesting"] = True
    return updated


def _rewrite_aws_exports(text: str | None, endpoints: MockEndpoints, path: Path) -> str:
    if text is None:
        return render_aws_exports(mock_js_config({}, endpoints))
    match = _AWSMOBILE.search(text)
    if match is None:
        raise AmplifyMockError(
            f"{path}: no `const awsmobile = {{...}};` object found to point at the mock.",
            "Regenerate it with `amplify pull` or `amplify push`, or fix it by hand.",
        )
    try:
        config = json.loads(match.group(1))
    except json.JSONDecodeError as err:
        line = text.count("\n", 0, match.start(1)) + err.lineno
        raise AmplifyMockError(
            f"{path}:{line}:{err.colno}: the awsmobile object is not plain JSON ({err.msg}).",
            "Amplify generates this file; regenerate it or keep its object JSON-compatible.",
        ) from err
    body = json.dumps(mock_js_config(config, endpoints), indent=4, ensure_ascii=False)
    return text[: match.start(1)] + body + text[match.end(1) :]


def _rewrite_json(
    text: str | None,
    endpoints: MockEndpoints,
    path: Path,
    rewrite: Callable[[dict[str, Any], MockEndpoints], dict[str, Any]],
) -> str:
    config: dict[str, Any] = {}
    if text is not None:
        try:
            config = json.loads(text)
        except json.JSONDecodeError as err:
            raise AmplifyMockError(
                f"{path}:{err.lineno}:{err.colno}: {err.msg}",
                "Fix the JSON or regenerate the file with `amplify pull`.",
            ) from err
    return json.dumps(rewrite(config, endpoints), indent=4, ensure_ascii=False) + "\n"


def _frontend(project_root: Path) -> str:
    config = read_json(ProjectPaths(project_root).project_config, default={})
    return str(config.get("frontend") or "javascript")


def _targets(project_root: Path) -> list[Path]:
    """The config files of the project's frontend that the mock rewrites."""
    frontend = _frontend(project_root)
    paths = frontend_config_paths(project_root, frontend)
    if frontend == "javascript":
        amplify_config = paths[0].with_name("amplifyconfiguration.json")
        if amplify_config.exists():
            paths.append(amplify_config)
    return paths


def _mock_text(path: Path, original: bytes | None, endpoints: MockEndpoints) -> str:
    text = original.decode("utf-8") if original is not None else None
    if path.name == "aws-exports.js":
        return _rewrite_aws_exports(text, endpoints, path)
    if path.name == "awsconfiguration.json":
        return _rewrite_json(text, endpoints, path, mock_aws_configuration)
    # amplifyconfiguration.json: the JS flavour is the flat awsmobile object.
    if text is not None and '"aws_project_region"' in text:
        return _rewrite_json(text, endpoints, path, mock_js_config)
    return _rewrite_json(text, endpoints, path, mock_amplify_configuration)


class FrontendConfigOverride:
    """Rewrites the frontend config for the mock (`apply`) and restores it (`restore`)."""

    def __init__(self, project_root: Path) -> None:
        self.project_root = project_root
        self.backup = ConfigBackup(project_root, BACKUP_MANIFEST)
        self.manifest = self.backup.manifest

    def apply(self, endpoints: MockEndpoints) -> list[Path]:
        """Save the originals, then write the mock variants; returns the files written.

        All new texts are computed before anything is written, so a file that cannot be
        rewritten leaves every config file untouched.

        :raises AmplifyMockError: a config file is not in the format Amplify writes.
        """
        self.backup.restore()
        planned = []
        for path in _targets(self.project_root):
            original = read_bytes(path)
            planned.append((path, original, _mock_text(path, original, endpoints).encode("utf-8")))
        return self.backup.write(planned)

    def restore(self) -> list[Path]:
        """Put the originals back; see `restore_frontend_config`."""
        return self.backup.restore()


def restore_frontend_config(project_root: Path) -> list[Path]:
    """Restore every file a mock run rewrote, from the backup manifest; returns those restored.

    Files whose content changed since the mock wrote them are kept (with a warning): an
    `amplify push` or the user wrote them, and their version wins.

    :raises ConfigRestoreError: the manifest exists but cannot be read.
    """
    return ConfigBackup(project_root, BACKUP_MANIFEST).restore()
