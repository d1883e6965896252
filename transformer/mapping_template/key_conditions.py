"""Key-condition VTL shared by @key and @connection: the `$query` / `$modelQueryExpression`
built from hash key, simple sort key and composite (`a#b#c`) sort key arguments."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from transformer.mapping_template import ast as a
from transformer.naming import ModelResourceIDs as M

__all__ = [
    "apply_composite_key_condition_expression",
    "apply_key_condition_expression",
    "apply_key_expression_for_composite_key",
    "setup_hash_key_expression",
]

_OPERATORS = (
    ("beginsWith", None),
    ("between", None),
    ("eq", "="),
    ("lt", "<"),
    ("le", "<="),
    ("gt", ">"),
    ("ge", ">="),
)


def _condition_text(query_ref: str, op: str, symbol: str | None) -> str:
    if op == "beginsWith":
        return f'"${query_ref}.expression AND begins_with(#sortKey, :sortKey)"'
    if op == "between":
        return f'"${query_ref}.expression AND #sortKey BETWEEN :sortKey0 AND :sortKey1"'
    return f'"${query_ref}.expression AND #sortKey {symbol} :sortKey"'


def apply_key_condition_expression(
    arg_name: str,
    attribute_type: str = "S",
    query_ref: str = "query",
    sort_key_name: str | None = None,
    prefix_variable_name: str | None = None,
) -> a.CompoundExpression:
    """Sort key conditions on a single-attribute sort key argument."""

    def prefixed(value: str) -> str:
        return f"${prefix_variable_name}#{value}" if prefix_variable_name else value

    sort_key = sort_key_name or arg_name
    steps: list[a.Expression] = []
    for op, symbol in _OPERATORS:
        arg = f"$ctx.args.{arg_name}"
        body: list[a.Expression] = [
            a.set_(a.ref(f"{query_ref}.expression"), a.raw(_condition_text(query_ref, op, symbol))),
            a.qref(f'${query_ref}.expressionNames.put("#sortKey", "{sort_key}")'),
        ]
        if op == "between":
            for i in (0, 1):
                body.append(
                    a.qref(
                        f'${query_ref}.expressionValues.put(":sortKey{i}", '
                        f'{{ "{attribute_type}": "{prefixed(f"{arg}.between[{i}]")}" }})'
                    )
                )
        else:
            body.append(
                a.qref(
                    f'${query_ref}.expressionValues.put(":sortKey", '
                    f'{{ "{attribute_type}": "{prefixed(f"{arg}.{op}")}" }})'
                )
            )
        steps.append(
            a.iff(a.raw(f"!$util.isNull({arg}) && !$util.isNull({arg}.{op})"), a.compound(body))
        )
    return a.block("Applying Key Condition", steps)


def apply_composite_key_condition_expression(
    key_names: Sequence[str],
    query_ref: str,
    sort_key_argument_name: str,
    sort_key_attribute_name: str,
) -> a.CompoundExpression:
    """Sort key conditions on a composite sort key (values joined with `#`)."""
    arg = f"$ctx.args.{sort_key_argument_name}"
    sep = M.COMPOSITE_KEY_SEPARATOR

    def accumulate(var: str, path: str) -> list[a.Expression]:
        return [
            a.iff(
                a.raw(f"!$util.isNull({arg}.{path}.{key})"),
                a.set_(a.ref(var), a.str_(f"{arg}.{path}.{key}"))
                if i == 0
                else a.set_(a.ref(var), a.str_(f"${var}{sep}{arg}.{path}.{key}")),
                True,
            )
            for i, key in enumerate(key_names)
        ]

    def finish(op: str, symbol: str | None) -> list[a.Expression]:
        steps: list[a.Expression] = [
            a.set_(a.ref(f"{query_ref}.expression"), a.raw(_condition_text(query_ref, op, symbol))),
            a.qref(f'${query_ref}.expressionNames.put("#sortKey", "{sort_key_attribute_name}")'),
        ]
        if op == "between":
            steps += [
                a.qref(
                    f'${query_ref}.expressionValues.put(":sortKey0", {{ "S": "$sortKeyValue" }})'
                ),
                a.qref(
                    f'${query_ref}.expressionValues.put(":sortKey1", {{ "S": "$sortKeyValue2" }})'
                ),
            ]
        else:
            steps.append(
                a.qref(f'${query_ref}.expressionValues.put(":sortKey", {{ "S": "$sortKeyValue" }})')
            )
        return steps

    body: list[a.Expression] = [
        a.set_(a.ref("sortKeyValue"), a.str_("")),
        a.set_(a.ref("sortKeyValue2"), a.str_("")),
    ]
    for op, symbol in _OPERATORS:
        if op == "between":
            inner: list[a.Expression] = [
                a.iff(
                    a.raw(f"{arg}.between.size() != 2"),
                    a.raw(
                        f'$util.error("Argument {sort_key_argument_name}.between expects '
                        'exactly 2 elements.")'
                    ),
                ),
                *accumulate("sortKeyValue", "between[0]"),
                *accumulate("sortKeyValue2", "between[1]"),
            ]
        else:
            inner = accumulate("sortKeyValue", op)
        body.append(
            a.iff(
                a.raw(f"!$util.isNull({arg}) && !$util.isNull({arg}.{op})"),
                a.compound([*inner, *finish(op, symbol)]),
            )
        )
    body.append(a.newline())
    return a.block("Applying Key Condition", body)


def setup_hash_key_expression(hash_key: str, attribute_type: str, query_ref: str) -> a.If:
    return a.iff(
        a.raw(f"!$util.isNull($ctx.args.{hash_key})"),
        a.compound(
            [
                a.set_(a.ref(f"{query_ref}.expression"), a.str_(f"#{hash_key} = :{hash_key}")),
                a.set_(
                    a.ref(f"{query_ref}.expressionNames"), a.obj({f"#{hash_key}": a.str_(hash_key)})
                ),
                a.set_(
                    a.ref(f"{query_ref}.expressionValues"),
                    a.obj(
                        {f":{hash_key}": a.obj({attribute_type: a.str_(f"$ctx.args.{hash_key}")})}
                    ),
                ),
            ]
        ),
    )


def _invalid_argument(message: str) -> a.Raw:
    return a.raw(f'$util.error("{message}", "InvalidArgumentsError")')


def _validate_key_arguments(keys: Sequence[str]) -> a.Expression:
    if len(keys) <= 1:
        return a.newline()
    checks: list[a.Expression] = []
    for index in range(len(keys) - 1, 0, -1):
        right, previous = keys[index], keys[index - 1]
        checks.append(
            a.iff(
                a.raw(f"!$util.isNull($ctx.args.{right}) && $util.isNull($ctx.args.{previous})"),
                a.raw(
                    f"$util.error(\"When providing argument '{right}' you must also provide "
                    f'arguments {", ".join(keys[:index])}", "InvalidArgumentsError")'
                ),
            )
        )
    return a.block("Validate key arguments.", checks)


def _validate_composite_key_arguments(keys: Sequence[str]) -> a.Expression:
    sort_keys = list(keys[1:])
    hash_key = keys[0]
    arg_name = M.composite_key_argument_name(sort_keys)
    checks: list[a.Expression] = [
        a.iff(
            a.raw(
                f"!$util.isNull($ctx.args.{arg_name}) && $util.isNullOrBlank($ctx.args.{hash_key})"
            ),
            _invalid_argument(
                f"When providing argument '{arg_name}' you must also provide '{hash_key}'."
            ),
        )
    ]
    if len(sort_keys) <= 1:
        return a.newline()

    def over_keys(make: Callable[[str, str], a.Expression]) -> a.CompoundExpression:
        return a.compound(
            [make(sort_keys[i], sort_keys[i - 1]) for i in range(len(sort_keys) - 1, 0, -1)]
        )

    arg = f"$ctx.args.{arg_name}"

    def between_pair(right: str, previous: str) -> a.Expression:
        return a.compound(
            [
                a.iff(
                    a.raw(
                        f"!$util.isNullOrBlank({arg}.between[{i}].{right}) && "
                        f"$util.isNullOrBlank({arg}.between[{i}].{previous})"
                    ),
                    _invalid_argument(
                        f"When providing argument '{arg_name}.between[{i}].{right}' you must "
                        f"also provide '{arg_name}.between[{i}].{previous}'."
                    ),
                )
                for i in (0, 1)
            ]
        )

    validate_between = a.compound(
        [
            a.iff(
                a.raw(f"{arg}.between.size() != 2"),
                _invalid_argument(f"Argument '{arg_name}.between' expects exactly two elements."),
            ),
            over_keys(between_pair),
        ]
    )
    validate_other = over_keys(
        lambda right, previous: a.iff(
            a.raw(
                f'!$util.isNullOrBlank({arg}.get("$operation").{right}) && '
                f'$util.isNullOrBlank({arg}.get("$operation").{previous})'
            ),
            _invalid_argument(
                f"When providing argument '{arg_name}.$operation.{right}' you must also provide "
                f"'{arg_name}.$operation.{previous}'."
            ),
        )
    )
    checks.append(
        a.iff(
            a.raw(f"!$util.isNull({arg})"),
            a.compound(
                [
                    a.set_(a.ref("sortKeyArgumentOperations"), a.raw(f"{arg}.keySet()")),
                    a.iff(
                        a.raw("$sortKeyArgumentOperations.size() > 1"),
                        _invalid_argument(
                            f"Argument {arg_name} must specify at most one key condition operation."
                        ),
                    ),
                    a.for_each(
                        a.ref("operation"),
                        a.ref("sortKeyArgumentOperations"),
                        [
                            a.if_else(
                                a.raw('$operation == "between"'), validate_between, validate_other
                            )
                        ],
                    ),
                ]
            ),
        )
    )
    return a.block("Validate key arguments.", checks)


def apply_key_expression_for_composite_key(
    keys: Sequence[str], attribute_types: Sequence[str] = ("S",), query_ref: str = "query"
) -> a.Expression | None:
    """Hash key + (simple or composite) sort key conditions for a key's `fields`."""
    if len(keys) > 2:
        sort_keys = list(keys[1:])
        return a.compound(
            [
                _validate_composite_key_arguments(keys),
                setup_hash_key_expression(keys[0], attribute_types[0], query_ref),
                a.compound(
                    [
                        apply_composite_key_condition_expression(
                            sort_keys,
                            query_ref,
                            M.composite_key_argument_name(sort_keys),
                            M.composite_attribute_name(sort_keys),
                        )
                    ]
                ),
            ]
        )
    if len(keys) == 2:
        return a.compound(
            [
                _validate_key_arguments(keys),
                setup_hash_key_expression(keys[0], attribute_types[0], query_ref),
                apply_key_condition_expression(keys[1], attribute_types[1], query_ref),
            ]
        )
    if len(keys) == 1:
        return setup_hash_key_expression(keys[0], attribute_types[0], query_ref)
    return None
