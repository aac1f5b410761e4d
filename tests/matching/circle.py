"""A sample circle of twelve, written as people write: who can help whom is decided here by hand.

    Anna (Provincie Groningen) asks how to finance hydrogen projects once the EU subsidy ends; Bram's
      revolving fund for SMEs fits, and Ingrid's regional fund fits best, but Ingrid does not want to
      be introduced; Dirk has exactly that experience but works where Anna works.
    Bram (Brainport) asks about governance of a mature cluster: Gemma set up the governance in Twente.
    Frank (ministry) asks how to measure the effects of cluster policy: Gemma measured them yearly.
    Gemma asks how to involve knowledge institutions: Eva researched exactly that.
    Hans (English) asks how to attract hydrogen companies: Lotte (English) supported them.
    Carla asks about "financieringsvormen": a compound no one else writes, so nobody; Jan asks how to
      organise a good meeting: nobody. Karin's experience would fit Anna, but she withdrew.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from mailbot.people.records import ParticipantRecord
from mailbot.store.models import Answer, Participant

AT = datetime(2027, 1, 10, 9, 0)

PEOPLE: list[dict[str, Any]] = [
    {"name": "Anna de Vries", "email": "a.devries@provinciegroningen.example", "organisation": "Provincie Groningen",
     "org_type": "decentral", "region": "Noord-Nederland", "themes": ["financing", "roles"], "phase": "emerging",
     "questions": "Hoe financieren we de opschaling van waterstofprojecten als de Europese subsidie afloopt? "
                  "En hoe houden we het MKB betrokken?",
     "experience": "Wij hebben een regionale campus opgezet met de hogeschool en twee gemeenten."},
    {"name": "Bram Jansen", "email": "b.jansen@eindhoven.example", "organisation": "Gemeente Eindhoven",
     "org_type": "decentral", "region": "Brainport Eindhoven", "themes": ["governance", "financing"],
     "phase": "mature",
     "questions": "Hoe richten we de governance in als het cluster volwassen is en het bestuur uit veel partijen "
                  "bestaat?",
     "experience": "In Brainport hebben we een revolverend fonds voor het MKB opgezet. De financiering loopt via de "
                   "ontwikkelingsmaatschappij en het fonds blijft bestaan als de subsidie stopt."},
    {"name": "Carla Smit", "email": "c.smit@zeeland.example", "organisation": "Provincie Zeeland",
     "org_type": "decentral", "region": "Zeeland", "themes": ["financing"], "phase": "growing",
     "questions": "Welke financieringsvormen werken voor een groeiend cluster?",
     "experience": "Ervaring met een subsidieregeling voor innovatieve samenwerking tussen bedrijven en "
                   "kennisinstellingen."},
    {"name": "Dirk Bakker", "email": "d.bakker@provinciegroningen.example", "organisation": "provincie groningen",
     "org_type": "decentral", "region": "Groningen", "themes": ["financing"], "phase": "emerging",
     "questions": "",
     "experience": "Wij hebben veel ervaring met de financiering van waterstofprojecten en de aanvraag van Europese "
                   "subsidie voor opschaling."},
    {"name": "Eva Brouwer", "email": "e.brouwer@tudelft.example", "organisation": "TU Delft",
     "org_type": "knowledge", "region": "Zuid-Holland", "themes": ["roles"], "phase": "",
     "questions": "",
     "experience": "Onderzoek naar triple helix samenwerking: hoe kennisinstellingen structureel betrokken raken bij "
                   "een cluster, en de rolverdeling met overheid en bedrijven."},
    {"name": "Frank de Wit", "email": "f.dewit@minezk.example", "organisation": "Ministerie van EZK",
     "org_type": "central", "region": "", "themes": ["governance", "facilitation"], "phase": "",
     "questions": "Hoe meten we de effecten van clusterbeleid en van onze beleidsinstrumenten?",
     "experience": ""},
    {"name": "Gemma Mulder", "email": "g.mulder@oostnl.example", "organisation": "Oost NL",
     "org_type": "cluster_org", "region": "Twente", "themes": ["governance", "roles"], "phase": "mature",
     "questions": "Hoe betrekken we kennisinstellingen structureel bij het cluster?",
     "experience": "Als clusterorganisatie hebben we de governance van het Twentse cluster ingericht, met een bestuur "
                   "van bedrijven, overheid en onderwijs. De effecten van het clusterbeleid meten we met een "
                   "jaarlijkse monitor."},
    {"name": "Hans Visser", "email": "h.visser@portofrotterdam.example", "organisation": "Port of Rotterdam",
     "org_type": "company", "region": "Rotterdam", "themes": ["facilitation"], "phase": "growing", "language": "en",
     "questions": "How can a port-industrial cluster attract hydrogen companies?",
     "experience": "We built an import terminal together with the municipality."},
    {"name": "Ingrid Kok", "email": "i.kok@groningen.example", "organisation": "Gemeente Groningen",
     "org_type": "decentral", "region": "Groningen", "themes": ["financing"], "phase": "emerging",
     "questions": "", "introductions": False,
     "experience": "Wij hebben waterstofprojecten gefinancierd met een regionaal fonds, toen de Europese subsidie "
                   "afliep. Het MKB zit in de raad van advies van het fonds."},
    {"name": "Jan Peters", "email": "jan.peters@gmail.com", "organisation": "Zelfstandig adviseur",
     "org_type": "other", "region": "", "themes": ["governance"], "phase": "",
     "questions": "Hoe organiseer je een goede bijeenkomst met veel deelnemers?", "experience": ""},
    {"name": "Karin Hoekstra", "email": "k.hoekstra@drenthe.example", "organisation": "Provincie Drenthe",
     "status": "withdrawn", "org_type": "decentral", "region": "Drenthe", "themes": ["financing"], "phase": "",
     "questions": "", "experience": "Financiering van waterstofprojecten na de Europese subsidie, met het MKB."},
    {"name": "Lotte Bos", "email": "l.bos@energyvalley.example", "organisation": "Energy Valley",
     "org_type": "cluster_org", "region": "Northern Netherlands", "themes": ["facilitation"], "phase": "growing",
     "language": "en",
     "questions": "How do you keep a cluster organisation financially independent?",
     "experience": "We supported hydrogen start-ups and companies with coaching and a regional fund."},
]

QUESTION_IDS = ("organisation", "org_type", "region", "themes", "phase", "questions", "experience", "introductions")


def records() -> list[ParticipantRecord]:
    out = []
    for i, p in enumerate(PEOPLE):
        answers = {q: p[q] for q in QUESTION_IDS if q in p and p[q] not in ("", None)} | {"all_meetings": True}
        out.append(ParticipantRecord(
            id=i + 1, email=p["email"], name=p["name"], guessed_organisation="", language=p.get("language", "nl"),
            status=p.get("status", "answered"), registered_at=AT + timedelta(hours=i), answers=answers))
    return out


def first(name: str) -> int:
    """The id of the person whose first name is ``name``."""
    return next(i + 1 for i, p in enumerate(PEOPLE) if p["name"].split()[0] == name)


def seed(session: Session) -> dict[str, int]:
    """The circle into a database, answers as current; returns each first name's participant id."""
    ids = {}
    for record, person in zip(records(), PEOPLE, strict=True):
        row = Participant(email=record.email, name=record.name, organisation="", language=record.language,
                          status=record.status, registered_at=record.registered_at, updated_at=record.registered_at)
        row.answers = [Answer(question_id=q, value=v, created_at=record.registered_at, current=True)
                       for q, v in record.answers.items()]
        session.add(row)
        session.flush()
        ids[person["name"].split()[0]] = row.id
    return ids
