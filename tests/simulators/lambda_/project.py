"""Builds tiny Amplify project layouts with functions in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_project(root: Path, *, env: str = "dev", region: str = "us-east-1") -> Path:
    """The project-level files the runner reads (env, region, meta); project-config.json marks
    the root, as `amplify init` writes it."""
    amplify = root / "amplify"
    (amplify / ".config").mkdir(parents=True, exist_ok=True)
    (amplify / "backend" / "function").mkdir(parents=True, exist_ok=True)
    (amplify / ".config" / "local-env-info.json").write_text(json.dumps({"envName": env}))
    (amplify / ".config" / "project-config.json").write_text(
        json.dumps({"projectName": "app", "version": "3.1", "providers": ["awscloudformation"]})
    )
    (amplify / "team-provider-info.json").write_text(
        json.dumps({env: {"awscloudformation": {"Region": region}}})
    )
    meta = {
        "providers": {
            "awscloudformation": {
                "Region": region,
                "StackId": f"arn:aws:cloudformation:{region}:123456789012:stack/amp/0000",
                "StackName": "amp",
            }
        },
        "api": {"demoapi": {"service": "AppSync", "output": {"GraphQLAPIIdOutput": "abc123"}}},
        "function": {},
    }
    (amplify / "backend" / "amplify-meta.json").write_text(json.dumps(meta))
    return root


def add_function(
    root: Path,
    name: str,
    files: dict[str, str],
    *,
    runtime: str | None = None,
    handler: str = "index.handler",
    timeout: int | None = None,
    variables: dict[str, Any] | None = None,
    depends_on: list[dict[str, Any]] | None = None,
    extra_resources: dict[str, Any] | None = None,
    template: bool = True,
) -> Path:
    """A function folder with `src/` files and (unless `template=False`) its template."""
    folder = root / "amplify" / "backend" / "function" / name
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (folder / "src").mkdir(parents=True, exist_ok=True)
    if runtime is None:
        runtime = "python3.11" if any(f.endswith(".py") for f in files) else "nodejs18.x"
    if template:
        properties: dict[str, Any] = {
            "Handler": handler,
            "FunctionName": {
                "Fn::If": [
                    "ShouldNotCreateEnvResources",
                    name,
                    {"Fn::Join": ["", [name, "-", {"Ref": "env"}]]},
                ]
            },
            "Environment": {
                "Variables": {"ENV": {"Ref": "env"}, "REGION": {"Ref": "AWS::Region"}}
                | (variables or {})
            },
            "Runtime": runtime,
        }
        if timeout is not None:
            properties["Timeout"] = timeout
        resources: dict[str, Any] = {
            "LambdaFunction": {"Type": "AWS::Lambda::Function", "Properties": properties}
        }
        resources.update(extra_resources or {})
        template_doc = {
            "Parameters": {"env": {"Type": "String"}},
            "Conditions": {"ShouldNotCreateEnvResources": {"Fn::Equals": [{"Ref": "env"}, "NONE"]}},
            "Resources": resources,
        }
        (folder / f"{name}-cloudformation-template.json").write_text(json.dumps(template_doc))
    meta_path = root / "amplify" / "backend" / "amplify-meta.json"
    meta = json.loads(meta_path.read_text())
    entry: dict[str, Any] = {"service": "Lambda", "build": True}
    if depends_on:
        entry["dependsOn"] = depends_on
    meta.setdefault("function", {})[name] = entry
    meta_path.write_text(json.dumps(meta))
    return folder
