"""Whole builds are byte-identical to the real v1 transformer's (core_data/<case>/build)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from transformer import AuthConfig, FeatureFlags, TransformConfig, transform, write_build

DATA = Path(__file__).parent / "core_data"
CASES = sorted(p.name for p in DATA.iterdir() if (p / "config.json").exists())
NOW = datetime(2024, 1, 1, tzinfo=UTC)


def _config(case: Path) -> TransformConfig:
    raw = json.loads((case / "config.json").read_text())
    flags = raw.get("featureFlags", {})
    if raw.get("preset", "cli") == "e2e":
        return TransformConfig(
            version=raw.get("transformConfig", {}).get("Version"),
            feature_flags=FeatureFlags(
                {"improvePluralization": True, **flags}, ignore_defaults=True
            ),
            auth_config=AuthConfig.from_json(raw["authConfig"]),
            now=NOW,
            resolver_config=raw.get("transformConfig", {}).get("ResolverConfig"),
        )
    return TransformConfig(
        version=raw.get("transformConfig", {}).get("Version", 5),
        feature_flags=FeatureFlags.new_project(**flags),
        auth_config=AuthConfig.from_json(raw["authConfig"]),
        now=NOW,
        resolver_config=raw.get("transformConfig", {}).get("ResolverConfig"),
    )


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", CASES)
def test_build_matches_real_transformer_byte_for_byte(case: str, tmp_path: Path) -> None:
    case_dir = DATA / case
    result = transform((case_dir / "input.graphql").read_text(), _config(case_dir))
    write_build(result, tmp_path / "build")
    (tmp_path / "build" / "parameters.json").unlink()
    assert _files(tmp_path / "build") == _files(case_dir / "build")
