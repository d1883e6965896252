"""Which functions an S3 event of the local S3 triggers, read from the storage's CloudFormation.

The storage resource's template (`s3-cloudformation-template.json`, or `build/` for newer CLI
versions) declares `NotificationConfiguration.LambdaConfigurations` with event patterns and
prefix/suffix filters, some built with `Fn::Join` and the region. The template is evaluated
with the CloudFormation evaluator (its function ARN parameters filled in from the project, as
`dependsOn` would at deploy time) and the resolved rules decide each delivery.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from amplify_mock.cloud.cfn import evaluate_stack
from amplify_mock.cloud.cfn.model import PseudoParameters
from amplify_mock.errors import AmplifyMockError
from amplify_mock.mock.gen1.project import MockProject, StorageResource
from amplify_mock.mock.storage import BucketTriggers
from amplify_mock.simulators.s3 import NotificationTarget, notification_targets

__all__ = ["BucketTriggers", "load_bucket_triggers"]

LOG = logging.getLogger(__name__)

ACCOUNT_ID = "123456789012"
_TEMPLATES = ("s3-cloudformation-template.json", "build/cloudformation-template.json")


def _template(project: MockProject, resource: StorageResource) -> dict[str, Any] | None:
    folder = project.project.paths.resource_dir("storage", resource.name)
    for name in _TEMPLATES:
        path = folder / name
        if path.is_file():
            try:
                template: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as err:
                raise AmplifyMockError(
                    f"{path}:{err.lineno}:{err.colno}: {err.msg}",
                    "Fix the storage template or run `amplify update storage`.",
                ) from err
            return template
    return None


def _parameters(
    project: MockProject, resource: StorageResource, template: dict[str, Any]
) -> dict[str, Any]:
    """Parameter values as a deployment would pass them: parameters.json, env, function
    outputs for `function<Name>Arn|Name|LambdaExecutionRole`, placeholders for the rest."""
    folder = project.project.paths.resource_dir("storage", resource.name)
    values: dict[str, Any] = {"env": project.env_name}
    parameters_file = folder / "parameters.json"
    if parameters_file.is_file():
        try:
            values.update(json.loads(parameters_file.read_text(encoding="utf-8")))
        except json.JSONDecodeError as err:
            raise AmplifyMockError(
                f"{parameters_file}:{err.lineno}:{err.colno}: {err.msg}",
                "Fix the storage resource's parameters.json.",
            ) from err
    region = project.region
    for function in project.functions:
        deployed = f"{function}-{project.env_name}"
        values.setdefault(
            f"function{function}Arn", f"arn:aws:lambda:{region}:{ACCOUNT_ID}:function:{deployed}"
        )
        values.setdefault(f"function{function}Name", deployed)
        values.setdefault(f"function{function}LambdaExecutionRole", f"{function}LambdaRole")
    for name, spec in (template.get("Parameters") or {}).items():
        if name not in values and "Default" not in (spec or {}):
            values[name] = f"{name}-mock"
    # parameters.json may hold intrinsics (`{"Ref": "AuthRoleName"}`): plain strings only
    return {
        k: v if isinstance(v, (str, int, float, list)) else f"{k}-mock" for k, v in values.items()
    }


def load_bucket_triggers(project: MockProject) -> dict[str, BucketTriggers]:
    """Bucket name -> its triggers, for the project's storage resources that declare any.

    A resource whose cli-inputs names a trigger function that its template does not wire
    gets that function for every event, unfiltered.

    :raises AmplifyMockError: a storage template is not valid JSON or does not evaluate.
    """
    triggers: dict[str, BucketTriggers] = {}
    pseudo = PseudoParameters(region=project.region, account_id=ACCOUNT_ID)
    for resource in project.storage:
        targets = _template_targets(project, resource, pseudo)
        if not targets and resource.trigger_function:
            targets = [
                NotificationTarget(resource.trigger_function, f"s3:{event}:*", ())
                for event in ("ObjectCreated", "ObjectRemoved")
            ]
        if targets:
            triggers[resource.bucket_name] = BucketTriggers(resource.bucket_name, tuple(targets))
            LOG.info("bucket %s triggers %s", resource.bucket_name, [t.function for t in targets])
    return triggers


def _template_targets(
    project: MockProject, resource: StorageResource, pseudo: PseudoParameters
) -> list[NotificationTarget]:
    template = _template(project, resource)
    if template is None:
        return []
    parameters = _parameters(project, resource, template)
    try:
        stack = evaluate_stack(template, parameters, pseudo=pseudo)
    except AmplifyMockError as err:
        raise AmplifyMockError(
            f"Storage {resource.name}: its CloudFormation template does not evaluate: "
            f"{err.message}",
            "Fix the template's parameters or intrinsics.",
        ) from err
    targets: list[NotificationTarget] = []
    for evaluated in stack.walk():
        if evaluated.type == "AWS::S3::Bucket":
            targets.extend(notification_targets(evaluated.properties))
    return targets
