"""Website hosting on the local S3 port: index/error documents and redirects for browsers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from amplify_mock.simulators.s3 import S3Settings, WebsiteConfiguration, create_app
from tests.simulators.s3.conftest import boto_client

SITE = "myapp-hostingbucket-dev"
AiohttpClient = Any


def _publish(s3_root: Path, files: dict[str, str]) -> None:
    """Files as `amplify publish` writes them through the local cloud (plain files)."""
    for key, text in files.items():
        path = s3_root / SITE / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


async def _client(
    aiohttp_client: AiohttpClient, s3_root: Path, error_document: str | None = "404.html"
) -> TestClient[Any, Any]:
    settings = S3Settings(
        root=s3_root,
        websites={SITE: WebsiteConfiguration("index.html", error_document)},
    )
    server = TestServer(create_app(settings))
    await server.start_server(auto_decompress=False)
    client: TestClient[Any, Any] = await aiohttp_client(server)
    return client


@pytest.fixture
async def site(aiohttp_client: AiohttpClient, s3_root: Path) -> TestClient[Any, Any]:
    _publish(
        s3_root,
        {
            "index.html": "<h1>home</h1>",
            "404.html": "<h1>missing</h1>",
            "docs/index.html": "<h1>docs</h1>",
            "static/app.js": "run()",
        },
    )
    return await _client(aiohttp_client, s3_root)


async def test_website_bucket_root_serves_index_document(site: TestClient[Any, Any]) -> None:
    response = await site.get(f"/{SITE}/")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html"
    assert await response.text() == "<h1>home</h1>"


async def test_website_bucket_without_slash_redirects_to_root(site: TestClient[Any, Any]) -> None:
    response = await site.get(f"/{SITE}", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (302, f"/{SITE}/")


async def test_website_folder_serves_its_index_document(site: TestClient[Any, Any]) -> None:
    response = await site.get(f"/{SITE}/docs/")
    assert (response.status, await response.text()) == (200, "<h1>docs</h1>")


async def test_website_folder_without_slash_redirects(site: TestClient[Any, Any]) -> None:
    response = await site.get(f"/{SITE}/docs", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (302, f"/{SITE}/docs/")


async def test_website_object_is_served_with_its_type(site: TestClient[Any, Any]) -> None:
    response = await site.get(f"/{SITE}/static/app.js")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/javascript"
    assert await response.text() == "run()"


async def test_website_missing_key_serves_error_document_with_404(
    site: TestClient[Any, Any],
) -> None:
    response = await site.get(f"/{SITE}/no/such/page")
    assert (response.status, await response.text()) == (404, "<h1>missing</h1>")


async def test_website_head_of_missing_key_has_no_body(site: TestClient[Any, Any]) -> None:
    response = await site.head(f"/{SITE}/nothing")
    assert response.status == 404
    assert await response.read() == b""


async def test_website_folder_without_index_document_is_404(
    site: TestClient[Any, Any], s3_root: Path
) -> None:
    _publish(s3_root, {"img/logo.png": "png"})
    response = await site.get(f"/{SITE}/img/")
    assert (response.status, await response.text()) == (404, "<h1>missing</h1>")


async def test_website_missing_error_document_gives_html_error_page(
    aiohttp_client: AiohttpClient, s3_root: Path
) -> None:
    _publish(s3_root, {"index.html": "<h1>home</h1>"})
    client = await _client(aiohttp_client, s3_root, error_document="error.html")
    response = await client.get(f"/{SITE}/gone.html")
    text = await response.text()
    assert (response.status, response.headers["Content-Type"]) == (
        404,
        "text/html; charset=utf-8",
    )
    assert "<h1>404 Not Found</h1>" in text
    assert "<li>Code: NoSuchKey</li>" in text
    assert "<li>Key: gone.html</li>" in text
    assert "An Error Occurred While Attempting to Retrieve a Custom Error Document" in text
    assert "<li>Key: error.html</li>" in text


async def test_website_not_published_bucket_is_no_such_bucket(
    aiohttp_client: AiohttpClient, s3_root: Path
) -> None:
    s3_root.mkdir(parents=True)
    client = await _client(aiohttp_client, s3_root)
    response = await client.get(f"/{SITE}/")
    text = await response.text()
    assert response.status == 404
    assert "<li>Code: NoSuchBucket</li>" in text
    assert "Custom Error Document" not in text


async def test_website_redirect_location_metadata_is_a_301(
    site: TestClient[Any, Any],
) -> None:
    put = await site.put(
        f"/{SITE}/old.html",
        data=b"",
        headers={
            "Authorization": "AWS4-HMAC-SHA256 mock",
            "x-amz-website-redirect-location": "/new",
        },
    )
    assert put.status == 200
    response = await site.get(f"/{SITE}/old.html", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (301, "/new")


async def test_website_virtual_host_request_serves_index(site: TestClient[Any, Any]) -> None:
    response = await site.get("/docs", headers={"Host": f"{SITE}.localhost"}, allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (302, "/docs/")
    response = await site.get("/", headers={"Host": f"{SITE}.localhost"})
    assert (response.status, await response.text()) == (200, "<h1>home</h1>")


async def test_website_signed_request_gets_the_rest_api(site: TestClient[Any, Any]) -> None:
    response = await site.get(f"/{SITE}/", headers={"Authorization": "AWS4-HMAC-SHA256 mock"})
    assert response.status == 200
    assert "<ListBucketResult" in await response.text()


async def test_website_conditional_get_is_not_modified(site: TestClient[Any, Any]) -> None:
    first = await site.get(f"/{SITE}/")
    response = await site.get(f"/{SITE}/", headers={"If-None-Match": first.headers["ETag"]})
    assert response.status == 304


def test_website_boto3_lists_and_uploads_the_hosting_bucket(make_s3: Any, s3_root: Path) -> None:
    _publish(s3_root, {"index.html": "<h1>home</h1>"})
    s3 = make_s3(S3Settings(root=s3_root, websites={SITE: WebsiteConfiguration()}))
    client = boto_client(s3.endpoint)
    client.put_object(Bucket=SITE, Key="about.html", Body=b"about")
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=SITE)["Contents"]]
    assert keys == ["about.html", "index.html"]
