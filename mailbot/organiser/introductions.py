"""Introducing participants to each other by mail, after the organiser's yes.

    koppel <naam of adres> | introduce <name or address>    that person's matches, both ways
    koppelingen | introductions                               every match not introduced yet

Her command gets a preview: every mail exactly as it would go, and who is left out and why
(said no to introductions, introduced already). Her "JA" queues each introduction: one mail
addressed to both people (each gets their copy), each told in their own language who the other
is and what connects them, Reply-To both, so that they answer each other and not us. The pair
is recorded (``Introduction``): nobody is introduced to the same person twice, whatever she asks
later. "NEE", or no answer within a week, sends nothing. What changed in between is checked
again at her yes: someone who withdrew or said no since is left out, and she is told.

What an introduction shares: the two names, organisations and addresses, and the topic (the shared
words of the helper's experience, which they wrote to share with the group, and the theme both
chose). Never the question as written, nor any other answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from mailbot.config import Config
from mailbot.conversation.actions import close, open_action
from mailbot.conversation.tokens import marked
from mailbot.core.domain import ACTIVE, ActionKind, ActionState, MailKind
from mailbot.handlers import HandlerContext, Outcome, handled
from mailbot.matching.collect import circle_matches, declined_introductions, introduced_pairs
from mailbot.matching.model import Match, Matches, Profile
from mailbot.matching.words import topic
from mailbot.organiser.commands import Command
from mailbot.organiser.replies import reply_lines
from mailbot.people.organisation import organisation_of
from mailbot.people.roles import roles_of
from mailbot.store.models import Action, Introduction, Participant
from mailbot.wording.templates import Templates, base_context

HELPERS = 3  # per asker: the best, as the briefing and the digest show them
LANGUAGES = ("nl", "en")  # the languages the topic is kept in, for the mails at her yes
TEMPLATE = "introduction"  # one language's letter; the mail joins one letter per language
SEPARATOR = "\n\n" + "-" * 45 + "\n\n"
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
Line = dict[str, Any]


def command(ctx: HandlerContext, command: Command) -> Line:
    """``koppel``/``koppelingen``: a preview of the introductions, waiting for her yes; nothing is sent."""
    matches = circle_matches(ctx.session, ctx.config.questionnaire)
    who = None
    if command.verb == "introduce":
        found = named(matches.people, command.text)
        if len(found) != 1:
            return {"key": "introduce_unknown", "who": command.text,
                    "candidates": [f"{p.display_name} <{p.email}>" for p in found]}
        who = found[0]
    chosen, left_out = plan(matches, who.id if who is not None else None)
    if not chosen:
        return {"key": "introductions_none", "who": who.display_name if who else "", "left_out": left_out}
    topics = [{lang: topic(m, ctx.config.questionnaire, lang) for lang in LANGUAGES} for m in chosen]
    action = _action(ctx, [{"asker": m.asker.id, "helper": m.helper.id, "topics": shown}
                           for m, shown in zip(chosen, topics, strict=True)])
    mails = [preview(ctx.templates, ctx.config, m.asker, m.helper, shown)
             for m, shown in zip(chosen, topics, strict=True)]
    return {"key": "introductions_preview", "who": who.display_name if who else "", "mails": mails,
            "left_out": left_out, "reference": marked(action.token), "valid_days": 7}


def named(people: Sequence[Profile], text: str) -> list[Profile]:
    """Who ``text`` names: by address, by whole name, or by a first name only one person has."""
    address = _ADDRESS.search(text)
    if address is not None:
        return [p for p in people if p.email.casefold() == address.group().casefold()]
    wanted = " ".join(text.split()).casefold()
    tests: tuple[Callable[[Profile], bool], ...] = (
        lambda p: p.name.casefold() == wanted,
        lambda p: p.name.casefold().split()[:1] == [wanted])
    for test in tests:
        found = [p for p in people if wanted and test(p)]
        if found:
            return found
    return []


def plan(matches: Matches, who: int | None) -> tuple[list[Match], list[dict[str, str]]]:
    """The introductions to prepare (``who``'s, both ways, or everyone's), one per pair, and the ones
    left out with the reason: introduced already, or someone said no to introductions."""
    chosen, left_out, seen = [], [], set()
    for m in matches.best(HELPERS).found:
        if (who is not None and who not in (m.asker.id, m.helper.id)) or m.pair in seen:
            continue
        seen.add(m.pair)
        declined = [p.display_name for p in (m.asker, m.helper) if not p.introductions]
        if matches.was_introduced(m):
            left_out.append({"asker": m.asker.display_name, "helper": m.helper.display_name, "why": "introduced"})
        elif declined:
            left_out.append({"asker": m.asker.display_name, "helper": m.helper.display_name, "why": "declined",
                             "who": declined[0]})
        else:
            chosen.append(m)
    return chosen, left_out


def _action(ctx: HandlerContext, pairs: list[dict[str, Any]]) -> Action:
    """The action her yes answers; a second ``koppel`` in the same mail joins the first one's."""
    asked = ctx.response.confirming
    if asked is not None and asked.kind == ActionKind.INTRODUCTIONS:
        known = {(p["asker"], p["helper"]) for p in asked.payload["pairs"]}
        asked.payload = {"pairs": [*asked.payload["pairs"],
                                   *(p for p in pairs if (p["asker"], p["helper"]) not in known)]}
        return asked
    ctx.session.flush()  # her message's id, for the action's cause
    action = open_action(ctx.session, ActionKind.INTRODUCTIONS, ctx.mail.sender, ctx.now, {"pairs": pairs},
                         cause=ctx.row)
    ctx.response.confirming = action
    return action


def send(ctx: HandlerContext, action: Action) -> Outcome:
    """Her yes: each introduction still possible goes out, once; the others are named in her reply."""
    ctx.session.flush()  # this batch's answers and introductions, for the checks below
    declined = declined_introductions(ctx.session)
    done = introduced_pairs(ctx.session)
    sent, skipped = 0, []
    for pair in action.payload.get("pairs", []):
        asker, helper = (ctx.session.get(Participant, pair.get(role)) for role in ("asker", "helper"))
        why = _not_now(ctx, asker, helper, declined, done)
        if why or asker is None or helper is None:
            skipped.append({"pair": " & ".join(p.name or p.email for p in (asker, helper) if p is not None),
                            "why": why or "gone"})
            continue
        _queue(ctx, asker, helper, dict(pair.get("topics", {})), action)
        done.add(frozenset((asker.id, helper.id)))
        sent += 1
    close(action, ActionState.DONE, ctx.now)
    ctx.response.reply(reply_lines([{"key": "introductions_sent", "count": sent, "skipped": skipped}]))
    return handled(f"organiser: introductions confirmed, {sent} sent, {len(skipped)} left out")


def _not_now(ctx: HandlerContext, asker: Participant | None, helper: Participant | None, declined: set[int],
             done: set[frozenset[int]]) -> str:
    """Why this pair cannot be introduced any more ("" when it can)."""
    if asker is None or helper is None or asker.status not in ACTIVE or helper.status not in ACTIVE \
            or ctx.outbox.suppressed(asker.email) or ctx.outbox.suppressed(helper.email):
        return "gone"
    if asker.id in declined or helper.id in declined:
        return "declined"
    return "introduced" if frozenset((asker.id, helper.id)) in done else ""


def _queue(ctx: HandlerContext, asker: Participant, helper: Participant, topics: dict[str, str],
           action: Action) -> None:
    mail = preview(ctx.templates, ctx.config, asker, helper, topics)
    both = [(asker.name, asker.email), (helper.name, helper.email)]
    for person, other in ((asker, helper), (helper, asker)):
        ctx.outbox.queue(kind=MailKind.INTRODUCTION, template="introduction_mail", to_address=person.email,
                         to_name=person.name, also_to=[(other.name, other.email)], lang=person.language,
                         context={"text": mail["text"]}, subject=mail["subject"], counts_for_limit=False,
                         participant=person, auto_submitted="auto-generated", reply_to_addresses=both)
    first, second = sorted((asker.id, helper.id))
    ctx.session.add(Introduction(first_id=first, second_id=second, topic=topics.get("nl", "")[:2000],
                                 action_id=action.id, created_at=ctx.now))


@dataclass
class Person:
    """What an introduction tells about someone: name, organisation, address; and the language they read."""

    name: str
    organisation: str
    email: str
    language: str

    @classmethod
    def of(cls, who: Profile | Participant, config: Config) -> Person:
        organisation = who.organisation
        if isinstance(who, Participant):  # at her yes: the organisation as answered, as the preview had it
            answers = {a.question_id: a.value for a in who.answers if a.current}
            organisation = organisation_of(answers, who.organisation, roles_of(config.questionnaire).organisation).name
        return cls(who.name or who.email, organisation, who.email,
                   who.language if who.language in LANGUAGES else config.programme.language)


def preview(templates: Templates, config: Config, asker: Profile | Participant, helper: Profile | Participant,
            topics: dict[str, str]) -> dict[str, str]:
    """The introduction as both get it: one letter per language they read, each to whoever reads it."""
    people = [Person.of(asker, config), Person.of(helper, config)]
    letters = []
    for lang in dict.fromkeys(p.language for p in people):
        readers = [{"name": p.name, "role": role, "topic": topics.get(lang, next(iter(topics.values()), "")),
                    "other": vars(other)}
                   for p, other, role in ((people[0], people[1], "asker"), (people[1], people[0], "helper"))
                   if p.language == lang]
        letters.append(templates.render(TEMPLATE, lang, base_context(config, "") | {"readers": readers}))
    return {"to": ", ".join(f"{p.name} <{p.email}>" for p in people),
            "subject": " / ".join(dict.fromkeys(letter.subject for letter in letters)),
            "text": SEPARATOR.join(letter.text.strip() for letter in letters) + "\n"}
