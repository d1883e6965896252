"""The schema contribution of the 2.x line's conversation transformer: its turn-error input type,
printed into every schema (Gen 2), whether or not a `@conversation` route exists.

Not emulated: `@conversation` and `@generation` themselves (AI routes need Amazon Bedrock)."""

from __future__ import annotations

import functools
from typing import Any

from graphql import parse

from transformer.v2.context import TransformerContext
from transformer.v2.plugin import TransformerPlugin

__all__ = ["ConversationInputsPlugin"]

_TURN_ERROR_INPUT = """
input AmplifyAIConversationTurnErrorInput {
  errorType: String!
  message: String!
}
"""


@functools.cache
def _turn_error_input() -> Any:
    return parse(_TURN_ERROR_INPUT, no_location=True).definitions[0]


class ConversationInputsPlugin(TransformerPlugin):
    def before(self, ctx: TransformerContext) -> None:
        if ctx.config.line == "gen2":
            ctx.output.add(_turn_error_input())
