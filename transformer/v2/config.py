"""What a v2 transform depends on besides the schema: the transformer line (Gen 1 CLI or Gen 2
data construct), auth modes, transform parameters, synth parameters, DataStore resolver config,
and the clock the API key expiry is computed from."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "AUTH_MODE_TYPES",
    "SynthParameters",
    "TransformParameters",
    "V2Config",
]

#: the short auth mode names (as the oracle and golden options.json write them) -> AppSync type
AUTH_MODE_TYPES = {
    "apiKey": "API_KEY",
    "userPools": "AMAZON_COGNITO_USER_POOLS",
    "iam": "AWS_IAM",
    "oidc": "OPENID_CONNECT",
    "lambda": "AWS_LAMBDA",
}


@dataclass(frozen=True)
class TransformParameters:
    """The transform parameters of `@aws-amplify/graphql-transformer-core`, with the values the
    Gen 1 CLI passes for a new project (cli.json feature flags at their new-project defaults,
    parameters.json and transform.conf.json absent)."""

    shouldDeepMergeDirectiveConfigDefaults: bool = False
    useSubUsernameForDefaultIdentityClaim: bool = True
    populateOwnerFieldForStaticGroupAuth: bool = True
    secondaryKeyAsGSI: bool = True
    enableAutoIndexQueryNames: bool = True
    respectPrimaryKeyAttributesOnConnectionField: bool = True
    subscriptionsInheritPrimaryAuth: bool = False
    suppressApiKeyGeneration: bool = False
    disableResolverDeduping: bool = False
    enableSearchNodeToNodeEncryption: bool = False
    enableSearchEncryptionAtRest: bool = False
    sandboxModeEnabled: bool = False
    enableTransformerCfnOutputs: bool = True
    allowDestructiveGraphqlSchemaUpdates: bool = False
    replaceTableUponGsiUpdate: bool = False
    allowGen1Patterns: bool = True

    @classmethod
    def gen2(cls) -> TransformParameters:
        """The Gen 2 data construct's translation behavior (`defineData` adds
        `allowGen1Patterns: false`)."""
        return cls(
            shouldDeepMergeDirectiveConfigDefaults=True,
            disableResolverDeduping=True,
            enableTransformerCfnOutputs=False,
            allowGen1Patterns=False,
        )

    def merged(self, overrides: Mapping[str, Any]) -> TransformParameters:
        known = {f.name for f in dataclasses.fields(self)}
        return dataclasses.replace(self, **{k: v for k, v in overrides.items() if k in known})


@dataclass(frozen=True)
class SynthParameters:
    """Baked into every resolver's inline `before` template (stash values) and resource names."""

    amplifyEnvironmentName: str = "NONE"
    apiName: str = "v2oracle"
    authenticatedUserRoleName: str | None = "amplify-mock-authRole"
    unauthenticatedUserRoleName: str | None = "amplify-mock-unauthRole"
    userPoolId: str | None = "us-east-1_MOCKPOOL"
    identityPoolId: str | None = "us-east-1:00000000-0000-0000-0000-000000000000"
    adminRoles: tuple[str, ...] = ()
    enableIamAccess: bool = False


@dataclass(frozen=True)
class V2Config:
    """Everything besides the schema. `auth_modes` are short names, default mode first.

    `line` is the published transformer the output matches: "gen1" is
    `@aws-amplify/graphql-transformer` 1.8.x as the Gen 1 CLI runs it, "gen2" the 2.x line the
    Gen 2 data construct runs, whose DynamoDB tables are Amplify-managed
    (`Custom::AmplifyDynamoDBTable`, created by the `AmplifyTableManager` stack)."""

    line: str = "gen1"
    auth_modes: tuple[str, ...] = ("apiKey",)
    parameters: TransformParameters = field(default_factory=TransformParameters)
    synth: SynthParameters = field(default_factory=SynthParameters)
    resolver_config: Mapping[str, Any] | None = None
    #: OPENID_CONNECT settings (issuerUrl, clientId, iatTTL, authTTL)
    oidc: Mapping[str, Any] = field(
        default_factory=lambda: {"name": "oidc", "issuerUrl": "https://issuer.example"}
    )
    #: AWS_LAMBDA settings (the authorizer function name, without the env suffix, and TTL)
    lambda_authorizer: Mapping[str, Any] = field(
        default_factory=lambda: {"lambdaFunction": "authorizer", "ttlSeconds": 300}
    )
    api_key_expiration_days: int = 7
    api_key_description: str | None = "oracle"
    now: datetime | None = None
    #: user-defined slots and overrides: resolver file name -> template text
    user_resolvers: Mapping[str, str] = field(default_factory=dict)
    #: the transform parameters set explicitly (not derived from the schema, e.g. sandbox mode)
    explicit: frozenset[str] = frozenset()

    @classmethod
    def from_options(cls, options: Mapping[str, Any], **extra: Any) -> V2Config:
        """From a golden case's options.json (`authModes`, `transformParameters`, `line`...)."""
        overrides = dict(options.get("transformParameters") or {})
        synth = dict(options.get("synthParameters") or {})
        if "adminRoles" in synth:
            synth["adminRoles"] = tuple(synth["adminRoles"])
        if synth:
            extra.setdefault("synth", dataclasses.replace(SynthParameters(), **synth))
        line = str(options.get("line") or "gen1")
        base = TransformParameters.gen2() if line == "gen2" else TransformParameters()
        return cls(
            line=line,
            auth_modes=tuple(options.get("authModes") or ("apiKey",)),
            parameters=base.merged(overrides),
            resolver_config=options.get("resolverConfig"),
            explicit=frozenset(overrides),
            **extra,
        )

    def with_parameters(self, **changes: Any) -> V2Config:
        return dataclasses.replace(self, parameters=self.parameters.merged(changes))

    @property
    def amplify_managed_tables(self) -> bool:
        return self.line == "gen2"

    @property
    def default_auth_type(self) -> str:
        return AUTH_MODE_TYPES[self.auth_modes[0]]

    @property
    def auth_types(self) -> list[str]:
        return [AUTH_MODE_TYPES[m] for m in self.auth_modes]

    def clock(self) -> datetime:
        return self.now or datetime.now(UTC)
