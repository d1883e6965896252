"""Query and Scan: index range scans in key order, Limit before the filter, 1 MB pages."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from amplify_mock.simulators.dynamodb.errors import ValidationException
from amplify_mock.simulators.dynamodb.expressions import (
    And,
    Between,
    Compare,
    Condition,
    Function,
    Path,
    Value,
    compile_condition,
    project,
)
from amplify_mock.simulators.dynamodb.expressions.nodes import In, Not, Or
from amplify_mock.simulators.dynamodb.operations.common import (
    check_unused,
    condition_of,
    consumed_capacity,
    placeholders,
    projection_of,
)
from amplify_mock.simulators.dynamodb.schema import IndexInfo, KeySchema, TableInfo, check_key_value
from amplify_mock.simulators.dynamodb.values import encode_key, type_of, validate_item

if TYPE_CHECKING:
    from amplify_mock.simulators.dynamodb.store import Store

__all__ = ["query", "scan"]

PAGE_BYTES = 1024 * 1024
_FLIP = {"=": "=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _limit(params: Mapping[str, Any]) -> int | None:
    limit = params.get("Limit")
    if limit is None:
        return None
    if not isinstance(limit, int) or limit < 1:
        raise ValidationException(
            f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy "
            "constraint: Member must have value greater than or equal to 1"
        )
    return limit


def _index(table: TableInfo, params: Mapping[str, Any]) -> IndexInfo | None:
    name = params.get("IndexName")
    if name is None:
        return None
    index = table.indexes.get(name)
    if index is None:
        raise ValidationException(f"The table does not have the specified index: {name}")
    if index.is_global and params.get("ConsistentRead"):
        raise ValidationException("Consistent reads are not supported on global secondary indexes")
    return index


def _check_projected(index: IndexInfo, projection: list[Path], table_key: KeySchema) -> None:
    """:raises ValidationException: a GSI query asking for attributes the index lacks."""
    if index.projection_type == "ALL":
        return
    have = set(table_key.names) | set(index.key.names)
    if index.projection_type == "INCLUDE":
        have |= set(index.non_key_attributes)
    missing = [str(p.elements[0]) for p in projection if p.elements[0] not in have]
    if missing:
        raise ValidationException(
            "One or more parameter values were invalid: Global secondary index "
            f"{index.name} does not project [{', '.join(missing)}]"
        )


def _select(
    params: Mapping[str, Any],
    projection: list[Path] | None,
    index: IndexInfo | None,
    table_key: KeySchema,
) -> str:
    if projection is not None and index is not None and index.is_global:
        _check_projected(index, projection, table_key)
    select = params.get("Select")
    if (
        select == "ALL_ATTRIBUTES"
        and index is not None
        and index.is_global
        and index.projection_type != "ALL"
    ):
        raise ValidationException(
            "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
            f"supported for global secondary index {index.name} because its projection type is "
            f"not ALL"
        )
    if select is None:
        if projection is not None:
            return "SPECIFIC_ATTRIBUTES"
        return "ALL_PROJECTED_ATTRIBUTES" if index is not None else "ALL_ATTRIBUTES"
    if select not in ("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"):
        raise ValidationException(
            f"1 validation error detected: Value '{select}' at 'select' failed to satisfy "
            "constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, "
            "ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"
        )
    if projection is not None and select != "SPECIFIC_ATTRIBUTES":
        wanted = "only the Count" if select == "COUNT" else select
        raise ValidationException(
            f"Cannot specify the ProjectionExpression when choosing to get {wanted}"
        )
    if select == "ALL_PROJECTED_ATTRIBUTES" and index is None:
        raise ValidationException(
            "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
        )
    if select == "SPECIFIC_ATTRIBUTES" and projection is None:
        raise ValidationException(
            "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
            "SPECIFIC_ATTRIBUTES"
        )
    return str(select)


def _check_filter_keys(condition: Condition | None, key: KeySchema) -> None:
    if condition is None:
        return
    for path in _paths(condition):
        if path.elements[0] in key.names:
            raise ValidationException(
                "Filter Expression can only contain non-primary key attributes: "
                f"Primary key attribute: {path.elements[0]}"
            )


def _check_filter_projected(
    condition: Condition | None, index: IndexInfo | None, table_key: KeySchema
) -> None:
    """:raises ValidationException: a Query filter on attributes the index does not hold."""
    if condition is None or index is None or index.projection_type == "ALL":
        return
    have = set(table_key.names) | set(index.key.names) | set(index.non_key_attributes)
    missing: list[str] = []
    for path in _paths(condition):
        name = str(path.elements[0])
        if name not in have and name not in missing:
            missing.append(name)
    if missing:
        raise ValidationException(
            "One or more parameter values were invalid: Secondary index "
            f"{index.name} does not project one or more filter attributes: [{', '.join(missing)}]"
        )


def _paths(node: Any) -> Iterator[Path]:
    if isinstance(node, Path):
        yield node
    elif isinstance(node, And | Or):
        yield from _paths(node.left)
        yield from _paths(node.right)
    elif isinstance(node, Not):
        yield from _paths(node.operand)
    elif isinstance(node, Compare):
        yield from _paths(node.left)
        yield from _paths(node.right)
    elif isinstance(node, Between):
        for part in (node.operand, node.low, node.high):
            yield from _paths(part)
    elif isinstance(node, In):
        yield from _paths(node.operand)
        for option in node.options:
            yield from _paths(option)
    elif isinstance(node, Function):
        for arg in node.args:
            yield from _paths(arg)


def _key_terms(condition: Condition) -> list[Condition]:
    if isinstance(condition, And):
        return _key_terms(condition.left) + _key_terms(condition.right)
    if isinstance(condition, Or | Not | In):
        op = type(condition).__name__.upper()
        raise ValidationException(f"Invalid operator used in KeyConditionExpression: {op}")
    return [condition]


def _successor(prefix: bytes) -> bytes | None:
    """The smallest byte string greater than every string starting with `prefix`."""
    stripped = prefix.rstrip(b"\xff")
    if not stripped:
        return None
    return stripped[:-1] + bytes([stripped[-1] + 1])


def _check_condition_value(
    name: str, value: dict[str, Any], key: KeySchema, index: IndexInfo | None
) -> None:
    """The limits of stored key values apply to key-condition values too: no empty S/B,
    partition keys up to 2048 bytes, sort keys up to 1024."""
    tag = type_of(value)
    if index is not None and tag in ("S", "B") and not value[tag]:
        raise ValidationException(
            "One or more parameter values are not valid. A value specified for a secondary index "
            "key is not supported. The AttributeValue for a key attribute cannot contain an "
            f"empty {'string' if tag == 'S' else 'binary'} value. IndexName: {index.name}, "
            f"IndexKey: {name}"
        )
    check_key_value(name, value, is_hash=name == key.hash_name)


def _key_range(
    condition: Condition, key: KeySchema, index: IndexInfo | None = None
) -> tuple[bytes, list[str], list[bytes]]:
    """The encoded hash value and SQL range clauses (on `rk`) of a key condition.

    :raises ValidationException: DynamoDB's key-condition errors.
    """
    terms = _key_terms(condition)
    if len(terms) > 2:
        raise ValidationException("KeyConditionExpressions must only contain one condition per key")
    hash_value: dict[str, Any] | None = None
    clauses: list[str] = []
    args: list[bytes] = []
    for term in terms:
        name, op, values = _key_term(term)
        expected = key.hash_type if name == key.hash_name else key.range_type
        if name not in key.names:
            missing = key.range_name if key.range_name and hash_value is not None else None
            if missing:
                raise ValidationException(f"Query condition missed key schema element: {missing}")
            raise ValidationException(f"Query condition missed key schema element: {key.hash_name}")
        for value in values:
            if type_of(value) != expected:
                raise ValidationException(
                    "One or more parameter values were invalid: Condition parameter type does "
                    "not match schema type"
                )
            if op != "begins_with":
                _check_condition_value(name, value, key, index)
        if name == key.hash_name:
            if hash_value is not None:
                raise ValidationException(
                    "KeyConditionExpressions must only contain one condition per key"
                )
            if op != "=":
                raise ValidationException("Query key condition not supported")
            hash_value = values[0]
            continue
        if clauses:
            raise ValidationException(
                "KeyConditionExpressions must only contain one condition per key"
            )
        encoded = [encode_key(v) for v in values]
        if op == "BETWEEN":  # bounds in the wrong order: rejected by the parser
            clauses += ["rk >= ?", "rk <= ?"]
            args += encoded
        elif op == "begins_with":
            if expected == "N":
                raise ValidationException(
                    "Invalid KeyConditionExpression: Incorrect operand type for operator or "
                    "function; operator or function: begins_with, operand type: N"
                )
            clauses.append("rk >= ? /* begins_with */")
            args.append(encoded[0])
            upper = _successor(encoded[0])
            if upper is not None:
                clauses.append("rk < ?")
                args.append(upper)
        else:
            clauses.append(f"rk {op} ?")
            args.append(encoded[0])
    if hash_value is None:
        raise ValidationException(f"Query condition missed key schema element: {key.hash_name}")
    return encode_key(hash_value), clauses, args


def _key_term(term: Condition) -> tuple[str, str, list[dict[str, Any]]]:
    if isinstance(term, Compare):
        if term.op == "<>":
            raise ValidationException("Unsupported operator in KeyConditionExpression: <>")
        if isinstance(term.left, Path) and isinstance(term.right, Value):
            return _key_name(term.left), term.op, [term.right.value]
        if isinstance(term.left, Value) and isinstance(term.right, Path):
            return _key_name(term.right), _FLIP[term.op], [term.left.value]
    elif isinstance(term, Between):
        if (
            isinstance(term.operand, Path)
            and isinstance(term.low, Value)
            and isinstance(term.high, Value)
        ):
            return _key_name(term.operand), "BETWEEN", [term.low.value, term.high.value]
    elif isinstance(term, Function):
        if term.name != "begins_with":
            raise ValidationException(
                f"Invalid operator used in KeyConditionExpression: {term.name}"
            )
        first, second = term.args
        if isinstance(first, Path) and isinstance(second, Value):
            return _key_name(first), "begins_with", [second.value]
    raise ValidationException("Query key condition not supported")


def _key_name(path: Path) -> str:
    if len(path.elements) != 1:
        raise ValidationException("KeyConditionExpressions cannot contain nested attributes")
    return str(path.elements[0])


def _start_key(
    params: Mapping[str, Any], table: TableInfo, index: IndexInfo | None
) -> tuple[bytes, bytes, bytes, bytes] | None:
    """(index hk, index rk, table hk, table rk) of ExclusiveStartKey."""
    raw = params.get("ExclusiveStartKey")
    if raw is None:
        return None
    start = validate_item(raw)
    names = set(table.key.names) | (set(index.key.names) if index else set())
    if set(start) != names:
        raise ValidationException(
            "The provided starting key is invalid: The provided key element does not match the "
            "schema"
        )
    thk, trk = table.encode_item_key(start)
    if index is None:
        return thk, trk, thk, trk
    ihk = encode_key(start[index.key.hash_name])
    irk = encode_key(start[index.key.range_name]) if index.key.range_name else b""
    return ihk, irk, thk, trk


_SQL_TESTS = {
    "=": lambda a, b: a == b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _check_start_in_range(
    start: tuple[bytes, bytes, bytes, bytes],
    hk: bytes,
    clauses: list[str],
    args: list[bytes],
    forward: bool,
    unique: bool,
) -> None:
    """:raises ValidationException: an ExclusiveStartKey the key condition cannot reach, or,
    where sort keys are `unique` (a table, not an index), one on the inclusive bound the query
    reads towards (nothing can follow it)."""
    end = ("rk <= ?" if forward else "rk >= ?") if unique else ""
    inside = start[0] == hk and all(
        _SQL_TESTS[clause.split()[1]](start[1], arg) and not (clause == end and start[1] == arg)
        for clause, arg in zip(clauses, args, strict=True)
    )
    if not inside:
        raise ValidationException(
            "The provided starting key does not match the range key predicate"
        )


def _last_key(item: Mapping[str, Any], table: TableInfo, index: IndexInfo | None) -> dict[str, Any]:
    names = list(table.key.names) + (list(index.key.names) if index else [])
    return {name: item[name] for name in names if name in item}


def _page(
    rows: Iterator[tuple[int, str]],
    params: Mapping[str, Any],
    table: TableInfo,
    index: IndexInfo | None,
    filter_: Condition | None,
    projection: list[Path] | None,
    select: str,
    limit: int | None,
    segment: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """One page of a Query or Scan.

    An LSI reads attributes it does not project from the table (for ALL_ATTRIBUTES and for a
    projection), and a Scan of any index filters on the whole item, as DynamoDB does. A page that
    reaches its Limit has a LastEvaluatedKey even when no item follows (as in DynamoDB).
    """
    matches = compile_condition(filter_) if filter_ is not None else None
    fetches = index is not None and not index.is_global and index.projection_type != "ALL"
    # A Query rejects a filter on attributes its index lacks; a Scan's sees the whole item.
    filters_item = fetches or params.get("KeyConditionExpression") is None
    items: list[dict[str, Any]] = []
    scanned = 0
    page_bytes = 0
    last: dict[str, Any] | None = None
    for size, text in rows:
        item = json.loads(text)
        if segment is not None and _segment_of(table, item, segment[1]) != segment[0]:
            continue
        view = item
        if index is not None and select != "ALL_ATTRIBUTES":
            view = index.project(item, table.key)
        scanned += 1
        page_bytes += size
        if matches is None or matches(item if filters_item else view):
            if select == "COUNT":
                items.append({})
            elif projection is not None:
                items.append(project(item if fetches else view, projection))
            else:
                items.append(view)
        if (limit is not None and scanned >= limit) or page_bytes >= PAGE_BYTES:
            last = _last_key(item, table, index)
            break
    result: dict[str, Any] = {"Count": len(items), "ScannedCount": scanned}
    if select != "COUNT":
        result["Items"] = items
    if last is not None:
        result["LastEvaluatedKey"] = last
    result.update(consumed_capacity(params, table.name, max(1.0, page_bytes / 4096 / 2)))
    return result


def _segment_of(table: TableInfo, item: Mapping[str, Any], total: int) -> int:
    return zlib.crc32(encode_key(item[table.key.hash_name])) % total


def query(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = store.get_table(params.get("TableName"))
    index = _index(table, params)
    found = placeholders(params)
    if params.get("KeyConditionExpression") is None:
        raise ValidationException(
            "Either the KeyConditions or KeyConditionExpression parameter must be specified in "
            "the request."
        )
    key_condition = condition_of(params, found, "KeyConditionExpression")
    filter_ = condition_of(params, found, "FilterExpression")
    projection = projection_of(params, found)
    check_unused(found)
    assert key_condition is not None
    key_schema = index.key if index else table.key
    hk, range_clauses, range_args = _key_range(key_condition, key_schema, index)
    forward = params.get("ScanIndexForward", True) is not False
    start = _start_key(params, table, index)
    if start is not None:
        _check_start_in_range(start, hk, range_clauses, range_args, forward, index is None)
    _check_filter_keys(filter_, key_schema)
    select = _select(params, projection, index, table.key)
    _check_filter_projected(filter_, index, table.key)
    limit = _limit(params)
    direction = "ASC" if forward else "DESC"
    compare = ">" if forward else "<"
    if index is None:
        sql = "SELECT size, item FROM items WHERE tid = ? AND hk = ?"
        args: list[Any] = [table.table_id, hk]
        for clause in range_clauses:
            sql += f" AND {clause}"
        args += range_args
        if start is not None:
            sql += f" AND rk {compare} ?"
            args.append(start[3])
        sql += f" ORDER BY rk {direction}"
    else:
        sql = (
            "SELECT i.size, i.item FROM index_entries e JOIN items i ON i.tid = e.tid "
            "AND i.hk = e.thk AND i.rk = e.trk WHERE e.tid = ? AND e.idx = ? AND e.hk = ?"
        )
        args = [table.table_id, index.name, hk]
        for clause in range_clauses:
            sql += f" AND e.{clause}"
        args += range_args
        if start is not None:
            sql += f" AND (e.rk, e.thk, e.trk) {compare} (?, ?, ?)"
            args += [start[1], start[2], start[3]]
        sql += f" ORDER BY e.rk {direction}, e.thk {direction}, e.trk {direction}"
    rows = store.conn.execute(sql, args)
    try:
        page = _page(rows, params, table, index, filter_, projection, select, limit)
    finally:
        rows.close()  # an unfinished cursor would pin a WAL snapshot
    last = page.get("LastEvaluatedKey")
    if last is not None and _at_end_of_range(
        last, key_schema, index, range_clauses, range_args, forward
    ):
        del page["LastEvaluatedKey"]
    return page


def _at_end_of_range(
    last: Mapping[str, Any],
    key_schema: KeySchema,
    index: IndexInfo | None,
    clauses: list[str],
    args: list[bytes],
    forward: bool,
) -> bool:
    """Whether nothing can follow `last`: a table without a sort key holds one item per
    partition, and a page ending on the inclusive bound it reads towards (`<=` forwards, `>=`
    backwards, BETWEEN's) has reached the end. DynamoDB leaves out LastEvaluatedKey then."""
    if index is not None:
        return False  # items sharing the bound's index key may still follow
    if key_schema.range_name is None:
        return True
    if key_schema.range_name not in last:
        return False
    bound = "rk <= ?" if forward else "rk >= ?"
    end = encode_key(last[key_schema.range_name])
    return any(c == bound and a == end for c, a in zip(clauses, args, strict=True))


def scan(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = store.get_table(params.get("TableName"))
    index = _index(table, params)
    found = placeholders(params, "FilterExpression")
    filter_ = condition_of(params, found, "FilterExpression")
    projection = projection_of(params, found)
    check_unused(found)
    select = _select(params, projection, index, table.key)
    limit = _limit(params)
    segment = _segment(params)
    start = _start_key(params, table, index)
    if index is None:
        sql = "SELECT size, item FROM items WHERE tid = ?"
        args: list[Any] = [table.table_id]
        if start is not None:
            sql += " AND (hk, rk) > (?, ?)"
            args += [start[2], start[3]]
        sql += " ORDER BY hk, rk"
    else:
        sql = (
            "SELECT i.size, i.item FROM index_entries e JOIN items i ON i.tid = e.tid "
            "AND i.hk = e.thk AND i.rk = e.trk WHERE e.tid = ? AND e.idx = ?"
        )
        args = [table.table_id, index.name]
        if start is not None:
            sql += " AND (e.hk, e.rk, e.thk, e.trk) > (?, ?, ?, ?)"
            args += list(start)
        sql += " ORDER BY e.hk, e.rk, e.thk, e.trk"
    rows = store.conn.execute(sql, args)
    try:
        return _page(rows, params, table, index, filter_, projection, select, limit, segment)
    finally:
        rows.close()


def _segment(params: Mapping[str, Any]) -> tuple[int, int] | None:
    segment, total = params.get("Segment"), params.get("TotalSegments")
    if segment is None and total is None:
        return None
    if total is None:
        raise ValidationException(
            "The TotalSegments parameter is required but was not present in the request when "
            "Segment parameter is present"
        )
    if segment is None:
        raise ValidationException(
            "The Segment parameter is required but was not present in the request when "
            "parameter TotalSegments is present"
        )
    if not 1 <= total <= 1000000:
        raise ValidationException(
            f"1 validation error detected: Value '{total}' at 'totalSegments' failed to satisfy "
            "constraint: Member must have value less than or equal to 1000000"
        )
    if not 0 <= segment < total:
        raise ValidationException(
            "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
            f"Segment: {segment} is not less than TotalSegments: {total}"
        )
    return int(segment), int(total)
