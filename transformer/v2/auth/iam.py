"""The IAM managed policies @auth writes for the identity pool's authenticated and
unauthenticated roles: `appsync:GraphQL` on every type and field an IAM rule reaches."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from transformer.v2.auth.rules import AuthProviders, AuthRule, RoleDefinition, is_provider_equal
from transformer.v2.context import TransformerContext
from transformer.v2.errors import InvalidDirectiveError

__all__ = ["PolicyResources", "generate_policies"]

_MAX_BUILT_SIZE_BYTES = 6000
_RESOURCE_OVERHEAD = 100


class PolicyResources:
    """`Type/field` (or `Type/null` for a whole type) per role, in the order they were met."""

    def __init__(self) -> None:
        self.auth: dict[str, None] = {}
        self.unauth: dict[str, None] = {}
        self.for_auth_role = False
        self.for_unauth_role = False

    def flag(self, rules: Sequence[AuthRule]) -> None:
        if rules and not self.for_auth_role:
            self.for_auth_role = any(
                r.allow in ("private", "public") and is_provider_equal(r.provider, "identityPool")
                for r in rules
            )
        if rules and not self.for_unauth_role:
            self.for_unauth_role = any(
                r.allow == "public" and is_provider_equal(r.provider, "identityPool") for r in rules
            )

    def add_resource(self, type_name: str, field_name: str | None, public: bool) -> None:
        key = f"{type_name}/{field_name if field_name is not None else 'null'}"
        if public:
            self.unauth[key] = None
        self.auth[key] = None

    def _add_for_rules(
        self, type_name: str, field_name: str | None, rules: Sequence[AuthRule]
    ) -> None:
        def has(allow: str) -> bool:
            return any(
                r.allow == allow
                and is_provider_equal(r.provider, "identityPool")
                and r.generate_iam_policy
                for r in rules
            )

        if has("public"):
            self.add_resource(type_name, field_name, public=True)
        if has("private"):
            self.add_resource(type_name, field_name, public=False)

    def add_type(self, type_name: str, rules: Sequence[AuthRule]) -> None:
        self._add_for_rules(type_name, None, rules)

    def add_field(self, type_name: str, field_name: str, rules: Sequence[AuthRule]) -> None:
        self._add_for_rules(type_name, field_name, rules)

    def add_operation(
        self, type_name: str, field_name: str, roles: Iterable[RoleDefinition]
    ) -> None:
        roles = list(roles)
        iam = [r for r in roles if is_provider_equal(r.provider, "identityPool")]
        if any(r.strategy == "public" for r in iam):
            self.add_resource(type_name, field_name, public=True)
        if any(r.strategy == "private" for r in iam):
            self.add_resource(type_name, field_name, public=False)


def _arn(ctx: TransformerContext, resource: str) -> dict[str, Any]:
    type_name, field_name = resource.split("/")
    values: dict[str, Any] = {"apiId": ctx.api_id(), "typeName": type_name}
    if field_name != "null":
        values["fieldName"] = field_name
        path = "${typeName}/fields/${fieldName}"
    else:
        path = "${typeName}/*"
    # the 2.x line (Gen 2) writes the partition as a reference
    partition = "${AWS::Partition}" if ctx.config.line == "gen2" else "aws"
    return {
        "Fn::Sub": [
            f"arn:{partition}:appsync:${{AWS::Region}}:${{AWS::AccountId}}:apis/${{apiId}}/types/"
            + path,
            values,
        ]
    }


def _documents(ctx: TransformerContext, resources: Iterable[str]) -> list[list[Any]]:
    """The resources split into documents of at most ~6 KB, as the real transformer splits."""
    documents: list[list[Any]] = []
    current: list[Any] = []
    size = 0
    for resource in resources:
        type_name, field_name = resource.split("/")
        current.append(_arn(ctx, resource))
        size += (
            _RESOURCE_OVERHEAD + len(type_name) + (len(field_name) if field_name != "null" else 0)
        )
        if size > _MAX_BUILT_SIZE_BYTES:
            documents.append(current[:-1])
            current = current[-1:]
            size = 0
    if current:
        documents.append(current)
    return documents


def _policy(
    ctx: TransformerContext, prefix: str, resources: Iterable[str], role_name: str | None
) -> None:
    for index, document in enumerate(_documents(ctx, resources)):
        statement = {
            "Action": "appsync:GraphQL",
            "Effect": "Allow",
            "Resource": document if len(document) != 1 else document[0],
        }
        ctx.stacks.root.add_resource(
            [f"{prefix}{index + 1:02d}", "Resource"],
            {
                "Type": "AWS::IAM::ManagedPolicy",
                "Properties": {
                    "Description": "",
                    "Path": "/",
                    "PolicyDocument": {"Statement": [statement], "Version": "2012-10-17"},
                    "Roles": [role_name],
                },
            },
        )


def generate_policies(
    ctx: TransformerContext, resources: PolicyResources, providers: AuthProviders
) -> None:
    """:raises InvalidDirectiveError: IAM rules that reach no resource (a transformer bug)."""
    if resources.for_auth_role:
        if not resources.auth:
            if not providers.has_admin_roles:
                raise InvalidDirectiveError(
                    "AuthRole policies should be generated, but no resources were added."
                )
        else:
            _policy(ctx, "AuthRolePolicy", resources.auth, ctx.synth.authenticatedUserRoleName)
    if resources.for_unauth_role:
        if not resources.unauth:
            raise InvalidDirectiveError(
                "UnauthRole policies should be generated, but no resources were added"
            )
        _policy(ctx, "UnauthRolePolicy", resources.unauth, ctx.synth.unauthenticatedUserRoleName)
