"""`amplify mock` on a project with Cognito auth: the local pool starts, codes are printed, the
frontend config carries the local pool, and AppSync checks user-pool tokens against its key."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import boto3
import pytest

from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockOptions, MockSession
from amplify_mock.project.categories.auth import add_auth
from amplify_mock.project.project import Project
from tests.e2e.test_mock_session import DEMO, Recorder
from tests.simulators.cognito.srp_client import srp_sign_in

pytestmark = pytest.mark.e2e

PASSWORD = "Correct-horse-1"
CREATE_BLOG = "mutation C($input: CreateBlogInput!) { createBlog(input: $input) { id name owner } }"


def auth_project(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    add_auth(Project.open(root), "demoauth")
    return root


def mock_options(**overrides: Any) -> MockOptions:
    values: dict[str, Any] = {
        "categories": frozenset({"api", "storage", "function"}),
        "port": 0,
        "storage_port": 0,
        "dynamodb_port": 0,
        "cognito_port": 0,
        "codegen": False,
        "watch": False,
    }
    values.update(overrides)
    return MockOptions(**values)


@pytest.fixture
async def auth_session(tmp_path: Path) -> AsyncIterator[tuple[MockSession, Recorder]]:
    root = auth_project(tmp_path)
    seed = tmp_path / "seed" / "cognito"
    seed.mkdir(parents=True)
    (seed / "users.json").write_text(
        json.dumps([{"username": "admin", "password": PASSWORD, "groups": ["Admin"]}])
    )
    recorder = Recorder()
    session = MockSession(
        load_mock_project(root), mock_options(seed_data=tmp_path / "seed"), recorder
    )
    await session.start()
    try:
        yield session, recorder
    finally:
        await session.stop()


def local_config(session: MockSession) -> dict[str, Any]:
    text = (session.project.root / "src" / "aws-exports.js").read_text()
    match = re.search(r"const awsmobile = (\{.*\});", text, re.DOTALL)
    assert match is not None, text
    config: dict[str, Any] = json.loads(match.group(1))
    return config


async def graphql(session: MockSession, token: str, query: str, **variables: Any) -> Any:
    assert session.graphql_url is not None
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            session.graphql_url,
            json={"query": query, "variables": variables},
            headers={"Authorization": token},
        ) as response,
    ):
        return response.status, await response.json()


def forge(token: str, **changes: Any) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(changes)
    encoded = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{encoded}.{signature}"


async def test_mock_starts_cognito_and_appsync_checks_its_tokens(
    auth_session: tuple[MockSession, Recorder],
) -> None:
    session, recorder = auth_session
    assert session.running.cognito is not None
    cognito = session.running.cognito
    assert f"Cognito endpoint (user pool {cognito.pool.settings.user_pool_id}" in recorder.text()
    assert "Seed data: 1 Cognito user(s) created." in recorder.text()

    config = local_config(session)
    auth = config["Auth"]["Cognito"]
    assert auth["userPoolEndpoint"] == cognito.url == auth["identityPoolEndpoint"]
    assert auth["userPoolId"] == cognito.pool.settings.user_pool_id
    assert config["API"]["GraphQL"]["endpoint"] == session.graphql_url
    assert config["Storage"]["S3"]["dangerouslyConnectToHttpEndpointForTesting"] is True
    assert not any(key.startswith("aws_") for key in config)

    idp = boto3.client(
        "cognito-idp",
        endpoint_url=cognito.url,
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
    )
    client_id, pool_id = auth["userPoolClientId"], auth["userPoolId"]

    def sign_up_and_in() -> Any:
        idp.sign_up(
            ClientId=client_id,
            Username="alice",
            Password=PASSWORD,
            UserAttributes=[{"Name": "email", "Value": "alice@example.com"}],
        )
        line = next(m for _l, m in recorder.lines if "code for user alice" in m)
        idp.confirm_sign_up(
            ClientId=client_id, Username="alice", ConfirmationCode=line.rsplit(": ", 1)[1]
        )
        return srp_sign_in(idp, pool_id, client_id, "alice", PASSWORD)["AuthenticationResult"]

    tokens = await asyncio.to_thread(sign_up_and_in)
    status, body = await graphql(session, tokens["AccessToken"], CREATE_BLOG, input={"name": "A"})
    assert status == 200, body
    assert body["data"]["createBlog"]["owner"] == "alice"

    status, body = await graphql(
        session, forge(tokens["AccessToken"], username="mallory"), CREATE_BLOG, input={"name": "B"}
    )
    assert status == 401
    assert body["errors"][0]["errorType"] == "UnauthorizedException"
    assert body["errors"][0]["message"] == "Token signature is not valid"

    expired = await asyncio.to_thread(
        lambda: srp_sign_in(idp, pool_id, client_id, "admin", PASSWORD)["AuthenticationResult"]
    )
    cognito.pool.clock = lambda: 0.0  # tokens issued at the epoch are long expired
    old = cognito.pool.issue_tokens(cognito.pool.user("admin"), client_id)["AccessToken"]
    status, body = await graphql(session, old, CREATE_BLOG, input={"name": "C"})
    assert (status, body["errors"][0]["message"]) == (
        401,
        "Token has expired.",
    )
    status, body = await graphql(session, expired["AccessToken"], CREATE_BLOG, input={"name": "D"})
    assert status == 200 and body["data"]["createBlog"]["owner"] == "admin"


async def test_stop_restores_the_config_and_keeps_users(tmp_path: Path) -> None:
    root = auth_project(tmp_path)
    original = (root / "src" / "aws-exports.js").read_bytes()
    recorder = Recorder()
    session = MockSession(load_mock_project(root), mock_options(), recorder)
    await session.start()
    assert session.running.cognito is not None
    pool = session.running.cognito.pool
    pool.store.add_user("kept", {}, "CONFIRMED", *pool.verifier("kept", PASSWORD))
    pool.store.save()
    await session.stop()
    assert (root / "src" / "aws-exports.js").read_bytes() == original
    session = MockSession(load_mock_project(root), mock_options(), recorder)
    await session.start()
    try:
        assert session.running.cognito is not None
        restarted = session.running.cognito.pool
        assert restarted.password_matches(restarted.user("kept"), PASSWORD)
        assert restarted.settings.user_pool_id == pool.settings.user_pool_id
    finally:
        await session.stop()


async def test_every_port_also_answers_tls(auth_session: tuple[MockSession, Recorder]) -> None:
    import ssl

    session, recorder = auth_session
    assert session.local_ca is not None and session.running.s3 is not None
    assert session.running.cognito is not None
    assert f"NODE_EXTRA_CA_CERTS={session.local_ca}" in recorder.text()
    trust = ssl.create_default_context(cafile=str(session.local_ca))
    pool_id = session.running.cognito.pool.settings.user_pool_id
    urls = {
        "cognito": f"{session.running.cognito.url}/{pool_id}/.well-known/jwks.json",
        "s3": f"{session.running.s3.url}/",
        "appsync": f"{session.graphql_url}",
    }
    async with aiohttp.ClientSession() as http:
        for name, url in urls.items():
            assert url.startswith("http://")
            secure = "https://" + url.removeprefix("http://")
            async with http.get(url) as plain, http.get(secure, ssl=trust) as tls:
                assert plain.status == tls.status, name
                assert await plain.read() == await tls.read() or name == "s3", name
