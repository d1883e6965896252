"""The mock's local certificate authority and the localhost certificate it issues.

Made once per user, outside any project (`$AMPLIFY_MOCK_CA_DIR`, else
`$XDG_DATA_HOME/amplify-mock/ca`, else `~/.local/share/amplify-mock/ca`) and reused by every
`amplify mock`: `ca.pem` is what a client trusts (`NODE_EXTRA_CA_CERTS=.../ca.pem` for Node,
the OS or browser trust store for browsers); nothing is installed system-wide by the mock. The
server certificate covers localhost, *.localhost, 127.0.0.1 and ::1 and is renewed when it
nears expiry. The one module that uses `cryptography.x509`.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import ssl
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from amplify_mock.errors import AmplifyMockError

__all__ = ["LocalCaError", "LocalCertificates", "ca_dir", "local_certificates"]

_DNS_NAMES = ("localhost", "*.localhost")
_IP_ADDRESSES = ("127.0.0.1", "::1")
_CA_DAYS = 3650
_SERVER_DAYS = 397  # browsers refuse longer-lived server certificates
_RENEW_DAYS = 30


class LocalCaError(AmplifyMockError):
    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(
            f"Cannot use the local certificate authority in {folder}: {reason}",
            "Delete that folder to make a new one, or pass --https KEY CERT.",
        )


@dataclass(frozen=True)
class LocalCertificates:
    """Paths of the CA certificate and of the server key and certificate."""

    ca_cert: Path
    server_key: Path
    server_cert: Path
    created_ca: bool

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(certfile=str(self.server_cert), keyfile=str(self.server_key))
        return context


def ca_dir() -> Path:
    explicit = os.environ.get("AMPLIFY_MOCK_CA_DIR")
    if explicit:
        return Path(explicit)
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "amplify-mock" / "ca"


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _write(path: Path, data: bytes, mode: int) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.chmod(mode)
    temporary.replace(path)


def _key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _make_ca(folder: Path) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "amplify-mock"),
            x509.NameAttribute(NameOID.COMMON_NAME, "amplify-mock local CA"),
        ]
    )
    now = _now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=_CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "ca-key.pem", _key_pem(key), 0o600)
    _write(folder / "ca.pem", cert.public_bytes(serialization.Encoding.PEM), 0o644)
    return key, cert


def _load_ca(folder: Path) -> tuple[rsa.RSAPrivateKey, x509.Certificate] | None:
    try:
        key_pem = (folder / "ca-key.pem").read_bytes()
        cert_pem = (folder / "ca.pem").read_bytes()
    except FileNotFoundError:
        return None
    try:
        key = serialization.load_pem_private_key(key_pem, password=None)
        cert = x509.load_pem_x509_certificate(cert_pem)
    except ValueError as err:
        raise LocalCaError(folder, str(err)) from err
    if not isinstance(key, rsa.RSAPrivateKey):
        raise LocalCaError(folder, "ca-key.pem is not an RSA key")
    if cert.not_valid_after_utc < _now() + datetime.timedelta(days=_RENEW_DAYS):
        return None
    return key, cert


def _server_current(folder: Path, ca: x509.Certificate) -> bool:
    try:
        cert = x509.load_pem_x509_certificate((folder / "localhost.pem").read_bytes())
    except (FileNotFoundError, ValueError):
        return False
    if not (folder / "localhost-key.pem").is_file() or cert.issuer != ca.subject:
        return False
    return cert.not_valid_after_utc > _now() + datetime.timedelta(days=_RENEW_DAYS)


def _make_server(folder: Path, ca_key: rsa.RSAPrivateKey, ca: x509.Certificate) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = _now()
    names: list[x509.GeneralName] = [x509.DNSName(n) for n in _DNS_NAMES]
    names += [x509.IPAddress(ipaddress.ip_address(a)) for a in _IP_ADDRESSES]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=_SERVER_DAYS))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    _write(folder / "localhost-key.pem", _key_pem(key), 0o600)
    _write(folder / "localhost.pem", cert.public_bytes(serialization.Encoding.PEM), 0o644)


def local_certificates(folder: Path | None = None) -> LocalCertificates:
    """The CA and localhost certificate, made on first use and reused afterwards.

    :raises LocalCaError: the folder holds files that are not a usable CA.
    """
    folder = folder or ca_dir()
    try:
        loaded = _load_ca(folder)
        created = loaded is None
        ca_key, ca = loaded or _make_ca(folder)
        if created or not _server_current(folder, ca):
            _make_server(folder, ca_key, ca)
    except OSError as err:
        raise LocalCaError(folder, str(err)) from err
    return LocalCertificates(
        folder / "ca.pem", folder / "localhost-key.pem", folder / "localhost.pem", created
    )
