"""`$util.dynamodb.*`: values to and from DynamoDB's typed JSON (`{"S": ...}`, `{"M": ...}`)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from resolvers import java_types as jt
from resolvers.util.core import to_json

__all__ = ["DynamoDBUtil", "to_attribute_value"]


def _number_text(value: Any) -> str:
    if type(value) is bool or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {jt.to_java_string(value)}")
    return jt.to_java_string(value)


def to_attribute_value(value: Any) -> dict[str, Any]:
    """A value as DynamoDB's typed JSON: strings `S`, numbers `N`, booleans `BOOL`, null
    `NULL`, lists `L`, maps `M`."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, str):
        return {"S": value}
    if type(value) is bool:
        return {"BOOL": value}
    if isinstance(value, int | float):
        return {"N": _number_text(value)}
    if isinstance(value, Mapping):
        return {"M": {str(k): to_attribute_value(v) for k, v in value.items()}}
    if isinstance(value, jt.Entry):
        return {"M": {str(value.key): to_attribute_value(value.value)}}
    if isinstance(value, Sequence | set | frozenset):
        return {"L": [to_attribute_value(v) for v in value]}
    return {"S": jt.to_java_string(value)}


def _s3_object(key: str, bucket: str, region: str, version: str | None = None) -> str:
    inner = {"key": key, "bucket": bucket, "region": region}
    if version is not None:
        inner["version"] = version
    return to_json({"s3": inner})


class DynamoDBUtil:
    """`$util.dynamodb`; each `toX` has a `toXJson` twin that returns the JSON text."""

    vtl_name = "$util.dynamodb"

    def toDynamoDB(self, value: Any) -> dict[str, Any]:
        return to_attribute_value(value)

    def toDynamoDBJson(self, value: Any) -> str:
        return to_json(to_attribute_value(value))

    def toString(self, value: str) -> dict[str, Any]:
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {jt.to_java_string(value)}")
        return {"S": value}

    def toStringJson(self, value: str) -> str:
        return to_json(self.toString(value))

    def toStringSet(self, values: Sequence[str]) -> dict[str, Any]:
        return {"SS": [jt.to_java_string(v) for v in values]}

    def toStringSetJson(self, values: Sequence[str]) -> str:
        return to_json(self.toStringSet(values))

    def toNumber(self, value: Any) -> dict[str, Any]:
        return {"N": _number_text(value)}

    def toNumberJson(self, value: Any) -> str:
        return to_json(self.toNumber(value))

    def toNumberSet(self, values: Sequence[Any]) -> dict[str, Any]:
        return {"NS": [_number_text(v) for v in values]}

    def toNumberSetJson(self, values: Sequence[Any]) -> str:
        return to_json(self.toNumberSet(values))

    def toBinary(self, value: str) -> dict[str, Any]:
        return {"B": value}

    def toBinaryJson(self, value: str) -> str:
        return to_json(self.toBinary(value))

    def toBinarySet(self, values: Sequence[str]) -> dict[str, Any]:
        return {"BS": list(values)}

    def toBinarySetJson(self, values: Sequence[str]) -> str:
        return to_json(self.toBinarySet(values))

    def toBoolean(self, value: bool) -> dict[str, Any]:
        if type(value) is not bool:
            raise ValueError(f"expected a boolean, got {jt.to_java_string(value)}")
        return {"BOOL": value}

    def toBooleanJson(self, value: bool) -> str:
        return to_json(self.toBoolean(value))

    def toNull(self) -> dict[str, Any]:
        """`{"NULL": null}` as AppSync documents (`toDynamoDB(null)` gives `{"NULL": true}`)."""
        return {"NULL": None}

    def toNullJson(self) -> str:
        return to_json(self.toNull())

    def toList(self, values: Sequence[Any]) -> dict[str, Any]:
        return {"L": [to_attribute_value(v) for v in values]}

    def toListJson(self, values: Sequence[Any]) -> str:
        return to_json(self.toList(values))

    def toMap(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {"M": self.toMapValues(values)}

    def toMapJson(self, values: Mapping[str, Any]) -> str:
        return to_json(self.toMap(values))

    def toMapValues(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {str(k): to_attribute_value(v) for k, v in values.items()}

    def toMapValuesJson(self, values: Mapping[str, Any]) -> str:
        return to_json(self.toMapValues(values))

    def toS3Object(
        self, key: str, bucket: str, region: str, version: str | None = None
    ) -> dict[str, Any]:
        return {"S": _s3_object(key, bucket, region, version)}

    def toS3ObjectJson(self, key: str, bucket: str, region: str, version: str | None = None) -> str:
        return to_json(self.toS3Object(key, bucket, region, version))

    def fromS3ObjectJson(self, text: str) -> dict[str, Any]:
        """The `{key, bucket, region[, version]}` inside an S3 object string (`{"s3": {...}}`,
        optionally wrapped as `{"S": "..."}`).

        :raises ValueError: `text` is not an S3 object.
        """
        document = json.loads(text)
        if isinstance(document, dict) and isinstance(document.get("S"), str):
            document = json.loads(document["S"])
        inner = document.get("s3") if isinstance(document, dict) else None
        if not isinstance(inner, dict):
            raise ValueError(f"not an S3 object: {text}")
        return dict(inner)
