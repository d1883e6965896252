"""GraphQL codegen as amplify-codegen does it: statements (queries, mutations, subscriptions)."""

from amplify_mock.codegen.config import CodegenProject, read_codegen_projects
from amplify_mock.codegen.statements import generate_statements, write_statements

__all__ = ["CodegenProject", "generate_statements", "read_codegen_projects", "write_statements"]
