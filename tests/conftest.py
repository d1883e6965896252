"""Suite-wide: the mock's local certificate authority is made in a temporary folder, never in
the user's data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _local_ca_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("amplify-mock-ca")
    patcher = pytest.MonkeyPatch()
    patcher.setenv("AMPLIFY_MOCK_CA_DIR", str(folder))
    yield folder
    patcher.undo()
