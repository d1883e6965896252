"""GraphQL codegen as amplify-codegen does it: statements and the TypeScript / Flow types file."""

from amplify_mock.codegen.config import CodegenProject, read_codegen_projects
from amplify_mock.codegen.runner import write_codegen, write_types
from amplify_mock.codegen.statements import (
    build_appsync_schema,
    generate_statements,
    write_statements,
)

__all__ = [
    "CodegenProject",
    "build_appsync_schema",
    "generate_statements",
    "read_codegen_projects",
    "write_codegen",
    "write_statements",
    "write_types",
]
