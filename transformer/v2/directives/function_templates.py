"""The mapping templates of @function: the Lambda invoke function and the field's pipeline ends."""

from __future__ import annotations

import json
from collections.abc import Sequence

from transformer.mapping_template import ast as a
from transformer.mapping_template import print_block

__all__ = [
    "IamStash",
    "invoke_request",
    "invoke_response",
    "resolver_after",
    "resolver_before",
]


def invoke_request(data_source_name: str, line: str = "gen1") -> str:
    """Invoke the Lambda with the field's context; typeName/fieldName come from the stash. The
    2.x line names the invocation type (`RequestResponse`; `Event` is not emulated)."""
    request: dict[str, a.Expression] = {
        "version": a.str_("2018-05-29"),
        "operation": a.str_("Invoke"),
        "payload": a.obj(
            {
                "typeName": a.ref('util.toJson($ctx.stash.get("typeName"))'),
                "fieldName": a.ref('util.toJson($ctx.stash.get("fieldName"))'),
                "arguments": a.ref("util.toJson($ctx.arguments)"),
                "identity": a.ref("util.toJson($ctx.identity)"),
                "source": a.ref("util.toJson($ctx.source)"),
                "request": a.ref("util.toJson($ctx.request)"),
                "prev": a.ref("util.toJson($ctx.prev)"),
            }
        ),
    }
    if line == "gen2":
        request["invocationType"] = a.str_("RequestResponse")
    return print_block(f"Invoke AWS Lambda data source: {data_source_name}", a.obj(request))


def invoke_response(line: str = "gen1") -> str:
    suffix = " for request response invocation type" if line == "gen2" else ""
    return print_block(
        f"Handle error or return result{suffix}",
        a.compound(
            [
                a.iff(
                    a.ref("ctx.error"), a.raw("$util.error($ctx.error.message, $ctx.error.type)")
                ),
                a.raw("$util.toJson($ctx.result)"),
            ]
        ),
    )


class IamStash:
    """What an API with IAM auth stashes for the functions (role ARNs, identity pool, admins)."""

    def __init__(
        self,
        account: str,
        auth_role_name: str,
        unauth_role_name: str,
        identity_pool_id: str | None,
        admin_roles: Sequence[str],
    ) -> None:
        self.account = account
        self.auth_role_name = auth_role_name
        self.unauth_role_name = unauth_role_name
        self.identity_pool_id = identity_pool_id
        self.admin_roles = list(admin_roles)

    def lines(self) -> list[a.Expression]:
        prefix = f"arn:aws:sts::{self.account}:assumed-role"
        out: list[a.Expression] = [
            a.qref(
                '$ctx.stash.put("authRole", '
                f'"{prefix}/{self.auth_role_name}/CognitoIdentityCredentials")'
            ),
            a.qref(
                '$ctx.stash.put("unauthRole", '
                f'"{prefix}/{self.unauth_role_name}/CognitoIdentityCredentials")'
            ),
        ]
        if self.identity_pool_id:
            out.append(a.qref(f'$ctx.stash.put("identityPoolId", "{self.identity_pool_id}")'))
        out.append(
            a.qref(
                '$ctx.stash.put("adminRoles", '
                f"{json.dumps(self.admin_roles, separators=(',', ':'))})"
            )
        )
        return out


def resolver_before(type_name: str, field_name: str, iam: IamStash | None = None) -> str:
    """The pipeline's inline before template: stash the field's coordinates (and IAM context)."""
    steps: list[a.Expression] = [
        a.qref(f'$ctx.stash.put("typeName", "{type_name}")'),
        a.qref(f'$ctx.stash.put("fieldName", "{field_name}")'),
    ]
    if iam is not None:
        steps.extend(iam.lines())
    steps.append(a.obj({}))
    return print_block("Stash resolver specific context.", a.compound(steps))


def resolver_after() -> str:
    return "$util.toJson($ctx.prev.result)"
