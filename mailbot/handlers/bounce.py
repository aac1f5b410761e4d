"""A delivery failure: the participants it names as permanently unreachable become 'bounced'."""

from __future__ import annotations

import re

from mailbot.domain import Status
from mailbot.handlers import HandlerContext, Outcome, handled

_FINAL = re.compile(r"^(?:final|original)-recipient:\s*(?:rfc822;)?\s*<?([^\s<>;]+@[^\s<>;]+)>?", re.I | re.M)
_ACTION = re.compile(r"^action:\s*(\w+)", re.I | re.M)
_STATUS = re.compile(r"^status:\s*(\d)\.", re.I | re.M)
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def failed_recipients(delivery_status: str, text: str) -> set[str]:
    """Addresses a bounce reports as permanently failed; delays and warnings name nobody."""
    if delivery_status:
        actions = {a.lower() for a in _ACTION.findall(delivery_status)}
        statuses = set(_STATUS.findall(delivery_status))
        if actions and actions <= {"delayed", "relayed", "delivered", "expanded"}:
            return set()
        if not actions and statuses and "5" not in statuses:
            return set()
        return {a.lower() for a in _FINAL.findall(delivery_status)}
    if re.search(r"\b(?:delay(?:ed)?|vertraagd|will retry|still trying|warning)\b", text[:1500], re.I):
        return set()
    return {a.lower() for a in _ADDRESS.findall(text)}


def handle(ctx: HandlerContext) -> Outcome:
    addresses = failed_recipients(ctx.mail.delivery_status, ctx.mail.text) - {ctx.config.programme.address.lower()}
    if not addresses:
        return handled("bounce: no participant named")
    found = [p for p in (ctx.lookups.participant(a) for a in sorted(addresses)) if p is not None]
    for participant in found:
        if participant.status != Status.WITHDRAWN:
            participant.status = Status.BOUNCED
            participant.updated_at = ctx.now
    if found:
        ctx.row.participant = found[0]
        return handled(f"bounce: marked {len(found)} participant(s) bounced")
    return handled("bounce: for an address that is not a participant")
