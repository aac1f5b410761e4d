"""One's taking part ended is a withdrawal, by composition: a noun of taking part near a verb that ends it, in
any order, around a separable verb, with a negation that belongs to the verb ("gaat niet door") or denies it."""

from __future__ import annotations

import pytest

from mailbot.language.clauses import clauses
from mailbot.language.lexicon import lexicon
from mailbot.language.statements import SENDER, Statement, statements


def withdrawals(sentence: str, lang: str) -> list[Statement]:
    lex = lexicon(lang)
    return [s for s in statements(clauses(sentence, lex), lex) if s.act == "withdraw"]


NOUNS = {"nl": ["deelname", "inschrijving", "aanmelding", "registratie"],
         "en": ["registration", "participation", "place", "enrolment"],
         "de": ["Teilnahme", "Anmeldung", "Registrierung"], "fr": ["inscription", "participation"]}
FRAMES = {
    "nl": ["Ik wil mijn {n} intrekken.", "Mijn {n} annuleer ik hierbij.", "Ik trek mijn {n} in.",
           "Graag mijn {n} beëindigen.", "Ik zeg mijn {n} op."],
    "en": ["Please cancel my {n}.", "I hereby withdraw my {n}.", "My {n} can be revoked.", "I am terminating my {n}."],
    "de": ["Ich ziehe meine {n} zurück.", "Bitte stornieren Sie meine {n}.", "Meine {n} möchte ich widerrufen."],
    "fr": ["Je dois annuler mon {n}.", "Veuillez résilier mon {n}."],
}


@pytest.mark.parametrize(("lang", "frame", "noun"),
                         [(lang, f, n) for lang in FRAMES for f in FRAMES[lang] for n in NOUNS[lang]])
def test_a_noun_of_taking_part_with_a_verb_of_ending_is_a_withdrawal(lang: str, frame: str, noun: str) -> None:
    found = withdrawals(frame.format(n=noun), lang)
    assert found and found[0].affirmed and found[0].settled and SENDER in found[0].who


@pytest.mark.parametrize(("lang", "sentence"), [
    ("nl", "Mijn deelname gaat helaas niet door."), ("nl", "Met de leerkring ga ik niet verder."),
    ("en", "I won't be continuing my participation."),
])
def test_a_negation_that_belongs_to_the_verb_is_the_act(lang: str, sentence: str) -> None:
    found = withdrawals(sentence, lang)
    assert found and found[0].affirmed


@pytest.mark.parametrize(("lang", "sentence"), [
    ("nl", "Ik wil mijn inschrijving niet intrekken."), ("en", "I do not want to cancel my registration."),
    ("de", "Ich ziehe meine Anmeldung nicht zurück."), ("fr", "Je ne veux pas annuler mon inscription."),
])
def test_a_negation_of_the_ending_denies_it(lang: str, sentence: str) -> None:
    found = withdrawals(sentence, lang)
    assert found and not found[0].affirmed


@pytest.mark.parametrize(("lang", "sentence"), [
    ("nl", "Ik had een afspraak moeten annuleren om naar het programma te kunnen."),
    ("en", "I had to cancel a meeting with the board and two visits to join the programme."),
    ("nl", "Mijn aanmelding staat, ik wil alleen mijn antwoorden wijzigen."),
])
def test_far_apart_or_another_verb_is_no_withdrawal(lang: str, sentence: str) -> None:
    assert not [s for s in withdrawals(sentence, lang) if s.affirmed and s.settled]


def test_the_circle_itself_ending_is_nobodys() -> None:
    [found] = withdrawals("De leerkring gaat niet door.", "nl")
    assert not found.who


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "I quit my job last year and joined the programme."),
    ("fr", "L'arrêt du programme m'inquiète."),
    ("en", "We will release our new cluster programme next month."),
])
def test_ending_something_else_is_no_withdrawal(lang: str, sentence: str) -> None:
    assert not [s for s in withdrawals(sentence, lang) if s.affirmed and s.settled and SENDER in s.who]
