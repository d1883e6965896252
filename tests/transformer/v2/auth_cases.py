# ruff: noqa: E501  (the schemas are data: one rule per line reads better than wrapped text)
"""The `auth-*` v2 golden cases: the strategy x provider x operations matrix the peer-v2
exhaustive auth files use, and hand-written schemas for the rest of @auth (dynamic groups,
multi-owner, custom claims, OIDC, Lambda, IAM with admin roles, field-level, relational, index,
subscriptions, feature flags, validation errors).

    python -m tests.transformer.v2.auth_cases      # (re)write golden/auth-*/schema+options

then `python -m tests.transformer.v2.regen_golden auth-...` runs the oracle on them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent / "golden"
#: the auth modes of the peer-v2 exhaustive files (user pools first)
EXHAUSTIVE_MODES = ["userPools", "iam", "apiKey", "oidc", "lambda"]

#: (strategy, provider, extra rule text) the exhaustive matrices use
MATRIX_RULES = [
    ("owner", "userPools", ""),
    ("groups", "userPools", 'groups: ["Admin"]'),
    ("private", "userPools", ""),
    ("public", "apiKey", ""),
    ("private", "iam", ""),
    ("public", "iam", ""),
]
MATRIX_OPERATIONS = [
    ["create"],
    ["get", "create"],
    ["list", "create"],
    ["update", "create"],
    ["delete", "create"],
]


def _rule(strategy: str, provider: str, extra: str, operations: list[str] | None) -> str:
    parts = [f"allow: {strategy}", f"provider: {provider}"]
    if operations is not None:
        parts.append(f"operations: [{', '.join(operations)}]")
    if extra:
        parts.append(extra)
    return "{ " + ", ".join(parts) + " }"


def _matrix_schema(
    strategy: str, provider: str, extra: str, operations: list[str], variant: str
) -> str:
    rule = _rule(strategy, provider, extra, operations)
    key = (
        '@primaryKey(sortKeyFields: ["firstName", "lastName"])'
        if variant == "sk"
        else "@primaryKey"
    )
    field_rule = ""
    if variant == "sk":
        field_rule = (
            "\n  noAccessField: String @auth(rules: ["
            + _rule(strategy, provider, extra, ["create"])
            + "])"
        )
    return (
        f"type Profile @model @auth(rules: [{rule}]) {{\n"
        f"  profileId: ID! {key}\n"
        "  firstName: String!\n"
        "  lastName: String!\n"
        f"  title: String{field_rule}\n"
        "}\n"
    )


def matrix_cases() -> dict[str, tuple[str, dict[str, Any]]]:
    cases: dict[str, tuple[str, dict[str, Any]]] = {}
    for strategy, provider, extra in MATRIX_RULES:
        for operations in MATRIX_OPERATIONS:
            for variant in ("pk", "sk"):
                name = f"auth-matrix-{strategy}-{provider}-{'-'.join(operations)}-{variant}"
                options: dict[str, Any] = {"authModes": EXHAUSTIVE_MODES, "line": "gen1"}
                if provider == "iam":
                    options["synthParameters"] = {"enableIamAccess": True}
                schema = _matrix_schema(strategy, provider, extra, operations, variant)
                cases[name] = (schema, options)
    return cases


def _opts(modes: list[str], params: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"authModes": modes, "line": "gen1"}
    if params:
        options["transformParameters"] = params
    options.update(extra)
    return options


UP = ["userPools"]
UP_KEY = ["userPools", "apiKey"]
UP_KEY_IAM = ["userPools", "apiKey", "iam"]
ALL = ["userPools", "apiKey", "iam", "oidc", "lambda"]

HAND_CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "auth-owner-default": (
        "type Todo @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n  name: String\n}\n",
        _opts(UP),
    ),
    "auth-owner-username-claim": (
        'type Todo @model @auth(rules: [{ allow: owner, identityClaim: "username" }]) {\n'
        "  id: ID!\n  name: String\n  owner: String\n}\n",
        _opts(UP),
    ),
    "auth-owner-no-sub-flag": (
        "type Todo @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n  name: String\n}\n",
        _opts(UP, {"useSubUsernameForDefaultIdentityClaim": False}),
    ),
    "auth-owner-custom-field": (
        'type Note @model @auth(rules: [{ allow: owner, ownerField: "author" }]) {\n'
        "  id: ID!\n  content: String!\n  author: String\n}\n",
        _opts(UP),
    ),
    "auth-owner-list": (
        'type Doc @model @auth(rules: [{ allow: owner, ownerField: "editors" }]) {\n'
        "  id: ID!\n  title: String\n  editors: [String]\n}\n",
        _opts(UP),
    ),
    "auth-multi-owner": (
        "type Task @model @auth(rules: [\n  { allow: owner }\n"
        '  { allow: owner, ownerField: "assignees", operations: [read, update] }\n]) {\n'
        "  id: ID!\n  title: String\n  owner: String\n  assignees: [String]\n}\n",
        _opts(UP),
    ),
    "auth-owner-operations": (
        "type Post @model @auth(rules: [{ allow: owner, operations: [create, delete, update] }, "
        "{ allow: private, operations: [read] }]) {\n  id: ID!\n  title: String\n}\n",
        _opts(UP),
    ),
    "auth-owner-custom-claim": (
        'type Item @model @auth(rules: [{ allow: owner, identityClaim: "email" }]) {\n'
        "  id: ID!\n  name: String\n}\n",
        _opts(UP),
    ),
    "auth-owner-sub-claim": (
        'type Item @model @auth(rules: [{ allow: owner, identityClaim: "sub" }]) {\n'
        "  id: ID!\n  name: String\n}\n",
        _opts(UP),
    ),
    "auth-static-groups": (
        'type Salary @model @auth(rules: [{ allow: groups, groups: ["Admin", "HR"] }]) {\n'
        "  id: ID!\n  wage: Int\n}\n",
        _opts(UP),
    ),
    "auth-static-groups-operations": (
        'type Salary @model @auth(rules: [\n  { allow: groups, groups: ["Admin"] }\n'
        '  { allow: groups, groups: ["Staff"], operations: [read] }\n]) {\n'
        "  id: ID!\n  wage: Int\n}\n",
        _opts(UP),
    ),
    "auth-group-claim": (
        'type Report @model @auth(rules: [{ allow: groups, groups: ["Managers"], '
        'groupClaim: "custom:roles" }]) {\n  id: ID!\n  body: String\n}\n',
        _opts(UP),
    ),
    "auth-dynamic-groups": (
        'type Document @model @auth(rules: [{ allow: groups, groupsField: "groups" }]) {\n'
        "  id: ID!\n  title: String\n  groups: [String]\n}\n",
        _opts(UP),
    ),
    "auth-dynamic-group-single": (
        'type Document @model @auth(rules: [{ allow: groups, groupsField: "group" }]) {\n'
        "  id: ID!\n  title: String\n  group: String\n}\n",
        _opts(UP),
    ),
    "auth-dynamic-groups-claim": (
        'type Document @model @auth(rules: [{ allow: groups, groupsField: "teams", '
        'groupClaim: "custom:teams" }]) {\n  id: ID!\n  title: String\n  teams: [String]\n}\n',
        _opts(UP),
    ),
    "auth-private-userpools": (
        "type Todo @model @auth(rules: [{ allow: private }]) {\n  id: ID!\n  name: String\n}\n",
        _opts(UP),
    ),
    "auth-private-read-only": (
        "type Todo @model @auth(rules: [{ allow: private, operations: [read] }, "
        "{ allow: owner }]) {\n  id: ID!\n  name: String\n}\n",
        _opts(UP),
    ),
    "auth-public-apikey": (
        "type Todo @model @auth(rules: [{ allow: public }]) {\n  id: ID!\n  name: String\n}\n",
        _opts(["apiKey"]),
    ),
    "auth-public-apikey-read": (
        "type Todo @model @auth(rules: [{ allow: public, operations: [read] }, "
        "{ allow: owner }]) {\n  id: ID!\n  name: String\n}\n",
        _opts(UP_KEY),
    ),
    "auth-public-iam": (
        "type Todo @model @auth(rules: [{ allow: public, provider: iam }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(["iam"]),
    ),
    "auth-public-identitypool": (
        "type Todo @model @auth(rules: [{ allow: public, provider: identityPool }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(["iam"]),
    ),
    "auth-private-iam": (
        "type Todo @model @auth(rules: [{ allow: private, provider: iam }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(["iam", "userPools"]),
    ),
    "auth-iam-public-private": (
        "type Todo @model @auth(rules: [{ allow: public, provider: iam, operations: [read] }, "
        "{ allow: private, provider: iam }]) {\n  id: ID!\n  name: String\n}\n",
        _opts(["userPools", "iam"]),
    ),
    "auth-iam-admin-roles": (
        "type Todo @model @auth(rules: [{ allow: owner }, { allow: private, provider: iam }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(UP_KEY_IAM, synthParameters={"adminRoles": ["myAdminFunctionRole"]}),
    ),
    "auth-iam-admin-roles-only-owner": (
        "type Todo @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n  name: String\n}\n",
        _opts(["userPools", "iam"], synthParameters={"adminRoles": ["adminRole"]}),
    ),
    "auth-iam-access-enabled": (
        "type Todo @model @auth(rules: [{ allow: owner }, { allow: public, operations: [read] }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(UP_KEY_IAM, synthParameters={"enableIamAccess": True}),
    ),
    "auth-oidc-owner": (
        "type Todo @model @auth(rules: [{ allow: owner, provider: oidc, "
        'identityClaim: "sub" }]) {\n  id: ID!\n  name: String\n}\n',
        _opts(["oidc"]),
    ),
    "auth-oidc-groups": (
        'type Todo @model @auth(rules: [{ allow: groups, provider: oidc, groups: ["Editors"], '
        'groupClaim: "groups" }]) {\n  id: ID!\n  name: String\n}\n',
        _opts(["oidc", "apiKey"]),
    ),
    "auth-oidc-private": (
        "type Todo @model @auth(rules: [{ allow: private, provider: oidc }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(["userPools", "oidc"]),
    ),
    "auth-oidc-dynamic-groups": (
        'type Todo @model @auth(rules: [{ allow: groups, provider: oidc, groupsField: "readers", '
        'groupClaim: "groups" }]) {\n  id: ID!\n  name: String\n  readers: [String]\n}\n',
        _opts(["oidc"]),
    ),
    "auth-lambda-custom": (
        "type Todo @model @auth(rules: [{ allow: custom }]) {\n  id: ID!\n  name: String\n}\n",
        _opts(["lambda"]),
    ),
    "auth-lambda-with-owner": (
        "type Todo @model @auth(rules: [{ allow: custom }, { allow: owner }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(["userPools", "lambda"]),
    ),
    "auth-all-providers": (
        'type Todo @model @auth(rules: [\n  { allow: owner }\n  { allow: groups, groups: ["Admin"] }\n'
        "  { allow: private }\n  { allow: public, operations: [read] }\n"
        "  { allow: private, provider: iam }\n  { allow: public, provider: iam, operations: [read] }\n"
        '  { allow: owner, provider: oidc, identityClaim: "sub" }\n  { allow: custom }\n]) {\n'
        "  id: ID!\n  name: String\n}\n",
        _opts(ALL),
    ),
    "auth-field-level-owner": (
        "type Employee @model @auth(rules: [{ allow: private }, { allow: owner }]) {\n"
        "  id: ID!\n  name: String\n"
        "  ssn: String @auth(rules: [{ allow: owner }])\n}\n",
        _opts(UP),
    ),
    "auth-field-level-groups": (
        "type Employee @model @auth(rules: [{ allow: private, operations: [read] }, "
        '{ allow: groups, groups: ["Admin"] }]) {\n  id: ID!\n  name: String\n'
        '  salary: Int @auth(rules: [{ allow: groups, groups: ["Admin"] }])\n}\n',
        _opts(UP),
    ),
    "auth-field-level-no-subscriptions": (
        "type Employee @model(subscriptions: null) @auth(rules: [{ allow: private }]) {\n"
        "  id: ID!\n  name: String\n"
        '  salary: Int @auth(rules: [{ allow: groups, groups: ["Admin"] }])\n}\n',
        _opts(UP),
    ),
    "auth-field-level-update-only": (
        "type Post @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {\n"
        "  id: ID!\n  title: String\n"
        "  owner: String @auth(rules: [{ allow: owner, operations: [read, delete] }])\n}\n",
        _opts(UP),
    ),
    "auth-field-level-public": (
        "type Profile @model @auth(rules: [{ allow: public }, { allow: owner }]) {\n"
        "  id: ID!\n  name: String\n"
        "  email: String @auth(rules: [{ allow: owner }])\n}\n",
        _opts(UP_KEY),
    ),
    "auth-field-only": (
        "type Profile @model {\n  id: ID!\n  name: String\n"
        "  secret: String @auth(rules: [{ allow: owner }])\n}\n",
        _opts(UP),
    ),
    "auth-non-model-field": (
        "type Query {\n  hello: String @auth(rules: [{ allow: private }])\n"
        '  publicInfo: Info @function(name: "info-${env}") @auth(rules: [{ allow: public }])\n}\n'
        'type Info {\n  text: String @auth(rules: [{ allow: groups, groups: ["Admin"] }])\n}\n',
        _opts(UP_KEY),
    ),
    "auth-mutation-field": (
        'type Mutation {\n  doThing(input: String): String @function(name: "thing-${env}") '
        '@auth(rules: [{ allow: groups, groups: ["Admin"] }, { allow: private, provider: iam }])\n}\n'
        "type Todo @model @auth(rules: [{ allow: private }]) {\n  id: ID!\n}\n",
        _opts(UP_KEY_IAM),
    ),
    "auth-nested-non-model": (
        "type Place @model @auth(rules: [{ allow: public, operations: [read] }, { allow: owner }]) {\n"
        "  id: ID!\n  address: Address\n}\n"
        "type Address {\n  street: String\n  geo: Geo\n}\n"
        "type Geo {\n  lat: Float\n  lng: Float\n}\n",
        _opts(UP_KEY_IAM),
    ),
    "auth-relational-has-many": (
        "type Blog @model @auth(rules: [{ allow: owner }, { allow: public, operations: [read] }]) {\n"
        "  id: ID!\n  name: String\n  posts: [Post] @hasMany\n}\n"
        "type Post @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {\n"
        "  id: ID!\n  title: String\n  blog: Blog @belongsTo\n}\n",
        _opts(UP_KEY),
    ),
    "auth-relational-same-rules": (
        "type Blog @model @auth(rules: [{ allow: owner }]) {\n"
        "  id: ID!\n  name: String\n  posts: [Post] @hasMany\n}\n"
        "type Post @model @auth(rules: [{ allow: owner }]) {\n"
        "  id: ID!\n  title: String\n  blog: Blog @belongsTo\n}\n",
        _opts(UP),
    ),
    "auth-relational-related-no-auth": (
        "type Blog @model @auth(rules: [{ allow: private }]) {\n"
        "  id: ID!\n  name: String\n  posts: [Post] @hasMany\n}\n"
        "type Post @model {\n  id: ID!\n  title: String\n}\n",
        _opts(["userPools"]),
    ),
    "auth-relational-has-one": (
        'type Project @model @auth(rules: [{ allow: owner }, { allow: groups, groups: ["Admin"] }]) {\n'
        "  id: ID!\n  name: String\n  team: Team @hasOne\n}\n"
        'type Team @model @auth(rules: [{ allow: groups, groups: ["Admin"] }]) {\n'
        "  id: ID!\n  name: String!\n}\n",
        _opts(UP),
    ),
    "auth-relational-owner-key": (
        'type Customer @model @auth(rules: [{ allow: owner, identityClaim: "username" }]) {\n'
        '  id: ID!\n  owner: String\n  orders: [Order] @hasMany(indexName: "byOwner", fields: ["owner"])\n}\n'
        'type Order @model @auth(rules: [{ allow: owner, identityClaim: "username" }]) {\n'
        '  id: ID!\n  owner: String @index(name: "byOwner")\n  total: Int\n}\n',
        _opts(UP),
    ),
    "auth-relational-redacted-subscriptions": (
        "type Blog @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {\n"
        "  id: ID!\n  name: String\n  posts: [Post] @hasMany\n}\n"
        "type Post @model @auth(rules: [{ allow: owner }]) {\n"
        "  id: ID!\n  title: String\n}\n",
        _opts(UP),
    ),
    "auth-relational-inherit-flag": (
        "type Blog @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {\n"
        "  id: ID!\n  name: String\n  posts: [Post] @hasMany\n}\n"
        "type Post @model @auth(rules: [{ allow: owner }]) {\n"
        "  id: ID!\n  title: String\n}\n",
        _opts(UP, {"subscriptionsInheritPrimaryAuth": True}),
    ),
    "auth-index-owner": (
        "type Order @model @auth(rules: [{ allow: owner }, { allow: private, operations: [read] }]) {\n"
        '  id: ID!\n  status: String @index(name: "byStatus", queryField: "ordersByStatus")\n'
        "  total: Int\n}\n",
        _opts(UP),
    ),
    "auth-index-owner-hash-key": (
        'type Order @model @auth(rules: [{ allow: owner, identityClaim: "username" }]) {\n'
        '  id: ID!\n  owner: String @index(name: "byOwner", sortKeyFields: ["createdAt"], '
        'queryField: "ordersByOwner")\n  createdAt: AWSDateTime\n}\n',
        _opts(UP),
    ),
    "auth-index-owner-sort-key": (
        "type Order @model @auth(rules: [{ allow: owner }]) {\n"
        '  id: ID!\n  status: String! @index(name: "byStatusOwner", sortKeyFields: ["owner"], '
        'queryField: "ordersByStatusOwner")\n  owner: String\n}\n',
        _opts(UP),
    ),
    "auth-primary-key-owner": (
        'type Profile @model @auth(rules: [{ allow: owner, ownerField: "userId", '
        'identityClaim: "sub" }]) {\n  userId: ID! @primaryKey\n  name: String\n}\n',
        _opts(UP),
    ),
    "auth-claim-sort-key": (
        'type Entry @model @auth(rules: [{ allow: owner, identityClaim: "username" }]) {\n'
        '  pk: ID! @primaryKey(sortKeyFields: ["owner"])\n  owner: String!\n  value: String\n}\n',
        _opts(UP),
    ),
    "auth-subscriptions-off": (
        "type Todo @model(subscriptions: null) @auth(rules: [{ allow: owner }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(UP),
    ),
    "auth-subscriptions-public-level": (
        "type Todo @model(subscriptions: { level: public }) @auth(rules: [{ allow: owner }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(UP),
    ),
    "auth-no-populate-owner": (
        'type Todo @model @auth(rules: [{ allow: owner }, { allow: groups, groups: ["Admin"] }]) {\n'
        "  id: ID!\n  name: String\n}\n",
        _opts(UP, {"populateOwnerFieldForStaticGroupAuth": False}),
    ),
    "auth-custom-operation-names": (
        'type Todo @model(queries: { get: "fetchTodo", list: null }, '
        'mutations: { create: "addTodo", update: null, delete: "removeTodo" }) '
        "@auth(rules: [{ allow: owner }]) {\n  id: ID!\n  name: String\n}\n",
        _opts(UP),
    ),
    "auth-datastore": (
        "type Todo @model @auth(rules: [{ allow: owner }, { allow: public, operations: [read] }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(
            UP_KEY,
            resolverConfig={
                "project": {"ConflictHandler": "AUTOMERGE", "ConflictDetection": "VERSION"}
            },
        ),
    ),
    "auth-sandbox-with-rules": (
        "input AMPLIFY { globalAuthRule: AuthRule = { allow: public } }\n"
        "type Todo @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n  name: String\n}\n"
        "type Note @model {\n  id: ID!\n  text: String\n}\n",
        _opts(UP_KEY),
    ),
    "auth-default-iam-mode": (
        "type Todo @model @auth(rules: [{ allow: private, provider: iam }, "
        "{ allow: public, provider: iam, operations: [read] }, { allow: owner }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(["iam", "userPools"]),
    ),
    "auth-two-models-mixed": (
        "type Todo @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n  name: String\n}\n"
        "type Note @model @auth(rules: [{ allow: public }]) {\n  id: ID!\n  text: String\n}\n",
        _opts(UP_KEY),
    ),
    "auth-groups-string": (
        'type Todo @model @auth(rules: [{ allow: groups, groups: "Admin" }]) {\n'
        "  id: ID!\n  name: String\n}\n",
        _opts(UP),
    ),
    "auth-field-empty-operations": (
        "type Profile @model @auth(rules: [{ allow: owner, operations: [create, read] }]) {\n"
        "  id: ID!\n  name: String\n"
        "  hidden: String @auth(rules: [{ allow: owner, operations: [] }])\n}\n",
        _opts(UP),
    ),
    "auth-many-to-many": (
        "type Post @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n  title: String\n"
        '  tags: [Tag] @manyToMany(relationName: "PostTags")\n}\n'
        'type Tag @model @auth(rules: [{ allow: private, operations: [read] }, { allow: groups, groups: ["Admin"] }]) {\n'
        '  id: ID!\n  label: String\n  posts: [Post] @manyToMany(relationName: "PostTags")\n}\n',
        _opts(UP),
    ),
    "auth-oidc-custom-claims": (
        'type Todo @model @auth(rules: [\n  { allow: owner, provider: oidc, identityClaim: "user_id" }\n'
        '  { allow: groups, provider: oidc, groups: ["admins"], groupClaim: "roles" }\n'
        '  { allow: groups, provider: oidc, groupsField: "teams", groupClaim: "roles" }\n]) {\n'
        "  id: ID!\n  name: String\n  teams: [String]\n}\n",
        _opts(["oidc", "apiKey"]),
    ),
    "auth-has-one-fields": (
        "type Project @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n  teamID: ID\n"
        '  team: Team @hasOne(fields: ["teamID"])\n}\n'
        'type Team @model @auth(rules: [{ allow: owner, ownerField: "id", identityClaim: "sub" }]) {\n'
        "  id: ID!\n  name: String\n}\n",
        _opts(UP),
    ),
    "auth-belongs-to-owner-key": (
        'type Author @model @auth(rules: [{ allow: owner, ownerField: "id", identityClaim: "sub" }, { allow: private, operations: [read] }]) {\n'
        '  id: ID!\n  name: String\n  books: [Book] @hasMany(indexName: "byAuthor", fields: ["id"])\n}\n'
        'type Book @model @auth(rules: [{ allow: owner, ownerField: "authorID", identityClaim: "sub" }]) {\n'
        '  id: ID!\n  authorID: ID @index(name: "byAuthor")\n  author: Author @belongsTo(fields: ["authorID"])\n}\n',
        _opts(UP),
    ),
    "auth-admin-roles-field-level": (
        "type Todo @model @auth(rules: [{ allow: owner }, { allow: private, provider: iam }]) {\n"
        "  id: ID!\n  name: String\n"
        "  secret: String @auth(rules: [{ allow: owner }, { allow: private, provider: iam, operations: [read] }])\n}\n",
        _opts(["userPools", "iam"], synthParameters={"adminRoles": ["adminRole"]}),
    ),
    "auth-non-model-iam": (
        'type Query {\n  stats: Stats @function(name: "stats-${env}") @auth(rules: [{ allow: public, provider: iam }])\n}\n'
        "type Stats {\n  count: Int\n}\n",
        _opts(["userPools", "iam"]),
    ),
    "auth-two-owner-claims": (
        'type Todo @model @auth(rules: [{ allow: owner }, { allow: owner, identityClaim: "username" }]) {\n'
        "  id: ID!\n  name: String\n}\n",
        _opts(UP),
    ),
    "auth-field-level-inherit-flag": (
        "type Employee @model @auth(rules: [{ allow: private }, { allow: owner }]) {\n"
        "  id: ID!\n  name: String\n  ssn: String @auth(rules: [{ allow: owner }])\n}\n",
        _opts(UP, {"subscriptionsInheritPrimaryAuth": True}),
    ),
    "auth-identitypool-private-iam-access": (
        "type Todo @model @auth(rules: [{ allow: private, provider: identityPool }, { allow: public, provider: identityPool, operations: [read] }]) {\n"
        "  id: ID!\n  name: String\n}\n",
        _opts(["iam", "apiKey"], synthParameters={"enableIamAccess": True}),
    ),
    "auth-lambda-field": (
        "type Todo @model @auth(rules: [{ allow: custom }, { allow: public }]) {\n  id: ID!\n  name: String\n"
        "  note: String @auth(rules: [{ allow: custom }])\n}\n",
        _opts(["lambda", "apiKey"]),
    ),
    "auth-error-interface-field": (
        "interface Node {\n  id: ID! @auth(rules: [{ allow: owner }])\n}\n"
        "type Todo @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n}\n",
        _opts(UP),
    ),
    "auth-error-no-rules": (
        "type Todo @model @auth(rules: []) {\n  id: ID!\n}\n",
        _opts(UP),
    ),
    "auth-error-no-model": (
        "type Todo @auth(rules: [{ allow: owner }]) {\n  id: ID!\n}\n",
        _opts(UP),
    ),
    "auth-error-groups-provider": (
        'type Todo @model @auth(rules: [{ allow: groups, groups: ["A"], provider: iam }]) {\n'
        "  id: ID!\n}\n",
        _opts(["userPools", "iam"]),
    ),
    "auth-error-groups-empty": (
        "type Todo @model @auth(rules: [{ allow: groups }]) {\n  id: ID!\n}\n",
        _opts(UP),
    ),
    "auth-error-owner-provider": (
        "type Todo @model @auth(rules: [{ allow: owner, provider: apiKey }]) {\n  id: ID!\n}\n",
        _opts(UP_KEY),
    ),
    "auth-error-public-provider": (
        "type Todo @model @auth(rules: [{ allow: public, provider: userPools }]) {\n  id: ID!\n}\n",
        _opts(UP_KEY),
    ),
    "auth-error-private-provider": (
        "type Todo @model @auth(rules: [{ allow: private, provider: apiKey }]) {\n  id: ID!\n}\n",
        _opts(UP_KEY),
    ),
    "auth-error-custom-provider": (
        "type Todo @model @auth(rules: [{ allow: custom, provider: userPools }]) {\n  id: ID!\n}\n",
        _opts(["userPools", "lambda"]),
    ),
    "auth-error-missing-apikey": (
        "type Todo @model @auth(rules: [{ allow: public }]) {\n  id: ID!\n}\n",
        _opts(UP),
    ),
    "auth-error-missing-iam": (
        "type Todo @model @auth(rules: [{ allow: private, provider: iam }]) {\n  id: ID!\n}\n",
        _opts(UP),
    ),
    "auth-error-missing-oidc": (
        "type Todo @model @auth(rules: [{ allow: owner, provider: oidc }]) {\n  id: ID!\n}\n",
        _opts(UP),
    ),
    "auth-error-missing-lambda": (
        "type Todo @model @auth(rules: [{ allow: custom }]) {\n  id: ID!\n}\n",
        _opts(UP),
    ),
    "auth-error-missing-userpools": (
        "type Todo @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n}\n",
        _opts(["apiKey"]),
    ),
    "auth-error-groups-and-field": (
        'type Todo @model @auth(rules: [{ allow: groups, groups: ["A"], groupsField: "g" }]) {\n'
        "  id: ID!\n  g: String\n}\n",
        _opts(UP),
    ),
    "auth-error-identity-claim-groups": (
        'type Todo @model @auth(rules: [{ allow: groups, groups: ["A"], identityClaim: "x" }]) {\n'
        "  id: ID!\n}\n",
        _opts(UP),
    ),
    "auth-error-group-claim-owner": (
        'type Todo @model @auth(rules: [{ allow: owner, groupClaim: "x" }]) {\n  id: ID!\n}\n',
        _opts(UP),
    ),
    "auth-error-read-and-get": (
        "type Todo @model @auth(rules: [{ allow: owner, operations: [read, get] }]) {\n  id: ID!\n}\n",
        _opts(UP),
    ),
    "auth-error-field-get": (
        "type Todo @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n"
        "  name: String @auth(rules: [{ allow: owner, operations: [get] }])\n}\n",
        _opts(UP),
    ),
    "auth-error-root-field-operations": (
        "type Query {\n  hello: String @auth(rules: [{ allow: private, operations: [read] }])\n}\n",
        _opts(UP),
    ),
    "auth-error-non-model-operations": (
        "type Info {\n  text: String @auth(rules: [{ allow: private, operations: [read] }])\n}\n"
        "type Query {\n  info: Info\n}\n",
        _opts(UP),
    ),
    "auth-error-required-field-level": (
        "type Employee @model @auth(rules: [{ allow: private }]) {\n  id: ID!\n"
        '  name: String!\n  salary: Int! @auth(rules: [{ allow: groups, groups: ["Admin"] }])\n}\n',
        _opts(UP),
    ),
    "auth-error-duplicate-rule": (
        "type Todo @model @auth(rules: [{ allow: private }, { allow: private }]) {\n  id: ID!\n}\n",
        _opts(UP),
    ),
}


def _policy_split_schema(models: int) -> str:
    """Enough IAM-protected operations for the role policies to split (~6 KB per document)."""
    return "".join(
        f"type LongModelName{i} @model @auth(rules: [{{ allow: private, provider: iam }}, "
        f"{{ allow: public, provider: iam, operations: [read] }}]) {{\n  id: ID!\n  name: String\n}}\n"
        for i in range(models)
    )


_RANDOM_RULES = [
    "{ allow: owner }",
    '{ allow: owner, identityClaim: "username" }',
    '{ allow: owner, ownerField: "author", identityClaim: "sub" }',
    '{ allow: groups, groups: ["Admin"] }',
    '{ allow: groups, groups: ["Editors", "Staff"], groupClaim: "custom:groups" }',
    '{ allow: groups, groupsField: "groups" }',
    "{ allow: private }",
    "{ allow: private, provider: iam }",
    "{ allow: private, provider: oidc }",
    "{ allow: public }",
    "{ allow: public, provider: iam }",
    "{ allow: custom }",
    '{ allow: owner, provider: oidc, identityClaim: "sub" }',
]
_RANDOM_OPERATIONS = [None, None, ["read"], ["create", "read"], ["update", "delete"], ["list"]]


def _random_auth_schema(seed: int) -> str:
    """A seeded random v2 schema (schema_generator) with random @auth rules on every model."""
    import random

    from tests.transformer.v2.schema_generator import generate_schema

    rng = random.Random(seed * 7919)
    schema, _modes = generate_schema(seed)
    lines = schema.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("type ") and "@model" in line and line.endswith(" {"):
            picked = rng.sample(_RANDOM_RULES, rng.randint(1, 4))
            rules = []
            for rule in picked:
                operations = rng.choice(_RANDOM_OPERATIONS)
                if operations is not None:
                    rule = rule[:-2] + f", operations: [{', '.join(operations)}] }}"
                rules.append(rule)
            lines[index] = line[:-2] + f" @auth(rules: [{', '.join(rules)}]) {{"
    return "\n".join(lines)


GENERATED_CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "auth-iam-policy-split": (_policy_split_schema(9), _opts(["userPools", "iam"])),
    **{f"auth-random-{seed:03d}": (_random_auth_schema(seed), _opts(ALL)) for seed in range(1, 21)},
}


def all_cases() -> dict[str, tuple[str, dict[str, Any]]]:
    return {**matrix_cases(), **HAND_CASES, **GENERATED_CASES}


def write_cases(golden: Path = GOLDEN) -> list[str]:
    names = []
    for name, (schema, options) in all_cases().items():
        folder = golden / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "schema.graphql").write_text(schema, encoding="utf-8")
        (folder / "options.json").write_text(json.dumps(options, indent=2) + "\n", encoding="utf-8")
        names.append(name)
    return names


if __name__ == "__main__":
    print("\n".join(write_cases()))
