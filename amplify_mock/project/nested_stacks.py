"""The root stack with one nested stack per resource, and what each nested stack needs."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amplify_mock.base.files import read_json
from amplify_mock.errors import AmplifyMockError
from amplify_mock.project.project import Project
from amplify_mock.project.root_stack import root_stack_template

__all__ = ["DeploymentPlan", "NestedStack", "plan_deployment", "stack_logical_id"]

TEMPLATES_PREFIX = "amplify-cfn-templates"
_IGNORED_IN_ZIP = frozenset({".cache", "__pycache__"})


class ResourceTemplateError(AmplifyMockError):
    """A resource folder has no CloudFormation template to deploy."""

    def __init__(self, category: str, name: str, folder: Path) -> None:
        super().__init__(
            f"The {category} resource '{name}' has no CloudFormation template in {folder}.",
            f"Add the template or remove the resource with `amplify remove {category}`.",
        )


def stack_logical_id(category: str, name: str) -> str:
    """The nested stack's logical id in the root stack, e.g. `apiblog`, `functionwordCount`."""
    return f"{category}{name}"


@dataclass
class NestedStack:
    category: str
    name: str
    template: dict[str, Any]
    template_key: str
    parameters: dict[str, Any]
    extra_templates: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class DeploymentPlan:
    """Everything a push deploys: root template, uploads, nested templates, function zips."""

    root_template: dict[str, Any]
    root_parameters: dict[str, Any]
    uploads: dict[str, bytes]
    nested_templates: dict[str, dict[str, Any]]
    stacks: list[NestedStack]
    function_builds: dict[str, str]


def _template_file(project: Project, category: str, name: str, entry: Mapping[str, Any]) -> Path:
    folder = project.paths.resource_dir(category, name)
    if category == "api" and entry.get("service") == "AppSync":
        return folder / "build" / "cloudformation-template.json"
    candidates = sorted(folder.glob("*template*.json")) if folder.is_dir() else []
    if not candidates:
        raise ResourceTemplateError(category, name, folder)
    return candidates[0]


def _zip_folder(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if path.is_file() and not _IGNORED_IN_ZIP.intersection(relative.parts):
                info = zipfile.ZipInfo(relative.as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _depends_on_parameters(entry: Mapping[str, Any]) -> dict[str, Any]:
    parameters: dict[str, Any] = {}
    for dependency in entry.get("dependsOn") or []:
        category, resource = dependency.get("category"), dependency.get("resourceName")
        for attribute in dependency.get("attributes") or []:
            parameters[f"{category}{resource}{attribute}"] = {
                "Fn::GetAtt": [stack_logical_id(category, resource), f"Outputs.{attribute}"]
            }
    return parameters


def _uses_api_key(entry: Mapping[str, Any]) -> bool:
    auth = (entry.get("output") or {}).get("authConfig") or {}
    providers = [auth.get("defaultAuthentication") or {}]
    providers.extend(auth.get("additionalAuthenticationProviders") or [])
    return any(p.get("authenticationType") == "API_KEY" for p in providers)


def _cdk_asset_name(template: Mapping[str, Any]) -> str:
    """`<sha256 of the compact JSON>.json`, the file name CDK gives a nested stack template."""
    compact = json.dumps(template, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(compact.encode("utf-8")).hexdigest() + ".json"


def plan_deployment(project: Project, env: str, *, api_root_key: str) -> DeploymentPlan:
    """Assemble the root template and the files to upload for the resources in backend/.

    AppSync APIs must have been compiled into their build/ folders before.

    :raises ResourceTemplateError: a resource folder has no template.
    """
    provider = project.provider_info(env)
    bucket = provider["DeploymentBucketName"]
    root = root_stack_template()
    uploads: dict[str, bytes] = {}
    nested_templates: dict[str, dict[str, Any]] = {}
    stacks: list[NestedStack] = []
    builds: dict[str, str] = {}
    for category, name, entry in project.resources():
        if entry.get("serviceType") == "imported":
            continue  # an existing resource: no stack (categories/imported.py)
        folder = project.paths.resource_dir(category, name)
        template_path = _template_file(project, category, name, entry)
        template = dict(read_json(template_path))
        key = f"{TEMPLATES_PREFIX}/{category}/{template_path.name}"
        given: dict[str, Any] = {}
        given.update(read_json(folder / "parameters.json", default={}))
        if category == "api":
            given.update(read_json(folder / "build" / "parameters.json", default={}))
            if _uses_api_key(entry):
                given.setdefault("CreateAPIKey", 1)
        given.update(_depends_on_parameters(entry))
        given["env"] = env
        stack = NestedStack(category, name, template, key, {})
        if category == "api":
            given["S3DeploymentBucket"] = bucket
            given["S3DeploymentRootKey"] = api_root_key
            build_dir = folder / "build"
            for path in sorted(build_dir.rglob("*")):
                if path.is_file() and path.name != "cloudformation-template.json":
                    uploads[f"{api_root_key}/{path.relative_to(build_dir).as_posix()}"] = (
                        path.read_bytes()
                    )
            for path in sorted((build_dir / "stacks").glob("*.json")):
                nested = dict(read_json(path))
                stack.extra_templates[path.name] = nested
                # a v2 build's root stack names each nested stack by its CDK asset hash
                stack.extra_templates[_cdk_asset_name(nested)] = nested
        if category == "function":
            body = _zip_folder(folder / "src")
            digest = hashlib.sha256(body).hexdigest()[:20]
            s3_key = f"amplify-builds/{name}-{digest}-build.zip"
            uploads[s3_key] = body
            builds[name] = s3_key
            given["deploymentBucketName"] = bucket
            given["s3Key"] = s3_key
        declared = template.get("Parameters") or {}
        stack.parameters = {k: v for k, v in given.items() if k in declared}
        uploads[key] = json.dumps(template, indent=4).encode()
        logical_id = stack_logical_id(category, name)
        root["Resources"][logical_id] = {
            "Type": "AWS::CloudFormation::Stack",
            "Properties": {
                "TemplateURL": f"https://s3.amazonaws.com/{bucket}/{key}",
                "Parameters": stack.parameters,
            },
        }
        nested_templates[logical_id] = template
        nested_templates.update(stack.extra_templates)
        stacks.append(stack)
    root_parameters = {
        "DeploymentBucketName": bucket,
        "AuthRoleName": provider["AuthRoleName"],
        "UnauthRoleName": provider["UnauthRoleName"],
    }
    uploads["amplify-cfn-templates/root-cloudformation-stack.json"] = json.dumps(
        root, indent=4
    ).encode()
    return DeploymentPlan(root, root_parameters, uploads, nested_templates, stacks, builds)
