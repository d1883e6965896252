"""defineStorage on the local S3: bucket names, the outputs' paths, the triggers."""

from __future__ import annotations

from amplify_mock.gen2 import StorageAccessRule, StorageDefinition
from amplify_mock.mock.gen2.storage import bucket_triggers, local_buckets

PHOTOS = StorageDefinition(
    name="Photos",
    access={
        "public/*": (
            StorageAccessRule("guest", ("read",)),
            StorageAccessRule("authenticated", ("read", "write", "delete")),
        ),
        "private/{entity_id}/*": (
            StorageAccessRule("entity", ("read", "write"), entity="identity"),
        ),
        "admin/*": (
            StorageAccessRule("groups", ("read",), groups=("ADMINS", "EDITORS")),
            StorageAccessRule("resource", ("read",), function="say-hello"),
        ),
    },
    triggers={"onUpload": "on-upload", "onDelete": None},
)


def test_storage_local_bucket_name_and_outputs_paths() -> None:
    (bucket,) = local_buckets((PHOTOS,))
    assert (bucket.name, bucket.bucket_name, bucket.is_default) == ("Photos", "photos-local", True)
    assert bucket.paths == {
        "public/*": {"guest": ["get", "list"], "authenticated": ["get", "list", "write", "delete"]},
        "private/{entity_id}/*": {"entityidentity": ["get", "list", "write"]},
        "admin/*": {"groupsADMINS": ["get", "list"], "groupsEDITORS": ["get", "list"]},
    }


def test_storage_triggers_run_on_upload_only_when_defined() -> None:
    buckets = local_buckets((PHOTOS,))
    triggers = bucket_triggers((PHOTOS,), buckets)["photos-local"]
    assert triggers.functions_for("ObjectCreated:Put", "public/a.png") == ["on-upload"]
    assert triggers.functions_for("ObjectRemoved:Delete", "public/a.png") == []
