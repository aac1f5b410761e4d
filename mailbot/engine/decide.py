"""Deciding one message: store it, learn what storage knows, tell machines from people, act, respond.

    store        the raw message, before anything else
    machines     the rules chain (``classify``): a machine's mail is recorded, never answered
    organisers   mail from an organiser address is hers: ``mailbot.organiser``
    people       ``understand`` finds everything the mail says; a handler acts on each finding
                 (``handlers.dispatch``); ``respond`` queues one reply and, when a person must
                 see it, one forward to the organiser
    authority    what the receiving server says of the sender (``mail.authresults``): a forged
                 mail changes nothing and goes to the organiser

Everything happens in the caller's transaction (one per batch, see ``runner``): the stored
row, the changes and the queued mail commit together or not at all. One decision is logged
per message on ``mailbot.decision``.

With ``isolate`` each message's handling runs in a savepoint of its own, so that a handler
that fails takes back only its own changes and the message is quarantined with the reason;
without it (the fast path) a failing handler raises ``HandlerFailed`` and the runner decides
the batch again, isolated.
"""

from __future__ import annotations

import hashlib
import logging
import re
import traceback
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from mailbot.answers.questionnaire import AnswerValue
from mailbot.config import Config
from mailbot.conversation.actions import answered_action, misdirected, requested
from mailbot.conversation.respond import Response, finish
from mailbot.conversation.threads import Thread, last_questionnaire_mail, questionnaire_seen, thread_of
from mailbot.conversation.tokens import find_tokens
from mailbot.core.domain import ANSWERABLE_MAIL, Kind, MailKind, State, Status
from mailbot.core.domain import Attendance as Presence
from mailbot.engine.batch import Batch, Repeats, template_key, words_key
from mailbot.engine.classify import classify
from mailbot.handlers import HandlerContext, Outcome, handled, needs_human
from mailbot.handlers.dispatch import FINDINGS, KIND_OF, MACHINE
from mailbot.mail.authresults import Authenticity, assess_authenticity
from mailbot.mail.parse import IncomingMail, MalformedMail, parse_mail
from mailbot.mail.split import split_body
from mailbot.organiser import handle as organiser_mail
from mailbot.rules import Facts
from mailbot.store.db import aware, naive_utc
from mailbot.store.models import Attendance, IncomingMessage, Participant
from mailbot.store.trouble import reason
from mailbot.transports import Fetched
from mailbot.understand import Found, Reading, Sentences, question, understand
from mailbot.understand.detect_language import clearly_in, detect_language

log = logging.getLogger(__name__)
decisions = logging.getLogger("mailbot.decision")
# a value one message brought that the database refuses (too long, out of range, a duplicate): that
# message is quarantined alone, the mail behind it goes on; any other database error stops the poll
BAD_VALUE = (DataError, IntegrityError)
_MESSAGE_ID_LINE = re.compile(rb"^message-id:[ \t]*(<[^<>\s]{1,900}>)", re.IGNORECASE | re.MULTILINE)
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|antw|aw|sv|r|réf|ref)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
WRITTEN_HERE = ("nl", "en")  # the languages our templates are in


class HandlerFailed(Exception):
    """A handler raised on the fast path: the batch is decided again, each message isolated."""


def raw_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def parse_or_reason(raw: bytes) -> IncomingMail | str:
    try:
        return parse_mail(raw)
    except MalformedMail as e:
        return e.reason


def _raw_message_id(raw: bytes) -> str:
    """The Message-ID of a message we could not parse, when its header still shows one."""
    found = _MESSAGE_ID_LINE.search(raw[:200_000])
    return found.group(1).decode("ascii", "replace") if found else ""


def reading_of(session: Session, config: Config, mail: IncomingMail, participant: Participant | None,
               thread: Thread | None, pending_action: str | None, now: datetime) -> Reading:
    """What the detectors read: the person's own words, our own text taken out, with what we know."""
    ours = [thread.body_text] if thread is not None and thread.body_text else []
    answerable = thread is not None and thread.kind in ANSWERABLE_MAIL
    sent_text = thread.body_text if thread is not None and answerable else None
    version_id = thread.questionnaire_version_id if thread is not None and answerable else None
    if participant is not None and not ours:
        last = last_questionnaire_mail(session, participant)
        if last is not None and last[0]:
            ours, sent_text, version_id = [last[0]], sent_text or last[0], last[1]
    seen = questionnaire_seen(session, version_id) or config.questionnaire
    answers, declined = known_of(session, participant)
    text = split_body(mail.text, ours).new_text if ours else mail.new_text
    subject = "" if thread is not None or _REPLY_SUBJECT.match(mail.subject) else mail.subject
    language = detect_language(f"{subject}\n{text}", participant.language if participant else config.programme.language)
    return Reading(
        mail=mail, text=text, subject=subject, language=language,
        status=Status(participant.status) if participant is not None else None, meetings=config.meetings,
        timezone=config.timezone, now=aware(now), questionnaire=seen, current=config.questionnaire,
        replies_to=MailKind(thread.kind) if thread is not None and thread.kind in set(MailKind) else None,
        thread_meeting=thread.meeting_id if thread is not None else None, pending_action=pending_action,
        sent_text=sent_text, replied_to_text=ours[0] if thread is not None and ours else None, answers=answers,
        declined=declined)


def known_of(session: Session, participant: Participant | None) -> tuple[dict[str, AnswerValue], tuple[str, ...]]:
    """What storage knows of a participant that their words may refer to: their answers, the meetings declined."""
    if participant is None or participant.id is None:
        return {}, ()
    answers = {a.question_id: a.value for a in participant.answers if a.current}
    declined = tuple(session.scalars(select(Attendance.meeting_id).where(
        Attendance.participant_id == participant.id, Attendance.status == Presence.DECLINED)))
    return answers, declined


def reply_language(reading: Reading, participant: Participant | None) -> str:
    """We answer Dutch in Dutch, English in English, anything else in English (a participant too: they wrote
    in a language we do not write, and must understand what we tell them). A participant's language stays
    what it was ("Thanks!" under a Dutch conversation changes nothing) until they clearly write in the other
    one: then that is theirs, from this reply on."""
    if reading.language not in WRITTEN_HERE:
        return "en"
    if participant is None:
        return reading.language
    if clearly_in(reading.text, reading.language, participant.language):
        participant.language = reading.language
    return participant.language


class Decider:
    """Decides the messages of one batch (one transaction)."""

    def __init__(self, config: Config, batch: Batch, folder: str, uidvalidity: int, *, rescan: bool,
                 isolate: bool) -> None:
        self.config = config
        self.batch = batch
        self.folder = folder
        self.uidvalidity = uidvalidity
        self.rescan = rescan  # the folder is read again after a UIDVALIDITY change: skip what we know
        self.isolate = isolate

    @property
    def now(self) -> datetime:
        return self.batch.outbox.now

    @property
    def session(self) -> Session:
        return self.batch.session

    def decide(self, fetched: Fetched, mail: IncomingMail | str) -> IncomingMessage | None:
        """Store the message and act on it; None when a rescan found it already handled."""
        batch = self.batch
        digest = raw_hash(fetched.raw)
        row = IncomingMessage(folder=self.folder, uidvalidity=self.uidvalidity, uid=fetched.uid, raw_hash=digest,
                              size=fetched.size, raw=fetched.raw, received_at=self.now, kind="", rule="",
                              state=State.NEW, reason="", marked=False, digested=False,
                              authenticity=Authenticity.UNKNOWN)
        if isinstance(mail, str):
            row.message_id = _raw_message_id(fetched.raw)
            batch.remember_message("", digest)
            return self._quarantine(row, Kind.MALFORMED, mail)
        row.message_id = mail.message_id[:998]
        row.sender = mail.sender
        row.sender_name = mail.sender_name[:200]
        row.subject = mail.subject[:2000]
        # stored cut, never refused: one absurd header must not block the mail behind it
        row.truncated = len(mail.message_id) > 998 or len(mail.sender_name) > 200 or len(mail.subject) > 2000
        row.sent_date = naive_utc(mail.date) if mail.date else None
        row.excerpt = mail.new_text[:500]
        duplicate = batch.known(mail.message_id, digest)
        batch.remember_message(mail.message_id, digest)
        if self.rescan and duplicate:
            return None  # the same message at a new UID after UIDVALIDITY changed: already handled
        if fetched.truncated:
            return self._quarantine(row, Kind.OVERSIZED, f"{fetched.size} bytes is over imap.max_message_bytes "
                                                         f"({self.config.imap.max_message_bytes}); only its header "
                                                         "was stored")
        batch.session.add(row)
        thread = thread_of(batch.session, mail)
        repeats = batch.repeats(mail.sender, mail.new_text, same_conversation=_same_conversation(mail, thread)) \
            if mail.sender else Repeats()
        facts = Facts(own_addresses=frozenset({self.config.programme.address.lower()}),
                      own_domain=self.config.programme.domain, duplicate=duplicate,
                      repeats=repeats.same, similar=repeats.similar, answers_us=self._answers_us(mail, thread))
        authentication = self.config.authentication
        assessment = assess_authenticity(mail.authentication_results, authentication.trusted_servers, mail.sender,
                                         server_strips_forged=authentication.server_strips_forged)
        row.authenticity = assessment.level
        participant = batch.participant(mail.sender) if mail.sender else None
        ctx = HandlerContext(session=batch.session, config=self.config, now=self.now, row=row, mail=mail,
                             participant=participant, outbox=batch.outbox, lookups=batch,
                             response=Response(participant.language if participant else self.config.programme.language),
                             authenticity=assessment.level)
        outcome = self._isolated(ctx, lambda: self._act(ctx, facts, assessment.reason, thread))
        row.state, row.reason = outcome.state, outcome.reason[:2000]
        decisions.info("message uid %s: kind=%s rule=%s state=%s auth=%s: %s", row.uid, row.kind, row.rule,
                       row.state, row.authenticity, row.reason)
        return row

    # ---------------------------------------------------------------- what to do

    def _answers_us(self, mail: IncomingMail, thread: Thread | None) -> bool:
        """Her mail, or an answer to a request of ours (by its thread or its reference): a person, never a loop."""
        if mail.sender in self.config.organiser_addresses or (thread is not None and thread.action_id is not None):
            return True
        tokens = find_tokens(mail.subject, mail.text)
        return bool(tokens) and requested(self.session, tokens)

    def _act(self, ctx: HandlerContext, facts: Facts, auth_reason: str, thread: Thread | None) -> Outcome:
        mail, row = ctx.mail, ctx.row
        machine = classify(mail, facts)
        if machine is not None:
            row.kind, row.rule = machine.kind, machine.rule
            outcome = MACHINE[machine.kind](ctx)
            if machine.kind == Kind.CALENDAR_REPLY:
                outcome = self._calendar_words(ctx, outcome)
            elif ctx.response.reasons:  # a machine is never answered, but the organiser may need to know
                ctx.response.keep_silent("nothing: a machine sent it")
                self._respond(ctx)
            return outcome
        if not mail.sender:  # none, several, or one no mailbox has (mail.address): nobody to answer or register
            row.kind, row.rule = Kind.UNKNOWN, "none"
            return Outcome(State.QUARANTINED, mail.sender_problem or "no sender address to act on")
        if mail.sender in self.config.organiser_addresses:
            row.kind, row.rule = Kind.ORGANISER, "organiser"
            return organiser_mail(ctx)
        return self._people(ctx, auth_reason, thread)

    def _people(self, ctx: HandlerContext, auth_reason: str, thread: Thread | None) -> Outcome:
        mail, row, session = ctx.mail, ctx.row, self.session
        thread_action = thread.action_id if thread is not None else None
        tokens = find_tokens(mail.subject, mail.text)
        ctx.action = answered_action(session, mail.sender, [thread_action] if thread_action else [], tokens, self.now)
        if ctx.action is None and (wrong := misdirected(session, mail.sender, thread_action, tokens)):
            return self._misdirected(ctx, wrong)
        reading = reading_of(session, self.config, mail, ctx.participant, thread,
                             ctx.action.kind if ctx.action is not None else None, self.now)
        ctx.reading = reading
        ctx.response.language = reply_language(reading, ctx.participant)
        findings = understand(reading)
        row.findings = [f.as_dict() for f in findings]
        row.rule = "understand"
        row.kind = KIND_OF[findings[0].kind] if findings else Kind.MESSAGE
        if ctx.participant is not None:
            ctx.claim(ctx.participant)
        if ctx.authenticity == Authenticity.FORGED:
            return self._forged(ctx, findings, auth_reason)
        outcomes = [FINDINGS[f.kind](ctx, f) for f in findings]
        if not outcomes:
            outcomes = [handled("nothing to act on (thanks, a greeting)")]
        self._respond(ctx)
        return _combined(outcomes)

    def _misdirected(self, ctx: HandlerContext, why: str) -> Outcome:
        """Someone answers a request that was not theirs to answer: nothing changes, a person looks at it."""
        ctx.row.kind, ctx.row.rule = Kind.CONFIRMATION, "misdirected"
        ctx.response.hand_over("confirmation", f"{why}; nothing was done. The mail says: {ctx.mail.new_text[:300]}")
        ctx.response.keep_silent("nothing: the confirmation is not theirs to give")
        self._respond(ctx)
        return needs_human(f"{why}: nothing done, handed to the organiser")

    def _forged(self, ctx: HandlerContext, findings: list[Found], why: str) -> Outcome:
        """A forged sender changes nothing: the organiser sees what it tried, the named person hears nothing."""
        ctx.row.kind = Kind.FORGED
        said = "; ".join(f"{f.kind}: {f.text}" if f.text else str(f.kind) for f in findings) or ctx.mail.new_text[:300]
        ctx.response.hand_over("forged", f"{why}. The mail says: {said}")
        ctx.response.keep_silent("nothing: the receiving server says this sender is forged")
        self._respond(ctx)
        return needs_human(f"forged sender ({why}): nothing changed, handed to the organiser")

    def _calendar_words(self, ctx: HandlerContext, outcome: Outcome) -> Outcome:
        """A calendar button is never answered, but what the person typed in it reaches a person."""
        from mailbot.meetings.ics import parse_calendar_reply

        comments = [r.comment for r in parse_calendar_reply(ctx.mail.calendar or b"") if r.comment]
        words = " ".join(dict.fromkeys([ctx.mail.new_text.strip(), *comments])).strip()
        if not words or ctx.authenticity == Authenticity.FORGED:
            return outcome
        reading = reading_of(self.session, self.config, ctx.mail, ctx.participant, None, None, self.now)
        asked = question.find(reading, Sentences.of(words))
        if not asked:
            return outcome
        ctx.response.language = reply_language(reading, ctx.participant)
        for finding in asked:
            FINDINGS[finding.kind](ctx, finding)
        ctx.row.findings = [f.as_dict() for f in asked]
        self._respond(ctx)
        return needs_human(f"{outcome.reason}; with a question, handed to the organiser")

    def _respond(self, ctx: HandlerContext) -> None:
        sender, response = ctx.mail.sender, ctx.response
        if ctx.outbox.suppressed(sender) and not response.farewell:
            response.keep_silent("nothing: the address was forgotten on request")
        elif not response.silent and (response.mains or response.also) and response.counted \
                and ctx.outbox.over_limit(sender) and not response.farewell:
            response.keep_silent("nothing: too many automatic replies to this address today")
            response.hand_over("rate_limit", "too many automatic replies to this address today; "
                                             "possibly a loop with a machine, or a long conversation")
        name = ctx.participant.name if ctx.participant is not None else ctx.mail.sender_name
        finish(response, outbox=ctx.outbox, config=self.config, mail=ctx.mail, row=ctx.row,
               participant=ctx.participant, name=name)

    # ---------------------------------------------------------------- safety

    def _isolated(self, ctx: HandlerContext, act: Callable[[], Outcome]) -> Outcome:
        row = ctx.row
        if not self.isolate:
            try:
                return act()
            except BAD_VALUE as e:  # a value this database refuses: decided again, isolated, it fails alone
                log.warning("message uid %s: the database refused a value (%s); deciding the batch again, isolated",
                            row.uid, reason(e))
                raise HandlerFailed() from e
            except SQLAlchemyError:
                raise
            except Exception as e:  # noqa: BLE001 - decided again, isolated: see the module docstring
                log.warning("message uid %s: handling failed (%s); deciding the batch again, isolated", row.uid, e)
                raise HandlerFailed() from e
        session = self.session
        session.flush()
        savepoint = session.begin_nested()
        checkpoint = self.batch.checkpoint()
        try:
            outcome = act()
            session.flush()
            savepoint.commit()
            return outcome
        except BAD_VALUE as e:
            error: Exception = e  # one message's value, not the database's trouble: quarantined alone below
        except SQLAlchemyError:
            raise  # the database itself is in trouble: stop, mark nothing
        except Exception as e:  # noqa: BLE001 - one bad message must never stop the loop
            error = e
        savepoint.rollback()
        self.batch.rollback_to(checkpoint)
        # the database's own words without its SQL and parameters (which may hold personal data)
        detail = (f"the database refused a value: {reason(error)}" if isinstance(error, BAD_VALUE)
                  else "".join(traceback.format_exception_only(type(error), error)).strip())
        log.error("message uid %s: handling failed: %s", row.uid, detail)
        if row not in session:
            session.add(row)
        row.findings = None
        return Outcome(State.QUARANTINED, f"handling {row.kind or 'the message'} failed: {detail}"[:2000])

    def _quarantine(self, row: IncomingMessage, kind: Kind, reason: str) -> IncomingMessage:
        row.kind, row.rule, row.state, row.reason = kind, kind, State.QUARANTINED, reason[:2000]
        self.session.add(row)
        decisions.info("message uid %s: kind=%s state=quarantined: %s", row.uid, kind, reason)
        return row


def _same_conversation(mail: IncomingMail, thread: Thread | None) -> bool:
    """Whether the sender's earlier mails of the day are this one's conversation: it answers no mail of ours
    (an auto-responder that drops the threading), or it answers our answer to the same words (a ping-pong).
    A mail that answers another mail of ours (a request, a reminder, a preview) starts a conversation of its own.
    """
    if thread is None:
        return True
    if thread.cause_sender != mail.sender:
        return False
    earlier, now = words_key(thread.cause_excerpt), words_key(mail.new_text)
    return earlier == now or template_key(earlier) == template_key(now)


def _combined(outcomes: list[Outcome]) -> Outcome:
    """The message's state is the most urgent of its findings'; the reason lists them all."""
    order = {State.QUARANTINED: 2, State.NEEDS_HUMAN: 1, State.HANDLED: 0}
    state = max((o.state for o in outcomes), key=lambda s: order.get(s, 0))
    return Outcome(state, "; ".join(o.reason for o in outcomes))
