"""The local cloud: stacks evaluated and recorded in a per-user folder or a team's bucket."""

from amplify_mock.cloud.local.cloud import LocalCloud

__all__ = ["LocalCloud"]
