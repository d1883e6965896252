"""`LocalCloud`: stacks evaluated with the CloudFormation evaluator and recorded on disk.

Layout under the project's `amplify/mock-data/`:
- `cloud/stacks/<StackName>.json`: the stack's parameters, outputs and one record per
  resource (type, physical id, attributes, resolved properties), nested stacks included.
- `S3/<bucket>/<key>`: bucket objects, the folder layout the local S3 serves.

A deployment is computed in full before anything is written: the stack file is replaced
only when every resource succeeded, and buckets created by a failed deployment are removed
again (the rollback). DynamoDB tables, IAM roles, AppSync APIs, Lambda functions and Cognito
pools are records only; `amplify mock` creates the tables in its store when it starts.
Not emulated: resource quotas, drift, change sets, stack policies.
"""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from amplify_mock.base.files import read_json, write_bytes, write_json
from amplify_mock.cloud.cfn import CfnEvaluationError, PseudoParameters, StackResult, evaluate_stack
from amplify_mock.cloud.local.ids import ACCOUNT_ID, LocalIds, stack_id_for
from amplify_mock.cloud.provider import (
    BucketNotFoundError,
    DeployedStack,
    DeploymentError,
    ObjectNotFoundError,
    StackNotFoundError,
)

__all__ = ["LocalCloud"]

LOG = logging.getLogger(__name__)

_BUCKET = "AWS::S3::Bucket"
_STACK = "AWS::CloudFormation::Stack"


class LocalCloud:
    """A cloud that lives in a folder (normally the project's `amplify/mock-data`)."""

    name = "local"

    def __init__(self, data_dir: Path, region: str = "us-east-1") -> None:
        self.data_dir = data_dir
        self.region = region

    # -- layout ---------------------------------------------------------------------------
    @property
    def stacks_dir(self) -> Path:
        return self.data_dir / "cloud" / "stacks"

    @property
    def s3_dir(self) -> Path:
        return self.data_dir / "S3"

    def _state_path(self, stack_name: str) -> Path:
        return self.stacks_dir / f"{stack_name}.json"

    def _find_state(self, stack_name: str) -> dict[str, Any] | None:
        path = self._state_path(stack_name)
        return dict(read_json(path)) if path.is_file() else None

    def _get_state(self, stack_name: str) -> dict[str, Any]:
        """:raises StackNotFoundError: no such stack."""
        state = self._find_state(stack_name)
        if state is None:
            raise StackNotFoundError(stack_name)
        return state

    def stack_names(self) -> list[str]:
        return sorted(p.stem for p in self.stacks_dir.glob("*.json"))

    def resources(self, stack_name: str, resource_type: str | None = None) -> list[dict[str, Any]]:
        """The resource records of a stack and its nested stacks (optionally of one type)."""
        state = self._get_state(stack_name)
        records = list(state["Resources"].values())
        return [r for r in records if resource_type is None or r["Type"] == resource_type]

    # -- objects --------------------------------------------------------------------------
    def _bucket_dir(self, bucket: str) -> Path:
        path = self.s3_dir / bucket
        if not path.is_dir():
            raise BucketNotFoundError(bucket)
        return path

    def put_object(self, bucket: str, key: str, body: bytes) -> None:
        write_bytes(self._bucket_dir(bucket) / key, body)

    def get_object(self, bucket: str, key: str) -> bytes:
        path = self._bucket_dir(bucket) / key
        if not path.is_file():
            raise ObjectNotFoundError(bucket, key)
        return path.read_bytes()

    def empty_bucket(self, bucket: str) -> None:
        path = self.s3_dir / bucket
        if path.is_dir():
            for child in path.iterdir():
                if child.is_dir():
                    shutil.rmtree(child)
                else:
                    child.unlink()

    # -- stacks ---------------------------------------------------------------------------
    def describe_stack(self, stack_name: str) -> DeployedStack:
        state = self._get_state(stack_name)
        return DeployedStack(
            stack_name=stack_name,
            stack_id=state["StackId"],
            outputs=state["Outputs"],
            nested_outputs=state.get("NestedOutputs", {}),
        )

    def deploy_stack(
        self,
        stack_name: str,
        template: Mapping[str, Any],
        parameters: Mapping[str, Any],
        *,
        nested_templates: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> DeployedStack:
        """Create or update `stack_name`: create, update and delete resources as a diff.

        :raises DeploymentError: the template does not evaluate or a resource cannot be
            created; nothing of this deployment is left behind.
        """
        previous = self._find_state(stack_name) or {}
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
        created_buckets: list[Path] = []
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
                    created = self._create_bucket(stack_name, key, record)
                    if created is not None:
                        created_buckets.append(created)
        except DeploymentError:
            for bucket_dir in created_buckets:
                shutil.rmtree(bucket_dir, ignore_errors=True)
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
            "Region": self.region,
            "CreationTime": previous.get("CreationTime") or _now(),
            "LastUpdatedTime": _now(),
            "Parameters": dict(parameters),
            "Outputs": dict(result.outputs),
            "NestedOutputs": nested_outputs,
            "Resources": records,
        }
        write_json(self._state_path(stack_name), state)
        for old in [*replaced, *removed]:
            self._delete_resource(old)
        LOG.info("stack %s deployed: %s", stack_name, changes)
        return DeployedStack(stack_name, stack_id, dict(result.outputs), nested_outputs, changes)

    def delete_stack(self, stack_name: str) -> None:
        state = self._get_state(stack_name)
        for record in reversed(list(state["Resources"].values())):
            self._delete_resource(record)
        self._state_path(stack_name).unlink()

    # -- resource side effects -------------------------------------------------------------
    def _create_bucket(self, stack_name: str, key: str, record: Mapping[str, Any]) -> Path | None:
        bucket = str(record["PhysicalResourceId"])
        owner = self._bucket_owner(bucket)
        if owner is not None and owner != (stack_name, key):
            raise DeploymentError(
                stack_name, record["LogicalResourceId"], f"bucket '{bucket}' already exists"
            )
        path = self.s3_dir / bucket
        if path.is_dir():
            return None
        path.mkdir(parents=True)
        return path

    def _bucket_owner(self, bucket: str) -> tuple[str, str] | None:
        for name in self.stack_names():
            for key, record in (self._find_state(name) or {}).get("Resources", {}).items():
                if record["Type"] == _BUCKET and record["PhysicalResourceId"] == bucket:
                    return name, key
        return None

    def _delete_resource(self, record: Mapping[str, Any]) -> None:
        if record["Type"] == _BUCKET and record.get("DeletionPolicy") != "Retain":
            shutil.rmtree(self.s3_dir / str(record["PhysicalResourceId"]), ignore_errors=True)

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
                path = self.s3_dir / parts[0] / parts[1]
                if path.is_file():
                    nested[logical_id] = read_json(path)


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
