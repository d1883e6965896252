"""v2 @auth beyond the golden builds: where an error points, and feature flags read from the
transform parameters (the Gen 2 line passes its own)."""

from __future__ import annotations

import pytest

from transformer import TransformerError
from transformer.v2 import V2Config, transform
from transformer.v2.errors import InvalidDirectiveError

TODO = """type Todo @model @auth(rules: [{ allow: owner }]) {
  id: ID!
  name: String
}
"""


def _files(schema: str, **parameters: object) -> dict[str, str]:
    config = V2Config(auth_modes=("userPools",)).with_parameters(**parameters)
    return transform(schema, config).files()


def test_auth_rule_error_points_at_the_auth_directive() -> None:
    schema = (
        "type Todo @model\n  @auth(rules: [{ allow: owner, provider: apiKey }]) {\n  id: ID!\n}\n"
    )
    with pytest.raises(InvalidDirectiveError) as caught:
        transform(schema, V2Config(auth_modes=("userPools", "apiKey")))
    assert caught.value.message == (
        "@auth directive with 'owner' strategy only supports 'userPools' (default) and 'oidc' "
        "providers, but found 'apiKey' assigned."
    )
    assert (caught.value.line, caught.value.column) == (2, 3)


def test_auth_provider_missing_from_the_api_is_refused() -> None:
    with pytest.raises(TransformerError) as caught:
        transform(TODO, V2Config(auth_modes=("apiKey",)))
    assert caught.value.message == (
        "@auth directive with 'userPools' provider found, but the project has no Cognito User "
        "Pools authentication provider configured."
    )


def test_auth_default_identity_claim_follows_the_sub_username_flag() -> None:
    with_sub = _files(TODO, useSubUsernameForDefaultIdentityClaim=True)
    without = _files(TODO, useSubUsernameForDefaultIdentityClaim=False)
    query = "resolvers/Query.listTodos.auth.1.req.vtl"
    assert '$ctx.identity.claims.get("sub")' in with_sub[query]
    assert '$ctx.identity.claims.get("sub")' not in without[query]
    assert "resolvers/Todo.owner.res.vtl" in with_sub
    assert "resolvers/Todo.owner.res.vtl" not in without


def test_auth_owner_population_follows_the_static_group_flag() -> None:
    schema = TODO.replace("{ allow: owner }", '{ allow: owner }, { allow: groups, groups: ["A"] }')
    create = "resolvers/Mutation.createTodo.auth.1.req.vtl"
    populated = _files(schema, populateOwnerFieldForStaticGroupAuth=True)[create]
    plain = _files(schema, populateOwnerFieldForStaticGroupAuth=False)[create]
    check = "#if( $isAuthorized && $util.isNull($ownerEntity0)"
    assert check in populated
    assert check not in plain
