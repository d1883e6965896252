"""`LocalCloud`: stacks evaluated with the CloudFormation evaluator and recorded in a store.

Layout in the store (`store.py`: the per-user `~/.amplify/local-cloud/` or a team's bucket):
- `stacks/<StackName>.json`: the stack's status, parameters, outputs and one record per
  resource (type, physical id, attributes, resolved properties), nested stacks included.
- `buckets/<bucket>.json`: which stack resource owns a bucket; `objects/<bucket>/<key>`:
  its objects (deployment artifacts, `#current-cloud-backend.zip`, hosted sites).

A deployment first marks the stack `*_IN_PROGRESS` with a write conditional on the state it
read, so of two concurrent pushes to one stack the second fails as CloudFormation's
UpdateStack does ("... is in UPDATE_IN_PROGRESS state and can not be updated"), and a
marker older than `ABANDONED_AFTER` (a push killed half way) is taken over. The deployment is
computed in full before the state is replaced; buckets created by a failed deployment are
removed again and the previous state is put back (the rollback). DynamoDB tables, IAM
roles, AppSync APIs, Lambda functions and Cognito pools are records only; `amplify mock`
creates the tables in its own store when it starts.
Not emulated: resource quotas, drift, change sets, stack policies.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import posixpath
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from amplify_mock.cloud.cfn import CfnEvaluationError, PseudoParameters, StackResult, evaluate_stack
from amplify_mock.cloud.local.ids import ACCOUNT_ID, LocalIds, stack_id_for
from amplify_mock.cloud.local.store import (
    CloudStore,
    DirStore,
    VersionConflict,
    Versioned,
)
from amplify_mock.cloud.provider import (
    BucketNotFoundError,
    DeployedStack,
    DeploymentError,
    ObjectNotFoundError,
    StackBusyError,
    StackNotFoundError,
)

__all__ = ["ABANDONED_AFTER", "LocalCloud"]

LOG = logging.getLogger(__name__)

_BUCKET = "AWS::S3::Bucket"
_STACK = "AWS::CloudFormation::Stack"

#: an `*_IN_PROGRESS` marker older than this belongs to a push that died; it is taken over
ABANDONED_AFTER = dt.timedelta(minutes=10)


class LocalCloud:
    """A cloud whose state lives in a `CloudStore` (a folder, or a team's S3 bucket)."""

    name = "local"

    def __init__(self, store: CloudStore | Path, region: str = "us-east-1") -> None:
        self.store: CloudStore = DirStore(store) if isinstance(store, Path) else store
        self.region = region

    # -- layout ---------------------------------------------------------------------------
    @staticmethod
    def _stack_key(stack_name: str) -> str:
        return f"stacks/{stack_name}.json"

    def _read_state(self, stack_name: str) -> tuple[dict[str, Any], Versioned] | None:
        found = self.store.read(self._stack_key(stack_name))
        return (dict(json.loads(found.body)), found) if found else None

    def _find_state(self, stack_name: str) -> dict[str, Any] | None:
        found = self._read_state(stack_name)
        if found is None or "Resources" not in found[0]:  # a first deployment in progress
            return None
        return found[0]

    def stack_state(self, stack_name: str) -> dict[str, Any]:
        """:raises StackNotFoundError: no such stack."""
        state = self._find_state(stack_name)
        if state is None:
            raise StackNotFoundError(stack_name)
        return state

    def stack_names(self) -> list[str]:
        names = [key[len("stacks/") : -len(".json")] for key in self.store.keys("stacks/")]
        return [name for name in names if self._find_state(name) is not None]

    def stack_exists(self, stack_name: str) -> bool:
        return self._find_state(stack_name) is not None

    def resources(self, stack_name: str, resource_type: str | None = None) -> list[dict[str, Any]]:
        """The resource records of a stack and its nested stacks (optionally of one type)."""
        state = self.stack_state(stack_name)
        records = list(state["Resources"].values())
        return [r for r in records if resource_type is None or r["Type"] == resource_type]

    # -- objects --------------------------------------------------------------------------
    def bucket_exists(self, bucket: str) -> bool:
        return self.store.read(f"buckets/{bucket}.json") is not None

    def create_bucket(self, bucket: str, owner: Mapping[str, str] | None = None) -> None:
        """Record a bucket (a stack's, or one made outside stacks, as `aws s3 mb` would)."""
        body = json.dumps(dict(owner or {})).encode()
        self.store.write(f"buckets/{bucket}.json", body)

    def _require_bucket(self, bucket: str) -> None:
        if not self.bucket_exists(bucket):
            raise BucketNotFoundError(bucket)

    def put_object(self, bucket: str, key: str, body: bytes) -> None:
        self._require_bucket(bucket)
        self.store.write(f"objects/{bucket}/{key}", body)

    def get_object(self, bucket: str, key: str) -> bytes:
        self._require_bucket(bucket)
        found = self.store.read(f"objects/{bucket}/{key}")
        if found is None:
            raise ObjectNotFoundError(bucket, key)
        return found.body

    def list_objects(self, bucket: str) -> list[str]:
        self._require_bucket(bucket)
        prefix = f"objects/{bucket}/"
        return [key[len(prefix) :] for key in self.store.keys(prefix)]

    def empty_bucket(self, bucket: str) -> None:
        for key in self.store.keys(f"objects/{bucket}/"):
            self.store.delete(key)

    # -- CloudFront -------------------------------------------------------------------------
    def create_invalidation(self, distribution_id: str, paths: list[str]) -> str:
        """Record an invalidation (`cloudfront/<id>.json`), which the local CloudFront front of
        `amplify mock` applies to its cache."""
        key = f"cloudfront/{distribution_id}.json"
        invalidation_id = "I" + uuid.uuid4().hex[:13].upper()
        for _attempt in range(10):
            found = self.store.read(key)
            record = json.loads(found.body) if found else {"Invalidations": []}
            record["Invalidations"].append(
                {"Id": invalidation_id, "Paths": list(paths), "CreateTime": _now()}
            )
            try:
                self.store.write(
                    key, json.dumps(record).encode(), expect=found.version if found else None
                )
                return invalidation_id
            except VersionConflict:
                continue
        raise StackBusyError(distribution_id, distribution_id, "UPDATE_IN_PROGRESS")

    def invalidations(self, distribution_id: str) -> list[dict[str, Any]]:
        found = self.store.read(f"cloudfront/{distribution_id}.json")
        return list(json.loads(found.body)["Invalidations"]) if found else []

    # -- stacks ---------------------------------------------------------------------------
    def describe_stack(self, stack_name: str) -> DeployedStack:
        state = self.stack_state(stack_name)
        return DeployedStack(
            stack_name=stack_name,
            stack_id=state["StackId"],
            outputs=state["Outputs"],
            nested_outputs=state.get("NestedOutputs", {}),
        )

    def _lock(
        self, stack_name: str, operation: str
    ) -> tuple[dict[str, Any], Versioned | None, str]:
        """Mark the stack `<operation>_IN_PROGRESS`; returns (previous state, what was read,
        the marker's version).

        :raises StackBusyError: another deployment holds the stack.
        """
        found = self._read_state(stack_name)
        previous, read = found if found else ({}, None)
        status = str(previous.get("StackStatus", ""))
        stack_id = previous.get("StackId") or stack_id_for(stack_name, self.region)
        if status.endswith("_IN_PROGRESS") and not _abandoned(previous):
            raise StackBusyError(stack_name, stack_id, status)
        if "Resources" in previous:
            operation = "DELETE" if operation == "DELETE" else "UPDATE"
        base = previous if "Resources" in previous else {}
        marker = {
            **base,
            "StackName": stack_name,
            "StackId": stack_id,
            "StackStatus": f"{operation}_IN_PROGRESS",
            "StatusTime": _now(),
        }
        if "Resources" not in previous:
            previous = {}
        try:
            version = self.store.write(
                self._stack_key(stack_name),
                json.dumps(marker, indent=2).encode(),
                expect=read.version if read else None,
            )
        except VersionConflict as err:
            latest = self._read_state(stack_name)
            busy = str((latest[0] if latest else {}).get("StackStatus") or "UPDATE_IN_PROGRESS")
            raise StackBusyError(
                stack_name,
                stack_id,
                busy if busy.endswith("_IN_PROGRESS") else "UPDATE_IN_PROGRESS",
            ) from err
        return previous, read, version

    def _unlock(self, stack_name: str, read: Versioned | None, version: str) -> None:
        """Put back the state read before a failed deployment (the rollback)."""
        try:
            if read is None or "Resources" not in json.loads(read.body):
                self.store.delete(self._stack_key(stack_name))
            else:
                self.store.write(self._stack_key(stack_name), read.body, expect=version)
        except VersionConflict:
            LOG.warning("stack %s changed during its rollback; its state is kept", stack_name)

    def deploy_stack(
        self,
        stack_name: str,
        template: Mapping[str, Any],
        parameters: Mapping[str, Any],
        *,
        nested_templates: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> DeployedStack:
        """Create or update `stack_name`: create, update and delete resources as a diff.

        :raises StackBusyError: another deployment of this stack is in progress.
        :raises DeploymentError: the template does not evaluate or a resource cannot be
            created; nothing of this deployment is left behind.
        """
        previous, read, version = self._lock(stack_name, "CREATE")
        try:
            deployed, state, doomed = self._deploy(
                stack_name, previous, template, parameters, nested_templates
            )
        except BaseException:
            self._unlock(stack_name, read, version)
            raise
        try:
            self.store.write(
                self._stack_key(stack_name), json.dumps(state, indent=2).encode(), expect=version
            )
        except VersionConflict as err:  # a takeover of a marker we held for too long
            raise StackBusyError(stack_name, deployed.stack_id, "UPDATE_IN_PROGRESS") from err
        for old in doomed:
            self._delete_resource(old)
        LOG.info("stack %s deployed: %s", stack_name, deployed.changes)
        return deployed

    def _deploy(
        self,
        stack_name: str,
        previous: dict[str, Any],
        template: Mapping[str, Any],
        parameters: Mapping[str, Any],
        nested_templates: Mapping[str, Mapping[str, Any]] | None,
    ) -> tuple[DeployedStack, dict[str, Any], list[dict[str, Any]]]:
        """Evaluate and create; returns the result, the new state and the records to delete."""
        stack_id = previous.get("StackId") or stack_id_for(stack_name, self.region)
        nested = dict(nested_templates or {})
        self._load_direct_children(template, nested)
        pseudo = PseudoParameters(
            region=self.region, account_id=ACCOUNT_ID, stack_name=stack_name, stack_id=stack_id
        )
        try:
            result = evaluate_stack(
                template,
                parameters,
                nested=nested,
                pseudo=pseudo,
                resource_model=LocalIds(stack_name),
                name=stack_name,
            )
        except CfnEvaluationError as err:
            raise DeploymentError(stack_name, err.where, err.reason) from err

        records = _records(result, template, nested)
        old_records: dict[str, Any] = previous.get("Resources", {})
        changes = {"create": 0, "update": 0, "delete": 0}
        created_buckets: list[str] = []
        try:
            for key, record in records.items():
                old = old_records.get(key)
                if old is None or old["Type"] != record["Type"]:
                    changes["create"] += 1
                elif old["PhysicalResourceId"] != record["PhysicalResourceId"] or old.get(
                    "Properties"
                ) != record.get("Properties"):
                    changes["update"] += 1
                else:
                    continue
                if record["Type"] == _BUCKET:
                    created = self._create_stack_bucket(stack_name, key, record)
                    if created is not None:
                        created_buckets.append(created)
        except BaseException:
            for bucket in created_buckets:
                self.store.delete(f"buckets/{bucket}.json")
            raise
        removed = [old for key, old in old_records.items() if key not in records]
        changes["delete"] = len(removed)
        replaced = [
            old
            for key, old in old_records.items()
            if key in records and old["PhysicalResourceId"] != records[key]["PhysicalResourceId"]
        ]
        nested_outputs = {
            logical_id: dict(resource.nested.outputs)
            for logical_id, resource in result.resources.items()
            if resource.nested is not None
        }
        state = {
            "StackName": stack_name,
            "StackId": stack_id,
            "StackStatus": "UPDATE_COMPLETE" if previous else "CREATE_COMPLETE",
            "Region": self.region,
            "CreationTime": previous.get("CreationTime") or _now(),
            "LastUpdatedTime": _now(),
            "Parameters": dict(parameters),
            "Outputs": dict(result.outputs),
            "NestedOutputs": nested_outputs,
            "Resources": records,
        }
        deployed = DeployedStack(
            stack_name, stack_id, dict(result.outputs), nested_outputs, changes
        )
        return deployed, state, [*replaced, *removed]

    def delete_stack(self, stack_name: str) -> None:
        """:raises StackBusyError: a deployment of the stack is in progress."""
        self.stack_state(stack_name)
        previous, _read, _version = self._lock(stack_name, "DELETE")
        for record in reversed(list(previous["Resources"].values())):
            self._delete_resource(record)
        self.store.delete(self._stack_key(stack_name))

    # -- resource side effects -------------------------------------------------------------
    def _create_stack_bucket(
        self, stack_name: str, key: str, record: Mapping[str, Any]
    ) -> str | None:
        bucket = str(record["PhysicalResourceId"])
        found = self.store.read(f"buckets/{bucket}.json")
        owner = {"StackName": stack_name, "LogicalResourceKey": key}
        if found is not None:
            recorded = json.loads(found.body)
            if recorded and recorded != owner and self._owner_alive(recorded):
                raise DeploymentError(
                    stack_name, record["LogicalResourceId"], f"bucket '{bucket}' already exists"
                )
            if recorded == owner:
                return None
        self.create_bucket(bucket, owner)
        return bucket

    def _owner_alive(self, owner: Mapping[str, Any]) -> bool:
        """Whether the recorded owner still holds the bucket (a bucket retained by a deleted
        stack, or dropped from its template with Retain, can be taken over)."""
        state = self._find_state(str(owner.get("StackName", ""))) or {}
        record = (state.get("Resources") or {}).get(str(owner.get("LogicalResourceKey")))
        return record is not None and record.get("Type") == _BUCKET

    def _delete_resource(self, record: Mapping[str, Any]) -> None:
        if record["Type"] == _BUCKET and record.get("DeletionPolicy") != "Retain":
            bucket = str(record["PhysicalResourceId"])
            self.empty_bucket(bucket)
            self.store.delete(f"buckets/{bucket}.json")

    def _load_direct_children(
        self, template: Mapping[str, Any], nested: dict[str, Mapping[str, Any]]
    ) -> None:
        """Fetch nested templates whose literal TemplateURL points into a local bucket."""
        for logical_id, spec in (template.get("Resources") or {}).items():
            if spec.get("Type") != _STACK or logical_id in nested:
                continue
            url = (spec.get("Properties") or {}).get("TemplateURL")
            if not isinstance(url, str):
                continue
            parts = urlparse(url).path.lstrip("/").split("/", 1)
            if len(parts) == 2:
                found = self.store.read(f"objects/{parts[0]}/{parts[1]}")
                if found is not None:
                    nested[logical_id] = json.loads(found.body)


def _abandoned(state: Mapping[str, Any]) -> bool:
    try:
        since = dt.datetime.strptime(str(state.get("StatusTime")), "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        return True
    return dt.datetime.now(dt.UTC).replace(tzinfo=None) - since > ABANDONED_AFTER


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _records(
    result: StackResult,
    template: Mapping[str, Any],
    nested: Mapping[str, Mapping[str, Any]],
) -> dict[str, dict[str, Any]]:
    """One JSON record per resource, keyed by `<stack path>/<logical id>`."""
    templates: dict[tuple[str, ...], Mapping[str, Any]] = {(result.name,): template}
    records: dict[str, dict[str, Any]] = {}
    for resource in result.walk():
        own_template = templates.get(resource.stack_path, {})
        spec = (own_template.get("Resources") or {}).get(resource.logical_id, {})
        if resource.nested is not None:
            url = resource.properties.get("TemplateURL")
            child = nested.get(resource.logical_id) or nested.get(
                posixpath.basename(url) if isinstance(url, str) else "", {}
            )
            templates[(*resource.stack_path, resource.logical_id)] = child
        key = "/".join((*resource.stack_path[1:], resource.logical_id))
        record: dict[str, Any] = {
            "LogicalResourceId": resource.logical_id,
            "Type": resource.type,
            "StackPath": list(resource.stack_path),
            "PhysicalResourceId": resource.identity.ref,
            "Attributes": dict(resource.identity.attributes),
            "Properties": resource.properties if resource.nested is None else {},
        }
        if "DeletionPolicy" in spec:
            record["DeletionPolicy"] = spec["DeletionPolicy"]
        records[key] = record
    return records
