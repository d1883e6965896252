"""`amplify diagnose`: a zip of the project's Amplify files for a bug report.

Left out, as the Amplify CLI leaves them out: credentials (local-aws-info.json and the
key files it points to), team-provider-info.json's secrets, mock data, build products and
node_modules. Not emulated: `--send-report` (uploading the zip).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

from amplify_mock.base.paths import amplify_home
from amplify_mock.project.project import Project

__all__ = ["EXCLUDED", "project_identifier", "write_report"]

#: path parts never put into a report
EXCLUDED = frozenset(
    {"mock-data", "mock-api-resources", "node_modules", "build", ".temp", "#current-cloud-backend"}
)
_SECRET_FILES = frozenset({"local-aws-info.json", "team-provider-info.json"})


def project_identifier(project: Project) -> str:
    """A hash of the project name and app id: names the project without revealing them."""
    app_id = str(project.provider_info().get("AmplifyAppId", ""))
    return hashlib.md5(f"{project.name}{app_id}".encode(), usedforsecurity=False).hexdigest()


def write_report(project: Project, now: dt.datetime | None = None) -> tuple[Path, list[str]]:
    """Zip amplify/ (minus `EXCLUDED` and the credential files) under ~/.amplify/reports/;
    returns the zip and the names it holds."""
    moment = now or dt.datetime.now(dt.UTC)
    target = amplify_home() / "reports" / f"report-{moment.strftime('%Y%m%d%H%M%S')}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(project.paths.amplify_dir.rglob("*")):
            relative = path.relative_to(project.root)
            if not path.is_file() or EXCLUDED & set(relative.parts):
                continue
            if path.name in _SECRET_FILES or path.name.startswith(".secret-"):
                continue
            archive.write(path, relative.as_posix())
            names.append(relative.as_posix())
    return target, names
