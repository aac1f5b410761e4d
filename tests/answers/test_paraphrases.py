"""Our own paraphrases of answers and corrections (a training set written apart from the eval corpus).

Each case is what a participant might write, in Dutch, English or German, and what a careful assistant reads
from it: the answers it gives (a free answer by words it must contain), and the questions it must leave
open because the mail does not say them. They cover the principles of ``mailbot.answers.prose``: an option
named by its label, a stem or a declared synonym about its subject and not negated; the organisation after
"werk bij" / "vanuit" / "work at" / "arbeite bei"; short labels the writer invents; corrections read
against the answers given; and nothing recorded that the words do not give.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pytest

from mailbot.answers.parse_reply import parse_reply
from mailbot.answers.prose import named_question, read_prose
from mailbot.answers.questionnaire import AnswerValue, load_default_questionnaire
from mailbot.language.lexicon import lexicon

Q = load_default_questionnaire(("nl", "en"))
LEX = {"nl": lexicon("nl", "en"), "en": lexicon("en", "nl"), "de": lexicon("de", "en")}


@dataclass(frozen=True)
class Case:
    lang: str
    text: str
    expect: Mapping[str, AnswerValue]  # a str: words the free answer must contain
    open: tuple[str, ...] = ()  # questions the text must leave unanswered
    known: Mapping[str, AnswerValue] = field(default_factory=dict)  # given before: the text corrects them


def _check(case: Case, got: Mapping[str, AnswerValue]) -> None:
    for qid, want in case.expect.items():
        value = got.get(qid)
        if isinstance(want, str) and Q.get(qid) is not None and Q.get(qid).type == "text":  # type: ignore[union-attr]
            assert isinstance(value, str) and want.casefold() in value.casefold(), (qid, value)
        elif isinstance(want, list):
            assert isinstance(value, list) and sorted(value) == sorted(want), (qid, value)
        else:
            assert value == want, (qid, value)
    for qid in case.open:
        assert qid not in got, (qid, got.get(qid))


PROSE = [
    Case("nl", "Ik werk bij de gemeente Deventer, afdeling economie. We zijn dus een gemeente.",
         {"organisation": "gemeente Deventer", "org_type": "decentral"}),
    Case("nl", "We zijn geen bedrijf maar een provincie: ik werk voor Provincie Drenthe.",
         {"org_type": "decentral", "organisation": "Provincie Drenthe"}),
    Case("nl", "Ik werk vanuit Hogeschool Windesheim aan het lectoraat smart industry; een hogeschool dus.",
         {"organisation": "Hogeschool Windesheim", "org_type": "knowledge"}),
    Case("nl", "Onze thema's zijn vooral de financiering van het cluster en de triple helix.",
         {"themes": ["roles", "financing"]}),
    Case("nl", "Wat ons cluster betreft: dat zit in de groeifase.", {"phase": "growing"}),
    Case("nl", "Ons cluster staat nog in de kinderschoenen.", {"phase": "emerging"}),
    Case("nl", "Alle vier de bijeenkomsten staan al in mijn agenda.", {"all_meetings": True}),
    Case("nl", "Alle vier de bijeenkomsten gaan niet lukken, alleen de eerste twee.", {"all_meetings": False}),
    Case("nl", "We willen graag een keer gastheer zijn voor een bijeenkomst.", {"host": True}),
    Case("nl", "Mijn vraag is hoe je als gemeente bedrijven betrekt bij de clusteragenda?",
         {"questions": "bedrijven betrekt"}, open=("org_type",)),
    Case("nl", "Ervaring kan ik delen over het opzetten van een regionaal innovatiefonds.",
         {"experience": "innovatiefonds"}),
    Case("nl", "Misschien zijn we opkomend, misschien al groeiend; dat weet ik eigenlijk niet.", {}, open=("phase",)),
    Case("nl", "Ik kan bij de bijeenkomst in juni helaas niet zijn.", {}, open=("all_meetings",)),
    Case("nl", "Zie hieronder mijn antwoorden, dank voor het geduld!", {}, open=("organisation", "questions")),
    Case("en", "I work at the University of Twente; we're a research institute really.",
         {"organisation": "University of Twente", "org_type": "knowledge"}),
    Case("en", "Themes: mostly funding and the roles of the triple helix partners.",
         {"themes": ["roles", "financing"]}),
    Case("en", "Our cluster is in a phase of renewal.", {"phase": "renewal"}),
    Case("en", "We are not a company but a municipality.", {"org_type": "decentral"}),
    Case("en", "I can't make all four meetings, unfortunately.", {"all_meetings": False}),
    Case("de", "Ich arbeite bei der Wirtschaftsförderung Kreis Kleve, also eine Kommune.",
         {"organisation": "Wirtschaftsförderung Kreis Kleve", "org_type": "decentral"}),
    Case("de", "Meine Frage an die Gruppe ist, wie man Unternehmen dauerhaft einbindet.",
         {"questions": "Unternehmen dauerhaft"}),
    Case("de", "Themen: Finanzierung und Governance.", {"themes": ["governance", "financing"]}),
    Case("de", "Unser Cluster steckt mitten im Umbruch.", {"phase": "renewal"}),
    Case("de", "Wir sind eher eine Region als ein Unternehmen.", {}, open=("region",)),
]


@pytest.mark.parametrize("case", PROSE, ids=lambda c: c.text[:40])
def test_prose(case: Case) -> None:
    _check(case, read_prose(case.text, Q, LEX[case.lang]).answers)


LABELLED = [
    Case("nl", "Org: Oost NL\nSoort: ontwikkelingsmaatschappij, anders dus\nFase: volwassen",
         {"organisation": "Oost NL", "phase": "mature"}),
    Case("nl", "Organisatie: Gemeente Emmen\nType: gemeente",
         {"organisation": "Gemeente Emmen", "org_type": "decentral"}),
    Case("nl", "Thema's: governance, financiering", {"themes": ["governance", "financing"]}),
    Case("nl", "Vragen: hoe houd je bedrijven betrokken als de subsidie stopt?", {"questions": "bedrijven betrokken"}),
    Case("nl", "Ervaring: de opzet van een gezamenlijke campus met drie hogescholen", {"experience": "campus"}),
    Case("nl", "Hosten? Ja, graag in ons nieuwe pand", {"host": True}),
    Case("nl", "Alle 4? nee", {"all_meetings": False}),
    Case("nl", "Fase: weet ik niet", {}, open=("phase",)),
    Case("nl", "Soort organisatie: universiteit", {"org_type": "knowledge"}),
    Case("nl", "Gastheer: nee, helaas geen ruimte", {"host": False}),
    Case("en", "Stage: early\nTopics: policy instruments", {"phase": "emerging", "themes": ["facilitation"]}),
    Case("en", "Kind: ministry\nHosting: no", {"org_type": "central", "host": False}),
    Case("de", "Typ: Hochschule\nPhase: wachsend", {"org_type": "knowledge", "phase": "growing"}),
    Case("de", "Themen: Förderinstrumente\nGastgeber: nein", {"themes": ["facilitation"], "host": False}),
]


@pytest.mark.parametrize("case", LABELLED, ids=lambda c: c.text[:40])
def test_labelled(case: Case) -> None:
    got = dict(parse_reply(case.text, Q, case.lang).answers)
    for line in case.text.splitlines():  # what the list parser left, read line by line as prose
        for qid, value in read_prose(line, Q, LEX[case.lang]).answers.items():
            got.setdefault(qid, value)
    _check(case, got)


@pytest.mark.parametrize(("label", "question"), [
    ("Org", "organisation"), ("Soort", "org_type"), ("Fase", "phase"), ("Thema's", "themes"), ("Vragen", "questions"),
    ("Ervaring", "experience"), ("Hosten?", "host"), ("Alle 4?", "all_meetings"), ("Stage", "phase"),
    ("Topics", "themes"), ("Typ", "org_type"), ("Erfahrung", "experience"), ("Gastgeber", "host")])
def test_a_short_label_names_the_question_it_abbreviates(label: str, question: str) -> None:
    index = named_question(label, Q, LEX["nl"] if label[0] != "T" else LEX["de"])
    assert index is not None and Q.questions[index].id == question


KNOWN: dict[str, AnswerValue] = {
    "organisation": "Gemeente Zwolle", "org_type": "decentral", "region": "Twente", "themes": ["governance"],
    "phase": "growing", "questions": "Hoe betrek je het mkb?", "all_meetings": True, "host": True}

CORRECTIONS = [
    Case("nl", "Bij de fase moet het volwassen zijn, niet groeiend.", {"phase": "mature"}, known=KNOWN),
    Case("nl", "Ik bedoelde bij de thema's ook financiering erbij.", {"themes": ["governance", "financing"]},
         known=KNOWN),
    Case("nl", "Governance mag eruit, vervang dat door de rolverdeling.", {"themes": ["roles"]}, known=KNOWN),
    Case("nl", "Bij de vraag of we een bijeenkomst kunnen ontvangen had ik ja gezegd, maar dat kan toch niet.",
         {"host": False}, known=KNOWN),
    Case("nl", "Bij de regio had ik Twente ingevuld. Het gaat eigenlijk om Noordoost-Twente.",
         {"region": "Noordoost-Twente"}, known=KNOWN),
    Case("nl", "Mijn vraag voor de groep wil ik anders formuleren. Maak er maar van: hoe houd je een cluster "
               "overeind als de trekker wegvalt?", {"questions": "trekker wegvalt"}, known=KNOWN),
    Case("nl", "Ik heb aangegeven dat we een bijeenkomst kunnen ontvangen. Kunt u daar nee van maken?",
         {"host": False}, known=KNOWN),
    Case("nl", "Bij de regio staat Twente. Dat klopt niet helemaal.", {}, open=("region",), known=KNOWN),
    Case("nl", "Wat voor organisatie: niet gemeente maar provincie, we zijn een provincie.", {"org_type": "decentral"},
         known={**KNOWN, "org_type": "company"}),
    Case("nl", "De fase is toch eerder opkomend dan groeiend.", {"phase": "emerging"}, known=KNOWN),
    Case("nl", "Ik bedoelde governance.", {}, open=("themes",), known={**KNOWN, "themes": ["roles", "financing"]}),
    Case("nl", "Bij de regio had ik Twente ingevuld, maar ik bedoelde de Achterhoek, dus het oosten van Gelderland.",
         {"region": "Achterhoek"}, known=KNOWN),
    Case("nl", "De rest van de antwoorden klopt, de andere vragen heb ik goed ingevuld.", {},
         open=("introductions", "questions"), known=KNOWN),
    Case("en", "For the phase I meant mature, not growing.", {"phase": "mature"}, known=KNOWN),
    Case("en", "Please add financing to my themes.", {"themes": ["governance", "financing"]}, known=KNOWN),
    Case("en", "I said we could host a meeting, but that won't work after all.", {"host": False}, known=KNOWN),
    Case("en", "The region should be North Twente rather than Twente.", {"region": "North Twente"}, known=KNOWN),
    Case("en", "Replace governance with policy instruments in my themes.", {"themes": ["facilitation"]}, known=KNOWN),
    Case("de", "Bei der Phase habe ich wachsend angegeben, gemeint war aber reif.", {"phase": "mature"}, known=KNOWN),
    Case("de", "Bitte ergänzen Sie bei den Themen noch die Finanzierung.", {"themes": ["governance", "financing"]},
         known=KNOWN),
    Case("de", "Gastgeber können wir leider doch nicht sein.", {"host": False}, known=KNOWN),
    Case("de", "Alles andere ist korrekt.", {}, open=("introductions", "region"), known=KNOWN),
    Case("de", "Die Region ist nicht Twente, sondern das Münsterland.", {"region": "Münsterland"}, known=KNOWN),
    Case("de", "Bei den Themen bitte Governance durch Rollenverteilung ersetzen.", {"themes": ["roles"]}, known=KNOWN),
]


@pytest.mark.parametrize("case", CORRECTIONS, ids=lambda c: c.text[:40])
def test_correction(case: Case) -> None:
    _check(case, read_prose(case.text, Q, LEX[case.lang], case.known, correcting=True).answers)


# --- declared synonyms: where a questionnaire says how people name its options and subjects ---

CUSTOM: list[dict[str, object]] = [
    {"id": "sector", "type": "single", "question": {"nl": "In welke sector werkt u?", "en": "Which sector?"},
     "synonyms": {"nl": ["branche"]},
     "options": [{"id": "water", "label": {"nl": "Water", "en": "Water"}, "synonyms": {"nl": ["waterbeheer", "delta"]}},
                 {"id": "food", "label": {"nl": "Voedsel", "en": "Food"}, "synonyms": ["agrifood", "landbouw"]}]},
    {"id": "naam", "type": "text", "question": {"nl": "Uw naam?", "en": "Your name?"}},
]


def test_an_operators_own_questionnaire_declares_its_synonyms() -> None:
    from pathlib import Path

    from mailbot.answers.matching import match_option
    from mailbot.answers.questionnaire import load_questionnaire
    custom = load_questionnaire(CUSTOM, ("nl", "en"), Path("."))
    sector = custom.get("sector")
    assert sector is not None and sector.synonyms == ("branche",)
    assert match_option("agrifood", sector.options) == "food"  # typed at the question
    assert match_option("Waterbeheer", sector.options) == "water"
    assert read_prose("Branche: landbouw", custom, LEX["nl"]).answers == {"sector": "food"}  # a label by its synonym
    assert read_prose("We werken in de delta, niet in de landbouw.", custom, LEX["nl"],
                      at="sector").answers == {"sector": "water"}


def test_a_synonym_names_its_option_as_a_word_not_inside_another() -> None:
    # "college" is a synonym of a knowledge institution; "collega" (colleague) is not one
    assert "org_type" not in read_prose("Mijn collega komt ook, wij zijn verder niets.", Q, LEX["nl"]).answers


@pytest.mark.parametrize(("typed", "question", "expected"), [
    ("Hochschule / Forschung", "org_type", "knowledge"), ("Landkreis", "org_type", "decentral"),
    ("Bundesministerium", "org_type", "central"), ("mkb", "org_type", "company"), ("TNO", "org_type", "knowledge"),
    ("Clustermanagement", "org_type", "cluster_org"), ("université", "org_type", "knowledge"),
    ("im Umbruch", "phase", "renewal"), ("renouvellement", "phase", "renewal"), ("pril", "phase", "emerging"),
    ("Wachstum", "phase", "growing"), ("etabliert", "phase", "mature")])
def test_a_typed_synonym_answers_a_choice(typed: str, question: str, expected: str) -> None:
    from mailbot.answers.matching import match_option, match_options
    choice = Q.get(question)
    assert choice is not None
    found = match_options(typed, choice.options)[0]
    assert (found == [expected]) or match_option(typed, choice.options) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("Governance und Finanzierung", ["governance", "financing"]), ("funding, triple helix", ["roles", "financing"]),
    ("Förderinstrumente sowie Steuerung", ["governance", "facilitation"]),
    ("gouvernance et financement", ["governance", "financing"])])
def test_typed_themes_in_other_languages(typed: str, expected: list[str]) -> None:
    from mailbot.answers.matching import match_options
    themes = Q.get("themes")
    assert themes is not None and match_options(typed, themes.options)[0] == expected


def test_a_synonym_naming_two_options_of_one_question_is_refused_with_its_key() -> None:
    import copy
    from pathlib import Path

    from mailbot.answers.questionnaire import load_questionnaire
    from mailbot.core.errors import ConfigError
    raw = copy.deepcopy(CUSTOM)
    raw[0]["options"][1]["synonyms"] = ["Delta"]  # type: ignore[index]
    with pytest.raises(ConfigError) as error:
        load_questionnaire(raw, ("nl", "en"), Path("."))
    assert "questionnaire[0].options[1].synonyms" in str(error.value)
    raw[0]["options"][1]["synonyms"] = {"nl": "landbouw"}  # type: ignore[index]
    with pytest.raises(ConfigError, match=r"options\[1\]\.synonyms\.nl"):
        load_questionnaire(raw, ("nl", "en"), Path("."))


def test_synonyms_are_no_part_of_what_was_asked() -> None:
    from mailbot.answers.questionnaire import Questionnaire
    from mailbot.answers.versions import definition, fingerprint, from_definition
    plain = Questionnaire(tuple(q.__class__(q.id, q.type, q.required, q.question,
                                            tuple(o.__class__(o.id, o.label) for o in q.options))
                                for q in Q.questions))
    assert plain == Q  # the same questions and options: the same questionnaire
    assert "synonyms" not in str(definition(plain))  # a questionnaire without them keeps its fingerprint
    assert fingerprint(plain) != fingerprint(Q)
    back = from_definition(definition(Q))
    assert back is not None and back.get("themes").options[3].synonyms == Q.get("themes").options[3].synonyms  # type: ignore[union-attr]
