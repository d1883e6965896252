"""Refuse builds the deployed API cannot migrate to (the CLI's checks against the last build).

`amplify push` / `gql-compile` compare the new build/ with the one in the current cloud
backend: key schemas, local and global secondary indexes, removed tables, stack size.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transformer.config import FeatureFlags
from transformer.deep_diff import Diff, deep_diff
from transformer.errors import (
    DestructiveMigrationError,
    InvalidGSIMigrationError,
    InvalidMigrationError,
)
from transformer.output import ROOT_STACK_FILE_NAME

__all__ = [
    "SanityCheckRules",
    "get_sanity_check_rules",
    "load_diffable_project",
    "sanity_check_diffs",
    "sanity_check_project",
]

Project = dict[str, Any]
DiffRule = Callable[[Diff, Project, Project], None]
ProjectRule = Callable[[list[Diff], Project, Project], None]


@dataclass
class SanityCheckRules:
    diff_rules: list[DiffRule] = field(default_factory=list)
    project_rules: list[ProjectRule] = field(default_factory=list)


def _stack(diff: Diff) -> str:
    name = str(diff.path[1])
    return name[: -len(".json")] if name.endswith(".json") else name


def _get(project: Project, path: Sequence[Any]) -> Any:
    node: Any = project
    for key in path:
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return None
    return node


def _by_index_name(indexes: Any) -> dict[str, Any]:
    return {str(i.get("IndexName")): i for i in indexes or () if isinstance(i, dict)}


def _index_diffs(diff: Diff, current: Project, next_: Project) -> list[Diff]:
    path = diff.path[:6]
    return deep_diff(_by_index_name(_get(current, path)), _by_index_name(_get(next_, path)))


def _cant_edit_key_schema(iterative: bool) -> DiffRule:
    def rule(diff: Diff, current: Project, next_: Project) -> None:
        added_or_removed = (
            diff.kind == "A"
            and len(diff.path) == 6
            and diff.path[5] == "KeySchema"
            and diff.index == 1
        )
        modified = diff.kind == "E" and len(diff.path) == 8 and diff.path[5] == "KeySchema"
        if added_or_removed or modified:
            table = str(diff.path[3])
            if iterative:
                raise DestructiveMigrationError(
                    "Editing the primary key of a model requires replacement of the underlying "
                    "DynamoDB table.",
                    [],
                    [table],
                )
            raise InvalidMigrationError(
                f"Attempting to edit the key schema of the {table} table in the {_stack(diff)} "
                "stack. ",
                "Adding a primary @key directive to an existing @model. ",
                'Remove the @key directive or provide a name e.g @key(name: "ByStatus", '
                'fields: ["status"]).',
            )

    return rule


def _cant_add_lsi_later(iterative: bool) -> DiffRule:
    def rule(diff: Diff, current: Project, next_: Project) -> None:
        at_lsi = len(diff.path) == 6 and diff.path[5] == "LocalSecondaryIndexes"
        if at_lsi and (
            diff.kind == "N"
            or (diff.kind == "A" and diff.item is not None and diff.item.kind == "N")
        ):
            table = str(diff.path[3])
            if iterative:
                raise DestructiveMigrationError(
                    "Adding an LSI to a model requires replacement of the underlying DynamoDB "
                    "table.",
                    [],
                    [table],
                )
            raise InvalidMigrationError(
                f"Attempting to add a local secondary index to the {table} table in the "
                f"{_stack(diff)} stack. Local secondary indexes must be created when the table "
                "is created.",
                "Adding a @key directive where the first field in 'fields' is the same as the "
                "first field in the 'fields' of the primary @key.",
                "Change the first field in 'fields' such that a global secondary index is "
                "created or delete and recreate the model.",
            )

    return rule


_GSI_FIX = (
    "If using @key, first add a new @key, run `amplify push`, and then remove the old @key. If "
    "using @connection, first remove the @connection, run `amplify push`, and then add the new "
    "@connection with the new configuration."
)
_ONE_GSI_CAUSE = (
    "You may only change one global secondary index in a single CloudFormation stack update. "
)
_ONE_GSI_FIX = (
    "If using @key, change one @key at a time. If using @connection, add the new @connection, "
    "run `amplify push`, and then remove the new @connection with the new configuration."
)


def cant_edit_gsi_key_schema(diff: Diff, current: Project, next_: Project) -> None:
    at_gsi = (
        len(diff.path) > 7
        and diff.path[5] == "GlobalSecondaryIndexes"
        and (diff.path[7] == "KeySchema")
    )
    if not (
        (diff.kind == "E" and len(diff.path) == 10 and at_gsi)
        or (diff.kind == "A" and len(diff.path) == 8 and at_gsi)
    ):
        return
    for inner in _index_diffs(diff, current, next_):
        edited = inner.kind == "E" and len(inner.path) > 2 and inner.path[1] == "KeySchema"
        resized = inner.kind == "A" and len(inner.path) == 2 and inner.path[1] == "KeySchema"
        if edited or resized:
            raise InvalidGSIMigrationError(
                f"Attempting to edit the global secondary index {inner.path[0]} on the "
                f"{diff.path[3]} table in the {_stack(diff)} stack. ",
                "The key schema of a global secondary index cannot be changed after being "
                "deployed.",
                _GSI_FIX,
            )


def cant_add_and_remove_gsi_at_same_time(diff: Diff, current: Project, next_: Project) -> None:
    if not (diff.kind == "E" and len(diff.path) > 6 and diff.path[5] == "GlobalSecondaryIndexes"):
        return
    inner = _index_diffs(diff, current, next_)
    saw_delete = any(len(d.path) == 1 and d.kind == "D" for d in inner)
    saw_new = any(len(d.path) == 1 and d.kind == "N" for d in inner)
    if saw_delete and saw_new:
        raise InvalidGSIMigrationError(
            "Attempting to add and remove a global secondary index at the same time on the "
            f"{diff.path[3]} table in the {_stack(diff)} stack. ",
            _ONE_GSI_CAUSE,
            _ONE_GSI_FIX,
        )


def cant_mutate_multiple_gsi_at_update_time(
    diffs: list[Diff], current: Project, next_: Project
) -> None:
    seen: set[str] = set()
    for diff in diffs:
        if diff.kind == "A" and len(diff.path) >= 6 and diff.path[-1] == "GlobalSecondaryIndexes":
            table = str(diff.path[3])
            if diff.item is not None and diff.item.kind in ("N", "D") and table not in seen:
                seen.add(table)
            elif table in seen:
                raise InvalidGSIMigrationError(
                    "Attempting to mutate more than 1 global secondary index at the same time on "
                    f"the {table} table in the {_stack(diff)} stack. ",
                    "You may only mutate one global secondary index in a single CloudFormation "
                    "stack update. ",
                    "If using @key, include one @key at a time. If using @connection, just add one "
                    "new @connection which is using @key, run `amplify push`, ",
                )


def _cant_edit_lsi_key_schema(iterative: bool) -> DiffRule:
    def rule(diff: Diff, current: Project, next_: Project) -> None:
        if not (
            diff.kind == "E"
            and len(diff.path) == 10
            and diff.path[5] == "LocalSecondaryIndexes"
            and diff.path[7] == "KeySchema"
        ):
            return
        for inner in _index_diffs(diff, current, next_):
            if inner.kind == "E" and len(inner.path) > 2 and inner.path[1] == "KeySchema":
                table = str(diff.path[3])
                if iterative:
                    raise DestructiveMigrationError(
                        "Editing an LSI requires replacement of the underlying DynamoDB table.",
                        [],
                        [table],
                    )
                raise InvalidMigrationError(
                    f"Attempting to edit the local secondary index {inner.path[0]} on the {table} "
                    f"table in the {_stack(diff)} stack. ",
                    "The key schema of a local secondary index cannot be changed after being "
                    "deployed.",
                    "When enabling new access patterns you should: 1. Add a new @key 2. run "
                    "amplify push 3. Verify the new access pattern and remove the old @key.",
                )

    return rule


def _cant_remove_lsi_later(iterative: bool) -> DiffRule:
    def rule(diff: Diff, current: Project, next_: Project) -> None:
        at_lsi = len(diff.path) == 6 and diff.path[5] == "LocalSecondaryIndexes"
        removed = (diff.kind == "D" and bool(diff.lhs) and at_lsi) or (
            diff.kind == "A" and diff.item is not None and diff.item.kind == "D" and at_lsi
        )
        if not removed:
            return
        table = str(diff.path[3])
        if iterative:
            raise DestructiveMigrationError(
                "Removing an LSI requires replacement of the underlying DynamoDB table.",
                [],
                [table],
            )
        raise InvalidMigrationError(
            f"Attempting to remove a local secondary index on the {table} table in the "
            f"{_stack(diff)} stack.",
            "A local secondary index cannot be removed after deployment.",
            "In order to remove the local secondary index you need to delete or rename the table.",
        )

    return rule


def cant_have_more_than_500_resources(diffs: list[Diff], current: Project, next_: Project) -> None:
    for name, stack in (next_.get("stacks") or {}).items():
        if isinstance(stack, dict) and len(stack.get("Resources") or {}) > 500:
            raise InvalidMigrationError(
                f"The {name} stack defines more than 500 resources.",
                "CloudFormation templates may contain at most 500 resources.",
                "If the stack is a custom stack, break the stack up into multiple files in "
                "stacks/. If the stack was generated, you have hit a limit and can use the "
                "StackMapping argument in transform.conf.json to fine tune how resources are "
                "assigned to \n          stacks.Follow the instruction in this document to "
                "divide resources into additional AWS CloudFormation files to overcome the "
                "resource count limit:\n          \n          "
                "https://docs.amplify.aws/cli/graphql/override/"
                "#place-appsync-resolvers-in-custom-named-stacks",
            )


def cant_remove_table_after_creation(diff: Diff, current: Project, next_: Project) -> None:
    def tables(project: Project) -> list[str]:
        return [
            name
            for stack in (project.get("stacks") or {}).values()
            for name, res in (stack.get("Resources") or {}).items()
            if isinstance(res, dict) and res.get("Type") == "AWS::DynamoDB::Table"
        ]

    next_tables = set(tables(next_))
    removed = [t for t in tables(current) if t not in next_tables]
    if removed:
        raise DestructiveMigrationError(
            "Removing a model from the GraphQL schema will also remove the underlying DynamoDB "
            "table.",
            removed,
            [],
        )


def get_sanity_check_rules(
    is_new_api: bool, flags: FeatureFlags, allow_destructive_updates: bool = False
) -> SanityCheckRules:
    """The rules the CLI applies; none for an API that has not been deployed yet."""
    rules = SanityCheckRules()
    if is_new_api:
        return rules
    iterative = flags.get_boolean("enableIterativeGSIUpdates")
    if iterative:
        if not allow_destructive_updates:
            rules.diff_rules += [
                _cant_edit_key_schema(True),
                _cant_add_lsi_later(True),
                _cant_remove_lsi_later(True),
                _cant_edit_lsi_key_schema(True),
                cant_remove_table_after_creation,
            ]
        rules.project_rules.append(cant_have_more_than_500_resources)
    else:
        rules.diff_rules += [
            _cant_edit_key_schema(False),
            _cant_add_lsi_later(False),
            _cant_remove_lsi_later(False),
            _cant_edit_lsi_key_schema(False),
            cant_edit_gsi_key_schema,
            cant_add_and_remove_gsi_at_same_time,
        ]
        if not allow_destructive_updates:
            rules.diff_rules.append(cant_remove_table_after_creation)
        rules.project_rules += [
            cant_have_more_than_500_resources,
            cant_mutate_multiple_gsi_at_update_time,
        ]
    return rules


def load_diffable_project(
    build_dir: Path, root_stack_file_name: str = ROOT_STACK_FILE_NAME
) -> Project:
    """`{"stacks": {"Todo.json": {...}}, "root": {...}}` from a build/ directory."""
    stacks_dir = build_dir / "stacks"
    stacks: dict[str, Any] = {}
    if stacks_dir.is_dir():
        for file in sorted(stacks_dir.iterdir(), key=lambda p: p.name.encode()):
            if file.is_file():
                stacks[file.name] = json.loads(file.read_text(encoding="utf-8"))
    root_file = build_dir / root_stack_file_name
    root = json.loads(root_file.read_text(encoding="utf-8")) if root_file.is_file() else {}
    return {"stacks": stacks, "root": root}


def sanity_check_diffs(
    diffs: list[Diff], current: Project, next_: Project, rules: SanityCheckRules
) -> None:
    """:raises InvalidMigrationError | DestructiveMigrationError: the first rule that fails."""
    if not diffs:
        return
    for diff in diffs:
        for rule in rules.diff_rules:
            rule(diff, current, next_)
    for project_rule in rules.project_rules:
        project_rule(diffs, current, next_)


def sanity_check_project(
    current_build_dir: Path,
    next_build_dir: Path,
    rules: SanityCheckRules,
    root_stack_file_name: str = ROOT_STACK_FILE_NAME,
) -> None:
    """Compare the deployed build with the new one, as `buildProject` does after writing it.

    :raises InvalidMigrationError | DestructiveMigrationError: for changes the rules refuse.
    """
    if not (current_build_dir.exists() and next_build_dir.exists()):
        return
    current = load_diffable_project(current_build_dir, root_stack_file_name)
    next_ = load_diffable_project(next_build_dir, root_stack_file_name)
    sanity_check_diffs(deep_diff(current, next_), current, next_, rules)
