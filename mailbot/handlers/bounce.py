"""A delivery failure changes a participant only when it proves it is about a mail we sent them.

The proof is ``mailbot.mail.dsn``'s: our Message-ID in the returned headers, or the
per-recipient return path (``bounces.verp``) it came back to. Then:

- a permanent failure (5.x.x) makes the participant ``bounced`` (their reminders stop),
  and the organiser hears which mail bounced and why;
- a temporary one (4.x.x, a delay) is counted; ``bounces.temporary_failures`` of them over
  at least ``bounces.temporary_days`` days count as a bounce;
- a report that proves nothing changes nothing; when it names a participant it goes to
  the organiser, since only a person can tell a forged report from a careless server.

A bounce is never answered (it is a machine), so the organiser is the only one we tell.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute

from mailbot.core.domain import Status
from mailbot.handlers import HandlerContext, Outcome, handled, needs_human
from mailbot.mail.dsn import BounceReport, Failure, ProvenFailure, parse_bounce, proven_failures
from mailbot.store.models import Event, OutboxMail, Participant

TEMPORARY = "temporary_failure"  # Event.what for one counted 4.x.x failure


def handle(ctx: HandlerContext) -> Outcome:
    programme = ctx.config.programme.address
    report = parse_bounce(ctx.mail, programme)
    proven = proven_failures(report, lambda i: _recipient(ctx, OutboxMail.message_id, i),
                             lambda t: _recipient(ctx, OutboxMail.return_token, t))
    changed: list[str] = []
    for failure in proven:
        participant = ctx.lookups.participant(failure.address)
        if participant is None:
            continue
        ctx.claim(participant)
        if failure.failure is Failure.PERMANENT:
            changed.append(_bounced(ctx, participant, failure, _diagnostic(report, failure.address)))
        elif _counted_enough(ctx, participant):
            changed.append(_bounced(ctx, participant, failure, "repeated temporary failures"))
        else:
            changed.append(f"temporary failure for participant {participant.id} counted ({failure.proof})")
    if changed:
        return handled("bounce: " + "; ".join(changed))
    named = [p for p in (ctx.lookups.participant(r.address) for r in report.recipients
                         if r.failure is not Failure.NONE) if p is not None]
    if not named:
        return handled("bounce: names no participant, or only a delay we could not tie to a mail of ours")
    ctx.claim(named[0])
    ctx.response.hand_over("bounce", "A delivery report names " + ", ".join(p.email for p in named)
                           + ", but does not prove it is about a mail we sent: nothing was changed. "
                           "Please check whether the address still works.")
    return needs_human("bounce without proof (no Message-ID of ours, no return path): nothing changed")


def _recipient(ctx: HandlerContext, column: InstrumentedAttribute[str | None], value: str) -> str | None:
    """The address one of our mails went to, found by its Message-ID or its return path token."""
    return ctx.session.scalar(select(OutboxMail.recipient).where(column == value).limit(1))


def _diagnostic(report: BounceReport, address: str) -> str:
    for r in report.recipients:
        if r.names(address) and r.failure is not Failure.NONE:
            return f"{r.status} {r.diagnostic}".strip()
    return ""


def _counted_enough(ctx: HandlerContext, participant: Participant) -> bool:
    """Count this temporary failure; True when the failures so far add up to a bounce."""
    policy = ctx.config.bounces
    ctx.session.add(Event(at=ctx.now, what=TEMPORARY, detail=f"participant {participant.id}"))
    ctx.session.flush()
    times = ctx.session.scalars(select(Event.at).where(Event.what == TEMPORARY,
                                                       Event.detail == f"participant {participant.id}")).all()
    return len(times) >= policy.temporary_failures and \
        max(times) - min(times) >= timedelta(days=policy.temporary_days)


def _bounced(ctx: HandlerContext, participant: Participant, failure: ProvenFailure, why: str) -> str:
    if participant.status not in (Status.WITHDRAWN, Status.BOUNCED):
        participant.status = Status.BOUNCED
        participant.updated_at = ctx.now
    ctx.response.hand_over("bounce", f"Our mail to {participant.email} could not be delivered ({why or 'permanent'}; "
                                     f"proof: {failure.proof}). Reminders to this address have stopped; "
                                     "a working address can be registered again.")
    return f"participant {participant.id} bounced ({failure.proof})"
