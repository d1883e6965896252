"""A Transformer v2 project made as a user makes it (`amplify init`, `amplify add api` with a v2
schema, `amplify mock`) serves the aws-amplify v6 client: mutations, a @hasMany / @belongsTo
read, an @index query field and a subscription with the v2 `filter` argument; schema and
template edits reload."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockOptions, MockSession
from tests.e2e.test_mock_session import Recorder, graphql, wait_for
from tests.project.amplify_subprocess import amplify

ROOT = Path(__file__).resolve().parents[2]
JS_DIR = ROOT / "tests" / "js" / "appsync"
API_KEY = "da2-fakeApiId123456"
SCHEMA = """input AMPLIFY {
  globalAuthRule: AuthRule = { allow: public }
}

type Blog @model {
  id: ID!
  name: String!
  posts: [Post] @hasMany(indexName: "byBlog", fields: ["id"])
}

type Post @model {
  id: ID!
  title: String!
  blogID: ID! @index(name: "byBlog", sortKeyFields: ["title"], queryField: "postsByBlog")
  blog: Blog @belongsTo(fields: ["blogID"])
}
"""
ADD_API_REQUEST = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "AppSync",
        "apiName": "blogapi",
        "transformSchema": SCHEMA,
        "defaultAuthType": {"mode": "API_KEY", "expirationTime": 7},
    },
}

pytestmark = pytest.mark.e2e


def user_project(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    app = tmp_path / "app"
    app.mkdir()
    amplify(app, home, "init", "--amplify", '{"projectName":"blogapp","envName":"dev"}', "--yes")
    amplify(app, home, "add", "api", "--headless", stdin=json.dumps(ADD_API_REQUEST))
    return app


@pytest.fixture
async def started(tmp_path: Path) -> AsyncIterator[tuple[MockSession, Recorder, Path]]:
    project = user_project(tmp_path)
    cli = json.loads((project / "amplify" / "cli.json").read_text())
    assert cli["features"]["graphqltransformer"]["transformerversion"] == 2
    options = MockOptions(
        categories=frozenset({"api"}), port=0, storage_port=0, dynamodb_port=0, debounce=0.05
    )
    recorder = Recorder()
    mock = MockSession(load_mock_project(project), options, recorder)
    await mock.start()
    try:
        yield mock, recorder, project
    finally:
        await mock.stop()


async def test_aws_amplify_v6_on_a_v2_project(
    started: tuple[MockSession, Recorder, Path],
) -> None:
    mock, _recorder, _project = started
    assert (JS_DIR / "node_modules" / "aws-amplify").is_dir(), (
        "run .ci/setup.d/npm-packages.sh to install aws-amplify for this test"
    )
    assert mock.graphql_url is not None
    proc = await asyncio.create_subprocess_exec(
        "node",
        str(JS_DIR / "appsync_v2.test.mjs"),
        mock.graphql_url,
        API_KEY,
        cwd=JS_DIR,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(proc.communicate(), 90)
    assert proc.returncode == 0, stderr.decode()[-2000:]
    result = json.loads(stdout.decode().strip().splitlines()[-1])
    assert result == {
        "mutations": [
            {"createBlog": {"id": "b1", "name": "Travel"}},
            {"createPost": {"id": "p1", "title": "Bye Lisbon", "blogID": "b1"}},
            {"createPost": {"id": "p2", "title": "Hello Porto", "blogID": "b1"}},
        ],
        "events": [{"onCreatePost": {"id": "p2", "title": "Hello Porto"}}],
        "relation": {
            "getBlog": {
                "id": "b1",
                "name": "Travel",
                "posts": {
                    "items": [
                        {"id": "p1", "title": "Bye Lisbon", "blog": {"name": "Travel"}},
                        {"id": "p2", "title": "Hello Porto", "blog": {"name": "Travel"}},
                    ]
                },
            }
        },
        "index": {
            "postsByBlog": {
                "items": [
                    {"id": "p2", "title": "Hello Porto"},
                    {"id": "p1", "title": "Bye Lisbon"},
                ]
            }
        },
    }


async def test_v2_schema_and_template_edits_reload(
    started: tuple[MockSession, Recorder, Path],
) -> None:
    mock, recorder, project = started
    api = project / "amplify" / "backend" / "api" / "blogapi"
    created = await graphql(
        mock, 'mutation { createPost(input: {id: "p1", title: "T", blogID: "b1"}) { id } }'
    )
    assert created == {"data": {"createPost": {"id": "p1"}}}
    schema = api / "schema.graphql"
    schema.write_text(
        schema.read_text().replace("  title: String!\n", "  title: String!\n  rating: Int\n")
    )

    async def rating_served() -> bool:
        body = await graphql(mock, '{ getPost(id: "p1") { id rating } }')
        return body == {"data": {"getPost": {"id": "p1", "rating": None}}}

    await wait_for(rating_served, timeout=60)
    # a file named like a generated template replaces it (Gen 1 resolver override)
    (api / "resolvers").mkdir(exist_ok=True)
    (api / "resolvers" / "Query.getPost.res.vtl").write_text(
        '#set($ctx.result.title = "overridden")\n$util.toJson($ctx.result)\n'
    )

    async def override_served() -> bool:
        body = await graphql(mock, '{ getPost(id: "p1") { title } }')
        return body == {"data": {"getPost": {"title": "overridden"}}}

    await wait_for(override_served, timeout=60)
    # a broken schema keeps the last good API and says where
    schema.write_text(schema.read_text() + "\ntype Broken @model {\n  id: ID!\n  x: Nope\n}\n")
    await wait_for(lambda: "schema.graphql" in recorder.text("error"), timeout=60)
    assert await override_served()
