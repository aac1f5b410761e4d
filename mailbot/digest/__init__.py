"""The organiser's digest: what happened since the previous one, and what the circle needs.

Layered so that each part can be read and tested on its own:

    collect.py    database -> DigestData for one period (plain values, no rendering)
    inventory.py  DigestData -> distributions per choice question, quotes per text question (pure)
    bars.py       counts -> HTML bar widths and ``#####`` text bars (pure)
    compose.py    DigestData -> template context for ``templates/<lang>/digest.*`` (pure)
    send.py       the transaction: a DigestRun and one outbox mail per organiser, then drain
    schedule.py   ``digest.schedule`` ("mon 08:00") -> an APScheduler trigger, and the scheduled job
    sample.py     a made-up circle, for the screenshot script and the benchmark
"""

from mailbot.digest.schedule import check_digest_schedule, digest_job, digest_trigger

__all__ = ["check_digest_schedule", "digest_job", "digest_trigger"]
