"""The quick look before reading a sign-up for its organisation (``may_name_organisation``) never hides one:
wherever the full reading finds an organisation, the quick look says there may be one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mailbot.answers import prose
from mailbot.answers.prose import may_name_organisation, read_organisation
from mailbot.answers.questionnaire import load_default_questionnaire
from mailbot.language.lexicon import lexicon

Q = load_default_questionnaire(("nl", "en"))
CORPUS = Path(__file__).resolve().parents[2] / "eval" / "corpus"
# mail written by people who never saw the rules (eval/README.md): here only as texts to read
MAILS = [(case.get("lang", "nl"), case["mail"]["text"]) for path in sorted(CORPUS.glob("b*.yaml"))
         for case in yaml.load(path.read_text(), Loader=yaml.CSafeLoader) if case.get("mail", {}).get("text")]
NAMED = ["Namens de provincie Zuid-Holland meld ik mij aan.", "Ik werk bij Hydrolink, een waterstof-start-up.",
         "Ik werk niet bij de gemeente maar bij Oost NL.", "I work at the University of Twente and would like to join.",
         "Ich arbeite bei der Wirtschaftsförderung Münster."]


def test_the_texts_are_there() -> None:
    assert len(MAILS) > 500


@pytest.mark.parametrize("text", NAMED)
def test_an_organisation_named_is_looked_for_and_found(text: str) -> None:
    lex = lexicon("nl", "en", "de")
    assert may_name_organisation(text, lex)
    assert read_organisation(text, Q, lex).answers.get("organisation")


@pytest.mark.slow  # reads some 300 mails in full
def test_where_the_full_reading_finds_an_organisation_the_quick_look_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    found = 0
    for lang, text in [*MAILS, *(("nl", t) for t in NAMED)]:
        lex = lexicon(lang)
        if may_name_organisation(text, lex):
            continue
        with monkeypatch.context() as patched:
            patched.setattr(prose, "may_name_organisation", lambda text, lex: True)
            assert read_organisation(text, Q, lex).answers == {}, text  # joining=False reads less of it
        found += 1
    assert found > 100  # the quick look does spare most texts the reading
