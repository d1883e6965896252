"""`override.ts` of a v2 API: not applied, and reported change by change when the API compiles."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from amplify_mock.project.api_build import compile_api
from amplify_mock.project.api_override import read_override
from tests.project.test_api_build_v2 import _case, make_v2_project

OVERRIDE = """\
import { AmplifyApiGraphQlResourceStackTemplate } from '@aws-amplify/cli-extensibility-helper';

export function override(api: AmplifyApiGraphQlResourceStackTemplate) {
  api.api.GraphQLAPI.xrayEnabled = true;
  api.models["Todo"].modelDDBTable.billingMode = "PROVISIONED";
  api.models["Todo"].resolvers["queryGetTodoResolver"].requestMappingTemplate = "{}";
  api.models.Todo.modelDDBTable.addPropertyOverride('BillingMode', 'PROVISIONED');
  api.api.GraphQLAPI.addOverride('Properties.AuthenticationType', 'AWS_IAM');
  if (api.api.GraphQLAPI.xrayEnabled === true) {
    console.log('comparisons are not changes');
  }
}
"""


def test_read_override_lists_assignments_and_escape_hatches_with_their_local_effect() -> None:
    assert [c.describe() for c in read_override(OVERRIDE)] == [
        "line 4: api.api.GraphQLAPI.xrayEnabled (no local effect)",
        'line 5: api.models["Todo"].modelDDBTable.billingMode (no local effect)',
        'line 6: api.models["Todo"].resolvers["queryGetTodoResolver"].requestMappingTemplate '
        "(changes what the mock serves)",
        "line 7: api.models.Todo.modelDDBTable.addPropertyOverride('BillingMode') "
        "(no local effect)",
        "line 8: api.api.GraphQLAPI.addOverride('Properties.AuthenticationType') "
        "(changes what the mock serves)",
    ]


def test_compile_warns_that_override_ts_is_not_applied_naming_each_change(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api_dir = make_v2_project(tmp_path, _case("model-todo").schema)
    (api_dir / "override.ts").write_text(OVERRIDE)
    with caplog.at_level(logging.WARNING):
        result = compile_api(tmp_path)
    warnings = [r.getMessage() for r in caplog.records if "override.ts" in r.getMessage()]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"amplify/backend/api/{api_dir.name}/override.ts is not applied by the mock (overrides "
        "of the v2 API resources are not emulated): 5 change(s), 2 of them change what the "
        "mock serves: line 4: api.api.GraphQLAPI.xrayEnabled (no local effect); "
    )
    # the build is the one without the override: the generated template, not "{}"
    built = (result.build_dir / "resolvers" / "Query.getTodo.req.vtl").read_text()
    assert built == _case("model-todo").expected_files()["resolvers/Query.getTodo.req.vtl"]


def test_an_override_ts_without_changes_is_still_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api_dir = make_v2_project(tmp_path, _case("model-todo").schema)
    (api_dir / "override.ts").write_text("export function override(resources: any) {}\n")
    with caplog.at_level(logging.WARNING):
        compile_api(tmp_path)
    assert [r.getMessage() for r in caplog.records if "override.ts" in r.getMessage()] == [
        f"amplify/backend/api/{api_dir.name}/override.ts is not applied by the mock (overrides "
        "of the v2 API resources are not emulated); it assigns nothing to the API's resources"
    ]
