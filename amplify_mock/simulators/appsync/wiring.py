"""Connects the API's data sources and tables to the DynamoDB store and the Lambda runner."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from amplify_mock.simulators.appsync.config import ApiConfig, DataSourceSpec
from amplify_mock.simulators.appsync.field_mapping import field_mapping_data_source
from amplify_mock.simulators.appsync.state import DataSourceFactory
from amplify_mock.simulators.dynamodb import migration
from amplify_mock.simulators.dynamodb.migration import MigrationResult
from resolvers.data_sources import create_data_source
from resolvers.data_sources.base import UnsupportedDataSourceError
from resolvers.data_sources.dynamodb import DynamoDBClient
from resolvers.data_sources.lambda_ import LambdaInvoker
from resolvers.errors import DataSourceError

__all__ = ["clear_all_tables", "clear_data_callback", "data_source_factory", "ensure_tables"]

LOG = logging.getLogger(__name__)


class _UnavailableDataSource:
    """Stands in for a data source that cannot be built; every call fails with the reason."""

    def __init__(self, spec: DataSourceSpec, reason: str) -> None:
        self.name = spec.name
        self.type = spec.type
        self.reason = reason

    async def invoke(self, request: Mapping[str, Any]) -> Any:
        raise DataSourceError(self.reason, error_type="UnsupportedDataSource")


def data_source_factory(
    *,
    dynamodb_client: DynamoDBClient | None = None,
    lambda_invoker: LambdaInvoker | None = None,
    region: str = "us-east-1",
) -> DataSourceFactory:
    """Builds each `AWS::AppSync::DataSource` with the injected store client / Lambda invoker.

    A type the runtime does not support becomes a data source whose calls fail with a clear
    error naming it (logged once at load), never a silent NONE.
    """

    def build(spec: DataSourceSpec) -> Any:
        config: dict[str, Any] = {}
        if spec.type == "AMAZON_DYNAMODB":
            if dynamodb_client is None:
                return _UnavailableDataSource(spec, f"No DynamoDB store for {spec.name}")
            config = {"table_name": spec.table_name, "client": dynamodb_client, "region": region}
            if spec.delta_sync is not None:
                config.update(
                    versioned=True,
                    delta_sync_table_name=spec.delta_sync.table_name,
                    base_table_ttl=spec.delta_sync.base_table_ttl,
                    delta_sync_table_ttl=spec.delta_sync.delta_sync_table_ttl,
                    lambda_invoker=lambda_invoker,  # LAMBDA conflict handlers
                )
        elif spec.type == "AWS_LAMBDA":
            built_in = field_mapping_data_source(spec.name, spec.function_name)
            if built_in is not None:
                return built_in
            if lambda_invoker is None:
                return _UnavailableDataSource(spec, f"No Lambda runner for {spec.name}")
            config = {"function_name": spec.function_name, "invoker": lambda_invoker}
        try:
            return create_data_source(spec.type, spec.name, **config)
        except UnsupportedDataSourceError as err:
            LOG.warning("%s", err.message)
            return _UnavailableDataSource(spec, err.message)

    return build


async def ensure_tables(client: DynamoDBClient, config: ApiConfig) -> list[MigrationResult]:
    """Create, update or migrate the API's tables (see `migration.ensure_tables`).

    :raises DynamoDBError: a table definition is invalid (embedded store).
    :raises DynamoDBRequestError: an external endpoint refused DescribeTable or CreateTable.
    """
    return await migration.ensure_tables(
        client, [table.create_table_request() for table in config.tables]
    )


_INDEX_KEYS = ("IndexName", "KeySchema", "Projection")


async def clear_all_tables(client: DynamoDBClient) -> list[str]:
    """Empty every table, whatever its key: delete and re-create it with the same definition."""
    names = list((await client.call("ListTables", {})).get("TableNames", []))
    for name in names:
        table = (await client.call("DescribeTable", {"TableName": name}))["Table"]
        request: dict[str, Any] = {
            "TableName": name,
            "KeySchema": table["KeySchema"],
            "AttributeDefinitions": table["AttributeDefinitions"],
            "BillingMode": "PAY_PER_REQUEST",
        }
        for key in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
            if table.get(key):
                request[key] = [{k: i[k] for k in _INDEX_KEYS if k in i} for i in table[key]]
        stream = table.get("StreamSpecification")
        if stream:
            request["StreamSpecification"] = stream
        await client.call("DeleteTable", {"TableName": name})
        await client.call("CreateTable", request)
    return names


def clear_data_callback(client: DynamoDBClient) -> Callable[[], Awaitable[list[str]]]:
    """The `DELETE /clear-data` hook for `EndpointOptions(clear_data=...)`."""

    async def clear() -> list[str]:
        return await clear_all_tables(client)

    return clear
