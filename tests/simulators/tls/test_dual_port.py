"""HTTP and TLS on one port; the local CA is made once and reused."""

from __future__ import annotations

import asyncio
import socket
import ssl
from pathlib import Path

import aiohttp
from aiohttp import web

from amplify_mock.simulators.binding import PortTakenError, bind_site
from amplify_mock.simulators.tls import local_certificates


async def hello(_request: web.Request) -> web.Response:
    return web.Response(text="hello")


async def test_one_port_answers_http_and_tls(tmp_path: Path) -> None:
    certificates = local_certificates(tmp_path / "ca")
    assert certificates.created_ca
    app = web.Application()
    app.router.add_get("/", hello)
    runner = web.AppRunner(app)
    await runner.setup()
    port = await bind_site(runner, "127.0.0.1", 0, tls_also=certificates.server_context())
    try:
        trust = ssl.create_default_context(cafile=str(certificates.ca_cert))
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/") as plain:
                assert (plain.status, await plain.text()) == (200, "hello")
            for host in ("127.0.0.1", "localhost"):
                async with http.get(f"https://{host}:{port}/", ssl=trust) as secure:
                    assert (secure.status, await secure.text()) == (200, "hello")
            # a client that does not trust the local CA is refused by its own TLS check
            try:
                async with http.get(f"https://127.0.0.1:{port}/") as _response:
                    raise AssertionError("an untrusted certificate was accepted")
            except aiohttp.ClientConnectorCertificateError:
                pass
        # a broken handshake and a silent close do not stop the listener
        for payload in (b"\x16\x03\x01\x00\x05garbage", b""):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(payload)
            await writer.drain()
            writer.close()
            await reader.read()
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{port}/") as again,
        ):
            assert again.status == 200
    finally:
        await runner.cleanup()
    # the runner's cleanup closed the listening socket: the port is free again
    again_socket = socket.socket()
    again_socket.bind(("127.0.0.1", port))
    again_socket.close()


def test_the_ca_is_reused_and_the_certificate_names_localhost(tmp_path: Path) -> None:
    from cryptography import x509

    first = local_certificates(tmp_path / "ca")
    ca_bytes = first.ca_cert.read_bytes()
    second = local_certificates(tmp_path / "ca")
    assert not second.created_ca and second.ca_cert.read_bytes() == ca_bytes
    cert = x509.load_pem_x509_certificate(second.server_cert.read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost", "*.localhost"]
    assert [str(a) for a in names.get_values_for_type(x509.IPAddress)] == ["127.0.0.1", "::1"]
    assert (tmp_path / "ca" / "ca-key.pem").stat().st_mode & 0o077 == 0


def test_port_in_use_keeps_its_errno(tmp_path: Path) -> None:
    async def run() -> None:
        taken = socket.socket()
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        runner = web.AppRunner(web.Application())
        await runner.setup()
        try:
            await bind_site(
                runner,
                "127.0.0.1",
                taken.getsockname()[1],
                tls_also=local_certificates(tmp_path / "ca").server_context(),
            )
        except PortTakenError as err:
            assert err.port == taken.getsockname()[1]
        else:
            raise AssertionError("bound a taken port")
        finally:
            taken.close()
            await runner.cleanup()

    asyncio.run(run())
