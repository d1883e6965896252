"""`$ctx` / `$context` as templates see it."""

from __future__ import annotations

from resolvers.context import build_context, copy_value
from resolvers.vtl import render


def test_context_args_is_arguments() -> None:
    context = build_context(arguments={"id": "1"})
    assert context["args"] is context["arguments"]


def test_context_fields_visible_to_templates() -> None:
    context = build_context(
        arguments={"id": "1"},
        identity={"sub": "s1", "claims": {"email": "e@x"}},
        source={"parentId": "p"},
        result={"r": 1},
        error={"message": "m", "type": "T"},
        stash={"k": "v"},
        prev_result={"p": 2},
        request={"headers": {"x-h": "h"}, "domainName": "api.example.com"},
        info={"fieldName": "getTodo", "parentTypeName": "Query", "variables": {"v": 1},
              "selectionSetList": ["id"], "selectionSetGraphQL": "{ id }"},
    )  # fmt: skip
    template = (
        "$ctx.args.id $context.arguments.id $ctx.identity.sub $ctx.identity.claims.email "
        "$ctx.source.parentId $ctx.result.r $ctx.error.message $ctx.error.type $ctx.stash.k "
        "$ctx.prev.result.p $ctx.request.domainName "
        "$ctx.info.fieldName $ctx.info.parentTypeName $ctx.info.variables.v "
        "$ctx.info.selectionSetList $ctx.info.selectionSetGraphQL"
    )
    assert render(template, context).text == (
        "1 1 s1 e@x p 1 m T v 2 api.example.com getTodo Query 1 [id] { id }"
    )


def test_context_header_with_dash_read_with_get() -> None:
    context = build_context(request={"headers": {"x-h": "h"}})
    assert render('$ctx.request.headers.get("x-h")', context).text == "h"


def test_context_defaults() -> None:
    context = build_context()
    assert context == {
        "arguments": {},
        "args": {},
        "identity": None,
        "source": None,
        "result": None,
        "error": None,
        "stash": {},
        "prev": {"result": None},
        "request": {"headers": {}, "domainName": None},
        "info": {
            "fieldName": None,
            "parentTypeName": None,
            "variables": {},
            "selectionSetList": [],
            "selectionSetGraphQL": "",
        },
    }


def test_context_copy_value_is_deep() -> None:
    original = {"a": [{"b": 1}]}
    copied = copy_value(original)
    copied["a"][0]["b"] = 2
    assert original == {"a": [{"b": 1}]}
