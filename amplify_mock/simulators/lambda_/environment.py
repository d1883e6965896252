"""The process environment of a function, built as the Amplify CLI's mock builds it.

Order (later wins): the template's resolved `Environment.Variables`, fake AWS credentials,
the static Lambda defaults, the per-function values (`_HANDLER`, `AWS_REGION`, ...), then the
function's `.env` file. Nothing from the host environment is passed on except `PATH`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from amplify_mock.simulators.lambda_.config import FunctionConfig

__all__ = ["FAKE_CREDENTIALS", "build_environment", "parse_dotenv"]

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "fakeAccessKeyId",
    "AWS_SECRET_ACCESS_KEY": "fakeSecretAccessKey",
    "AWS_SESSION_TOKEN": "fakeSessionToken",
}

_DOTENV_LINE = re.compile(
    r"^\s*(?:export\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(?P<value>.*?)\s*$"
)


def parse_dotenv(text: str) -> dict[str, str]:
    """`KEY=VALUE` lines as dotenv reads them: `#` comments, quotes, `export ` prefixes."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        match = _DOTENV_LINE.match(line)
        if match is None:
            continue
        value = match["value"]
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'`":
            quote, value = value[0], value[1:-1]
            if quote == '"':
                value = value.replace("\\n", "\n").replace("\\r", "\r")
        else:
            value = value.split(" #", 1)[0].strip()
        values[match["key"]] = value
    return values


def build_environment(
    config: FunctionConfig,
    *,
    region: str,
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    """The complete environment of `config`'s process; `extra` (tests, tools) goes last."""
    env: dict[str, str] = {"PATH": os.environ.get("PATH", os.defpath)}
    env.update(config.environment)
    env.update(FAKE_CREDENTIALS)
    env.update(
        {
            "_X_AMZN_TRACE_ID": "amplify-mock-x-amzn-trace-id",
            "AWS_EXECUTION_ENV": "AWS_Lambda_amplify-mock",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(config.memory_size),
            "AWS_LAMBDA_FUNCTION_VERSION": "1",
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_LAMBDA_LOG_GROUP_NAME": "amplify-mock-aws-lambda-log-group-name",
            "AWS_LAMBDA_LOG_STREAM_NAME": "amplify-mock-aws-lambda-log-stream-name",
            "TZ": "UTC",
        }
    )
    env.update(
        {
            "_HANDLER": config.handler,
            "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region,
            "AWS_LAMBDA_FUNCTION_NAME": config.name,
            "LAMBDA_TASK_ROOT": str(config.function_dir),
            "LAMBDA_RUNTIME_DIR": str(config.function_dir),
        }
    )
    env.update(read_dotenv(config.function_dir / ".env"))
    if extra:
        env.update(extra)
    return env


def read_dotenv(path: Path) -> dict[str, str]:
    """The `.env` file's values, or nothing when there is no such file."""
    try:
        return parse_dotenv(path.read_text(encoding="utf-8"))
    except OSError:
        return {}
