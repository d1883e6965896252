"""IAM (SigV4) callers: the signature check, the identity AppSync fills, the role policies.

AppSync authenticates an IAM caller before any GraphQL work: a malformed `Authorization` header
answers 403 `IncompleteSignatureException`, an unknown access key 403
`UnrecognizedClientException`, a wrong signature 403 `InvalidSignatureException`; the role's
IAM policy must then allow `appsync:GraphQL` on every top-level field of the operation
(`arn:aws:appsync:...:apis/<id>/types/Query/fields/getPost`), else 401 `UnauthorizedException`
"Permission denied". The policies are the ones the transformer writes for the identity pool's
authenticated and unauthenticated roles (`AuthRolePolicy*` / `UnauthRolePolicy*`); an admin role
(`adminRoleNames`) is allowed everything, as its own policies are outside the build.

Credentials: the identity pool's well-known access key ids (`ASIAVJKIAM-AuthRole`,
`ASIAVJKIAM-UnAuthRole`, which `amplify mock` has always mapped to the two roles) and any key an
`IamCredentialStore` knows. A key whose secret is known has its signature verified.
Not emulated: the signature of the well-known keys (their secret is not known to the endpoint),
session-token validation, policies with conditions or `Deny` statements, and roles other than the
identity pool's two roles and the admin roles.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import quote

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

from amplify_mock.simulators.appsync.errors import UnauthorizedRequest

__all__ = [
    "ACCOUNT_ID",
    "AUTH_ACCESS_KEY_ID",
    "PERMISSION_DENIED",
    "UNAUTH_ACCESS_KEY_ID",
    "IamCredential",
    "IamCredentialStore",
    "IamSettings",
    "IamSignatureError",
    "SigV4Header",
    "check_iam_permission",
    "find_credential",
    "iam_identity",
    "parse_sigv4",
    "policy_resources",
    "read_iam_settings",
    "verify_signature",
]

#: The access key ids `amplify mock` treats as the authenticated / unauthenticated role.
AUTH_ACCESS_KEY_ID = "ASIAVJKIAM-AuthRole"
UNAUTH_ACCESS_KEY_ID = "ASIAVJKIAM-UnAuthRole"
ACCOUNT_ID = "12345678910"
_ROLE_ARN = "arn:aws:sts::{account}:assumed-role/{role}/CognitoIdentityCredentials"
_DEFAULT_POOL = "us-east-1:00000000-0000-0000-0000-000000000000"


class IamSignatureError(UnauthorizedRequest):
    """A SigV4 request AWS refuses before AppSync sees it (HTTP 403, the code on the class)."""

    status = 403

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message


def _incomplete(missing: list[str], authorization: str) -> IamSignatureError:
    parts = [f"Authorization header requires '{name}' parameter." for name in missing]
    return IamSignatureError(
        "IncompleteSignatureException", " ".join(parts) + f" Authorization={authorization}"
    )


_UNRECOGNIZED = "The security token included in the request is invalid."
_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details."
)


@dataclass(frozen=True)
class SigV4Header:
    """The parts of an `AWS4-HMAC-SHA256` Authorization header."""

    access_key: str
    date: str
    region: str
    service: str
    signed_headers: tuple[str, ...]
    signature: str


_PARAM = re.compile(r"(Credential|SignedHeaders|Signature)=([^,\s]*)")


def parse_sigv4(authorization: str, headers: Mapping[str, str]) -> SigV4Header:
    """The header's parts, checked as AWS checks them before the signature.

    :raises IamSignatureError: a missing part, an empty access key or a foreign service scope.
    """
    params = dict(_PARAM.findall(authorization))
    missing = [n for n in ("Credential", "Signature", "SignedHeaders") if not params.get(n)]
    has_date = any(k.lower() in ("x-amz-date", "date") for k in headers)
    if missing or not has_date:
        error = _incomplete(missing, authorization)
        if not has_date:
            error = IamSignatureError(
                error.error_type,
                error.message.replace(
                    " Authorization=",
                    (" " if missing else "")
                    + "Authorization header requires existence of either a 'X-Amz-Date' or a "
                    "'Date' header. Authorization=",
                    1,
                ).lstrip(),
            )
        raise error
    scope = params["Credential"].split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise IamSignatureError(
            "IncompleteSignatureException",
            f"Credential should be scoped to a valid region. Authorization={authorization}",
        )
    access_key, date, region, service, _ = scope
    if not access_key:
        raise IamSignatureError("UnrecognizedClientException", _UNRECOGNIZED)
    if service != "appsync":
        raise IamSignatureError(
            "InvalidSignatureException",
            "Credential should be scoped to correct service: 'appsync'.",
        )
    return SigV4Header(
        access_key=access_key,
        date=date,
        region=region,
        service=service,
        signed_headers=tuple(h.lower() for h in params["SignedHeaders"].split(";") if h),
        signature=params["Signature"].lower(),
    )


def verify_signature(
    header: SigV4Header,
    secret_key: str,
    *,
    method: str,
    path: str,
    query: str,
    headers: Mapping[str, str],
    body: bytes,
) -> None:
    """Recompute the SigV4 signature (service `appsync`) and compare.

    :raises IamSignatureError: the signature does not match (`InvalidSignatureException`).
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    amz_date = lowered.get("x-amz-date") or lowered.get("date") or ""
    canonical_headers = "".join(
        f"{name}:{' '.join(lowered.get(name, '').split())}\n" for name in header.signed_headers
    )
    canonical_query = "&".join(
        sorted(
            f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}"
            for k, _, v in (pair.partition("=") for pair in query.split("&") if pair)
        )
    )
    canonical_request = "\n".join(
        [
            method,
            quote(path or "/", safe="/-_.~"),
            canonical_query,
            canonical_headers,
            ";".join(header.signed_headers),
            lowered.get("x-amz-content-sha256") or hashlib.sha256(body).hexdigest(),
        ]
    )
    scope = f"{header.date}/{header.region}/{header.service}/aws4_request"
    string_to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256",
            amz_date,
            scope,
            hashlib.sha256(canonical_request.encode()).hexdigest(),
        ]
    )
    key = f"AWS4{secret_key}".encode()
    for part in (header.date, header.region, header.service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    expected = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, header.signature):
        raise IamSignatureError("InvalidSignatureException", _MISMATCH)


@dataclass(frozen=True)
class IamCredential:
    """What the issuer of an access key knows about it (the local identity pool, or a test)."""

    access_key: str
    secret_key: str | None
    authenticated: bool
    identity_id: str | None = None
    #: `cognitoIdentityAuthProvider` of an authenticated identity (the user-pool login).
    auth_provider: str | None = None
    #: An explicit role name (an admin role); None: the identity pool's auth/unauth role.
    role_name: str | None = None


class IamCredentialStore(Protocol):
    """Looks up the credentials an access key id was issued with."""

    def find_credential(self, access_key: str) -> IamCredential | None: ...


_WELL_KNOWN = {
    AUTH_ACCESS_KEY_ID: IamCredential(AUTH_ACCESS_KEY_ID, None, authenticated=True),
    UNAUTH_ACCESS_KEY_ID: IamCredential(UNAUTH_ACCESS_KEY_ID, None, authenticated=False),
}


@dataclass(frozen=True)
class IamSettings:
    """The build's identity-pool roles and the resources their policies allow.

    The role ARNs and the identity pool id are what the build's auth templates compare
    `$ctx.identity.userArn` / `cognitoIdentityPoolId` with (`$ctx.stash.authRole` ...).
    """

    auth_role_name: str = "authRole"
    unauth_role_name: str = "unAuthRole"
    identity_pool_id: str = _DEFAULT_POOL
    admin_role_names: tuple[str, ...] = ()
    account_id: str = ACCOUNT_ID
    #: role name -> allowed `(type, field)` pairs (`"*"` for a type-wide `types/T/*`).
    policies: Mapping[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    #: False for a build without transformer role policies (v1, or no IAM rule): the policy
    #: check is then skipped, as `amplify mock` always did.
    has_policies: bool = False

    def role_arn(self, role_name: str) -> str:
        return _ROLE_ARN.format(account=self.account_id, role=role_name)

    def allows(self, role_name: str, type_name: str, field_name: str) -> bool:
        """:returns: whether `role_name` may call `type_name.field_name` (`appsync:GraphQL`)."""
        if not self.has_policies or role_name in self.admin_role_names:
            return True
        allowed = self.policies.get(role_name, frozenset())
        return (type_name, field_name) in allowed or (type_name, "*") in allowed


def iam_identity(
    credential: IamCredential, settings: IamSettings, source_ip: str
) -> tuple[dict[str, Any], str]:
    """`$ctx.identity` of an IAM caller as AppSync fills it for identity-pool credentials,
    and the caller's role name."""
    if credential.role_name is not None:
        role = credential.role_name
        identity: dict[str, Any] = {
            "accountId": settings.account_id,
            "cognitoIdentityPoolId": None,
            "cognitoIdentityId": None,
            "cognitoIdentityAuthType": None,
            "cognitoIdentityAuthProvider": None,
            "sourceIp": [source_ip],
            "userArn": f"arn:aws:sts::{settings.account_id}:assumed-role/{role}/{role}",
            "username": f"{_role_id(role)}:{role}",
        }
        return identity, role
    role = settings.auth_role_name if credential.authenticated else settings.unauth_role_name
    region = settings.identity_pool_id.split(":", 1)[0]
    identity_id = credential.identity_id or (
        f"{region}:{uuid.uuid5(uuid.NAMESPACE_URL, 'amplify-mock/' + credential.access_key)}"
    )
    authenticated = credential.authenticated
    identity = {
        "accountId": settings.account_id,
        "cognitoIdentityPoolId": settings.identity_pool_id,
        "cognitoIdentityId": identity_id,
        "cognitoIdentityAuthType": "authenticated" if authenticated else "unauthenticated",
        "cognitoIdentityAuthProvider": credential.auth_provider if authenticated else None,
        "sourceIp": [source_ip],
        "userArn": settings.role_arn(role),
        "username": f"{_role_id(role)}:CognitoIdentityCredentials",
    }
    return identity, role


def _role_id(role_name: str) -> str:
    """A stable `AROA...` unique id per role name, as STS names the assumed role's session."""
    digest = hashlib.sha256(role_name.encode()).hexdigest().upper()
    return "AROA" + digest[:17]


def find_credential(store: IamCredentialStore | None, access_key: str) -> IamCredential:
    """The credential of an access key: the store's, a well-known key, else an unknown key.

    Any other key is the unauthenticated role with no secret, as `amplify mock` has it.
    """
    if store is not None:
        found = store.find_credential(access_key)
        if found is not None:
            return found
    return _WELL_KNOWN.get(access_key) or IamCredential(access_key, None, authenticated=False)


_RESOURCE = re.compile(
    r"^arn:aws:appsync:[^:]*:[^:]*:apis/[^/]+/types/([^/]+)/(?:fields/([^/]+)|\*)$"
)


def policy_resources(resources: Iterable[str]) -> frozenset[tuple[str, str]]:
    """`(type, field)` pairs of `appsync:GraphQL` resource ARNs (`"*"`: every field)."""
    pairs: set[tuple[str, str]] = set()
    for arn in resources:
        match = _RESOURCE.match(arn)
        if match is not None:
            pairs.add((match.group(1), match.group(2) or "*"))
    return frozenset(pairs)


_STASH_ROLE = re.compile(
    r'\$ctx\.stash\.put\("(authRole|unauthRole)", "arn:aws:sts::([^:"]*):assumed-role/([^/"]+)/'
    r'CognitoIdentityCredentials"\)'
)
_STASH_POOL = re.compile(r'\$ctx\.stash\.put\("identityPoolId", "([^"]*)"\)')
_STASH_ADMINS = re.compile(r'\$ctx\.stash\.put\("adminRoles", (\[[^\]]*\])\)')


def read_iam_settings(
    policies: Iterable[Mapping[str, Any]],
    templates: Iterable[str],
    *,
    auth_role_name: Any = None,
    unauth_role_name: Any = None,
) -> IamSettings:
    """The build's IAM side: role policies (`AWS::IAM::ManagedPolicy` / `AWS::IAM::Policy`
    properties allowing `appsync:GraphQL`) and the roles its resolvers stash.

    The v2 transformer stashes `authRole`, `unauthRole`, `identityPoolId` and `adminRoles` in
    every resolver's before template: the first template that has them names them. Without
    them (a v1 build) the roles are the stack's `authRoleName` / `unauthRoleName` parameters.
    """
    allowed: dict[str, set[tuple[str, str]]] = {}
    for properties in policies:
        roles = [str(r) for r in properties.get("Roles") or () if isinstance(r, str)]
        document = properties.get("PolicyDocument") or {}
        statements = document.get("Statement") if isinstance(document, Mapping) else None
        for statement in statements if isinstance(statements, list) else ():
            if not isinstance(statement, Mapping) or statement.get("Effect") != "Allow":
                continue
            actions = statement.get("Action")
            actions = [actions] if isinstance(actions, str) else actions or []
            if "appsync:GraphQL" not in actions:
                continue
            resources = statement.get("Resource")
            resources = [resources] if isinstance(resources, str) else resources or []
            pairs = policy_resources(r for r in resources if isinstance(r, str))
            for role in roles:
                allowed.setdefault(role, set()).update(pairs)
    settings: dict[str, Any] = {}
    if isinstance(auth_role_name, str):
        settings["auth_role_name"] = auth_role_name
    if isinstance(unauth_role_name, str):
        settings["unauth_role_name"] = unauth_role_name
    for text in templates:
        if '"authRole"' not in text and '"identityPoolId"' not in text:
            continue
        for kind, account, role in _STASH_ROLE.findall(text):
            settings["auth_role_name" if kind == "authRole" else "unauth_role_name"] = role
            settings["account_id"] = account
        pool = _STASH_POOL.search(text)
        if pool is not None:
            settings["identity_pool_id"] = pool.group(1)
        admins = _STASH_ADMINS.search(text)
        if admins is not None:
            try:
                names = json.loads(admins.group(1))
            except ValueError:
                names = []
            settings["admin_role_names"] = tuple(str(n) for n in names)
        if pool is not None:
            break
    return IamSettings(
        **settings,
        policies={role: frozenset(pairs) for role, pairs in allowed.items()},
        has_policies=bool(allowed),
    )


#: AppSync's 401 message when the caller's IAM policy does not allow a requested field.
PERMISSION_DENIED = "Permission denied"


def check_iam_permission(
    settings: IamSettings,
    role_name: str,
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
) -> None:
    """AppSync authorizes an IAM caller's top-level fields against its role policy before
    running anything (`types/Query/fields/getPost`, or `types/Query/*`).

    :raises UnauthorizedRequest: a top-level field the policy does not allow ("Permission
        denied", HTTP 401).
    """
    if not settings.has_policies or role_name in settings.admin_role_names:
        return
    root = schema.get_root_type(operation.operation)
    if root is None:
        return
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    for field_name in _top_level_fields(operation.selection_set, fragments, set()):
        if not settings.allows(role_name, root.name, field_name):
            raise UnauthorizedRequest(PERMISSION_DENIED)


def _top_level_fields(
    selection_set: SelectionSetNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    seen: set[str],
) -> list[str]:
    names: list[str] = []
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if not selection.name.value.startswith("__"):
                names.append(selection.name.value)
        elif isinstance(selection, InlineFragmentNode):
            names += _top_level_fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
            seen.add(selection.name.value)
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                names += _top_level_fields(fragment.selection_set, fragments, seen)
    return names
