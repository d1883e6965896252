"""`amplify init`: the `amplify/` tree, the first environment's root stack, config files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amplify_mock.base.files import read_json, removed_on_failure, write_json
from amplify_mock.cloud.local.store import store_spec_from_env
from amplify_mock.project.aws_info import local_aws_info_entry
from amplify_mock.project.envs import (
    Clock,
    MfaPrompt,
    add_env,
    checkout_env,
    utc_now,
)
from amplify_mock.project.gitignore import update_gitignore
from amplify_mock.project.headless import FrontendArgs, validate_env_name, validate_project_name
from amplify_mock.project.paths import ProjectPaths
from amplify_mock.project.project import LOCAL_CLOUD_KEY, PROVIDER_NAME, Project

__all__ = [
    "DEFAULT_FEATURE_FLAGS",
    "InitRequest",
    "InitResult",
    "init_project",
    "write_project_config",
]

PROJECT_CONFIG_VERSION = "3.1"

#: amplify/cli.json as the current Gen 1 CLI writes it for a new project: every registered
#: feature flag at its new-project default (names lower-cased, as the CLI writes them);
#: `graphqltransformer` selects the v2 transformer. Existing projects keep their cli.json.
DEFAULT_FEATURE_FLAGS: dict[str, Any] = {
    "features": {
        "graphqltransformer": {
            "addmissingownerfields": True,
            "improvepluralization": False,
            "validatetypenamereservedwords": True,
            "useexperimentalpipelinedtransformer": True,
            "enableiterativegsiupdates": True,
            "secondarykeyasgsi": True,
            "skipoverridemutationinputtypes": True,
            "transformerversion": 2,
            "suppressschemamigrationprompt": True,
            "securityenhancementnotification": False,
            "showfieldauthnotification": False,
            "usesubusernamefordefaultidentityclaim": True,
            "usefieldnameforprimarykeyconnectionfield": False,
            "enableautoindexquerynames": True,
            "respectprimarykeyattributesonconnectionfield": True,
            "shoulddeepmergedirectiveconfigdefaults": False,
            "populateownerfieldforstaticgroupauth": True,
            "subscriptionsinheritprimaryauth": False,
        },
        "frontend-ios": {"enablexcodeintegration": True},
        "auth": {
            "enablecaseinsensitivity": True,
            "useinclusiveterminology": True,
            "breakcirculardependency": True,
            "forcealiasattributes": False,
            "useenabledmfas": True,
        },
        "codegen": {
            "useappsyncmodelgenplugin": True,
            "usedocsgeneratorplugin": True,
            "usetypesgeneratorplugin": True,
            "cleangeneratedmodelsdirectory": True,
            "retaincasestyle": True,
            "addtimestampfields": True,
            "handlelistnullabilitytransparently": True,
            "emitauthprovider": True,
            "generateindexrules": True,
            "enabledartnullsafety": True,
            "generatemodelsforlazyloadandcustomselectionset": False,
        },
        "appsync": {"generategraphqlpermissions": True},
        "latestregionsupport": {
            "pinpoint": 1,
            "translate": 1,
            "transcribe": 1,
            "rekognition": 1,
            "textract": 1,
            "comprehend": 1,
        },
        "project": {"overrides": True},
    }
}


@dataclass(frozen=True)
class InitRequest:
    """Everything `amplify init` asks for, from prompts or from the headless parameters."""

    project_name: str
    env_name: str
    frontend: FrontendArgs
    providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    default_editor: str = "code"
    app_id: str | None = None


@dataclass(frozen=True)
class InitResult:
    """The project, whether this init created its env (else it attached to one) and the
    frontend config files written."""

    project: Project
    created_env: bool
    config_files: list[Path]


def write_project_config(project: Project, name: str, frontend: FrontendArgs) -> None:
    """project-config.json: project name, frontend handler and its config, providers, and
    the local cloud store (kept when there is one; else `$AMPLIFY_MOCK_CLOUD_STORE`'s)."""
    handler_config: dict[str, Any] = {}
    if frontend.framework is not None:
        handler_config["framework"] = frontend.framework
    handler_config["config"] = frontend.config
    previous = read_json(project.paths.project_config, default={})
    config: dict[str, Any] = {
        "projectName": name,
        "version": PROJECT_CONFIG_VERSION,
        "frontend": frontend.frontend,
        frontend.frontend: handler_config,
        "providers": [PROVIDER_NAME],
    }
    store = (previous.get(LOCAL_CLOUD_KEY) or {}).get("store") or store_spec_from_env()
    if store:
        config[LOCAL_CLOUD_KEY] = {"store": store}
    project.write_project_config(config)


def init_project(
    root: Path,
    request: InitRequest,
    *,
    clock: Clock = utc_now,
    mfa_prompt: MfaPrompt | None = None,
) -> InitResult:
    """Initialize (or attach to) a project and its environment.

    In a folder with no `amplify/`: writes the tree, deploys the root stack. In a project
    that already lists `envName` in team-provider-info.json (a cloned project): attaches to
    that environment, keeping the tracked project-config.json (name, frontend, store). Any
    failure removes an `amplify/` folder this call created.

    :raises InvalidNameError, DeploymentError: bad names, or the root stack failed.
    """
    validate_project_name(request.project_name)
    validate_env_name(request.env_name)
    paths = ProjectPaths(root.resolve())
    with removed_on_failure(paths.amplify_dir):
        return _init(paths, request, clock, mfa_prompt)


def _init(
    paths: ProjectPaths, request: InitRequest, clock: Clock, mfa_prompt: MfaPrompt | None
) -> InitResult:
    project = Project(paths.root)
    if not paths.project_config.exists():  # a clone joining keeps the tracked config as is
        write_project_config(project, request.project_name, request.frontend)
    env_info = project.local_env_info()
    env_info.update(
        {
            "projectPath": str(paths.root),
            "defaultEditor": request.default_editor,
            "envName": request.env_name,
        }
    )
    project.write_local_env_info(env_info)
    if not paths.backend_config.exists():
        write_json(paths.backend_config, {})
    if not paths.cli_json.exists():
        write_json(paths.cli_json, DEFAULT_FEATURE_FLAGS)
    aws_info = request.providers.get(PROVIDER_NAME) or {
        "configLevel": "project",
        "useProfile": True,
        "profileName": "default",
    }
    created = request.env_name not in project.team_provider_info()
    if created:
        files = add_env(
            project,
            request.env_name,
            aws_info,
            clock=clock,
            mfa_prompt=mfa_prompt,
            app_id=request.app_id,
        )
    else:
        if PROVIDER_NAME in request.providers:
            local_aws = project.local_aws_info()
            local_aws[request.env_name] = local_aws_info_entry(aws_info)
            project.write_local_aws_info(local_aws)
        files = checkout_env(project, request.env_name, mfa_prompt=mfa_prompt)
    update_gitignore(paths.root)
    return InitResult(project=project, created_env=created, config_files=files)
