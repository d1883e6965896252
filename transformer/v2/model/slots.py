"""The slot templates @model adds: the `init` defaults of create/update and the `postAuth`
check every model operation gets for the API's default auth mode when no @auth rule applies."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["create_init_template", "post_auth_template", "update_init_template"]

_PAYLOAD = '$util.toJson({\n  "version": "2018-05-29",\n  "payload": {}\n})'
_DEFAULTS = (
    '$util.qr($ctx.stash.put("defaultValues", $util.defaultIfNull($ctx.stash.defaultValues, {})))'
)


def _block(name: str, lines: list[str]) -> str:
    return f"## [Start] {name}. **\n" + "\n".join(lines) + f"\n## [End] {name}. **"


def create_init_template(timestamps: Mapping[str, str | None] | None, initialize_id: bool) -> str:
    lines = [_DEFAULTS]
    if initialize_id:
        lines.append('$util.qr($ctx.stash.defaultValues.put("id", $util.autoId()))')
    if timestamps:
        lines.append("#set( $createdAt = $util.time.nowISO8601() )")
        for key in ("createdAt", "updatedAt"):
            name = timestamps.get(key)
            if name:
                lines.append(f'$util.qr($ctx.stash.defaultValues.put("{name}", $createdAt))')
    lines.append(_PAYLOAD)
    return _block("Initialization default values", lines)


def update_init_template(timestamps: Mapping[str, str | None] | None) -> str:
    lines = [_DEFAULTS]
    if timestamps and timestamps.get("updatedAt"):
        lines.append("#set( $updatedAt = $util.time.nowISO8601() )")
        lines.append(
            f'$util.qr($ctx.stash.defaultValues.put("{timestamps["updatedAt"]}", $updatedAt))'
        )
    lines.append(_PAYLOAD)
    return _block("Initialization default values", lines)


def post_auth_template(sandbox_mode: bool, iam_access: bool) -> str:
    """Without @auth rules: the sandbox rule (`input AMPLIFY { globalAuthRule ... }`) lets API
    key callers in; otherwise only callers an auth slot marked `hasAuth` get through."""
    name = (
        f"Sandbox Mode {'Enabled' if sandbox_mode else 'Disabled'}, "
        f"IAM Access {'Enabled' if iam_access else 'Disabled'}"
    )
    inner: list[str] = []
    if sandbox_mode:
        inner += [
            '  #if( $util.authType() == "API Key Authorization" )',
            "    #return($util.toJson({}))",
            "  #end",
        ]
    if iam_access:
        inner += [
            '  #if( $util.authType() == "IAM Authorization" && '
            "$util.isNull($ctx.identity.cognitoIdentityPoolId) && "
            "$util.isNull($ctx.identity.cognitoIdentityId) )",
            "    #return($util.toJson({}))",
            "  #end",
        ]
    lines = [
        '#if( !$ctx.stash.get("hasAuth") )',
        *inner,
        "  $util.unauthorized()",
        "#end",
        "$util.toJson({})",
    ]
    return _block(name, lines)
