"""`amplify mock function`: output as the Amplify CLI prints it, event files, choosing one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from amplify_mock.cli.main import AmplifyGroup
from amplify_mock.cli.mock_function import format_result, function
from tests.simulators.lambda_.project import add_function

WORD_COUNT = (
    "exports.handler = async (event) => {\n"
    "  console.log(`counting for ${event.source.id}`);\n"
    "  return { words: event.source.body.split(/\\s+/).length, env: process.env.ENV };\n"
    "};\n"
)
EVENT = '{"source": {"id": "post-1", "body": "no Java at all"}}'


def run(project: Path, *args: str, input: str | None = None) -> tuple[int, str]:
    """Run the command under a group with the CLI's error handling, as `amplify mock` will."""
    group = AmplifyGroup("mock")
    group.add_command(function)
    result = CliRunner().invoke(
        group, ["function", *args], obj={"project_root": str(project)}, input=input
    )
    return result.exit_code, result.output


def test_mock_function_prints_result_like_amplify(project: Path) -> None:
    add_function(project, "wordCount", {"src/index.js": WORD_COUNT, "src/event.json": EVENT})
    code, output = run(project, "wordCount")
    assert code == 0
    assert output == (
        "Ensuring latest function changes are built...\n"
        "Starting execution...\n"
        "[wordCount] counting for post-1\n"
        "Result:\n"
        '{\n  "words": 4,\n  "env": "dev"\n}\n'
        "Finished execution.\n"
    )


def test_mock_function_event_option_is_relative_to_function_folder(project: Path) -> None:
    add_function(
        project,
        "wordCount",
        {"src/index.js": WORD_COUNT, "events/other.json": EVENT.replace("post-1", "post-9")},
    )
    code, output = run(project, "wordCount", "--event", "events/other.json")
    assert code == 0
    assert "[wordCount] counting for post-9\n" in output


def test_mock_function_error_is_printed_like_amplify(project: Path) -> None:
    source = "exports.handler = async () => { throw new RangeError('too big'); };\n"
    add_function(project, "fn", {"src/index.js": source, "src/event.json": "{}"})
    code, output = run(project, "fn")
    assert code == 0
    assert output.startswith(
        "Ensuring latest function changes are built...\n"
        "Starting execution...\n"
        "fn failed with the following error:\n"
        "{\n"
        '  "errorType": "RangeError",\n'
        '  "errorMessage": "too big",\n'
    )
    assert output.endswith("Finished execution.\n")


def test_mock_function_timeout_option_stops_the_function(project: Path) -> None:
    source = "exports.handler = () => new Promise(() => {});\n"
    add_function(project, "fn", {"src/index.js": source, "src/event.json": "{}"}, timeout=30)
    code, output = run(project, "fn", "--timeout", "1")
    assert code == 0
    assert '"errorMessage": "Task timed out after 1.00 seconds"' in output


def test_mock_function_python_string_result_is_printed_raw(project: Path) -> None:
    source = "def handler(event, context):\n    return 'hello ' + event['name']\n"
    add_function(project, "py", {"src/index.py": source, "src/event.json": '{"name": "x"}'})
    code, output = run(project, "py")
    assert (code, output.splitlines()[-3:]) == (0, ["Result:", "hello x", "Finished execution."])


def test_mock_function_single_function_is_chosen_without_name(project: Path) -> None:
    add_function(project, "only", {"src/index.js": WORD_COUNT, "src/event.json": EVENT})
    code, output = run(project)
    assert code == 0
    assert "[only] counting for post-1\n" in output


def test_mock_function_prompts_when_several_functions(project: Path) -> None:
    add_function(project, "alpha", {"src/index.js": "exports.handler = async () => 'A';"})
    add_function(project, "beta", {"src/index.js": "exports.handler = async () => 'B';"})
    for name in ("alpha", "beta"):
        (project / "amplify/backend/function" / name / "src/event.json").write_text("{}")
    code, output = run(project, input="beta\n")
    assert code == 0
    assert "Select the function to mock (alpha, beta): beta\n" in output
    assert "Result:\nB\n" in output


def test_mock_function_without_functions_fails_with_amplify_message(project: Path) -> None:
    code, output = run(project)
    assert (code, output) == (
        1,
        "There are no mockable functions in the project. "
        "Use `amplify add function` to create one.\n",
    )


def test_mock_function_missing_event_file_names_function_and_file(project: Path) -> None:
    folder = add_function(project, "fn", {"src/index.js": "exports.handler = async () => 1;"})
    code, output = run(project, "fn")
    assert (code, output) == (
        1,
        f"Function fn: event file {folder / 'src' / 'event.json'} does not exist\n",
    )


def test_mock_function_non_json_event_file_names_function_and_file(project: Path) -> None:
    folder = add_function(
        project, "fn", {"src/index.js": "exports.handler = async () => 1;", "src/event.json": "{"}
    )
    code, output = run(project, "fn")
    assert (code, output) == (
        1,
        f"Function fn: event file {folder / 'src' / 'event.json'} is not valid JSON: "
        "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\n",
    )


def test_mock_function_unknown_name_lists_functions(project: Path) -> None:
    add_function(project, "fn", {"src/index.js": "exports.handler = async () => 1;"})
    code, output = run(project, "nope")
    folder = project / "amplify" / "backend" / "function" / "nope"
    assert (code, output) == (
        1,
        f"Function 'nope' not found: {folder} does not exist (functions in this project: fn).\n"
        "Resolution: Check the name, or add the function with `amplify add function`.\n",
    )


def test_format_result_matches_amplify_cli_printing() -> None:
    assert format_result({"a": [1]}) == '{\n  "a": [\n    1\n  ]\n}'
    assert format_result("text") == "text"
    assert format_result(None) == "null"
    assert format_result(3.0) == "3"
    assert format_result(True) == "true"


def test_mock_function_finds_project_through_amplify_project_dir(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_function(project, "fn", {"src/index.js": WORD_COUNT, "src/event.json": EVENT})
    monkeypatch.setenv("AMPLIFY_PROJECT_DIR", str(project / "amplify" / "backend"))
    group = AmplifyGroup("mock")
    group.add_command(function)
    result = CliRunner().invoke(group, ["function", "fn"])
    assert result.exit_code == 0, result.output
    assert "[fn] counting for post-1\n" in result.output


def test_mock_function_outside_a_project_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.setenv("AMPLIFY_PROJECT_DIR", str(outside))
    group = AmplifyGroup("mock")
    group.add_command(function)
    result = CliRunner().invoke(group, ["function", "fn"])
    assert (result.exit_code, result.output) == (
        1,
        f"No Amplify project found in {outside.resolve()}.\n"
        "Resolution: Run `amplify init` in the project directory.\n",
    )


def test_mock_function_event_file_not_utf8_names_function_and_file(project: Path) -> None:
    folder = add_function(project, "fn", {"src/index.js": "exports.handler = async () => 1;"})
    (folder / "src" / "event.json").write_bytes(b"\xff\xfe{}")
    code, output = run(project, "fn")
    assert (code, output) == (
        1,
        f"Function fn: event file {folder / 'src' / 'event.json'} is not valid JSON: "
        "not UTF-8 text (invalid start byte)\n",
    )
