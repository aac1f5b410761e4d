"""The configuration: ``config.yaml`` read once into frozen dataclasses; every error names its key.

    model.py     the dataclasses, with every default written once
    reader.py    ``Section``: a mapping read key by key (unknown keys refused, ``${ENV}`` expanded)
    schedule.py  ``digest.schedule`` ("mon 08:00") -> days and a time
    briefing.py  ``meetings[].themes`` and ``meetings[].briefing``, checked against the questionnaire
    load.py      YAML file -> ``Config``

This package sits low: it imports only the pure model modules of the questionnaire and the meetings.
"""

from mailbot.config.load import load_config, load_imap, load_smtp, parse_config
from mailbot.config.model import (
    LANGUAGES,
    Config,
    DigestConfig,
    ImapConfig,
    OAuth2Config,
    Organiser,
    Programme,
    RateLimit,
    RetentionConfig,
    ServerConfig,
    SmtpConfig,
)

__all__ = [
    "LANGUAGES",
    "Config",
    "DigestConfig",
    "ImapConfig",
    "OAuth2Config",
    "Organiser",
    "Programme",
    "RateLimit",
    "RetentionConfig",
    "ServerConfig",
    "SmtpConfig",
    "load_config",
    "load_imap",
    "load_smtp",
    "parse_config",
]
