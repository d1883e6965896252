"""@default(value): the create mutation's `init` slot fills absent inputs with the value.

Not emulated: AWSPhone values are checked with a plain pattern (+, digits, spaces, dashes,
parentheses), not libphonenumber's per-country rules.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from graphql.language import ast

from transformer.definitions import find_directive, get_base_type, is_list_type
from transformer.mapping_template import ast as a
from transformer.mapping_template.printer import print_block
from transformer.naming import to_camel_case
from transformer.v2.context import TransformerContext
from transformer.v2.directives.keys import is_scalar_or_enum
from transformer.v2.errors import InvalidDirectiveError
from transformer.v2.plugin import TransformerPlugin
from transformer.v2.resolver import Template

__all__ = ["DefaultValuePlugin"]

_NON_STRING = ("Int", "Float", "Boolean", "AWSTimestamp", "AWSJSON")
_TIME = re.compile(
    r"^([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(\.\d{1,})?(([Z])|([+|-]([01][0-9]|2[0-3]):[0-5][0-9]))$"
)
_DATE = re.compile(r"^(\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01]))$")
_DATE_TIME = re.compile(
    r"^(\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):([0-5][0-9]):"
    r"([0-5][0-9]|60))(\.\d{1,})?(([Z])|([+|-]([01][0-9]|2[0-3]):[0-5][0-9]))$"
)
_EMAIL = re.compile(
    r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$"
)
_PHONE = re.compile(r"^\+?[0-9 ()\-]{7,}$")
_JS_INT = re.compile(r"^\s*[+-]?\d")
_JS_FLOAT = re.compile(r"^\s*[+-]?(\d|\.\d|Infinity)")


def _leap(year: int) -> bool:
    return (year % 4 == 0 and year % 100 != 0) or year % 400 == 0


def _date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    year, month, day = int(value[:4]), int(value[5:7]), int(value[8:10])
    if month == 2:
        return day <= (29 if _leap(year) else 28)
    return not (month in (4, 6, 9, 11) and day > 30)


def _date_time(value: str) -> bool:
    if not _DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    index = value.index("T")
    return _date(value[:index]) and bool(_TIME.match(value[index + 1 :]))


def _json(value: str) -> bool:
    try:
        json.loads(value)
    except ValueError:
        return False
    return True


def _url(value: str) -> bool:
    parsed = urlparse(value)
    return bool(parsed.scheme) and (bool(parsed.netloc) or parsed.scheme not in ("http", "https"))


def _ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


_VALIDATORS: dict[str, Callable[[str], bool]] = {
    "ID": lambda v: True,
    "String": lambda v: True,
    "Int": lambda v: bool(_JS_INT.match(v)),
    "Float": lambda v: bool(_JS_FLOAT.match(v)),
    "Boolean": lambda v: v.lower() in ("true", "false"),
    "AWSJSON": _json,
    "AWSDate": _date,
    "AWSTime": lambda v: bool(_TIME.match(v)),
    "AWSDateTime": _date_time,
    "AWSTimestamp": lambda v: bool(_JS_INT.match(v)),
    "AWSEmail": lambda v: bool(_EMAIL.match(v)),
    "AWSURL": _url,
    "AWSPhone": lambda v: bool(_PHONE.match(v)),
    "AWSIPAddress": _ip,
}


class DefaultValuePlugin(TransformerPlugin):
    directive = "default"

    def __init__(self) -> None:
        self.by_model: dict[str, list[tuple[ast.FieldDefinitionNode, Any]]] = {}

    def field(
        self,
        ctx: TransformerContext,
        parent: ast.ObjectTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: Any,
    ) -> None:
        if find_directive(parent, "model") is None:
            raise InvalidDirectiveError(
                "The @default directive may only be added to object definitions annotated "
                "with @model."
            )
        if is_list_type(definition.type) or not is_scalar_or_enum(ctx, definition.type):
            raise InvalidDirectiveError(
                "The @default directive may only be added to scalar or enum field types."
            )
        arguments = list(directive.arguments or ())
        if not arguments:
            raise InvalidDirectiveError("The @default directive must have a value property")
        if len(arguments) > 1:
            raise InvalidDirectiveError("The @default directive only takes a value property")
        value_node = next((x.value for x in arguments if x.name.value == "value"), None)
        if value_node is None or isinstance(value_node, ast.NullValueNode):
            raise InvalidDirectiveError("The @default directive does not support null values.")
        value = getattr(value_node, "value", None)
        base = get_base_type(definition.type)
        enum = next(
            (
                d
                for d in ctx.input_document.definitions
                if isinstance(d, ast.EnumTypeDefinitionNode) and d.name.value == base
            ),
            None,
        )
        if enum is not None:
            if not any(v.name.value == value for v in enum.values or ()):
                raise InvalidDirectiveError(
                    f'Default value "{value}" is not a member of {base} enum.'
                )
        elif base in _VALIDATORS and not _VALIDATORS[base](str(value)):
            raise InvalidDirectiveError(f'Default value "{value}" is not a valid {base}.')
        self.by_model.setdefault(parent.name.value, []).append((definition, value))

    def generate_resolvers(self, ctx: TransformerContext) -> None:
        for model, entries in self.by_model.items():
            snippets = []
            for definition, value in entries:
                name = definition.name.value
                is_string = get_base_type(definition.type) not in _NON_STRING
                default = a.str_(str(value)) if is_string else a.raw(str(value))
                snippets.append(
                    print_block(
                        f'Setting "{name}" to default value of "{value}"',
                        a.qref(
                            a.method_call(
                                a.ref("context.args.input.put"),
                                a.str_(name),
                                a.method_call(
                                    a.ref("util.defaultIfNull"),
                                    a.ref(f"ctx.args.input.{name}"),
                                    default,
                                ),
                            )
                        ),
                    )
                )
            resolver = ctx.get_resolver("Mutation", to_camel_case(["create", model]))
            if resolver is not None:
                resolver.add_to_slot(
                    "init",
                    Template.s3(
                        "\n".join(snippets) + "\n{}",
                        f"{resolver.type_name}.{resolver.field_name}.{{slotName}}.{{slotIndex}}.req.vtl",
                    ),
                )
