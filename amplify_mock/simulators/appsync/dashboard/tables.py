"""The data browser's tables: scan, query, put and delete through the API's own DynamoDB client.

Items travel as plain JSON (numbers, strings, lists, maps), converted to and from DynamoDB's
attribute values here, as `$util.dynamodb.toDynamoDB` and `$ctx.result` do.

Not emulated: sets and binary values are shown as lists and base64 text and written back as such
(a list, a string).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from amplify_mock.simulators.appsync.dashboard.errors import DynamoDBConsoleError
from resolvers.data_sources.dynamodb import DynamoDBClient, DynamoDBRequestError, unmarshall_item
from resolvers.util.dynamodb import to_attribute_value

__all__ = ["KEY_CONDITIONS", "delete_item", "list_tables", "put_item", "query", "scan"]

#: The sort-key conditions the query form offers (DynamoDB's key condition operators).
KEY_CONDITIONS = {
    "=": "#sk = :sk",
    "<": "#sk < :sk",
    "<=": "#sk <= :sk",
    ">": "#sk > :sk",
    ">=": "#sk >= :sk",
    "begins_with": "begins_with(#sk, :sk)",
    "between": "#sk BETWEEN :sk AND :sk2",
}
_PAGE = 100


async def _call(client: DynamoDBClient, operation: str, params: dict[str, Any]) -> dict[str, Any]:
    try:
        return await client.call(operation, params)
    except DynamoDBRequestError as err:
        raise DynamoDBConsoleError(err.code, err.message, err.body) from err


def _validation(message: str) -> DynamoDBConsoleError:
    return DynamoDBConsoleError("ValidationException", message)


async def list_tables(client: DynamoDBClient) -> list[dict[str, Any]]:
    """Every table with its key schema, indexes and item count."""
    names: list[str] = []
    start: str | None = None
    while True:
        params: dict[str, Any] = {"ExclusiveStartTableName": start} if start else {}
        page = await _call(client, "ListTables", params)
        names.extend(page.get("TableNames", []))
        start = page.get("LastEvaluatedTableName")
        if not start:
            break
    tables = []
    for name in names:
        table = (await _call(client, "DescribeTable", {"TableName": name}))["Table"]
        tables.append(
            {
                "TableName": name,
                "KeySchema": table.get("KeySchema", []),
                "GlobalSecondaryIndexes": [
                    {"IndexName": i["IndexName"], "KeySchema": i["KeySchema"]}
                    for i in table.get("GlobalSecondaryIndexes", [])
                ],
                "ItemCount": table.get("ItemCount", 0),
            }
        )
    return tables


def _page(answer: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "Items": [unmarshall_item(item) for item in answer.get("Items", [])],
        "Count": answer.get("Count", 0),
        "LastEvaluatedKey": answer.get("LastEvaluatedKey"),
    }


async def scan(
    client: DynamoDBClient, table: str, start_key: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    params: dict[str, Any] = {"TableName": table, "Limit": _PAGE}
    if start_key:
        params["ExclusiveStartKey"] = dict(start_key)
    return _page(await _call(client, "Scan", params))


async def query(
    client: DynamoDBClient,
    table: str,
    request: Mapping[str, Any],
) -> dict[str, Any]:
    """`request`: `partitionKey` {name, value}, optional `sortKey` {name, operator, value,
    value2}, optional `indexName`, `startKey`.

    :raises DynamoDBConsoleError: ValidationException for a malformed request, or DynamoDB's.
    """
    partition = request.get("partitionKey")
    if not isinstance(partition, Mapping) or not partition.get("name"):
        raise _validation("Query condition missed key schema element: partitionKey.name")
    condition = "#pk = :pk"
    names = {"#pk": str(partition["name"])}
    values = {":pk": to_attribute_value(partition.get("value"))}
    sort = request.get("sortKey")
    if isinstance(sort, Mapping) and sort.get("name") and sort.get("value") not in (None, ""):
        operator = str(sort.get("operator") or "=")
        if operator not in KEY_CONDITIONS:
            raise _validation(f"Invalid KeyConditionExpression: unknown operator {operator!r}")
        condition += " AND " + KEY_CONDITIONS[operator]
        names["#sk"] = str(sort["name"])
        values[":sk"] = to_attribute_value(sort["value"])
        if operator == "between":
            values[":sk2"] = to_attribute_value(sort.get("value2"))
    params: dict[str, Any] = {
        "TableName": table,
        "KeyConditionExpression": condition,
        "ExpressionAttributeNames": names,
        "ExpressionAttributeValues": values,
        "Limit": _PAGE,
    }
    if request.get("indexName"):
        params["IndexName"] = str(request["indexName"])
    if request.get("startKey"):
        params["ExclusiveStartKey"] = request["startKey"]
    return _page(await _call(client, "Query", params))


def _item(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping) or not value:
        raise _validation("The item must be a non-empty JSON object.")
    return {str(k): to_attribute_value(v) for k, v in value.items()}


async def put_item(client: DynamoDBClient, table: str, item: Any) -> dict[str, Any]:
    """Write the whole item (PutItem, replacing the stored one); returns it as stored."""
    wire = _item(item)
    await _call(client, "PutItem", {"TableName": table, "Item": wire})
    return {"Item": unmarshall_item(wire)}


async def delete_item(client: DynamoDBClient, table: str, key: Any) -> dict[str, Any]:
    """DeleteItem by key; returns the deleted item (null when there was none)."""
    answer = await _call(
        client, "DeleteItem", {"TableName": table, "Key": _item(key), "ReturnValues": "ALL_OLD"}
    )
    return {"Attributes": unmarshall_item(answer.get("Attributes"))}
