"""TLS without ceremony: a local CA made once per user; HTTP and TLS served on one port."""

from amplify_mock.simulators.tls.listener import DualListener
from amplify_mock.simulators.tls.local_ca import LocalCertificates, local_certificates

__all__ = ["DualListener", "LocalCertificates", "local_certificates"]
