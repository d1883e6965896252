"""The local cloud's stores (a folder, an S3-compatible bucket on the project's own local S3)
and the stack lock built on their conditional writes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from amplify_mock.cloud.local import LocalCloud
from amplify_mock.cloud.local.store import (
    CloudStore,
    DirStore,
    InvalidStoreError,
    S3Store,
    VersionConflict,
    open_store,
)
from amplify_mock.cloud.provider import DeploymentError, StackBusyError
from amplify_mock.simulators.s3 import S3Settings
from tests.simulators.s3.conftest import ThreadedS3

TEAM_BUCKET = "team-cloud"
TEMPLATE: dict[str, Any] = {
    "Resources": {"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "data"}}},
    "Outputs": {"Bucket": {"Value": {"Ref": "Data"}}},
}


@pytest.fixture(scope="module")
def team_s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadedS3]:
    root = tmp_path_factory.mktemp("s3")
    s3 = ThreadedS3(S3Settings(root=root, buckets=(TEAM_BUCKET,)))
    s3.start()
    yield s3
    s3.stop()


@pytest.fixture(params=["dir", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> CloudStore:
    if request.param == "dir":
        return open_store(str(tmp_path / "cloud"))
    s3: ThreadedS3 = request.getfixturevalue("team_s3")
    return open_store(f"s3://{TEAM_BUCKET}/{tmp_path.name}?endpoint={s3.endpoint}")


def test_store_conditional_writes(store: CloudStore) -> None:
    assert store.read("stacks/a.json") is None
    first = store.write("stacks/a.json", b"1", expect=None)
    with pytest.raises(VersionConflict):
        store.write("stacks/a.json", b"2", expect=None)
    second = store.write("stacks/a.json", b"2", expect=first)
    with pytest.raises(VersionConflict):
        store.write("stacks/a.json", b"3", expect=first)
    found = store.read("stacks/a.json")
    assert found is not None and (found.body, found.version) == (b"2", second)
    store.write("objects/b/x/y.txt", b"z")
    assert store.keys("objects/b/") == ["objects/b/x/y.txt"]
    assert store.keys("stacks/") == ["stacks/a.json"]
    store.delete("objects/b/x/y.txt")
    assert store.keys("objects/") == []


def test_store_urls(tmp_path: Path) -> None:
    assert isinstance(open_store(str(tmp_path)), DirStore)
    s3 = open_store("s3://bucket/team/a?endpoint=http://localhost:1&region=eu-west-1")
    assert isinstance(s3, S3Store)
    assert (s3.bucket, s3.prefix) == ("bucket", "team/a/")
    with pytest.raises(InvalidStoreError) as err:
        open_store("s3://b?endpoint=http://x&color=red")
    assert err.value.message == (
        "Invalid local cloud store 's3://b?endpoint=http://x&color=red': unknown parameter 'color'."
    )
    with pytest.raises(InvalidStoreError) as err:
        open_store("relative/dir")
    assert err.value.message == (
        "Invalid local cloud store 'relative/dir': a folder must be an absolute path."
    )


def test_s3_conditional_puts_race_one_winner(team_s3: ThreadedS3) -> None:
    """Eight writers with the same If-Match: the local S3 lets exactly one through."""
    store = open_store(f"s3://{TEAM_BUCKET}/race?endpoint={team_s3.endpoint}")
    version = store.write("k", b"0", expect=None)
    wins: list[int] = []
    losses: list[int] = []
    barrier = threading.Barrier(8)

    def writer(i: int) -> None:
        barrier.wait()
        try:
            store.write("k", f"writer {i}".encode(), expect=version)
            wins.append(i)
        except VersionConflict:
            losses.append(i)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(wins) == 1 and len(losses) == 7
    found = store.read("k")
    assert found is not None and found.body == f"writer {wins[0]}".encode()


def test_concurrent_deploy_gets_stack_busy(
    store: CloudStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second deployment while the first is evaluating fails as CloudFormation's does,
    and the first one still completes."""
    first = LocalCloud(store, "us-east-1")
    second = LocalCloud(store, "us-east-1")
    first.deploy_stack("app", TEMPLATE, {})
    from amplify_mock.cloud.local import cloud as cloud_module

    real = cloud_module.evaluate_stack
    seen: list[StackBusyError] = []

    def evaluate_while_a_teammate_pushes(*args: Any, **kwargs: Any) -> Any:
        monkeypatch.setattr(cloud_module, "evaluate_stack", real)
        with pytest.raises(StackBusyError) as err:
            second.deploy_stack("app", TEMPLATE, {})
        seen.append(err.value)
        return real(*args, **kwargs)

    monkeypatch.setattr(cloud_module, "evaluate_stack", evaluate_while_a_teammate_pushes)
    deployed = first.deploy_stack("app", TEMPLATE, {})
    stack_id = deployed.stack_id
    assert [e.message for e in seen] == [
        f"Stack:{stack_id} is in UPDATE_IN_PROGRESS state and can not be updated."
    ]
    assert first.stack_state("app")["StackStatus"] == "UPDATE_COMPLETE"
    second.deploy_stack("app", TEMPLATE, {})  # the lock is free again


def test_failed_deploy_restores_state_and_frees_the_lock(store: CloudStore) -> None:
    cloud = LocalCloud(store)
    cloud.deploy_stack("app", TEMPLATE, {})
    before = cloud.stack_state("app")
    bad = {
        "Resources": {
            "X": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "Nope"}}}
        }
    }
    with pytest.raises(DeploymentError):
        cloud.deploy_stack("app", bad, {})
    assert cloud.stack_state("app") == before
    with pytest.raises(DeploymentError):
        cloud.deploy_stack("new", bad, {})
    assert cloud.stack_names() == ["app"]
    role = {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "r"}}
    assert cloud.deploy_stack("new", {"Resources": {"Role": role}}, {}).changes["create"] == 1


def test_abandoned_marker_is_taken_over(store: CloudStore) -> None:
    cloud = LocalCloud(store)
    cloud.deploy_stack("app", TEMPLATE, {})
    found = store.read("stacks/app.json")
    assert found is not None
    state = json.loads(found.body)
    state.update(StackStatus="UPDATE_IN_PROGRESS", StatusTime="2020-01-01T00:00:00.000000Z")
    store.write("stacks/app.json", json.dumps(state).encode())
    assert cloud.deploy_stack("app", TEMPLATE, {}).outputs == {"Bucket": "data"}
    state["StatusTime"] = "2999-01-01T00:00:00.000000Z"
    store.write("stacks/app.json", json.dumps(state).encode())
    with pytest.raises(StackBusyError):
        cloud.deploy_stack("app", TEMPLATE, {})
