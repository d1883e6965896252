"""Recursive-descent parsers for condition, key-condition, update and projection expressions.

Placeholders are resolved while parsing: `#names` to attribute names, `:values` to their wire
values; every placeholder used is recorded in `Placeholders` so the caller can reject unused ones
as DynamoDB does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, NoReturn

from amplify_mock.simulators.dynamodb.errors import ValidationException
from amplify_mock.simulators.dynamodb.expressions.nodes import (
    And,
    Arithmetic,
    Between,
    Compare,
    Condition,
    Function,
    In,
    Not,
    Operand,
    Or,
    Path,
    UpdateExpression,
    Value,
)
from amplify_mock.simulators.dynamodb.expressions.operand_checks import check_operands
from amplify_mock.simulators.dynamodb.expressions.tokens import Token, tokenize
from amplify_mock.simulators.dynamodb.values import TYPE_NAMES

__all__ = [
    "CONDITION_FUNCTIONS",
    "Placeholders",
    "parse_condition",
    "parse_projection",
    "parse_update",
]

CONDITION_FUNCTIONS = {
    "attribute_exists": 1,
    "attribute_not_exists": 1,
    "attribute_type": 2,
    "begins_with": 2,
    "contains": 2,
}
_OPERAND_FUNCTIONS = {"size": 1}
_UPDATE_FUNCTIONS = {"if_not_exists": 2, "list_append": 2}
_ALL_FUNCTIONS = CONDITION_FUNCTIONS | _OPERAND_FUNCTIONS | _UPDATE_FUNCTIONS
_COMPARATORS = {"=", "<>", "<", "<=", ">", ">="}
_PATH_FUNCTIONS = {"attribute_exists", "attribute_not_exists", "if_not_exists"}
_CLAUSES = ("SET", "REMOVE", "ADD", "DELETE")
_CONDITION_WORDS = frozenset({"AND", "OR", "NOT", "BETWEEN", "IN"})
#: DynamoDB's limits on one expression: its length and its operators and functions.
MAX_EXPRESSION_LENGTH = 4096
MAX_OPERATORS = 300
MAX_PATH_DEPTH = 32


@cache
def reserved_words() -> frozenset[str]:
    """DynamoDB's reserved words (upper case), which cannot be used as bare attribute names."""
    text = resources.files(__package__).joinpath("reserved_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@dataclass
class Placeholders:
    """A request's ExpressionAttributeNames/Values and the ones its expressions used."""

    names: Mapping[str, str]
    values: Mapping[str, dict[str, Any]]
    used_names: set[str] = field(default_factory=set)
    used_values: set[str] = field(default_factory=set)


#: Token lists of expressions that passed the lexical checks (operator count, parentheses),
#: by source text; the parser only reads them.
_CHECKED_TOKENS: dict[str, list[Token]] = {}
_CHECKED_TOKENS_LIMIT = 4096


class _Parser:
    def __init__(self, source: str, kind: str, placeholders: Placeholders) -> None:
        self.source = source
        self.kind = kind
        self.placeholders = placeholders
        if len(source) > MAX_EXPRESSION_LENGTH:
            self.fail(
                "Expression size has exceeded the maximum allowed size; "
                f"expression size: {len(source)}"
            )
        self.pos = 0
        self.paths_in_order: list[Path] = []  # update targets as written
        checked = _CHECKED_TOKENS.get(source)
        if checked is not None:
            self.tokens = checked
            return
        self.tokens = tokenize(source)
        self._check_operators()
        self._check_parentheses()
        # Resolvers send the same few expressions with every request: lex and check them once.
        if len(_CHECKED_TOKENS) >= _CHECKED_TOKENS_LIMIT:
            _CHECKED_TOKENS.clear()
        _CHECKED_TOKENS[source] = self.tokens

    def _check_operators(self) -> None:
        """Bounds the work (and the tree depth) of one expression, as DynamoDB does."""
        count = 0
        for i, token in enumerate(self.tokens):
            word = token.text.upper() if token.kind == "NAME" else ""
            if (
                (token.kind == "PUNCT" and token.text in _COMPARATORS | {"+", "-"})
                or word in ("OR", "NOT", "BETWEEN", "IN")
                or (word == "AND" and not self._closes_between(i))
                or (
                    token.kind == "NAME"
                    and self.tokens[i + 1].text == "("
                    and token.text in _ALL_FUNCTIONS
                )
            ):
                count += 1
                if count > MAX_OPERATORS:
                    self.fail(
                        f"The expression contains too many operators; operator count: {count}"
                    )

    def _closes_between(self, index: int) -> bool:
        """Whether the AND at `index` is the one of `x BETWEEN low AND high`."""
        for token in reversed(self.tokens[max(0, index - 12) : index]):
            if token.kind == "NAME" and token.text.upper() == "BETWEEN":
                return True
            if token.kind == "NAME" and token.text.upper() in ("AND", "OR", "NOT"):
                return False
        return False

    def _check_parentheses(self) -> None:
        """`((x))`: DynamoDB rejects grouping parentheses directly inside others."""
        opened: list[int] = []
        matching: dict[int, int] = {}
        for i, token in enumerate(self.tokens):
            if token.kind != "PUNCT":
                continue
            if token.text == "(":
                opened.append(i)
            elif token.text == ")" and opened:
                matching[opened.pop()] = i
        for start, end in matching.items():
            inner = start + 1
            if (
                self.tokens[inner].text == "("
                and matching.get(inner) == end - 1
                and self._groups(start)
            ):
                self.fail("The expression has redundant parentheses;")

    def _groups(self, index: int) -> bool:
        """Whether the "(" at `index` groups (not a function call's or an IN list's)."""
        if index == 0:
            return True
        previous = self.tokens[index - 1]
        if previous.kind == "NAME":
            return previous.text.upper() in ("AND", "OR", "NOT")
        return previous.kind == "PUNCT"

    # -- token helpers ---------------------------------------------------------------------
    @property
    def token(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        if token.kind != "EOF":
            self.pos += 1
        return token

    def is_punct(self, text: str) -> bool:
        return self.token.kind == "PUNCT" and self.token.text == text

    def is_keyword(self, word: str) -> bool:
        return self.token.kind == "NAME" and self.token.text.upper() == word

    def expect_punct(self, text: str) -> None:
        if not self.is_punct(text):
            self.syntax_error()
        self.advance()

    def fail(self, detail: str) -> NoReturn:
        raise ValidationException(f"Invalid {self.kind}: {detail}")

    def syntax_error(self) -> NoReturn:
        token = self.token
        previous = self.tokens[self.pos - 1] if self.pos > 0 else token
        following = self.tokens[self.pos + 1] if token.kind != "EOF" else token
        end = following.end if following.kind != "EOF" else token.end
        near = self.source[previous.start : end]
        self.fail(f'Syntax error; token: "{token.text}", near: "{near}"')

    def at_end(self) -> None:
        if self.token.kind != "EOF":
            self.syntax_error()

    # -- operands ----------------------------------------------------------------------------
    def path_element(self) -> str:
        token = self.token
        if token.kind == "ATTR_NAME":
            self.advance()
            if token.text not in self.placeholders.names:
                self.fail(
                    "An expression attribute name used in the document path is not defined; "
                    f"attribute name: {token.text}"
                )
            self.placeholders.used_names.add(token.text)
            return self.placeholders.names[token.text]
        if token.kind == "NAME":
            self.advance()
            if token.text.upper() in reserved_words() and token.text.upper() != "SIZE":
                self.fail(f"Attribute name is a reserved keyword; reserved keyword: {token.text}")
            return token.text
        self.syntax_error()

    def path(self) -> Path:
        elements: list[str | int] = [self.path_element()]
        while True:
            if self.is_punct("."):
                self.advance()
                elements.append(self.path_element())
            elif self.is_punct("["):
                self.advance()
                if self.token.kind != "NUMBER":
                    self.syntax_error()
                elements.append(int(self.advance().text))
                self.expect_punct("]")
            else:
                if len(elements) > MAX_PATH_DEPTH:
                    self.fail(
                        "The document path has too many nesting levels; "
                        f"nesting levels: {len(elements)}"
                    )
                return Path(tuple(elements))

    def value(self) -> Value:
        token = self.advance()
        if token.text not in self.placeholders.values:
            self.fail(
                "An expression attribute value used in expression is not defined; "
                f"attribute value: {token.text}"
            )
        self.placeholders.used_values.add(token.text)
        return Value(token.text, self.placeholders.values[token.text])

    def function(self, allowed: Mapping[str, int]) -> Function:
        name = self.advance().text
        if name not in _ALL_FUNCTIONS:
            self.fail(f"Invalid function name; function: {name}")
        if name not in allowed:
            if self.kind == "UpdateExpression" and name not in _UPDATE_FUNCTIONS:
                self.fail(f"The function is not allowed in an update expression; function: {name}")
            if self.kind != "UpdateExpression" and name in _UPDATE_FUNCTIONS:
                self.fail(
                    f"The function is not allowed in a condition expression; function: {name}"
                )
            self.fail(
                "The function is not allowed to be used this way in an expression; "
                f"function: {name}"
            )
        self.expect_punct("(")
        args: list[Operand] = [self.operand(update=name in _UPDATE_FUNCTIONS)]
        while self.is_punct(","):
            self.advance()
            args.append(self.operand(update=name in _UPDATE_FUNCTIONS))
        self.expect_punct(")")
        if len(args) != allowed[name]:
            self.fail(
                "Incorrect number of operands for operator or function; "
                f"operator or function: {name}, number of operands: {len(args)}"
            )
        needs_path = name in _PATH_FUNCTIONS
        if needs_path and not isinstance(args[0], Path):
            self.fail(
                f"Operator or function requires a document path; operator or function: {name}"
            )
        return Function(name, tuple(args))

    def operand(self, *, update: bool = False) -> Operand:
        token = self.token
        if self.is_punct("("):
            self.advance()
            inner = self.operand(update=update)
            self.expect_punct(")")
            return inner
        if token.kind == "VALUE":
            return self.value()
        if token.kind == "NAME" and self.tokens[self.pos + 1].text == "(":
            return self.function(_UPDATE_FUNCTIONS if update else _OPERAND_FUNCTIONS)
        if token.kind in ("NAME", "ATTR_NAME"):
            return self.path()
        self.syntax_error()

    # -- conditions ----------------------------------------------------------------------------
    def condition(self) -> Condition:
        left = self.conjunction()
        while self.is_keyword("OR"):
            self.advance()
            left = Or(left, self.conjunction())
        return left

    def conjunction(self) -> Condition:
        left = self.negation()
        while self.is_keyword("AND"):
            self.advance()
            left = And(left, self.negation())
        return left

    def negation(self) -> Condition:
        if self.is_keyword("NOT"):
            self.advance()
            return Not(self.negation())
        return self.primary()

    def primary(self) -> Condition:
        if self.is_punct("(") and not self._opens_operand():
            self.advance()
            inner = self.condition()
            self.expect_punct(")")
            return inner
        token = self.token
        if (
            token.kind == "NAME"
            and self.tokens[self.pos + 1].text == "("
            and token.text in CONDITION_FUNCTIONS
        ):
            function = self.function(CONDITION_FUNCTIONS)
            if (self.token.kind == "PUNCT" and self.token.text in _COMPARATORS) or any(
                self.is_keyword(word) for word in ("BETWEEN", "IN")
            ):
                self.fail(
                    "The function is not allowed to be used this way in an expression; "
                    f"function: {function.name}"
                )
            return function
        left = self.operand()
        if self.token.kind == "PUNCT" and self.token.text in _COMPARATORS:
            op = self.advance().text
            return Compare(op, left, self.operand())
        if self.is_keyword("BETWEEN"):
            self.advance()
            low = self.operand()
            if not self.is_keyword("AND"):
                self.syntax_error()
            self.advance()
            return Between(left, low, self.operand())
        if self.is_keyword("IN"):
            self.advance()
            self.expect_punct("(")
            options = [self.operand()]
            while self.is_punct(","):
                self.advance()
                options.append(self.operand())
            self.expect_punct(")")
            return In(left, tuple(options))
        self.syntax_error()

    def _opens_operand(self) -> bool:
        """Whether the "(" here wraps an operand (`(a) = :v`) rather than a condition."""
        depth = 0
        for token in self.tokens[self.pos :]:
            if token.kind == "PUNCT" and token.text == "(":
                depth += 1
            elif token.kind == "PUNCT" and token.text == ")":
                depth -= 1
                if depth == 0:
                    return False
            elif depth == 1 and (
                (token.kind == "PUNCT" and token.text in _COMPARATORS)
                or (token.kind == "NAME" and token.text.upper() in _CONDITION_WORDS)
                or (token.kind == "NAME" and token.text in CONDITION_FUNCTIONS)
            ):
                return False
        return True

    # -- update ------------------------------------------------------------------------------
    def update(self) -> UpdateExpression:
        clauses: dict[str, list[Any]] = {}
        if self.token.kind == "EOF":
            self.syntax_error()
        while self.token.kind != "EOF":
            word = self.token.text.upper() if self.token.kind == "NAME" else ""
            if word not in _CLAUSES:
                self.syntax_error()
            if word in clauses:
                self.fail(f'The "{word}" section can only be used once in an update expression;')
            self.advance()
            actions = clauses[word] = [self.update_action(word)]
            while self.is_punct(","):
                self.advance()
                actions.append(self.update_action(word))
        return UpdateExpression(
            set=tuple(clauses.get("SET", ())),
            remove=tuple(clauses.get("REMOVE", ())),
            add=tuple(clauses.get("ADD", ())),
            delete=tuple(clauses.get("DELETE", ())),
        )

    def update_action(self, clause: str) -> Any:
        path = self.path()
        self.paths_in_order.append(path)
        if clause == "REMOVE":
            return path
        if clause == "SET":
            self.expect_punct("=")
            value = self.operand(update=True)
            if self.is_punct("+") or self.is_punct("-"):
                op = self.advance().text
                value = Arithmetic(op, value, self.operand(update=True))
            return (path, value)
        if self.token.kind != "VALUE":
            self.syntax_error()
        return (path, self.value())


def parse_condition(source: str, kind: str, placeholders: Placeholders) -> Condition:
    """The condition tree of a ConditionExpression, FilterExpression or KeyConditionExpression.

    :raises ValidationException: syntax errors, unknown functions, undefined placeholders,
        reserved words, with DynamoDB's messages.
    """
    parser = _Parser(source, kind, placeholders)
    if parser.token.kind == "EOF":
        raise ValidationException(f"Invalid {kind}: The expression can not be empty;")
    result = parser.condition()
    parser.at_end()
    check_operands(parser.fail, result)
    return result


def _check_set_operand_types(parser: _Parser, operand: Operand) -> None:
    """Literal operands of `+`, `-` and `list_append` must have the right type up front."""
    if isinstance(operand, Arithmetic):
        for side in (operand.left, operand.right):
            if isinstance(side, Value) and next(iter(side.value)) != "N":
                parser.fail(
                    "Incorrect operand type for operator or function; operator or function: "
                    f"{operand.op}, operand type: {next(iter(side.value))}"
                )
            _check_set_operand_types(parser, side)
    elif isinstance(operand, Function):
        for arg in operand.args:
            if (
                operand.name == "list_append"
                and isinstance(arg, Value)
                and next(iter(arg.value)) != "L"
            ):
                parser.fail(
                    "Incorrect operand type for operator or function; operator or function: "
                    f"list_append, operand type: {next(iter(arg.value))}"
                )
            _check_set_operand_types(parser, arg)


def parse_update(source: str, placeholders: Placeholders) -> UpdateExpression:
    """The clauses of an UpdateExpression, with DynamoDB's static validation.

    :raises ValidationException: syntax, repeated clauses, overlapping paths.
    """
    parser = _Parser(source, "UpdateExpression", placeholders)
    if parser.token.kind == "EOF":
        parser.fail("The expression can not be empty;")
    update = parser.update()
    _check_no_overlap(parser, parser.paths_in_order)
    for _path, value in update.set:
        _check_set_operand_types(parser, value)
    for clause, actions in (("ADD", update.add), ("DELETE", update.delete)):
        allowed = ("N", "SS", "NS", "BS") if clause == "ADD" else ("SS", "NS", "BS")
        for _path, operand in actions:
            kind = next(iter(operand.value))
            if kind not in allowed:
                parser.fail(
                    "Incorrect operand type for operator or function; operator: "
                    f"{clause}, operand type: {TYPE_NAMES[kind]}, "
                    f"typeSet: ALLOWED_FOR_{clause}_OPERAND"
                )
    return update


def _check_no_overlap(parser: _Parser, paths: list[Path]) -> None:
    """:raises ValidationException: one path is a prefix of another (UpdateExpression and
    ProjectionExpression both refuse it)."""
    for i, first in enumerate(paths):
        for second in paths[i + 1 :]:
            shorter = min(len(first.elements), len(second.elements))
            if first.elements[:shorter] == second.elements[:shorter]:
                parser.fail(
                    "Two document paths overlap with each other; must remove or rewrite one of "
                    f"these paths; path one: {first}, path two: {second}"
                )


def parse_projection(source: str, placeholders: Placeholders) -> list[Path]:
    """The document paths of a ProjectionExpression.

    :raises ValidationException: syntax, undefined names, overlapping paths.
    """
    parser = _Parser(source, "ProjectionExpression", placeholders)
    if parser.token.kind == "EOF":
        parser.fail("The expression can not be empty;")
    paths = [parser.path()]
    while parser.is_punct(","):
        parser.advance()
        paths.append(parser.path())
    parser.at_end()
    _check_no_overlap(parser, paths)
    return paths
