"""The organiser's digest: what happened since the previous one, and what the circle needs.

Layered so that each part can be read and tested on its own:

    collect.py    database -> DigestData for one period (plain values, no rendering)
    inventory.py  DigestData -> distributions per choice question, quotes per text question (pure)
    bars.py       counts -> HTML bar widths and ``#####`` text bars (pure)
    compose.py    DigestData -> template context for ``templates/<lang>/digest.*`` (pure)
    send.py       the transaction: a DigestRun and one outbox mail per organiser
    sample.py     a made-up circle, for the screenshot script and the benchmark

When it goes out is ``digest.schedule`` (``mailbot.config.schedule``), run by ``mailbot.service``.
"""
