"""Table and index definitions: validation of CreateTable input, key extraction, descriptions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from amplify_mock.simulators.dynamodb.errors import ItemValidationError, ValidationException
from amplify_mock.simulators.dynamodb.values import encode_key, type_of, value_size

__all__ = [
    "IndexInfo",
    "KeySchema",
    "TableInfo",
    "check_key_value",
    "parse_key_schema",
    "validate_table_name",
]

_TABLE_NAME = re.compile(r"^[a-zA-Z0-9_.-]+$")
MAX_HASH_KEY = 2048
MAX_RANGE_KEY = 1024


def validate_table_name(name: Any, field_name: str = "tableName") -> str:
    """:raises ValidationException: a name DynamoDB rejects."""
    if not isinstance(name, str) or not name:
        raise ValidationException(
            f"1 validation error detected: Value null at '{field_name}' failed to satisfy "
            "constraint: Member must not be null"
        )
    if len(name) < 3 or len(name) > 255 or not _TABLE_NAME.match(name):
        constraint = (
            "Member must have length greater than or equal to 3"
            if len(name) < 3
            else "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
        )
        raise ValidationException(
            f"1 validation error detected: Value '{name}' at '{field_name}' failed to satisfy "
            f"constraint: {constraint}"
        )
    return name


@dataclass(frozen=True)
class KeySchema:
    """A hash key and an optional range key, each with its scalar type (S, N or B)."""

    hash_name: str
    hash_type: str
    range_name: str | None = None
    range_type: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.hash_name,) if self.range_name is None else (self.hash_name, self.range_name)

    def to_wire(self) -> list[dict[str, str]]:
        out = [{"AttributeName": self.hash_name, "KeyType": "HASH"}]
        if self.range_name is not None:
            out.append({"AttributeName": self.range_name, "KeyType": "RANGE"})
        return out


def parse_key_schema(raw: Any, types: Mapping[str, str], *, where: str = "keySchema") -> KeySchema:
    """:raises ValidationException: a key schema that is not one HASH and at most one RANGE."""
    if not isinstance(raw, list) or not 1 <= len(raw) <= 2:
        raise ValidationException(
            f"1 validation error detected: Value at '{where}' failed to satisfy constraint: "
            "Member must have length less than or equal to 2"
        )
    kinds = [element.get("KeyType") for element in raw]
    for kind in kinds:
        if kind not in ("HASH", "RANGE"):
            raise ValidationException(
                f"1 validation error detected: Value '{kind}' at '{where}.1.member.keyType' "
                "failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]"
            )
    if kinds[0] != "HASH" or kinds.count("HASH") != 1:
        raise ValidationException(
            "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
        )
    names = [element.get("AttributeName") for element in raw]
    if len(names) == 2 and names[0] == names[1]:
        raise ValidationException(
            "Both the Hash Key and the Range Key element in the KeySchema have the same name"
        )
    for name in names:
        if name not in types:
            raise ValidationException(
                "One or more parameter values were invalid: Some index key attributes are not "
                f"defined in AttributeDefinitions. Keys: [{', '.join(names)}], "
                f"AttributeDefinitions: [{', '.join(types)}]"
            )
    return KeySchema(
        names[0],
        types[names[0]],
        names[1] if len(names) == 2 else None,
        types[names[1]] if len(names) == 2 else None,
    )


@dataclass(frozen=True)
class IndexInfo:
    """A GSI or LSI: its own key schema and what it projects."""

    name: str
    key: KeySchema
    projection_type: str
    non_key_attributes: tuple[str, ...]
    is_global: bool
    raw: dict[str, Any] = field(hash=False, compare=False)

    def project(self, item: Mapping[str, Any], table_key: KeySchema) -> dict[str, Any]:
        """The attributes of `item` this index holds."""
        if self.projection_type == "ALL":
            return dict(item)
        keep = set(table_key.names) | set(self.key.names)
        if self.projection_type == "INCLUDE":
            keep |= set(self.non_key_attributes)
        return {k: v for k, v in item.items() if k in keep}


@dataclass
class TableInfo:
    """Everything the store knows about a table; `description` is its stored wire description."""

    table_id: int
    name: str
    key: KeySchema
    indexes: dict[str, IndexInfo]
    description: dict[str, Any]

    @property
    def stream_view_type(self) -> str | None:
        spec = self.description.get("StreamSpecification") or {}
        return spec.get("StreamViewType") if spec.get("StreamEnabled") else None

    def key_of(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {name: item[name] for name in self.key.names}

    def encode_item_key(self, key: Mapping[str, Any]) -> tuple[bytes, bytes]:
        """(hash bytes, range bytes) of an already validated key."""
        hash_bytes = encode_key(key[self.key.hash_name])
        if self.key.range_name is None:
            return hash_bytes, b""
        return hash_bytes, encode_key(key[self.key.range_name])

    def validate_key(self, key: Any) -> dict[str, Any]:
        """A request `Key`, exactly the table's key attributes with the right types.

        :raises ValidationException: "The provided key element does not match the schema".
        """
        if not (type(key) is dict or isinstance(key, Mapping)) or set(key) != set(self.key.names):
            raise ValidationException("The provided key element does not match the schema")
        for name, expected in zip(self.key.names, self._key_types(), strict=True):
            value = key[name]
            if type(value) is not dict or len(value) != 1:
                raise ItemValidationError("The provided key element does not match the schema")
            if type_of(value) not in ("S", "N", "B"):
                raise ValidationException("Invalid attribute value type")
            if type_of(value) != expected:
                raise ItemValidationError("The provided key element does not match the schema")
            check_key_value(name, value, is_hash=name == self.key.hash_name)
        return dict(key)

    def validate_item_key(self, item: Mapping[str, Any]) -> None:
        """:raises ValidationException: an item missing a key attribute or with a wrong type."""
        for name, expected in zip(self.key.names, self._key_types(), strict=True):
            value = item.get(name)
            if value is None:
                raise ValidationException(
                    f"One or more parameter values were invalid: Missing the key {name} in the item"
                )
            actual = type_of(value)
            if actual not in ("S", "N", "B"):
                raise ValidationException("Invalid attribute value type")
            if actual != expected:
                raise ItemValidationError(
                    "One or more parameter values were invalid: Type mismatch for key "
                    f"{name} expected: {expected} actual: {actual}"
                )
            check_key_value(name, value, is_hash=name == self.key.hash_name)
        # DynamoDB checks the LSIs' keys before the GSIs'.
        ordered = sorted(self.indexes.values(), key=lambda index: index.is_global)
        for index in ordered:
            for name, expected in zip(index.key.names, _types(index.key), strict=True):
                value = item.get(name)
                if value is None or name in self.key.names:
                    continue
                actual = type_of(value)
                if actual not in ("S", "N", "B"):
                    raise ValidationException("Invalid attribute value type")
                if actual != expected:
                    raise ItemValidationError(
                        "One or more parameter values were invalid: Type mismatch for Index Key "
                        f"{name} Expected: {expected} Actual: {actual} IndexName: {index.name}"
                    )
                if actual in ("S", "B") and not value[actual]:
                    raise ValidationException(
                        "One or more parameter values are not valid. A value specified for a "
                        "secondary index key is not supported. The AttributeValue for a key "
                        "attribute cannot contain an empty "
                        f"{'string' if actual == 'S' else 'binary'} value. IndexName: "
                        f"{index.name}, IndexKey: {name}"
                    )
                check_key_value(name, value, is_hash=name == index.key.hash_name)

    def _key_types(self) -> tuple[str, ...]:
        return _types(self.key)


def _types(key: KeySchema) -> tuple[str, ...]:
    if key.range_type is None:
        return (key.hash_type,)
    return (key.hash_type, key.range_type)


def check_key_value(name: str, value: Mapping[str, Any], *, is_hash: bool) -> None:
    tag = type_of(value)
    if tag in ("S", "B"):
        size = value_size(value)
        if is_hash and size > MAX_HASH_KEY:
            raise ItemValidationError(
                "One or more parameter values were invalid: Size of hashkey has exceeded the "
                f"maximum size limit of{MAX_HASH_KEY} bytes"
            )
        if not is_hash and size > MAX_RANGE_KEY:
            raise ItemValidationError(
                "One or more parameter values were invalid: Aggregated size of all range keys "
                f"has exceeded the size limit of {MAX_RANGE_KEY} bytes"
            )
    if tag in ("S", "B") and not value[tag]:
        kind = "string" if tag == "S" else "binary"
        raise ValidationException(
            "One or more parameter values are not valid. The AttributeValue for a key attribute "
            f"cannot contain an empty {kind} value. Key: {name}"
        )
