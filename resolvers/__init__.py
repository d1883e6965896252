"""The VTL runtime with AppSync semantics: mapping templates, $util, resolvers, data sources."""

from resolvers.errors import ResolverError

__all__ = ["ResolverError"]
