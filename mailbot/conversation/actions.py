"""Things that wait for an unambiguous yes, by mail, from the one who may give it.

Erasing someone's data, an organiser's command from an address we could not authenticate, an
announcement to everyone, a meeting change, answers a colleague sent for someone: each is an
``Action`` with a random token. We mail the token to the address that must decide (the request's
``[ref:TOKEN]`` is in its subject and text); a reply from that address, in that thread or carrying
that token, says yes, no or something unclear. A forger never sees the token, so cannot say yes.
An open action expires: then nothing happens.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from mailbot.conversation.tokens import new_token
from mailbot.core.domain import ActionKind, ActionState
from mailbot.outbox.queue import address_hash
from mailbot.store.models import Action, IncomingMessage, Participant

VALID = {ActionKind.FORGET: timedelta(days=7), ActionKind.ORGANISER_COMMANDS: timedelta(days=2),
         ActionKind.ANNOUNCEMENT: timedelta(days=7), ActionKind.MEETING_CHANGE: timedelta(days=14),
         ActionKind.MEETING_EDIT: timedelta(days=14),
         ActionKind.COLLEAGUE_ANSWERS: timedelta(days=30), ActionKind.INTRODUCTIONS: timedelta(days=7)}


def open_action(session: Session, kind: ActionKind, address: str, now: datetime, payload: dict[str, Any],
                participant: Participant | None = None, cause: IncomingMessage | None = None) -> Action:
    if (cause is not None and cause.id is None) or (participant is not None and participant.id is None):
        session.flush()  # the mail that asked, and whom it is about, are remembered by their ids
    action = Action(kind=kind, token=new_token(), address=address.lower(), payload=payload, state=ActionState.OPEN,
                    created_at=now, expires_at=now + VALID[kind],
                    participant_id=participant.id if participant is not None else None,
                    cause_id=cause.id if cause is not None else None)
    session.add(action)
    return action


def answered_action(session: Session, address: str, thread_actions: Collection[int], tokens: Collection[str],
                    now: datetime) -> Action | None:
    """The open action this mail answers: by its thread or a token we sent, to the address that sent it."""
    return _answered(session, address, thread_actions, tokens, Action.state == ActionState.OPEN,
                     Action.expires_at > now)


def decided_action(session: Session, address: str, thread_actions: Collection[int],
                   tokens: Collection[str]) -> Action | None:
    """The request of ``address`` this mail answers, whatever its state; asked when no open one is: a late answer
    to a request that was decided already or ran out."""
    return _answered(session, address, thread_actions, tokens)


def _answered(session: Session, address: str, thread_actions: Collection[int], tokens: Collection[str],
              *conditions: ColumnElement[bool]) -> Action | None:
    """The newest request of ``address`` this mail answers (and that meets ``conditions``)."""
    if not thread_actions and not tokens:
        return None
    # a reference in the mail must be the right one; the thread alone counts only when there is none
    answers = Action.token.in_(list(tokens)) if tokens else Action.id.in_(list(thread_actions))
    return session.scalar(select(Action).where(answers, Action.address == address.lower(), *conditions)
                          .order_by(Action.id.desc()).limit(1))


def requested(session: Session, tokens: Collection[str]) -> bool:
    """Whether any of ``tokens`` is the reference of a request of ours (in whatever state)."""
    return session.scalar(select(Action.id).where(Action.token.in_(list(tokens))).limit(1)) is not None


def misdirected(session: Session, address: str, thread_action: int | None, tokens: Collection[str]) -> str:
    """Why a mail that answers one of our requests cannot answer it; "" when it does not try to.

    Called when ``answered_action`` found nothing: a reference or thread that points to a
    request of another address, or a reference that matches no request at all where the thread
    has one (a guessed reference), is someone else's confirmation. It changes nothing.
    """
    if not tokens and thread_action is None:
        return ""
    by_token = list(session.scalars(select(Action).where(Action.token.in_(list(tokens))))) if tokens else []
    by_thread = session.get(Action, thread_action) if thread_action is not None else None
    mine = {address.lower(), address_hash(address)}  # an erased requester's action keeps only the hash
    for action in [*by_token, *([by_thread] if by_thread is not None else [])]:
        if action.address not in mine:
            return "a confirmation for a request of another address"
    if tokens and not by_token and by_thread is not None:
        return "a reference that matches no request of ours"
    return ""  # no request, or a late answer to one already decided: read as any other mail


def close(action: Action, state: ActionState, now: datetime) -> None:
    action.state = state
    action.decided_at = now


def expire(session: Session, now: datetime) -> int:
    """Open actions past their time: nothing happens, ever (an announcement not confirmed is not sent)."""
    stale = list(session.scalars(select(Action).where(Action.state == ActionState.OPEN, Action.expires_at <= now)))
    for action in stale:
        close(action, ActionState.EXPIRED, now)
    return len(stale)
