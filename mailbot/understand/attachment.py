"""Files the person attached: a person reads them (we never read answers out of a document)."""

from __future__ import annotations

from mailbot.core.domain import Finding
from mailbot.understand.reading import Found, Reading, Sentences

name = "attachment"


def find(reading: Reading, sentences: Sentences) -> list[Found]:
    files = reading.mail.attachments
    if not files:
        return []
    names = [f.filename for f in files]
    return [Found(Finding.ATTACHMENT, ", ".join(names), {"files": names})]
