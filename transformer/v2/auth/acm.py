"""The access control matrix of one model (or non-model field): role x field x operation."""

from __future__ import annotations

from collections.abc import Sequence

from transformer.v2.errors import InvalidDirectiveError

__all__ = ["AccessControlMatrix"]


class AccessControlMatrix:
    """Which role may run which operation on which field; roles keep their insertion order
    (the order the generated templates check them in)."""

    def __init__(self, name: str, operations: Sequence[str], resources: Sequence[str]) -> None:
        self.name = name
        self.operations = list(operations)
        self.resources = list(resources)
        self.roles: list[str] = []
        self.matrix: list[list[list[bool]]] = []

    def _operation_list(self, operations: Sequence[str]) -> list[bool]:
        return [op in operations for op in self.operations]

    def set_role(
        self,
        role: str,
        resource: str | None,
        operations: Sequence[str],
        allow_role_overwrite: bool = False,
    ) -> None:
        """:raises InvalidDirectiveError: the same role twice on a model."""
        allowed = self._operation_list(operations)
        if role not in self.roles:
            vector = [
                list(allowed)
                if resource is None or resource == r
                else [False] * len(self.operations)
                for r in self.resources
            ]
            self.roles.append(role)
            self.matrix.append(vector)
        elif resource is not None or allow_role_overwrite:
            index = self.roles.index(role)
            if resource is not None:
                self.matrix[index][self.resources.index(resource)] = list(allowed)
            else:
                self.matrix[index] = [list(allowed) for _ in self.resources]
        else:
            raise InvalidDirectiveError(f"@auth {role} already exists for {self.name}")

    def has_resource(self, resource: str) -> bool:
        return resource in self.resources

    def is_allowed(self, role: str, resource: str, operation: str) -> bool:
        return self.matrix[self.roles.index(role)][self.resources.index(resource)][
            self.operations.index(operation)
        ]

    def reset_access_for_resource(self, resource: str) -> None:
        index = self.resources.index(resource)
        for row in self.matrix:
            row[index] = [False] * len(self.operations)

    def roles_per_operation(self, operation: str, full_access: bool = False) -> list[str]:
        """Roles allowed `operation` on some field (on every field with `full_access`)."""
        op = self.operations.index(operation)
        test = all if full_access else any
        return [
            role
            for role, row in zip(self.roles, self.matrix, strict=True)
            if test(cell[op] for cell in row)
        ]
