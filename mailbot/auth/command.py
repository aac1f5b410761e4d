"""Any other provider: a command prints the access token (``oauth2ms``, ``mutt_oauth2.py``, a vault client).

The command runs through ``/bin/sh -c``. It prints the token alone, or JSON with
``access_token`` and ``expires_in``; a plain token is reused for ``token_lifetime`` seconds.
"""

from __future__ import annotations

import json
import subprocess

from mailbot.auth.source import Token
from mailbot.config import OAuth2Config
from mailbot.core.errors import AuthError, TransportError


class TokenCommand:
    def __init__(self, config: OAuth2Config, timeout: float) -> None:
        self.config = config
        self.timeout = timeout

    def fetch(self) -> Token:
        try:
            done = subprocess.run(["/bin/sh", "-c", self.config.token_command], capture_output=True, text=True,
                                  timeout=self.timeout, check=False)
        except subprocess.TimeoutExpired:
            raise TransportError(f"oauth2.token_command did not finish within {self.timeout:.0f} s") from None
        except OSError as e:
            raise AuthError(f"oauth2.token_command cannot run: {e.strerror}") from None
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or [""])[-1][:200]
            raise AuthError(f"oauth2.token_command exited with {done.returncode}" + (f": {last}" if last else ""))
        out = done.stdout.strip()
        if out.startswith("{"):
            try:
                data = json.loads(out)
                expires_in = data.get("expires_in")
                return Token(str(data["access_token"]), float(expires_in) if expires_in is not None else None)
            except (ValueError, KeyError, TypeError, AttributeError):
                raise AuthError("oauth2.token_command printed JSON without a usable access_token") from None
        if not out or len(out.split()) != 1:
            raise AuthError("oauth2.token_command printed no token (expected one line with the access token)")
        return Token(out, None)

    def forget(self) -> None:
        pass
