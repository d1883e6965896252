"""Headless JSON parameters: parsing, defaults, and the errors bad input gets."""

from __future__ import annotations

import pytest

from amplify_mock.project.errors import (
    HeadlessArgumentError,
    InvalidNameError,
    UnknownFrontendError,
    UnknownProviderError,
)
from amplify_mock.project.headless import (
    parse_amplify,
    parse_frontend,
    parse_providers,
)


def test_parse_amplify_reads_keys() -> None:
    args = parse_amplify('{"projectName":"abc","envName":"dev","defaultEditor":"code"}')
    assert (args.project_name, args.env_name, args.default_editor) == ("abc", "dev", "code")


def test_parse_amplify_malformed_json() -> None:
    with pytest.raises(HeadlessArgumentError) as err:
        parse_amplify('{"projectName":')
    assert err.value.message == (
        "Invalid value for --amplify: malformed JSON (Expecting value at line 1 column 16)."
    )


def test_parse_amplify_not_an_object() -> None:
    with pytest.raises(HeadlessArgumentError) as err:
        parse_amplify("[1]")
    assert err.value.message == "Invalid value for --amplify: expected a JSON object."


def test_parse_amplify_bad_project_name() -> None:
    with pytest.raises(InvalidNameError) as err:
        parse_amplify('{"projectName":"my app"}')
    assert err.value.message == "Invalid project name 'my app': use 3 to 20 letters and digits."


def test_parse_frontend_fills_framework_defaults() -> None:
    frontend = parse_frontend('{"frontend":"javascript","framework":"vue"}')
    assert frontend.config == {
        "SourceDir": "src",
        "DistributionDir": "dist",
        "BuildCommand": "npm run-script build",
        "StartCommand": "npm run-script serve",
    }


def test_parse_frontend_ios_has_no_framework() -> None:
    frontend = parse_frontend('{"frontend":"ios"}')
    assert (frontend.frontend, frontend.framework, frontend.config) == ("ios", None, {})


def test_parse_frontend_missing_key() -> None:
    with pytest.raises(HeadlessArgumentError) as err:
        parse_frontend('{"framework":"react"}')
    assert err.value.message == "Invalid value for --frontend: missing required key 'frontend'."


def test_parse_frontend_unknown() -> None:
    with pytest.raises(UnknownFrontendError) as err:
        parse_frontend('{"frontend":"flutter"}')
    assert err.value.message == "Unknown frontend 'flutter'. Frontends: android, ios, javascript."


def test_parse_frontend_unknown_framework() -> None:
    with pytest.raises(HeadlessArgumentError) as err:
        parse_frontend('{"frontend":"javascript","framework":"svelte"}')
    assert err.value.message == (
        "Invalid value for --frontend: unknown framework 'svelte' for the javascript frontend "
        "(frameworks: angular, ember, ionic, none, react, react-native, vue)."
    )


def test_parse_providers_unknown() -> None:
    with pytest.raises(UnknownProviderError) as err:
        parse_providers('{"gcp":{}}')
    assert err.value.message == "Unknown provider 'gcp'. Providers: awscloudformation."


def test_parse_providers_keys_need_region() -> None:
    text = '{"awscloudformation":{"useProfile":false,"accessKeyId":"a","secretAccessKey":"b"}}'
    with pytest.raises(HeadlessArgumentError) as err:
        parse_providers(text)
    assert err.value.message == "Invalid value for --providers: missing required key 'region'."


def test_parse_providers_general_level() -> None:
    assert parse_providers('{"awscloudformation":{"configLevel":"general"}}') == {
        "awscloudformation": {"configLevel": "general"}
    }


def test_parse_providers_profile() -> None:
    text = '{"awscloudformation":{"useProfile":true,"profileName":"dev"}}'
    assert parse_providers(text)["awscloudformation"] == {
        "configLevel": "project",
        "useProfile": True,
        "profileName": "dev",
    }
