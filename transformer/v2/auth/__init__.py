"""v2 `@auth` (Gen 1 line, `@aws-amplify/graphql-auth-transformer` 3.6): rules on models, fields,
non-model and root fields; the `@aws_*` directives per provider; the auth slot templates of
every operation, relation and subscription; the IAM role policies.

Modules: `rules` (reading, defaults, validation, roles), `acm` (role x field x operation),
`schema` (directives, owner fields, inputs, subscription arguments), `relations` (connection
and key fields), `vtl_common` / `vtl_query` / `vtl_mutation` / `vtl_field` (the templates),
`iam` (managed policies), `plugin` (the directive plugin tying them together).

Feature flags read from the transform parameters (never hard-coded, so the Gen 2 line can pass
its own): `useSubUsernameForDefaultIdentityClaim`, `populateOwnerFieldForStaticGroupAuth`,
`subscriptionsInheritPrimaryAuth`, `sandboxModeEnabled`; synth parameters: `adminRoles`,
`enableIamAccess`, `identityPoolId`, the auth/unauth role names.

Not emulated: SQL models (`@sql`, the RDS templates), `@searchable` search and aggregate
queries (v2 has no @searchable yet), auth on resolvers of @http/@predictions fields (v2 has
neither yet), and the warnings the real plugin prints (default identity claim, owners that can
reassign ownership, the deprecated `iam` provider name, owner field case).
"""

from transformer.v2.auth.plugin import AuthPlugin

__all__ = ["AuthPlugin"]
