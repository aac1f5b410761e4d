"""mailbot: an email-driven intake bot for learning circles."""

__version__ = "0.1.0"
