"""The NONE data source and the registry's error for unsupported types."""

from __future__ import annotations

import pytest

from resolvers.data_sources import UnsupportedDataSourceError, create_data_source


async def test_none_data_source_returns_payload() -> None:
    source = create_data_source("NONE", "local")
    assert (source.name, source.type) == ("local", "NONE")
    assert await source.invoke({"version": "2018-05-29", "payload": {"a": 1}}) == {"a": 1}


async def test_none_data_source_without_payload_is_null() -> None:
    source = create_data_source("NONE", "local")
    assert await source.invoke({"version": "2018-05-29"}) is None


def test_create_data_source_unsupported_type_names_it() -> None:
    with pytest.raises(UnsupportedDataSourceError) as caught:
        create_data_source("AMAZON_ELASTICSEARCH", "search")
    assert caught.value.message.startswith(
        "Data source 'search' has type 'AMAZON_ELASTICSEARCH', which the mock does not support"
    )
