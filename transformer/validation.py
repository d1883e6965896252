"""Validate the input schema as the v1 transformer does, with graphql-js's messages."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import graphql.validation as r
from graphql import GraphQLError, build_ast_schema, parse, validate
from graphql.language import ast
from graphql.validation.validate import validate_sdl

from transformer.errors import SchemaValidationError, TransformerError
from transformer.scalars import AWS_DIRECTIVES_SDL, AWS_SCALARS_SDL

__all__ = ["js_message", "parse_type_system", "printed_error", "validate_model_schema"]

_EXTRA_DIRECTIVES = parse(AWS_DIRECTIVES_SDL).definitions
_EXTRA_SCALARS = parse(AWS_SCALARS_SDL).definitions
_NOOP_QUERY = parse("type Query {\n  noop: String\n}", no_location=True).definitions

# The rules graphql-transformer-core runs over the SDL document, minus those that only look at
# operations and fragments (they cannot report anything on a type-system document).
_RULES: Sequence[Any] = (
    r.KnownTypeNamesRule,
    r.KnownDirectivesRule,
    r.UniqueDirectivesPerLocationRule,
    r.KnownArgumentNamesRule,
    r.UniqueArgumentNamesRule,
    r.ValuesOfCorrectTypeRule,
    r.ProvidedRequiredArgumentsRule,
    r.UniqueInputFieldNamesRule,
)

_SINGLE_QUOTED = re.compile(r"'([^'\s]*)'")
_REQUIRED_DIRECTIVE_ARG = re.compile(
    r"^Argument '@(\w+)\((\w+):\)' of type '(.+)' is required, but it was not provided\.$"
)
_REQUIRED_FIELD_ARG = re.compile(
    r"^Argument '(\w+)\((\w+):\)' of type '(.+)' is required, but it was not provided\.$"
)
_UNKNOWN_INPUT_FIELD = re.compile(
    r"^Expected value of type '(\w+)' not to include unknown field '(\w+)'"
    r"(\. Did you mean .*\?)?(?:\.? Found: .*\.)?$"
)
_MISPLACED_DIRECTIVE = re.compile(r"^(Directive '@\w+' may not be used on )([a-z ]+)\.$")


def js_message(message: str) -> str:
    """graphql-js 15's wording of a graphql-core validation message (the one users know).

    graphql-core quotes names with '...' where graphql-js 15 uses "...", and words a few
    messages differently (required arguments, directive locations).
    """
    match = _REQUIRED_DIRECTIVE_ARG.match(message)
    if match:
        return (
            f'Directive "@{match[1]}" argument "{match[2]}" of type "{match[3]}" is required, '
            "but it was not provided."
        )
    match = _REQUIRED_FIELD_ARG.match(message)
    if match:
        return (
            f'Field "{match[1]}" argument "{match[2]}" of type "{match[3]}" is required, but it '
            "was not provided."
        )
    match = _UNKNOWN_INPUT_FIELD.match(message)
    if match:
        suggestion = _SINGLE_QUOTED.sub(r'"\1"', match[3]) if match[3] else "."
        return f'Field "{match[2]}" is not defined by type "{match[1]}"{suggestion}'
    match = _MISPLACED_DIRECTIVE.match(message)
    if match:
        message = match[1] + match[2].upper().replace(" ", "_") + "."
    return _SINGLE_QUOTED.sub(r'"\1"', message)


def parse_type_system(text: str, file: str | None = None) -> ast.DocumentNode:
    """Parse a schema document the transformer accepts: type-system definitions only.

    :raises TransformerError: a GraphQL syntax error (with its location), or an operation or
        fragment in the document; `file` is named in the error.
    """
    try:
        document = parse(text)
    except GraphQLError as err:
        location = err.locations[0] if err.locations else None
        raise TransformerError(
            js_message(err.message),
            file=file,
            line=location.line if location else None,
            column=location.column if location else None,
        ) from err
    for definition in document.definitions:
        if isinstance(definition, ast.ExecutableDefinitionNode):
            kind = (
                "OperationDefinition"
                if isinstance(definition, ast.OperationDefinitionNode)
                else "FragmentDefinition"
            )
            raise TransformerError(
                f"Found a {kind}. Transformers accept only documents consisting of "
                "TypeSystemDefinitions.",
                file=file,
            )
    return document


def printed_error(error: GraphQLError) -> str:
    """`printError` of graphql-js: the message, then each location with a source excerpt."""
    text = str(error)
    return js_message(error.message) + text[len(error.message) :]


def validate_model_schema(
    definitions: Iterable[Any], error_type: type[SchemaValidationError] = SchemaValidationError
) -> None:
    """Validate user definitions plus transformer directives; raise `error_type` (the v1
    SchemaValidationError by default; the v2 transformer passes its own).

    :raises SchemaValidationError: with every error, printed as the Amplify CLI prints them.
    """
    user = list(definitions)
    full = [*_EXTRA_DIRECTIVES, *user, *_EXTRA_SCALARS]
    schema_def = next((d for d in user if isinstance(d, ast.SchemaDefinitionNode)), None)
    query_name = "Query"
    if schema_def is not None:
        for op in schema_def.operation_types or ():
            if op.operation == ast.OperationType.QUERY:
                query_name = op.type.name.value
    if not any(
        getattr(getattr(d, "name", None), "value", None) == query_name
        for d in user
        if not isinstance(d, (ast.DirectiveDefinitionNode, ast.SchemaDefinitionNode))
    ):
        full.extend(_NOOP_QUERY)
    document = ast.DocumentNode(definitions=tuple(full))
    errors = validate_sdl(document)
    if not errors:
        schema = build_ast_schema(document, assume_valid=True)
        try:
            errors = validate(schema, document, _RULES)
        except TypeError as err:
            raise error_type([js_message(str(err))]) from err
    if errors:
        first = next((e for e in errors if e.locations), None)
        location = first.locations[0] if first and first.locations else None
        raise error_type(
            [printed_error(e) for e in errors],
            messages=[js_message(e.message) for e in errors],
            line=location.line if location else None,
            column=location.column if location else None,
        )
