"""A test certificate authority and a server certificate for localhost, 127.0.0.1 and 127.0.0.2."""

from __future__ import annotations

import os
import ssl
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Certificates:
    ca: Path  # what clients trust (tls_ca_file)
    cert: Path  # the servers' certificate, signed by the CA, for localhost, 127.0.0.1 and 127.0.0.2
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


def make_certificates(folder: Path) -> Certificates:
    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    openssl("req", "-x509", *ec, "-days", "3650", "-subj", "/CN=mailbot test CA", "-keyout", "ca.key",
            "-out", "ca.pem")
    openssl("req", *ec, "-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "server.csr")
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2\n"
                                    "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-days", "3650", "-extfile", "san.ext", "-out", "cert.pem")
    for name in ("ca.pem", "cert.pem", "key.pem"):
        os.chmod(folder / name, 0o644)
    return Certificates(folder / "ca.pem", folder / "cert.pem", folder / "key.pem")
