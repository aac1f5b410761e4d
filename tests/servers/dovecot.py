"""A private Dovecot for the tests (the real thing; CI installs it), and pymap when Dovecot is not there.

One ``Dovecot`` serves many tests: every test gets a mailbox user of its own
(``new_user``), so tests never see each other's mail. Plain by default; with
``certs`` it requires TLS (STARTTLS on ``port``, implicit TLS on ``imaps_port``),
and with ``idp`` it also takes XOAUTH2 tokens that the identity provider vouches for.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

from imapclient import IMAPClient

from mailbot.demo.servers import PymapServer, free_port, wait_for_port
from tests.servers.idp import IdentityProvider
from tests.servers.tls import Certificates

PASSWORD = "test-password"

_BASE = """\
instance_name = mailbot-test-{port}
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1, 127.0.0.2, 127.0.0.3
auth_failure_delay = 0
default_internal_user = dovecot
default_login_user = dovenull
mail_uid = dovecot
mail_gid = dovecot
first_valid_uid = 1
mail_fsync = never
mail_location = mdbox:{d}/mail/%u
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
userdb {{
  driver = static
  args = home={d}/mail/%u
}}
protocol imap {{
  mail_max_userip_connections = 200
{imap_extra}
}}
# no growing delays after failed logins: tests fail on purpose, and all come from 127.0.0.1
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""

_PLAIN = """\
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""

_SECURE = """\
ssl = required
ssl_cert = <{cert}
ssl_key = <{key}
ssl_dh = </usr/share/dovecot/dh.pem
auth_mechanisms = plain login{oauth_mechanisms}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
  mechanisms = plain login
}}
{oauth_passdb}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = {imaps_port}
    ssl = yes
  }}
}}
"""

_OAUTH_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {d}/oauth2.conf.ext
}}
"""

_OAUTH2_CONF = """\
introspection_mode = post
introspection_url = http://127.0.0.1:{port}/introspect
username_attribute = username
active_attribute = active
active_value = true
"""


def dovecot_binary() -> str | None:
    found = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
    return found if found and os.geteuid() == 0 else None


class MailboxUser:
    """One test's mailbox on a real IMAP server, seen from the outside (as a mail client would)."""

    password = PASSWORD

    def __init__(self, kind: str, port: int, user: str) -> None:
        self.kind = kind
        self.port = port
        self.user = user

    def client(self) -> IMAPClient:
        c = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=30)
        c.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        c.login(self.user, self.password)
        return c

    def append(self, raws: list[bytes], folder: str = "INBOX") -> None:
        with self.client() as c:
            if not c.folder_exists(folder):
                c.create_folder(folder)
            for raw in raws:
                c.append(folder, raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))

    def count(self, folder: str = "INBOX", criteria: tuple[str, ...] = ("ALL",)) -> int:
        with self.client() as c:
            if not c.folder_exists(folder):
                return 0
            c.select_folder(folder, readonly=True)
            return len(c.search(list(criteria)))

    def unseen(self, folder: str = "INBOX") -> int:
        return self.count(folder, ("UNSEEN",))

    def recreate(self, folder: str) -> None:
        """Delete and recreate ``folder``: the server gives it a new UIDVALIDITY."""
        with self.client() as c:
            if c.folder_exists(folder):
                c.delete_folder(folder)
            c.create_folder(folder)


class PymapMailboxUser(MailboxUser):
    """The same, on pymap, when Dovecot is not installed (no root)."""

    def __init__(self) -> None:
        self.server = PymapServer("bot@example.org", self.password).start()
        super().__init__("pymap", self.server.port, "bot@example.org")

    def close(self) -> None:
        self.server.stop()


class Dovecot:
    """A private Dovecot instance (mdbox, no fsync) with a mailbox user for every test."""

    MAX_USERS = 500

    def __init__(self, exe: str, certs: Certificates | None = None, idp: IdentityProvider | None = None,
                 without_idle: bool = False) -> None:
        self.exe = exe
        self.port = free_port()
        self.imaps_port = free_port() if certs is not None else 0
        self.dir = Path(tempfile.mkdtemp(prefix="mailbot-dovecot-"))
        os.chmod(self.dir, 0o755)
        (self.dir / "mail").mkdir()
        shutil.chown(self.dir / "mail", "dovecot", "dovecot")
        # all users up front: Dovecot caches the passwd file and may miss a change made within the same second
        (self.dir / "passwd").write_text("".join(f"bot{i}@example.org:{{PLAIN}}{PASSWORD}\n"
                                                 for i in range(1, self.MAX_USERS + 1)))
        imap_extra = ("  imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS MOVE "
                      "SPECIAL-USE" if without_idle else "")
        values = {"d": self.dir, "port": self.port, "imaps_port": self.imaps_port, "imap_extra": imap_extra}
        if certs is None:
            auth = _PLAIN.format(**values)
        else:
            if idp is not None:
                (self.dir / "oauth2.conf.ext").write_text(_OAUTH2_CONF.format(port=idp.http_port))
            auth = _SECURE.format(**values, cert=certs.cert, key=certs.key,
                                  oauth_mechanisms=" xoauth2 oauthbearer" if idp is not None else "",
                                  oauth_passdb=_OAUTH_PASSDB.format(**values) if idp is not None else "")
        (self.dir / "dovecot.conf").write_text(_BASE.format(**values) + auth)
        self.proc: subprocess.Popen[bytes] | None = None
        self._next_user = 0

    def start(self) -> Dovecot:
        self.proc = subprocess.Popen([self.exe, "-F", "-c", str(self.dir / "dovecot.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port)
        if self.imaps_port:
            wait_for_port(self.imaps_port)
        return self

    def stop(self) -> None:
        """Stop the server and end every session, as a restart of the machine or the service would."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None
        # an imap process serving a logged-in client outlives the master: end this instance's own
        for pid in self._session_pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def _session_pids(self) -> list[int]:
        prefix = f"dovecot-mailbot-test-{self.port}/".encode()
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    if (entry / "cmdline").read_bytes().startswith(prefix):
                        pids.append(int(entry.name))
        return pids

    def new_user(self) -> MailboxUser:
        """A fresh user's mailbox, reachable in plain text from 127.0.0.1 (which Dovecot counts as secure)."""
        self._next_user += 1
        if self._next_user > self.MAX_USERS:
            raise RuntimeError("more test mailboxes than this Dovecot was prepared for")
        return MailboxUser("dovecot", self.port, f"bot{self._next_user}@example.org")

    def log(self) -> str:
        path = self.dir / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
