"""Crash points for fault tests: ``MAILBOT_CRASH_AT=<name>`` kills the process there with SIGKILL.

Production never sets the variable; the fault tests use it to stop the bot at the
exact instants that matter (after the commit, before marking on the server).
"""

from __future__ import annotations

import os
import signal

_CRASH_AT = os.environ.get("MAILBOT_CRASH_AT", "")


def checkpoint(name: str) -> None:
    if _CRASH_AT and _CRASH_AT == name:
        os.kill(os.getpid(), signal.SIGKILL)
