"""Loads seed data (the `amplify/mock-data/` layout) into fresh mock tables and the local S3.

`dynamodb/<Table>.json` holds a JSON list of items in plain JSON (as the API returns them);
`S3/<bucket>/<key>` are object files. Tables are only seeded when they were just created, and
an S3 object that already exists is never overwritten, so seeding never loses data.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from amplify_mock.errors import AmplifyMockError
from resolvers.data_sources.dynamodb import DynamoDBClient

__all__ = ["SeedDataError", "load_seed_data"]

_BATCH = 25  # BatchWriteItem's limit


class SeedDataError(AmplifyMockError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path}: {reason}", "Fix the seed file; it must hold a JSON list of items."
        )


def _to_dynamodb(value: Any) -> Any:
    """Plain JSON -> DynamoDB's typed attribute values (numbers exact, via Decimal)."""
    from boto3.dynamodb.types import TypeSerializer  # boto3 costs ~0.2 s to import

    serialized = json.loads(json.dumps(value), parse_float=Decimal, parse_int=Decimal)
    return {name: TypeSerializer().serialize(v) for name, v in serialized.items()}


def _items(path: Path) -> list[dict[str, Any]]:
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise SeedDataError(path, f"{err.lineno}:{err.colno}: {err.msg}") from err
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise SeedDataError(path, "not a JSON list of objects")
    return items


async def _seed_table(client: DynamoDBClient, table: str, items: list[dict[str, Any]]) -> None:
    for start in range(0, len(items), _BATCH):
        requests = [
            {"PutRequest": {"Item": _to_dynamodb(item)}} for item in items[start : start + _BATCH]
        ]
        await client.call("BatchWriteItem", {"RequestItems": {table: requests}})


def _seed_s3(source: Path, target: Path) -> int:
    copied = 0
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        destination = target / path.relative_to(source)
        if destination.exists():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        copied += 1
    return copied


async def load_seed_data(
    seed_dir: Path,
    *,
    client: DynamoDBClient | None,
    tables: Iterable[str] = (),
    s3_root: Path | None = None,
) -> str:
    """Seed `tables` (only those) and the S3 folder from `seed_dir`; a summary, or "".

    :raises SeedDataError: a seed file is not a JSON list of objects.
    """
    if not seed_dir.is_dir():
        raise SeedDataError(seed_dir, "no such folder")
    summary: list[str] = []
    if client is not None:
        for table in sorted(tables):
            path = seed_dir / "dynamodb" / f"{table}.json"
            if path.is_file():
                items = _items(path)
                await _seed_table(client, table, items)
                summary.append(f"{len(items)} items in {table}")
    if s3_root is not None and (seed_dir / "S3").is_dir():
        copied = _seed_s3(seed_dir / "S3", s3_root)
        if copied:
            summary.append(f"{copied} S3 objects")
    return ", ".join(summary)
