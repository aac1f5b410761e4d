"""A made-up learning circle in the database, for looking at the digest and timing it.

Used by ``scripts/screenshot_digest.py`` and ``benchmarks/digest_render.py``; answers
follow whatever questionnaire is configured, so the sample fits any configuration.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mailbot.answers.questionnaire import AnswerValue, Question, Questionnaire
from mailbot.people.organisation import organisation_question
from mailbot.store.models import Answer, Attendance, IncomingMessage, Note, Participant

FIRST = ("Anne", "Bram", "Carla", "Daan", "Eva", "Femke", "Gert", "Hanna", "Ingrid", "Joost", "Karin", "Lars",
         "Marieke", "Niels", "Olga", "Pieter", "Renske", "Sander", "Tineke", "Wouter")
LAST = ("de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
        "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "de Wit")
ORGANISATIONS = ("Provincie Groningen", "Gemeente Eindhoven", "Ministerie van EZK", "Energy Valley",
                 "Brainport Development", "Hanzehogeschool", "TNO", "Oost NL", "Rijksuniversiteit Groningen",
                 "Health Valley", "Food Valley NL", "Kennispark Twente")
TEXTS = (
    "Hoe richten we de governance van ons cluster zo in dat bedrijven echt eigenaar worden?",
    "Welke rol kan de provincie spelen als het cluster volwassen is en minder steun nodig heeft?",
    "We willen leren hoe andere regio's private financiering aantrekken voor gedeelde faciliteiten.",
    "Hoe meet je de resultaten van clusterbeleid zonder de ondernemers te belasten met formulieren?\n"
    "En hoe leg je die verantwoording af aan Provinciale Staten?",
    "Ervaring met een regiodeal en de samenwerking tussen drie gemeenten en twee kennisinstellingen.",
    "Wij hebben een open innovatiecentrum opgezet; de lessen over huisvesting en exploitatie deel ik graag.",
    "Kort: financiering.",
)


def sample_answer(question: Question, rng: random.Random, organisation: Question | None = None) -> AnswerValue:
    if question is organisation:
        return rng.choice(ORGANISATIONS)
    if question.type == "single":
        return rng.choice(question.options).id
    if question.type == "multi":
        chosen = rng.sample(question.options, rng.randint(1, min(3, len(question.options))))
        return sorted(o.id for o in chosen)
    if question.type == "yesno":
        return rng.random() < 0.7
    if question.type == "scale":
        return rng.randint(1, 5)
    return rng.choice(TEXTS)


def seed_circle(session: Session, questionnaire: Questionnaire, size: int, now: datetime,
                seed: int = 7, meeting_id: str | None = None) -> list[Participant]:
    """``size`` participants registered over the last four weeks; most answered, a few need attention."""
    rng = random.Random(seed)
    organisation = organisation_question(questionnaire)
    people = []
    for i in range(size):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        registered = now - timedelta(days=rng.uniform(0, 28))
        status = rng.choices(["answered", "partially_answered", "questionnaire_sent", "withdrawn", "bounced"],
                             [70, 8, 14, 5, 3])[0]
        p = Participant(email=f"{name.split()[0].lower()}.{i}@example.net", name=name,
                        organisation=rng.choice(ORGANISATIONS), language="nl", status=status,
                        registered_at=registered, questionnaire_sent_at=registered,
                        updated_at=registered + timedelta(days=rng.uniform(0, 3)))
        if status in ("answered", "partially_answered", "withdrawn"):
            for q in questionnaire.questions:
                if status == "partially_answered" and rng.random() < 0.5:
                    continue
                p.answers.append(Answer(question_id=q.id, value=sample_answer(q, rng, organisation),
                                        created_at=min(now, registered + timedelta(days=1)), current=True))
        if rng.random() < 0.05:
            p.notes.append(Note(source="question", text="Is er een deelnemersbijdrage verbonden aan de leerkring?",
                                flagged=True, created_at=now - timedelta(days=1)))
        session.add(p)
        people.append(p)
    session.flush()
    for i, kind in enumerate(("question", "forget_request", "malformed")):
        sender = people[i % len(people)] if people else None
        session.add(IncomingMessage(
            folder="INBOX", uidvalidity=1, uid=10_000 + i, message_id=f"<sample{i}@example.net>",
            raw_hash=f"sample{i}", received_at=now - timedelta(hours=5 + i), sent_date=now - timedelta(hours=5 + i),
            sender=sender.email if sender else "", sender_name=sender.name if sender else "",
            subject=("Vraag over de locatie", "Verwijder mijn gegevens", "(geen onderwerp)")[i],
            excerpt=("Goedemiddag,\n\nIs de locatie van de tweede bijeenkomst goed bereikbaar met het OV?\n"
                     "Ik kom uit Zwolle.\n\nGroet", "Wilt u al mijn gegevens verwijderen?", "")[i],
            kind=kind, state="quarantined" if kind == "malformed" else "needs_human",
            reason="the message could not be parsed" if kind == "malformed" else f"{kind}: for the organiser"))
    if meeting_id:
        for p in people[: size // 6]:
            session.add(Attendance(participant_id=p.id, meeting_id=meeting_id,
                                   status=rng.choice(["declined", "accepted"]), updated_at=now))
    return people
