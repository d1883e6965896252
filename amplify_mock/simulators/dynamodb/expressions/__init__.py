"""DynamoDB expressions: a tokenizer, a recursive-descent parser and their evaluation."""

from amplify_mock.simulators.dynamodb.expressions.evaluator import (
    compile_condition,
    evaluate,
    project,
    resolve_path,
)
from amplify_mock.simulators.dynamodb.expressions.nodes import (
    And,
    Between,
    Compare,
    Condition,
    Function,
    Path,
    UpdateExpression,
    Value,
)
from amplify_mock.simulators.dynamodb.expressions.parser import (
    Placeholders,
    parse_condition,
    parse_projection,
    parse_update,
)
from amplify_mock.simulators.dynamodb.expressions.update import apply_update

__all__ = [
    "And",
    "Between",
    "Compare",
    "Condition",
    "Function",
    "Path",
    "Placeholders",
    "UpdateExpression",
    "Value",
    "apply_update",
    "compile_condition",
    "evaluate",
    "parse_condition",
    "parse_projection",
    "parse_update",
    "project",
    "resolve_path",
]
