"""The person's words are never lost: whatever they write, under whatever reply header, in whatever layout.

Hypothesis writes the person's text (words of several languages, including the words headers are made of:
dates, times, "On", "Op", "schreef", "From:"), picks one of the reply headers of {n} languages and clients,
and lays it out as clients do: below the text, on the same line as the last line, broken over two lines,
or no header at all; the original below it quoted with '>' or embedded unquoted (Outlook, forwards).
Everything the person wrote above the quote must be in ``new_text``. The same for replies written between
the quoted lines, and for text above a signature or a disclaimer.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.mail.split import split_body

NAME, ADDRESS = "Leerkring Clusters", "leerkring@bot.test"

# (language and client, header); {n} and {a} are the name and the address of who wrote the original
ONE_LINE_HEADERS = [
    ("en Gmail", "On Wed, Apr 30, 2025 at 3:19 PM {n} <{a}> wrote:"),
    ("nl Gmail", "Op wo 30 apr 2025 om 15:19 schreef {n} <{a}>:"),
    ("de Gmail", "Am Mi., 30. Apr. 2025 um 15:19 Uhr schrieb {n} <{a}>:"),
    ("fr Gmail", "Le mer. 30 avr. 2025 à 15:19, {n} <{a}> a écrit :"),
    ("es Gmail", "El mié, 30 abr 2025 a las 15:19, {n} (<{a}>) escribió:"),
    ("it Gmail", "Il giorno mer 30 apr 2025 alle ore 15:19 {n} <{a}> ha scritto:"),
    ("pt Gmail", "Em qua., 30 de abr. de 2025 às 15:19, {n} <{a}> escreveu:"),
    ("ru Gmail for Android", "ср, 30 апр. 2025 г. в 15:19, {n} <{a}>:"),
    ("ru Apple Mail", "30 апр. 2025 г., в 15:19, {n} <{a}> написал(а):"),
    ("ru Yandex", '30.04.2025, 15:19, "{n}" <{a}>:'),
    ("ru Mail.ru", "Среда, 30 апреля 2025, 15:19 +03:00 от {n} <{a}>:"),
    ("uk Gmail", "ср, 30 квіт. 2025 р. о 15:19 {n} <{a}> пише:"),
    ("pl Gmail", "W dniu śr., 30.04.2025 o 15:19 {n} <{a}> napisał(a):"),
    ("sv Gmail", "Den ons 30 apr. 2025 kl 15:19 skrev {n} <{a}>:"),
    ("no Gmail", "På ons. 30. apr. 2025 kl. 15:19 skrev {n} <{a}>:"),
    ("da Gmail", "Den ons. 30. apr. 2025 kl. 15.19 skrev {n} <{a}>:"),
    ("fi Gmail", "ke 30. huhtik. 2025 klo 15.19 {n} ({a}) kirjoitti:"),
    ("cs Gmail", "Dne st 30. 4. 2025 15:19 uživatel {n} <{a}> napsal:"),
    ("sk Gmail", "st 30. 4. 2025 o 15:19 {n} <{a}> napísal(a):"),
    ("hr Gmail", "sri, 30. tra 2025. u 15:19 {n} <{a}> napisao je:"),
    ("ro Gmail", "Pe mie., 30 apr. 2025 la 15:19, {n} <{a}> a scris:"),
    ("ca Gmail", "El dc., 30 d’abr. 2025, a les 15:19, {n} (<{a}>) va escriure:"),
    ("id Gmail", "Pada tanggal Rab, 30 Apr 2025 pukul 15.19, {n} <{a}> menulis:"),
    ("hu Gmail", "{n} <{a}> ezt írta (időpont: 2025. ápr. 30., Sze, 15:19):"),
    ("tr Gmail", "{n} <{a}>, 30 Nis 2025 Çar, 15:19 tarihinde şunu yazdı:"),
    ("el Gmail", "Στις Τετ 30 Απρ 2025 στις 15:19, ο/η {n} <{a}> έγραψε:"),
    ("vi Gmail", "Vào Th 4, 30 thg 4, 2025 vào lúc 15:19 {n} <{a}> đã viết:"),
    ("zh Gmail", "{n} <{a}> 于2025年4月30日周三 15:19写道："),
    ("ja Gmail", "2025年4月30日(水) 15:19 {n} <{a}>:"),
    ("ko Gmail", "2025년 4월 30일 (수) 오후 3:19, {n} <{a}>님이 작성:"),
    ("ar Gmail", "في الأربعاء، 30 أبريل 2025 في 3:19 م، {n} <{a}> كتب:"),
    ("he Gmail", "בתאריך יום ד׳, 30 באפר׳ 2025 ב-15:19 מאת {n} <{a}>:"),
    ("nl Apple Mail", "Op 30 apr 2025 om 15:19 heeft {n} <{a}> het volgende geschreven:"),
    ("en Apple Mail", "On 30 Apr 2025, at 15:19, {n} <{a}> wrote:"),
    ("de Apple Mail", "Am 30.04.2025 um 15:19 schrieb {n} <{a}>:"),
    ("en Thunderbird", "On 30/04/2025 15:19, {n} wrote:"),
    ("nl Thunderbird", "Op 30-04-2025 om 15:19 schreef {n}:"),
    ("en Gmail, ISO date", "2025-04-30 15:19 GMT+02:00 {n} <{a}>:"),
    ("en Zoho", "---- On Wed, 30 Apr 2025 15:19:02 +0200 {n} <{a}> wrote ----"),
]
BLOCK_HEADERS = [
    ("nl Outlook", "Van: {n} <{a}>\nVerzonden: woensdag 30 april 2025 15:19\nAan: Jan <jan@gemeente.test>\n"
                   "Onderwerp: Re: Aanmelding"),
    ("en Outlook", "From: {n} <{a}>\nSent: Wednesday, April 30, 2025 3:19 PM\nTo: Jan <jan@gemeente.test>\n"
                   "Subject: RE: Sign-up"),
    ("de Outlook", "Von: {n} <{a}>\nGesendet: Mittwoch, 30. April 2025 15:19\nAn: Jan <jan@gemeente.test>\n"
                   "Betreff: AW: Anmeldung"),
    ("fr Outlook", "De : {n} <{a}>\nEnvoyé : mercredi 30 avril 2025 15:19\nÀ : Jan <jan@gemeente.test>\n"
                   "Objet : RE: Inscription"),
    ("nl Outlook, separator", "-----Oorspronkelijk bericht-----\nVan: {n} <{a}>\nVerzonden: woensdag 30 april 2025\n"
                              "Aan: Jan\nOnderwerp: Aanmelding"),
    ("nl Android", "-------- Oorspronkelijk bericht --------\nVan: {n} <{a}>\nDatum: 30-04-25 15:19 (GMT+01:00)\n"
                   "Aan: jan@gemeente.test\nOnderwerp: Aanmelding"),
    ("ru Outlook", "От: {n} <{a}>\nОтправлено: 30 апреля 2025 г. 15:19\nКому: Ян\nТема: Регистрация"),
]
assert len({label.split()[0] for label, _ in ONE_LINE_HEADERS + BLOCK_HEADERS}) >= 25
__doc__ = (__doc__ or "").format(n=len({label.split()[0] for label, _ in ONE_LINE_HEADERS + BLOCK_HEADERS}))

# the words people write, header words among them
WORDS = (
    "ik kom graag op de bijeenkomst maar niet op 12 maart om 10:00 wij zijn met twee collega's van de provincie "
    "Utrecht Op on am Am le El den Den op 4 okt. 2017 schreef ik u al eerder wrote schreef van Van aan from "
    "I will join you on Monday at 09:15 we are three people from the municipality thank you "
    "ich komme gerne am Montag um 10 Uhr je viendrai le mardi merci beaucoup "
    "я приду на встречу в среду спасибо 我 会 来 Θα έρθω την Τετάρτη "
    "jan@gemeente.test 2025 30.04.2025 vraag 1 2 3 ja nee misschien Governance Innovatie"
).split()
END = ["", ".", "!", "?", ",", ":", "..."]
# words of WORDS a header opens with
OPENINGS = {"op", "on", "at", "am", "le", "el", "den", "monday", "montag", "mardi", "на", "в"}


@st.composite
def person_lines(draw: st.DrawFn) -> list[str]:
    """One to six lines a person writes, never a header of their own: who wrote ("schreef", an address) and a
    colon after it, on one line or a few ("10:00 Jan wrote:" is a header by any reader's eye)."""
    drawn = [(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12)), draw(st.sampled_from(END)))
             for _ in range(draw(st.integers(1, 6)))]
    said = " ".join(word for words, _ in drawn for word in words)
    who = bool(re.search(r"wrote|schreef|@", said, re.IGNORECASE))
    verb_and_address = "@" in said and bool(re.search(r"wrote|schreef", said, re.IGNORECASE))
    lines = []
    for words, end in drawn:
        if verb_and_address:  # "... jan@gemeente.test" / "schreef" is who wrote the original
            words = ["zei" if w.lower() in ("wrote", "schreef") else w for w in words]
        line = " ".join(words) + ("." if who and end == ":" else end)
        lines.append(line[0].upper() + line[1:])
    return lines


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _kept(line: str, new_text: str) -> bool:
    return _normalised(line) in _normalised(new_text)


ORIGINAL = ["Beste deelnemer,", "Wilt u zich toch afmelden? Schrijf het in uw antwoord.", "Met vriendelijke groet,",
            "Leerkring Clusters"]


def _original(quoted: bool) -> str:
    return "\n".join(f"> {line}" if quoted else line for line in ORIGINAL)


@settings(max_examples=150, deadline=None)
@given(
    own=person_lines(),
    header=st.sampled_from(ONE_LINE_HEADERS + BLOCK_HEADERS),
    layout=st.sampled_from(["below", "below, no blank line", "same line", "broken over two lines", "no header"]),
    quoted=st.booleans(),
)
def test_everything_the_person_wrote_above_the_quote_is_in_the_new_text(own, header, layout, quoted) -> None:
    label, template = header
    text = template.format(n=NAME, a=ADDRESS)
    block = "\n" in text
    body = "\n".join(own)
    if layout == "no header":
        body = f"{body}\n\n{_original(quoted=True)}"
    elif layout == "same line" and not block and not template.startswith("{n}"):
        # (a header that opens with the writer's name cannot be told from words before it: clients start it on
        # a line of its own, as they do with blocks)
        # the line a client glues a header to is the person's sentence, not the opening of a header: "Op ik" or
        # "10:00" followed by "30 апр. 2025 г., в 15:19, ..." cannot be told from a header by any reader
        last = ["ook" if w.strip(".,!?:").lower() in OPENINGS else w for w in own[-1].split()]
        own = [*own[:-1], ("Dus " if last[0][0].isdigit() else "") + " ".join(last)]
        body = "\n".join(own)
        body = f"{body} {text}\n{_original(quoted=True)}"
    elif layout == "broken over two lines" and not block:
        cut = text.index("<") + 1 if "<" in text else text.rindex(" ", 0, len(text) // 2) + 1
        body = f"{body}\n\n{text[:cut]}\n{text[cut:]}\n\n{_original(quoted)}"
    else:
        gap = "\n" if layout == "below, no blank line" else "\n\n"
        body = f"{body}{gap}{text}\n\n{_original(quoted)}"
    new_text = split_body(body).new_text
    lost = [line for line in own if not _kept(line, new_text)]
    assert not lost, f"{label}, {layout}: lost {lost!r} from {body!r}; new text {new_text!r}"
    assert "Schrijf het in uw antwoord" not in new_text, f"{label}, {layout}: the original read as theirs"


@settings(max_examples=100, deadline=None)
@given(
    answers=st.lists(person_lines(), min_size=1, max_size=4),
    above=st.one_of(st.none(), person_lines()),
    header=st.sampled_from(ONE_LINE_HEADERS),
)
def test_replies_between_the_quoted_lines_keep_every_line_the_person_wrote(answers, above, header) -> None:
    parts = ["\n".join(above)] if above else []
    parts.append(header[1].format(n=NAME, a=ADDRESS))
    questions = ["> 1. Neemt u een collega mee?", "> 2. Welke dag past u?", "> 3. Wat is uw functie?",
                 "> 4. Heeft u nog vragen?"]
    for question, answer in zip(questions, answers, strict=False):
        parts += [question, "", "\n".join(answer), ""]
    new_text = split_body("\n".join(parts)).new_text
    written = [line for answer in answers for line in answer] + list(above or [])
    lost = [line for line in written if not _kept(line, new_text)]
    assert not lost, f"{header[0]}: lost {lost!r}; new text {new_text!r}"
    assert "Welke dag past u" not in new_text


SIGNATURES = [
    "-- \nJan de Vries\nSenior adviseur | Provincie Utrecht\nT 06 12345678",
    "--\nJan",
    "Verzonden vanaf mijn iPhone",
    "Sent from my iPhone",
    "Von meinem iPhone gesendet",
    "________________________________\nJan de Vries | Provincie Utrecht | www.provincie-utrecht.test",
    "Met vriendelijke groet,\n\nJan de Vries\nProvincie Utrecht",
    "Dit bericht is uitsluitend bestemd voor de geadresseerde. Aan dit bericht kunnen geen rechten worden ontleend.",
    "This email and any attachments are confidential and intended solely for the addressee.",
    "Denk aan het milieu voordat u deze e-mail print.",
]


@settings(max_examples=100, deadline=None)
@given(
    own=person_lines(),
    signature=st.sampled_from(SIGNATURES),
    header=st.one_of(st.none(), st.sampled_from(ONE_LINE_HEADERS + BLOCK_HEADERS)),
    gap=st.sampled_from(["\n", "\n\n"]),
)
def test_signatures_and_disclaimers_never_swallow_the_text_above_them(own, signature, header, gap) -> None:
    body = "\n".join(own) + gap + signature
    if header is not None:
        body += "\n\n" + header[1].format(n=NAME, a=ADDRESS) + "\n\n" + _original(quoted=True)
    new_text = split_body(body).new_text
    lost = [line for line in own if not _kept(line, new_text)]
    assert not lost, f"lost {lost!r} above {signature!r}; new text {new_text!r}"
