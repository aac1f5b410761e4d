"""An SMTP sink in its own process, for benchmarks: counts what it accepts, prints its port.

Run: python benchmarks/sink.py PORTFILE. Writes the number of messages received to
PORTFILE.count whenever asked with SIGUSR1, and on exit.
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mailbot.demo.servers import SmtpSink  # noqa: E402


def main() -> None:
    port_file = Path(sys.argv[1])
    parse = len(sys.argv) > 2 and sys.argv[2] == "--parse"  # parse each message, as a real server would
    sink = SmtpSink().start()
    if parse:
        import email
        import email.policy

        original = sink.add

        def add(delivery):  # type: ignore[no-untyped-def]
            email.message_from_bytes(delivery.raw, policy=email.policy.default)
            original(delivery)

        sink.add = add  # type: ignore[method-assign]

    def write_count(*_: object) -> None:
        port_file.with_suffix(".count").write_text(str(sink.count()))

    signal.signal(signal.SIGUSR1, write_count)
    def finish(*_: object) -> None:
        write_count()
        sink.stop()
        sys.exit(0)

    signal.signal(signal.SIGTERM, finish)
    port_file.write_text(str(sink.port))
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
