"""Other languages: recognised, answered in English, handed to the organiser with any attachment; Dutch and
English with a foreign word in them stay Dutch and English."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from mailbot.store.models import Participant
from mailbot.understand.detect_language import detect_language
from tests.fakes import BOT, ORGANISER, FakeBot
from tests.mails import mail


@pytest.mark.parametrize(("text", "lang"), [
    ("Sehr geehrte Damen und Herren, ich möchte gerne an dem Lernkreis teilnehmen. Mit freundlichen Grüßen", "de"),
    ("Bonjour, je souhaite participer au cercle d'apprentissage. Merci et cordialement", "fr"),
    ("Hola, me gustaría participar en el círculo de aprendizaje. Muchas gracias, saludos", "es"),
    ("Buongiorno, vorrei partecipare al circolo di apprendimento. Grazie, cordiali saluti", "it"),
    ("Olá, gostaria de participar no círculo de aprendizagem. Obrigada, atenciosamente", "pt"),
])
def test_other_languages_are_recognised(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(("text", "lang"), [
    ("Graag meld ik mij aan voor de leerkring. Danke schön zei mijn Duitse collega ook al!", "nl"),
    ("Ik werk bij de Provincie Overijssel, afdeling Economie. Met vriendelijke groet, Jan de la Rue", "nl"),
    ("I would like to join the learning circle; our partner in Lyon says merci beaucoup.", "en"),
    ("Bij vraag 5 bedoelde ik Groeiend. Zie www.provincie.nl en mail@example.com.de", "nl"),
    ("1. Gemeente Den Haag\n2. Provincie, gemeente of regio\n3. Van der Valk", "nl"),
])
def test_dutch_and_english_with_a_foreign_word_stay_what_they_are(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def german_with_attachment(sender: str) -> bytes:
    m = EmailMessage()
    m["From"] = f"Klaus Müller <{sender}>"
    m["To"] = BOT
    m["Subject"] = "Lernkreis"
    m["Message-ID"] = "<de1@firma.example>"
    m.set_content("Sehr geehrte Damen und Herren,\n\nich möchte gerne an dem Lernkreis teilnehmen. Anbei finden "
                  "Sie meine Unterlagen. Gibt es noch freie Plätze?\n\nMit freundlichen Grüßen\nKlaus Müller")
    m.add_attachment(b"%PDF-1.4 lebenslauf", maintype="application", subtype="pdf", filename="lebenslauf.pdf")
    return m.as_bytes()


def test_a_sign_up_in_german_is_read_and_answered_in_english(tmp_path: Path) -> None:
    """German has word lists (mailbot/language/words/de.yaml): the sign-up is read; we write English."""
    bot = FakeBot.make(tmp_path)
    bot.receive(german_with_attachment("klaus@firma.example"))
    with bot.app.db.read_session() as session:
        klaus = session.scalar(select(Participant))
        assert klaus is not None and klaus.email == "klaus@firma.example" and klaus.language == "en"
    [forward] = bot.smtp.to(ORGANISER)  # the question and the file need a person
    assert any(part.get_filename() == "lebenslauf.pdf" for part in forward.message.iter_attachments())
    told = bot.smtp.to("klaus@firma.example")
    assert told and all("Dear" in t.text for t in told)


def test_a_language_without_word_lists_goes_to_the_organiser_and_nobody_is_signed_up(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("ana@org.example", "Hola, me gustaría participar en el círculo de aprendizaje. Muchas gracias, "
                     "saludos cordiales", subject="Círculo", name="Ana García"))
    with bot.app.db.read_session() as session:
        assert session.scalar(select(Participant)) is None, "nobody is signed up on words we do not read"
    [told] = bot.smtp.to("ana@org.example")
    assert "cannot read this language" in told.text and "Dear" in told.text
    assert len(bot.smtp.to(ORGANISER)) == 1


def test_a_participant_writing_in_french_is_read_and_answered_in_english(tmp_path: Path) -> None:
    bot = FakeBot.make(tmp_path)
    bot.receive(mail("marie@org.example", "Graag meld ik mij aan voor de leerkring.", name="Marie Dubois"))
    bot.receive(mail("marie@org.example", "Bonjour, je ne suis pas sûre de pouvoir venir à la première réunion. "
                     "Est-ce que vous avez une autre date? Merci beaucoup", subject="Réunion", name="Marie Dubois"))
    told = bot.smtp.to("marie@org.example")[-1]
    assert "Dear" in told.text, "we write English to someone who writes French"
    assert len(bot.smtp.to(ORGANISER)) == 1, "her question reaches the organiser; an unsure decline records nothing"
