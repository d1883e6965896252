"""The build the mock serves: the transformer's output plus the user's template overrides.

The real Amplify mock writes its generated templates into the user's own
`amplify/backend/api/<api>/resolvers/` and deletes the untouched ones on stop, which loses
work when it crashes or a name collides. Here the generated templates go to a folder of ours,
`amplify/mock-api-resources/<api>/` (`resolvers/`, `pipelineFunctions/`, `functions/`), for the
user to copy from. A template the user puts in the API's own `resolvers/`, `pipelineFunctions/`
or `functions/` folder overrides the generated one of the same name; the mock only reads those
folders. The merged result is assembled in `amplify/mock-api-resources/<api>/build/`, which is
what the endpoint loads.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from amplify_mock.base.files import copy_tree_atomic
from amplify_mock.errors import AmplifyMockError
from resolvers.errors import TemplateError
from resolvers.resolver import FunctionConfig, ResolverConfig

__all__ = [
    "TEMPLATE_FOLDERS",
    "MappingTemplateError",
    "MockBuild",
    "check_templates",
    "prepare_mock_build",
    "sync_templates",
]

LOG = logging.getLogger(__name__)


class MappingTemplateError(AmplifyMockError):
    """A mapping template that does not parse, as `file:line:col: message`."""

    def __init__(self, err: TemplateError) -> None:
        super().__init__(err.message, "Fix the template and save it again.")


#: The folders of a build whose files a user may override by name.
TEMPLATE_FOLDERS = ("resolvers", "pipelineFunctions", "functions")


@dataclass(frozen=True)
class MockBuild:
    """Where the merged build is, and which generated files the user overrides."""

    build_dir: Path
    generated_dir: Path
    overridden: tuple[str, ...]


def _user_files(api_dir: Path, folder: str) -> list[Path]:
    user_dir = api_dir / folder
    if not user_dir.is_dir():
        return []
    return sorted(p for p in user_dir.iterdir() if p.is_file() and not p.name.startswith("."))


def prepare_mock_build(api_dir: Path, transformer_build: Path, resources_dir: Path) -> MockBuild:
    """Publish the generated templates and assemble the merged build the mock serves.

    `transformer_build` is the transformer's own output (no user overrides in it);
    `resources_dir` is `amplify/mock-api-resources/<api>`.
    """
    generated_dir = resources_dir
    for folder in TEMPLATE_FOLDERS:
        source = transformer_build / folder
        target = generated_dir / folder
        if source.is_dir():
            copy_tree_atomic(source, target)
        elif target.exists():
            shutil.rmtree(target)
    merged = resources_dir / "build"
    copy_tree_atomic(transformer_build, merged)
    overridden = sync_templates(api_dir, transformer_build, merged)
    return MockBuild(build_dir=merged, generated_dir=generated_dir, overridden=overridden)


def sync_templates(api_dir: Path, transformer_build: Path, merged: Path) -> tuple[str, ...]:
    """Make the merged build's templates = generated ones overlaid by the user's; returns
    the overridden names.

    Only files whose content differs are written, so a template edit costs one file write,
    not a copy of the whole build (this is the hot path of "save -> served").
    """
    overridden: list[str] = []
    for folder in TEMPLATE_FOLDERS:
        wanted: dict[str, Path] = {}
        generated = transformer_build / folder
        if generated.is_dir():
            wanted.update((p.name, p) for p in generated.iterdir() if p.is_file())
        for user_file in _user_files(api_dir, folder):
            wanted[user_file.name] = user_file
            overridden.append(f"{folder}/{user_file.name}")
        target_dir = merged / folder
        if target_dir.is_dir():
            for stale in target_dir.iterdir():
                if stale.is_file() and stale.name not in wanted:
                    stale.unlink()
        for name, source in wanted.items():
            target = target_dir / name
            data = source.read_bytes()
            if not target.is_file() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
    if overridden:
        LOG.info("user templates override: %s", ", ".join(overridden))
    return tuple(overridden)


def check_templates(
    configs: Iterable[ResolverConfig | FunctionConfig], mock_build: MockBuild, api_dir: Path
) -> None:
    """Parse every mapping template, naming the user's file for an override and the published
    generated copy otherwise (new texts only: compiled templates are cached by content).

    :raises MappingTemplateError: a template does not parse (`file:line:col: message`).
    """
    from resolvers.vtl import compile_template  # the VTL engine loads after "ready"

    overridden = set(mock_build.overridden)
    for config in configs:
        for template in (config.request_template, config.response_template):
            if template is None:
                continue
            name = template.file_name
            where = api_dir / name if name in overridden else mock_build.generated_dir / name
            try:
                compile_template(template.text, file_name=str(where))
            except TemplateError as err:
                raise MappingTemplateError(err) from err
