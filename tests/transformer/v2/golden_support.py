"""The v2 golden cases: load a case, run our transformer as the oracle ran, list the files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from transformer.v2 import BuildV2, V2Config, transform

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
#: the oracle's own report (timings, versions); not a build output
NOT_COMPARED = frozenset({"manifest.json"})


@dataclass(frozen=True)
class V2Case:
    name: str
    path: Path

    @property
    def options(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.path / "options.json").read_text())
        return data

    @property
    def schema(self) -> str:
        return (self.path / "schema.graphql").read_text()

    @property
    def expects_error(self) -> bool:
        return (self.path / "error.json").is_file()

    @property
    def expected_error(self) -> dict[str, str]:
        data: dict[str, str] = json.loads((self.path / "error.json").read_text())
        return data

    def expected_files(self) -> dict[str, str]:
        build = self.path / "build"
        return {
            str(p.relative_to(build)): p.read_text(encoding="utf-8")
            for p in sorted(build.rglob("*"))
            if p.is_file() and p.name not in NOT_COMPARED
        }

    def oracle_clock(self) -> datetime | None:
        """The oracle computes the API key expiry from the wall clock (now + expiration
        days); the case's clock is read back from its recorded root stack."""
        root = json.loads((self.path / "build" / "cloudformation-template.json").read_text())
        for resource in root.get("Resources", {}).values():
            if resource["Type"] == "AWS::AppSync::ApiKey":
                days = 7
                return datetime.fromtimestamp(resource["Properties"]["Expires"] - days * 86400, UTC)
        return None

    def config(self) -> V2Config:
        return V2Config.from_options(
            self.options, now=None if self.expects_error else self.oracle_clock()
        )

    def run(self) -> BuildV2:
        return transform(self.schema, self.config())


def load_cases() -> list[V2Case]:
    return [
        V2Case(p.name, p)
        for p in sorted(GOLDEN_DIR.iterdir())
        if p.is_dir() and (p / "options.json").is_file()
    ]
