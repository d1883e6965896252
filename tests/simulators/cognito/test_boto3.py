"""boto3 `cognito-idp` and `cognito-identity` against the local Cognito endpoint."""

from __future__ import annotations

import base64
import json
from typing import Any

import botocore.exceptions
import pytest

from amplify_mock.simulators.cognito.signing import SigningKey, TokenError
from tests.simulators.cognito.conftest import (
    CLIENT_ID,
    IDENTITY_POOL_ID,
    POOL_ID,
    LocalCognito,
)
from tests.simulators.cognito.srp_client import SrpClient, srp_sign_in

PASSWORD = "Correct-horse-1"


def claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    )
    return decoded


def error_of(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    error = caught.value.response["Error"]
    return error["Code"], error["Message"]


def sign_up(
    cognito: LocalCognito, username: str = "alice", email: str = "alice@example.com"
) -> Any:
    idp = cognito.client()
    answer = idp.sign_up(
        ClientId=CLIENT_ID,
        Username=username,
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": email}],
    )
    idp.confirm_sign_up(
        ClientId=CLIENT_ID, Username=username, ConfirmationCode=cognito.codes.last(username)
    )
    return answer


def test_sign_up_confirm_and_srp_sign_in(cognito: LocalCognito) -> None:
    idp = cognito.client()
    answer = idp.sign_up(
        ClientId=CLIENT_ID,
        Username="alice",
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "alice@example.com"}],
    )
    assert answer["UserConfirmed"] is False
    assert answer["CodeDeliveryDetails"] == {
        "AttributeName": "email",
        "DeliveryMedium": "EMAIL",
        "Destination": "a***@e***",
    }
    code = cognito.codes.last("alice")
    assert len(code) == 6 and code.isdigit()
    assert error_of(
        idp.initiate_auth,
        AuthFlow="USER_PASSWORD_AUTH",
        ClientId=CLIENT_ID,
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    ) == ("UserNotConfirmedException", "User is not confirmed.")
    idp.confirm_sign_up(ClientId=CLIENT_ID, Username="alice", ConfirmationCode=code)

    result = srp_sign_in(idp, POOL_ID, CLIENT_ID, "alice", PASSWORD)["AuthenticationResult"]
    assert result["TokenType"] == "Bearer" and result["ExpiresIn"] == 3600
    id_claims, access_claims = claims(result["IdToken"]), claims(result["AccessToken"])
    assert id_claims["sub"] == answer["UserSub"] == access_claims["sub"]
    assert id_claims["cognito:username"] == "alice" and access_claims["username"] == "alice"
    assert id_claims["iss"] == f"https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"
    assert id_claims["aud"] == CLIENT_ID and access_claims["client_id"] == CLIENT_ID
    assert id_claims["token_use"] == "id" and access_claims["token_use"] == "access"
    assert id_claims["email"] == "alice@example.com" and id_claims["email_verified"] is True
    assert access_claims["scope"] == "aws.cognito.signin.user.admin"
    assert id_claims["exp"] - id_claims["iat"] == 3600

    user = idp.get_user(AccessToken=result["AccessToken"])
    assert user["Username"] == "alice"
    assert {a["Name"]: a["Value"] for a in user["UserAttributes"]} == {
        "sub": answer["UserSub"],
        "email": "alice@example.com",
        "email_verified": "true",
    }


def test_tokens_verify_against_the_published_jwks(cognito: LocalCognito) -> None:
    import urllib.request

    sign_up(cognito)
    tokens = srp_sign_in(cognito.client(), POOL_ID, CLIENT_ID, "alice", PASSWORD)
    with urllib.request.urlopen(f"{cognito.url}/{POOL_ID}/.well-known/jwks.json") as response:
        jwks = json.loads(response.read())
    (key,) = jwks["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig"
    header = json.loads(
        base64.urlsafe_b64decode(tokens["AuthenticationResult"]["IdToken"].split(".")[0] + "==")
    )
    assert header == {"kid": key["kid"], "alg": "RS256"}
    # the same key signs after a restart: it is kept beside the pool's data
    reloaded = SigningKey.load_or_create(cognito.pool.store.path.parent / "signing-key.pem")
    assert reloaded.jwks() == jwks
    assert reloaded.verify(tokens["AuthenticationResult"]["IdToken"])["cognito:username"] == "alice"


def test_user_password_auth_and_refresh(cognito: LocalCognito) -> None:
    sign_up(cognito)
    idp = cognito.client()
    first = idp.initiate_auth(
        AuthFlow="USER_PASSWORD_AUTH",
        ClientId=CLIENT_ID,
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]
    refreshed = idp.initiate_auth(
        AuthFlow="REFRESH_TOKEN_AUTH",
        ClientId=CLIENT_ID,
        AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]},
    )["AuthenticationResult"]
    assert "RefreshToken" not in refreshed
    assert claims(refreshed["AccessToken"])["username"] == "alice"
    idp.global_sign_out(AccessToken=first["AccessToken"])
    assert error_of(idp.get_user, AccessToken=refreshed["AccessToken"]) == (
        "NotAuthorizedException",
        "Access Token has been revoked",
    )
    assert error_of(
        idp.initiate_auth,
        AuthFlow="REFRESH_TOKEN_AUTH",
        ClientId=CLIENT_ID,
        AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]},
    ) == ("NotAuthorizedException", "Refresh Token has been revoked")


def test_wrong_password_and_unknown_user(cognito: LocalCognito) -> None:
    sign_up(cognito)
    idp = cognito.client()
    assert error_of(
        idp.initiate_auth,
        AuthFlow="USER_PASSWORD_AUTH",
        ClientId=CLIENT_ID,
        AuthParameters={"USERNAME": "alice", "PASSWORD": "Wrong-horse-1"},
    ) == ("NotAuthorizedException", "Incorrect username or password.")
    srp = SrpClient(POOL_ID)
    started = idp.initiate_auth(
        AuthFlow="USER_SRP_AUTH", ClientId=CLIENT_ID, AuthParameters=srp.auth_parameters("alice")
    )
    assert error_of(
        idp.respond_to_auth_challenge,
        ClientId=CLIENT_ID,
        ChallengeName="PASSWORD_VERIFIER",
        Session=started["Session"],
        ChallengeResponses=srp.challenge_responses(started["ChallengeParameters"], "Wrong-horse-1"),
    ) == ("NotAuthorizedException", "Incorrect username or password.")
    # the session was used: answering it again is refused
    assert error_of(
        idp.respond_to_auth_challenge,
        ClientId=CLIENT_ID,
        ChallengeName="PASSWORD_VERIFIER",
        Session=started["Session"],
        ChallengeResponses=srp.challenge_responses(started["ChallengeParameters"], PASSWORD),
    ) == ("NotAuthorizedException", "Invalid session for the user.")
    assert error_of(
        idp.initiate_auth,
        AuthFlow="USER_SRP_AUTH",
        ClientId=CLIENT_ID,
        AuthParameters=SrpClient(POOL_ID).auth_parameters("nobody"),
    ) == ("UserNotFoundException", "User does not exist.")
    assert error_of(
        idp.initiate_auth,
        AuthFlow="USER_PASSWORD_AUTH",
        ClientId="unknownclient",
        AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD},
    ) == ("ResourceNotFoundException", "User pool client unknownclient does not exist.")


def test_codes_wrong_expired_and_reused(cognito: LocalCognito) -> None:
    idp = cognito.client()
    idp.sign_up(ClientId=CLIENT_ID, Username="bob", Password=PASSWORD)
    code = cognito.codes.last("bob")
    wrong = "000000" if code != "000000" else "111111"
    assert error_of(
        idp.confirm_sign_up, ClientId=CLIENT_ID, Username="bob", ConfirmationCode=wrong
    ) == ("CodeMismatchException", "Invalid verification code provided, please try again.")
    cognito.clock.offset = 24 * 3600 + 1
    assert error_of(
        idp.confirm_sign_up, ClientId=CLIENT_ID, Username="bob", ConfirmationCode=code
    ) == ("ExpiredCodeException", "Invalid code provided, please request a code again.")
    idp.resend_confirmation_code(ClientId=CLIENT_ID, Username="bob")
    idp.confirm_sign_up(
        ClientId=CLIENT_ID, Username="bob", ConfirmationCode=cognito.codes.last("bob")
    )
    assert error_of(
        idp.confirm_sign_up, ClientId=CLIENT_ID, Username="bob", ConfirmationCode=code
    ) == ("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED")
    assert error_of(idp.sign_up, ClientId=CLIENT_ID, Username="bob", Password=PASSWORD) == (
        "UsernameExistsException",
        "User already exists",
    )
    assert error_of(idp.sign_up, ClientId=CLIENT_ID, Username="carol", Password="short") == (
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
    )


def test_tampered_and_expired_access_tokens(cognito: LocalCognito) -> None:
    sign_up(cognito)
    idp = cognito.client()
    access = srp_sign_in(idp, POOL_ID, CLIENT_ID, "alice", PASSWORD)["AuthenticationResult"][
        "AccessToken"
    ]
    header, _payload, signature = access.split(".")
    forged_claims = {**claims(access), "username": "mallory"}
    forged_payload = (
        base64.urlsafe_b64encode(json.dumps(forged_claims).encode()).rstrip(b"=").decode()
    )
    assert error_of(idp.get_user, AccessToken=f"{header}.{forged_payload}.{signature}") == (
        "NotAuthorizedException",
        "Invalid Access Token",
    )
    assert error_of(idp.get_user, AccessToken="not-a-token") == (
        "NotAuthorizedException",
        "Invalid Access Token",
    )
    cognito.clock.offset = 3601
    assert error_of(idp.get_user, AccessToken=access) == (
        "NotAuthorizedException",
        "Access Token has expired",
    )
    with pytest.raises(TokenError):
        cognito.pool.key.verify(f"{header}.{forged_payload}.{signature}")


def test_forgot_password_change_password_and_attributes(cognito: LocalCognito) -> None:
    sign_up(cognito)
    idp = cognito.client()
    idp.forgot_password(ClientId=CLIENT_ID, Username="alice")
    idp.confirm_forgot_password(
        ClientId=CLIENT_ID,
        Username="alice",
        ConfirmationCode=cognito.codes.last("alice"),
        Password="Second-horse-2",
    )
    tokens = srp_sign_in(idp, POOL_ID, CLIENT_ID, "alice", "Second-horse-2")["AuthenticationResult"]
    assert error_of(
        idp.change_password,
        AccessToken=tokens["AccessToken"],
        PreviousPassword=PASSWORD,
        ProposedPassword="Third-horse-3",
    ) == ("NotAuthorizedException", "Incorrect username or password.")
    idp.change_password(
        AccessToken=tokens["AccessToken"],
        PreviousPassword="Second-horse-2",
        ProposedPassword="Third-horse-3",
    )
    srp_sign_in(idp, POOL_ID, CLIENT_ID, "alice", "Third-horse-3")
    answer = idp.update_user_attributes(
        AccessToken=tokens["AccessToken"],
        UserAttributes=[
            {"Name": "email", "Value": "alice2@example.com"},
            {"Name": "name", "Value": "Alice"},
        ],
    )
    assert [d["AttributeName"] for d in answer["CodeDeliveryDetailsList"]] == ["email"]
    idp.verify_user_attribute(
        AccessToken=tokens["AccessToken"], AttributeName="email", Code=cognito.codes.last("alice")
    )
    attributes = {
        a["Name"]: a["Value"]
        for a in idp.get_user(AccessToken=tokens["AccessToken"])["UserAttributes"]
    }
    assert attributes["email"] == "alice2@example.com" and attributes["email_verified"] == "true"
    assert attributes["name"] == "Alice"


def test_admin_calls_and_groups_in_tokens(cognito: LocalCognito) -> None:
    idp = cognito.client()
    created = idp.admin_create_user(
        UserPoolId=POOL_ID,
        Username="admin1",
        TemporaryPassword="Temp-pass-123",
        UserAttributes=[{"Name": "email", "Value": "admin1@example.com"}],
    )["User"]
    assert created["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    challenge = idp.initiate_auth(
        AuthFlow="USER_PASSWORD_AUTH",
        ClientId=CLIENT_ID,
        AuthParameters={"USERNAME": "admin1", "PASSWORD": "Temp-pass-123"},
    )
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    idp.admin_set_user_password(
        UserPoolId=POOL_ID, Username="admin1", Password=PASSWORD, Permanent=True
    )
    idp.create_group(UserPoolId=POOL_ID, GroupName="Admins", Precedence=1)
    idp.create_group(UserPoolId=POOL_ID, GroupName="Editors", Precedence=2)
    idp.admin_add_user_to_group(UserPoolId=POOL_ID, Username="admin1", GroupName="Editors")
    idp.admin_add_user_to_group(UserPoolId=POOL_ID, Username="admin1", GroupName="Admins")
    assert error_of(idp.create_group, UserPoolId=POOL_ID, GroupName="Admins") == (
        "GroupExistsException",
        "A group with the name already exists.",
    )
    result = srp_sign_in(idp, POOL_ID, CLIENT_ID, "admin1", PASSWORD)["AuthenticationResult"]
    assert claims(result["IdToken"])["cognito:groups"] == ["Admins", "Editors"]
    assert claims(result["AccessToken"])["cognito:groups"] == ["Admins", "Editors"]
    got = idp.admin_get_user(UserPoolId=POOL_ID, Username="admin1")
    assert got["UserStatus"] == "CONFIRMED" and got["Enabled"] is True
    listed = idp.list_users(UserPoolId=POOL_ID, Filter='email = "admin1@example.com"')["Users"]
    assert [u["Username"] for u in listed] == ["admin1"]
    idp.sign_up(ClientId=CLIENT_ID, Username="dave", Password=PASSWORD)
    idp.admin_confirm_sign_up(UserPoolId=POOL_ID, Username="dave")
    assert idp.admin_get_user(UserPoolId=POOL_ID, Username="dave")["UserStatus"] == "CONFIRMED"
    idp.admin_disable_user(UserPoolId=POOL_ID, Username="dave")
    assert error_of(
        idp.initiate_auth,
        AuthFlow="USER_PASSWORD_AUTH",
        ClientId=CLIENT_ID,
        AuthParameters={"USERNAME": "dave", "PASSWORD": PASSWORD},
    ) == ("NotAuthorizedException", "User is disabled.")
    assert error_of(idp.admin_get_user, UserPoolId=POOL_ID, Username="zed") == (
        "UserNotFoundException",
        "User does not exist.",
    )


def test_email_sign_in_pool_uses_a_uuid_username(email_cognito: LocalCognito) -> None:
    idp = email_cognito.client()
    answer = idp.sign_up(ClientId=CLIENT_ID, Username="erin@example.com", Password=PASSWORD)
    idp.confirm_sign_up(
        ClientId=CLIENT_ID,
        Username="erin@example.com",
        ConfirmationCode=email_cognito.codes.last("erin@example.com"),
    )
    srp = SrpClient(POOL_ID)
    started = idp.initiate_auth(
        AuthFlow="USER_SRP_AUTH",
        ClientId=CLIENT_ID,
        AuthParameters=srp.auth_parameters("erin@example.com"),
    )
    stored = started["ChallengeParameters"]["USER_ID_FOR_SRP"]
    assert stored != "erin@example.com" and len(stored) == 36
    result = idp.respond_to_auth_challenge(
        ClientId=CLIENT_ID,
        ChallengeName="PASSWORD_VERIFIER",
        Session=started["Session"],
        ChallengeResponses=srp.challenge_responses(started["ChallengeParameters"], PASSWORD),
    )["AuthenticationResult"]
    assert claims(result["IdToken"])["email"] == "erin@example.com"
    assert claims(result["IdToken"])["sub"] == answer["UserSub"]


def test_identity_pool_credentials(cognito: LocalCognito) -> None:
    sign_up(cognito)
    identity = cognito.client("cognito-identity")
    guest = identity.get_id(IdentityPoolId=IDENTITY_POOL_ID)["IdentityId"]
    assert guest.startswith("us-east-1:")
    creds = identity.get_credentials_for_identity(IdentityId=guest)["Credentials"]
    assert creds["AccessKeyId"] == "ASIAVJKIAM-UnAuthRole"
    id_token = srp_sign_in(cognito.client(), POOL_ID, CLIENT_ID, "alice", PASSWORD)[
        "AuthenticationResult"
    ]["IdToken"]
    logins = {f"cognito-idp.us-east-1.amazonaws.com/{POOL_ID}": id_token}
    signed_in = identity.get_id(IdentityPoolId=IDENTITY_POOL_ID, Logins=logins)["IdentityId"]
    assert (
        identity.get_id(IdentityPoolId=IDENTITY_POOL_ID, Logins=logins)["IdentityId"] == signed_in
    )
    creds = identity.get_credentials_for_identity(IdentityId=signed_in, Logins=logins)[
        "Credentials"
    ]
    assert creds["AccessKeyId"] == "ASIAVJKIAM-AuthRole"
    token = identity.get_open_id_token(IdentityId=signed_in, Logins=logins)["Token"]
    assert claims(token)["sub"] == signed_in and claims(token)["aud"] == IDENTITY_POOL_ID
    assert error_of(identity.get_id, IdentityPoolId="us-east-1:nope") == (
        "ResourceNotFoundException",
        "IdentityPool 'us-east-1:nope' not found.",
    )
    assert (
        error_of(
            identity.get_credentials_for_identity,
            IdentityId=signed_in,
            Logins={f"cognito-idp.us-east-1.amazonaws.com/{POOL_ID}": id_token[:-4] + "AAAA"},
        )[0]
        == "NotAuthorizedException"
    )


def test_users_persist_across_restarts(cognito: LocalCognito, tmp_path: Any) -> None:
    from amplify_mock.simulators.cognito import UserPool
    from tests.simulators.cognito.conftest import settings

    sign_up(cognito)
    document = cognito.pool.store.path.read_text()
    assert PASSWORD not in document
    reopened = UserPool(settings(), cognito.pool.store.path.parent)
    user = reopened.user("alice")
    assert user.status == "CONFIRMED" and reopened.password_matches(user, PASSWORD)
    assert not reopened.password_matches(user, "Wrong-horse-1")
