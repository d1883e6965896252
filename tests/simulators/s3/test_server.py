"""Starting and stopping the endpoint: bound ports, busy ports, bad bucket names."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest

from amplify_mock.simulators.binding import find_port_holder
from amplify_mock.simulators.s3 import S3PortInUseError, S3Server, S3Settings, S3SettingsError


async def test_server_start_on_busy_port_is_clear_error(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        server = S3Server(S3Settings(root=tmp_path), host="127.0.0.1", port=port)

        with pytest.raises(S3PortInUseError) as excinfo:
            await server.start()
        holder_name = find_port_holder(port)

    assert holder_name is None or holder_name.startswith("pid ")
    held = f" (held by {holder_name})" if holder_name else ""
    assert excinfo.value.message == (
        f"Port {port} on 127.0.0.1 is already in use{held}; the local S3 endpoint (amplify "
        "mock storage) cannot start."
    )
    assert excinfo.value.resolution == (
        f"Stop the process listening on port {port} or choose another port."
    )


def test_port_in_use_on_20005_explains_the_fixed_port() -> None:
    error = S3PortInUseError("localhost", 20005)

    assert error.resolution == (
        "Stop the process listening on port 20005. Amplify JS always connects to "
        "http://localhost:20005 for mocked storage, so the mock does not pick another port."
    )


def test_invalid_bucket_name_is_settings_error(tmp_path: Path) -> None:
    with pytest.raises(S3SettingsError) as excinfo:
        S3Server(S3Settings(root=tmp_path, buckets=("Bad_Name",)))

    assert (
        excinfo.value.message == "The storage bucket name 'Bad_Name' is not a valid S3 bucket name."
    )


async def test_server_serves_and_creates_bucket_folders(tmp_path: Path) -> None:
    root = tmp_path / "S3"
    async with (
        S3Server(S3Settings(root=root, buckets=("app-dev",)), host="127.0.0.1", port=0) as server,
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{server.port}/") as response,
    ):
        body = await response.text()
        url = server.url

    assert url == f"http://127.0.0.1:{response.url.port}"  # the address actually bound
    assert "<Name>app-dev</Name>" in body
    assert (root / "app-dev").is_dir()


def test_standalone_main_on_busy_port_exits_1_with_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from amplify_mock.simulators.s3.__main__ import main

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]

        with pytest.raises(SystemExit) as excinfo:
            main(["--root", str(tmp_path), "--bucket", "app-dev", "--host", "127.0.0.1",
                  "--port", str(port)])  # fmt: skip
        holder_name = find_port_holder(port)

    held = f" (held by {holder_name})" if holder_name else ""
    assert excinfo.value.code == 1
    assert capsys.readouterr().err == (
        f"Port {port} on 127.0.0.1 is already in use{held}; the local S3 endpoint (amplify "
        f"mock storage) cannot start.\nResolution: Stop the process listening on port {port} or "
        "choose another port.\n"
    )
