"""Cloud test fixtures: an isolated home for credential caches and AWS config files."""

from __future__ import annotations

from tests.project.conftest import isolated_home  # noqa: F401  (autouse fixture)
