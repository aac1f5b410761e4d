"""Real IMAP servers for the integration tests: Dovecot when installed (always in CI), pymap otherwise.

One Dovecot instance serves the whole test session; every test gets a mailbox user
of its own, so tests never see each other's mail.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from imapclient import IMAPClient

from mailbot.devservers import PymapServer, free_port, wait_for_port

DOVECOT_CONF = """\
instance_name = mailbot-test-{port}
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
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
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = home={d}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
protocol imap {{
  mail_max_userip_connections = 200
}}
"""


def dovecot_binary() -> str | None:
    found = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
    return found if found and os.geteuid() == 0 else None


class Dovecot:
    """A private Dovecot instance (mdbox, no fsync) with a mailbox user for every test."""

    MAX_USERS = 500

    def __init__(self, exe: str) -> None:
        self.exe = exe
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="mailbot-dovecot-"))
        os.chmod(self.dir, 0o755)
        (self.dir / "mail").mkdir()
        shutil.chown(self.dir / "mail", "dovecot", "dovecot")
        # all users up front: Dovecot caches the passwd file and may miss a change made within the same second
        (self.dir / "passwd").write_text("".join(f"bot{i}@example.org:{{PLAIN}}{Mailbox.password}\n"
                                                 for i in range(1, self.MAX_USERS + 1)))
        (self.dir / "dovecot.conf").write_text(DOVECOT_CONF.format(d=self.dir, port=self.port))
        self.proc: subprocess.Popen[bytes] | None = None
        self._users = itertools.count(1)

    def start(self) -> None:
        self.proc = subprocess.Popen([self.exe, "-F", "-c", str(self.dir / "dovecot.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def add_user(self) -> str:
        number = next(self._users)
        if number > self.MAX_USERS:
            raise RuntimeError("more test mailboxes than Dovecot was prepared for")
        return f"bot{number}@example.org"

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class Mailbox:
    """One test's mailbox on a real IMAP server, seen from the outside (as a mail client would)."""

    password = "test-password"

    def __init__(self, kind: str, port: int, user: str, restart: object = None) -> None:
        self.kind = kind
        self.port = port
        self.user = user
        self._restart = restart

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


class PymapMailbox(Mailbox):
    def __init__(self) -> None:
        self.server = PymapServer("bot@example.org", self.password).start()
        super().__init__("pymap", self.server.port, "bot@example.org")

    def close(self) -> None:
        self.server.stop()
