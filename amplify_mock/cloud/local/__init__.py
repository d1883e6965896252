"""The local cloud: stacks evaluated and recorded on disk beside the mock data."""

from amplify_mock.cloud.local.cloud import LocalCloud

__all__ = ["LocalCloud"]
