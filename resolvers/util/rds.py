"""`$util.rds.*`: RDS Data API results (`sqlStatementResults`) as rows of column maps."""

from __future__ import annotations

import json
from typing import Any

from resolvers.util.core import to_json

__all__ = ["RdsUtil", "statement_rows"]

_FIELD_KINDS = ("stringValue", "longValue", "doubleValue", "booleanValue", "blobValue")


def _field_value(cell: dict[str, Any]) -> Any:
    if cell.get("isNull"):
        return None
    for kind in _FIELD_KINDS:
        if kind in cell:
            return cell[kind]
    if "arrayValue" in cell:
        array = cell["arrayValue"]
        for values in array.values():
            return values
    return None


def statement_rows(result: Any) -> list[list[dict[str, Any]]]:
    """One list of `{column: value}` rows per SQL statement.

    :raises ValueError: `result` is not a Data API result (or its JSON).
    """
    document = json.loads(result) if isinstance(result, str) else result
    if not isinstance(document, dict):
        raise ValueError("expected an RDS Data API result with sqlStatementResults")
    statements = []
    for statement in document.get("sqlStatementResults") or []:
        columns = [c.get("name") or c.get("label") for c in statement.get("columnMetadata") or []]
        rows = [
            {name: _field_value(cell) for name, cell in zip(columns, record, strict=False)}
            for record in statement.get("records") or []
        ]
        statements.append(rows)
    return statements


class RdsUtil:
    """`$util.rds`."""

    vtl_name = "$util.rds"

    def toJsonString(self, result: Any) -> str:
        return to_json(statement_rows(result))

    def toJsonObject(self, result: Any) -> list[list[dict[str, Any]]]:
        return statement_rows(result)
