"""The splitter: quote headers, signatures, sign-offs and our own text, in the languages participants write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mailbot.mail.split import (
    is_device_signature,
    is_disclaimer_start,
    is_salutation,
    is_sign_off,
    is_signature_start,
    looks_like_name,
    quote_header_length,
    split_body,
    split_lines,
)

BOT = "Leerkring Clusters & clusterbeleid <leerkring@bot.test>"


# --- quote headers, one style per client -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "length"),
    [
        # Gmail (nl, en), one line and wrapped before the address or after the verb
        ("Op wo 4 okt. 2017 om 09:15 schreef Leerkring Clusters & clusterbeleid <leerkring@bot.test>:", 1),
        ("Op wo 4 okt. 2017 om 09:15 schreef Leerkring Clusters & clusterbeleid <\nleerkring@bot.test>:", 2),
        ("Op wo 4 okt. 2017 om 09:15 schreef\nLeerkring Clusters & clusterbeleid <leerkring@bot.test>:", 2),
        ("Op di 11 mrt. 2025 10:15 schreef Leerkring <leerkring@bot.test>:", 1),  # Gmail for Android
        ("On Wed, Oct 4, 2017 at 9:15 AM Leerkring <leerkring@bot.test> wrote:", 1),
        ("On Mon, Aug 26, 2019 at 4:37 PM The Hiring Engine <\na-long-address@humanresources.example> wrote:", 2),
        ("On Thu, 31 Mar 2016 at 11:16 Some One\n\n<\nmailto:Some One <some.one@foo.bar>\n> wrote:", 5),
        ("Am 21.04.2016 17:48 schrieb \"Einz Zwei\" <noreply@discourse.example\n>:", 2),
        ("Max Mustermann <m@example.de> schrieb am Fr., 28.\nApr. 2017 um 11:53 Uhr:", 2),
        ("2016-10-24 15:36 GMT+02:00 Foo bar <\ninfo@foo.bar>:", 2),
        ("2013/7/20 sam via Discourse Meta <info@discourse.org>", 1),
        # Apple Mail and Thunderbird
        ("Op 4 okt. 2017 om 09:15 heeft Leerkring <leerkring@bot.test> het volgende geschreven:", 1),
        ("> Op 4 okt. 2017 om 09:15 heeft Leerkring <leerkring@bot.test> het volgende geschreven:", 1),
        ("Op 11 mrt. 2025 om 10:15 heeft Leerkring <leerkring@bot.test> het volgende\ngeschreven:", 2),
        ("On 28 Jan 2016, at 19:04, Some One wrote:", 1),
        ("On 04-10-2017 09:15, Leerkring wrote:", 1),
        ("Op 11-03-2025 om 10:15 schreef Leerkring Clusters & clusterbeleid:", 1),
        ("At 6/16/2016 08:32 PM, you wrote:", 1),
        # other languages
        ("Am 04.10.2017 um 09:15 schrieb Leerkring <leerkring@bot.test>:", 1),
        ("Le 4 janv. 2016 19:03, \"Neil Lalonde\"\n<info@discourse.org>\na écrit :", 3),
        ("El jueves, 21 de noviembre de 2013, codinghorror escribió:", 1),
        ("Il 26 marzo 2016 alle 13.16 Sam Saffron <info@discourse.org> ha scritto:", 1),
        ("Em 2 de fevereiro de 2015 10:58, discourse <\ninfo@discourse.org> escreveu:", 2),
        ("Dnia 14 lip 2015 o godz. 00:25 Michael Downey <info@discourse.org> napisał(a):", 1),
        ("понедельник, 6 октября 2014 г. пользователь lidel написал:", 1),
        ("Den 15. jun. 2016 kl. 20.42 skrev Jeff Atwood <info@discourse.org>:", 1),
        ("---- On Tue, 22 Dec 2015 14:17:36 +0530 Sam Saffron&lt;info@discourse.org&gt; wrote ----", 1),
        ("Some One <info@discourse.org> wrote:", 1),
        # Outlook blocks (desktop, web, Mac, bold from HTML), separators, forwards
        ("Van: Leerkring <l@bot.test>\nVerzonden: woensdag 4 oktober 2017\nAan: Jan\nOnderwerp: Vragen", 4),
        ("From: L <l@bot.test>\nSent: Wednesday\nTo: Jan <j@x.nl>;\n Piet <p@x.nl>\nCc: Kees\nSubject: Q", 6),
        ("Van: L\nDatum: 4 oktober 2017\nAan: Jan\nOnderwerp: Vragen", 4),
        ("*From:* L\n*Sent:* Wednesday\n*To:* Jan\n*Subject:* Q", 4),
        ("From: Human Resources\n<hr@example.com>\nSent: Monday, August 26, 2019 4:37 PM\nTo: A\nSubject: B", 5),
        ("Da: Sally\nRisposta: Testy\nData: giovedì 8 ottobre 2015 15:26\nA: Testy\nOggetto: Test", 5),
        ("Från: Foo Bar [mailto:noreply@foo.bar]\nSkickat: den 5 juni 2017 12:22\nTill: a@b.c\nÄmne: Photos", 4),
        ("De : Someone <s@yahoo.fr>\nÀ : mycompany <q@mycompany.com>\nEnvoyé le : Mercredi 30 novembre 2016 10h30"
         "\nObjet : Re: Vous avez reçu une réponse", 4),
        ("________________________________\nVan: L\nVerzonden: wo\nAan: J\nOnderwerp: V", 5),
        ("________________________________\n\nFrom: L\nSent: wo\nTo: J\nSubject: V", 6),
        ("-----Oorspronkelijk bericht-----\nVan: L\nVerzonden: wo\nAan: J\nOnderwerp: V", 5),
        ("-------- Oorspronkelijk bericht --------\nVan: L <l@bot.test> \nDatum: 11-03-25 10:15 (GMT+01:00) \n"
         "Aan: j@x.nl \nOnderwerp: V ", 5),
        ("-----Original Message-----", 1),
        ("-------- Original message --------", 1),
        ("*-------- Original Message --------*", 1),
        ("-----Ursprüngliche Nachricht-----", 1),
        ("---------- Doorgestuurd bericht ---------", 1),
        ("Begin forwarded message:", 1),
    ],
)  # fmt: skip
def test_quote_headers(text: str, length: int) -> None:
    assert quote_header_length(split_lines(text), 0) == length


@pytest.mark.parametrize(
    "text",
    [
        "Op de vraag over governance schreef ik het volgende:",  # prose, no date
        "Op 12 maart kan ik niet",
        "Op 12 maart 2025 schreef ik u al dat ik niet kan:",  # a date, but the person's own sentence
        "On Monday I wrote to you:",
        "On 20 March I can only stay until 16:00.",
        "Zoals Ingrid op 12-03-2025 schreef:",
        "Van: de provincie kreeg ik dit bericht",
        "Van: Jan\nAan: Piet",  # two fields are not a header block
        "________________________________",
        "Onderwerp: governance",
        "2024-01-15 14:30:25",
        "On the surface, this looks like a quote header but it's not.",
        "It's interesting how URLs contain patterns like \"wrote:\" in them.",
    ],
)
def test_not_quote_headers(text: str) -> None:
    assert quote_header_length(split_lines(text), 0) == 0


def test_a_line_is_not_taken_for_the_first_half_of_a_header_on_the_next_line() -> None:
    lines = split_lines(f"Op 12 maart 2025 kan ik niet\nOp wo 12 mrt 2025 om 10:15 schreef {BOT}:")
    assert quote_header_length(lines, 0) == 0
    assert quote_header_length(lines, 1) == 1


# --- signatures, sign-offs, greetings ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "line",
    ["Verzonden vanaf mijn iPhone", "Verstuurd vanaf mijn iPad", "Verzonden vanaf mijn Galaxy",
     "Verzonden vanaf mijn Samsung Galaxy-smartphone.", "Verzonden vanuit Outlook voor iOS<https://aka.ms/o0ukef>",
     "Outlook voor iOS downloaden<https://aka.ms/o0ukef>", "Outlook voor Android downloaden",
     "Verzonden vanuit Mail voor Windows", "Verzonden met BlackBerry Work", "Sent from my iPhone",
     "Sent from my Samsung Galaxy smartphone.", "Sent with Airmail", "Sent from Yahoo Mail for iPhone",
     "Get Outlook for iOS", "Get [Outlook for Android](https://aka.ms/ghei36)",
     "Sent from my cell, please excuse any typos.",
     "Envoyé depuis mon iPhone", "Von meinem Mobilgerät gesendet", "Gesendet von Outlook für Android",
     "Diese Nachricht wurde von meinem Android-Mobiltelefon mit K-9 Mail gesendet.", "Sendt fra min iPad",
     "Enviado desde mi iPhone", "Inviato da iPhone", "(Sent from mobile device)", "<<sent by galaxy>>"],
)  # fmt: skip
def test_device_signatures(line: str) -> None:
    assert is_device_signature(line) and is_signature_start(line)


@pytest.mark.parametrize(
    "line",
    ["The notification was sent from my iPhone app to all users.", "Sent from my desk, is much easier than my phone.",
     "Verzonden met de post, dus het kan even duren.", "Ik heb het verzonden vanaf kantoor."],
)  # fmt: skip
def test_not_device_signatures(line: str) -> None:
    assert not is_device_signature(line)


@pytest.mark.parametrize(
    "line",
    ["Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde.",
     "Dit bericht is uitsluitend bestemd voor de geadresseerde. Als dit bericht niet voor u bestemd is, ...",
     "De informatie verzonden met dit e-mailbericht is uitsluitend bestemd voor de geadresseerde.",
     "Dit bericht kan informatie bevatten die niet voor u is bestemd.",
     "Aan dit bericht kunnen geen rechten worden ontleend.", "Denk aan het milieu voordat u deze e-mail print.",
     "This email and any attachments are confidential and intended solely for the addressee.",
     "If you are not the intended recipient, please notify the sender.",
     "Please consider the environment before printing this email."],
)  # fmt: skip
def test_disclaimers(line: str) -> None:
    assert is_disclaimer_start(line) and is_signature_start(line)


@pytest.mark.parametrize(
    "line",
    ["Met vriendelijke groet,", "Met vriendelijke groeten", "Vriendelijke groet", "Groet,", "Groeten, Jan",
     "Hartelijke groet", "Mvg", "Mvg, Ruud", "Kind regards,", "Best regards", "Regards,", "Cheers", "Thanks,",
     "Bedankt!", "Groetjes,", "Viele Grüße", "Cordialement,", "Met vriendelijke groet, Peter Vos", "-- "],
)  # fmt: skip
def test_signature_starts(line: str) -> None:
    assert is_signature_start(line)


@pytest.mark.parametrize(
    "line",
    ["Groeiend", "Provincie Overijssel", "Regio Zwolle", "Bedankt voor de uitnodiging, ik kom graag.",
     "I wanted to discuss the issue with regards to the payment processing system.", "Best of luck with the event!"],
)  # fmt: skip
def test_not_signature_starts(line: str) -> None:
    assert not is_signature_start(line)
    assert not is_sign_off(line)


def test_salutations_and_names() -> None:
    assert is_salutation("Beste organisatie,") and is_salutation("Hoi Jan,") and is_salutation("Dear all,")
    assert not is_salutation("Beste ervaring: ons fonds voor het mkb in de regio, dat werkt heel goed.")
    assert looks_like_name("Jan de Vries") and looks_like_name("Anja")
    assert not looks_like_name("Provincie Overijssel.") and not looks_like_name("ja")


def test_quote_depth() -> None:
    lines = split_lines("a\n> b\n>> c\n> > d\n>\n")
    assert [(line.depth, line.content) for line in lines] == [
        (0, "a"),
        (1, "b"),
        (2, "c"),
        (2, "d"),
        (1, ""),
        (0, ""),
    ]


# --- split_body: the parts ---------------------------------------------------------------------------------------

def test_the_parts_of_a_gmail_reply() -> None:
    body = (
        "Ja, ik doe mee.\n\nMet vriendelijke groet,\nPeter Vos\n\nVerstuurd vanaf mijn iPhone\n\n"
        f"Op di 11 mrt 2025 om 10:15 schreef {BOT}:\n\n> Beste Peter,\n>\n> Wilt u toch niet meedoen?\n"
    )
    split = split_body(body)
    assert split.new_text == "Ja, ik doe mee.\n\nMet vriendelijke groet,\nPeter Vos"
    assert split.sign_off == "Met vriendelijke groet,\nPeter Vos"
    assert split.signature == "Verstuurd vanaf mijn iPhone"
    assert split.quote_header == f"Op di 11 mrt 2025 om 10:15 schreef {BOT}:"
    assert split.quoted.startswith("Op di 11 mrt") and "Wilt u toch niet meedoen?" in split.quoted
    assert split.disclaimer == "" and split.ours == ""


def test_an_outlook_reply_keeps_the_unquoted_original_out() -> None:
    body = (
        "Ik kan helaas niet.\n\nGroet,\nAnne\n\n________________________________\n"
        f"Van: {BOT}\nVerzonden: dinsdag 11 maart 2025 10:15\nAan: Anne <a@example.nl>\nOnderwerp: Herinnering\n\n"
        "Beste Anne,\n\nKunt u niet komen? Antwoord dan met 'ik kan helaas niet'.\n"
    )
    split = split_body(body)
    assert split.new_text == "Ik kan helaas niet.\n\nGroet,\nAnne"
    assert split.quote_header.startswith("________________________________\nVan: Leerkring")
    assert "Antwoord dan met" in split.quoted and "Antwoord dan met" not in split.new_text


def test_a_disclaimer_and_a_dashes_signature_are_dropped() -> None:
    body = (
        "Ik kom graag.\n\nGroet,\nSandra\n\nDit bericht is uitsluitend bestemd voor de geadresseerde.\n"
        "Aan dit bericht kunnen geen rechten worden ontleend.\n"
    )
    assert split_body(body).new_text == "Ik kom graag.\n\nGroet,\nSandra"
    assert split_body(body).disclaimer.startswith("Dit bericht is uitsluitend")
    body = "Ik kom graag.\n-- \nJan de Vries\nStichting Welzijn\n06 12345678"
    assert split_body(body).new_text == "Ik kom graag."
    assert split_body(body).signature == "--\nJan de Vries\nStichting Welzijn\n06 12345678"


def test_text_after_a_quote_is_the_persons_again() -> None:
    body = f"{'Op 11-03-2025 om 10:15 schreef Leerkring:'}\n> 1. Bij welke organisatie werkt u?\n\nGemeente Deventer\n"
    assert split_body(body).new_text == "Gemeente Deventer"


def test_a_leading_forward_header_keeps_the_forwarded_text() -> None:
    # the reference trimmer keeps it: with nothing above the header, the text below is what was sent to us
    body = "---------- Forwarded message ---------\nFrom: A <a@x.nl>\nDate: Tue\nSubject: S\nTo: B <b@x.nl>\n\nHallo."
    assert split_body(body).new_text == "Hallo."


def test_delimiters_in_the_persons_own_text_stay() -> None:
    body = "Hieronder mijn antwoorden.\n\n-----\n1. Hengelo\n2. Ik hoop vooral ervaringen uit te wisselen met hen.\n"
    assert split_body(body).new_text == body.strip()
    body = "Mijn punten\n----\n\n1. Sneller\n\n====\n\nDe streepjes hierboven zijn opmaak, geen handtekening van mij."
    assert split_body(body).new_text == body


def test_code_blocks_are_left_alone() -> None:
    body = "Zie:\n\n```\n--\nSent from my iPhone\n```\n\nEinde."
    assert split_body(body).new_text == body
    # an unclosed fence protects nothing: the quote below it is still a quote
    body = f"Zie ```hier\n\nOp di 11 mrt 2025 om 10:15 schreef {BOT}:\n> ```\n> Kunt u niet komen?\n"
    assert split_body(body).new_text == "Zie ```hier"


def test_the_sign_off_is_the_closing_not_a_sentence_after_it() -> None:
    assert split_body("Ik kom.\n\nGroet,\n\nPeter Vos\nGemeente Zwolle\nT 038 498 2000").sign_off == (
        "Groet,\n\nPeter Vos\nGemeente Zwolle\nT 038 498 2000"
    )
    assert split_body("Bedankt!\nIs er ook parkeergelegenheid bij de locatie in Zwolle?").sign_off == ""
    assert split_body("Tot dan.\n\n-Maarten de Jong").sign_off == "-Maarten de Jong"
    assert split_body("Dit zijn mijn punten:\n- eerste punt").sign_off == ""


def test_quote_only_and_empty_bodies() -> None:
    assert split_body("> Alleen een citaat.\n>\n").new_text == ""
    assert split_body("").new_text == ""
    assert split_body("\r\n\r\nTekst met Windows-regeleinden.\r\n").new_text == "Tekst met Windows-regeleinden."


# --- our own text --------------------------------------------------------------------------------------------------

OUR_MAIL = """Beste Anne,

Hartelijk dank voor uw belangstelling voor de Leerkring Clusters & clusterbeleid. We hebben u als deelnemer genoteerd.

Kunt u niet komen? Antwoord dan met 'ik kan helaas niet'.
Wilt u toch niet meedoen, of heeft u een vraag voor de organisatie? Schrijf het in uw antwoord op deze mail.

Met vriendelijke groet,

Ingrid Smit
Leerkring Clusters & clusterbeleid"""


def test_our_mail_pasted_without_a_header_is_not_theirs() -> None:
    body = f"Ik doe graag mee!\n\nGroet,\nAnne\n\n{OUR_MAIL}\n"
    split = split_body(body, ours=[OUR_MAIL])
    assert "meedoen" not in split.new_text and "ik kan helaas niet" not in split.new_text
    assert split.new_text == "Ik doe graag mee!\n\nGroet,\nAnne\n\nBeste Anne,"  # too short to tell whose
    assert "Wilt u toch niet meedoen" in split.ours and "Ingrid Smit" in split.ours


def test_our_mail_under_an_unknown_header_is_not_theirs() -> None:
    body = f"Ja graag.\n\nFeladó: Leerkring\nDátum: 2025. március 11.\n\n{OUR_MAIL}"
    split = split_body(body, ours=[OUR_MAIL.replace("\n", "\r\n")])
    assert "Schrijf het in uw antwoord" not in split.new_text and split.new_text.startswith("Ja graag.")


def test_quote_marks_and_spacing_do_not_hide_our_lines() -> None:
    body = "Nee.\n\n>>  Wilt u toch niet meedoen, of heeft u een vraag voor de organisatie?   Schrijf het in uw " \
           "antwoord op deze mail.\n"
    assert split_body(body, ours=[OUR_MAIL]).new_text == "Nee."


def test_a_participants_own_short_line_is_kept_even_when_we_wrote_it_too() -> None:
    # they typed the words we suggested: that is their answer, not our text
    body = "ik kan helaas niet\n\nBeste Anne,\n\nMet vriendelijke groet,\nAnne"
    split = split_body(body, ours=[OUR_MAIL, "ik kan helaas niet"])
    assert split.new_text == body and split.ours == ""


def test_typed_answers_between_our_pasted_lines_stay() -> None:
    question = "Kunt u niet komen? Antwoord dan met 'ik kan helaas niet'."
    pasted = OUR_MAIL.replace(question, f"{question}\n\nIk kan helaas niet op 20 maart.")
    split = split_body(pasted, ours=[OUR_MAIL])
    assert "Ik kan helaas niet op 20 maart." in split.new_text
    assert "Antwoord dan met" not in split.new_text


# --- real client output from the public corpus (MAILBOT_CORPUS) ----------------------------------------------------

CORPUS = os.environ.get("MAILBOT_CORPUS", "")


@pytest.mark.skipif(not CORPUS, reason="MAILBOT_CORPUS is not set")
@pytest.mark.parametrize(
    ("name", "header_start", "new_text_end"),
    [
        ("mail-parser-reply__email_nl_1_2.txt", "------------------------------\n*Van:* Google",
         "Outlook met een antwoord"),
        ("crisp-erp__email_8.txt", "Op 12 december 2016 19:05 schreef Company Questions <", "Pellentesque\""),
        ("crisp-erp__email_12.txt", "Van: Company Questions [mailto:", "nec nec nibh."),
        ("crisp-erp__email_ios_outlook.txt", "________________________________\nFrom: The Hiring", "nec nec nibh."),
        ("crisp-erp__email_gmail_split_line_from.txt", "On Mon, Aug 26, 2019 at 4:37 PM The Hiring Engine <",
         "nec nec nibh."),
        ("crisp-erp__email_outlook_split_line_from.txt", "From: Human Resources", "nec nec nibh."),
        ("crisp-erp__email_german_outlook.txt", "-----Ursprüngliche Nachricht-----", "nec nec nibh."),
        ("crisp-erp__email_zoho.txt", "---- On Wed, 24 Feb 2021", "running a test?"),
        ("crisp-erp__email_thread.txt", "On Nov 21, 2014,\nat 10:18,", "thread from bellow."),
        ("crisp-erp__email_customer_quote_header_3.txt", "De : Someone Somewhere", "merci d'avance"),
        ("mail-parser-reply__email_danish_4.txt", "-----Oprindelig meddelelse-----", "Svar."),
        ("mail-parser-reply__email_swedish_1.txt", "4 dec. 2024 kl. 18:36 skrev Person A", "Mvh,\nPerson B"),
        ("mail-parser-reply__email_pl_1_2.txt", "Od: Jan Kowalski", "Pozdrawiam,\nJan"),
        ("crisp-erp__email_tricky_18_inline_reply.txt", "On Dec 15, 2024, at 2:00 PM, Jane Doe",
         "Option C is not suitable for our use case."),
    ],
)  # fmt: skip
def test_real_client_output(name: str, header_start: str, new_text_end: str) -> None:
    split = split_body((Path(CORPUS) / "bodies" / name).read_text(errors="replace"))
    assert split.quote_header.startswith(header_start)
    assert split.new_text.endswith(new_text_end)


@pytest.mark.skipif(not CORPUS, reason="MAILBOT_CORPUS is not set")
@pytest.mark.parametrize(
    ("name", "signature"),
    [
        ("crisp-erp__email_tricky_11_double_signature.txt", "--\nJohn Doe\nSenior Developer"),
        ("crisp-erp__email_ios_outlook_fr.txt", "Envoyé à partir de Outlook pour iOS"),
        ("crisp-erp__email_german_3.txt", "Gesendet von Outlook für Android"),
        ("mail-parser-reply__email_sent_from_BlackBerry.txt", "Sent from my BlackBerry"),
        ("mail-parser-reply__outlook.txt", "Get Outlook for iOS"),
    ],
)
def test_real_device_signatures(name: str, signature: str) -> None:
    split = split_body((Path(CORPUS) / "bodies" / name).read_text(errors="replace"))
    assert split.signature.startswith(signature)
    assert signature.split("\n")[0] not in split.new_text


@pytest.mark.skipif(not CORPUS, reason="MAILBOT_CORPUS is not set")
@pytest.mark.parametrize(
    "name",
    ["crisp-erp__email_tricky_1_on_false_positive.txt", "crisp-erp__email_tricky_2_url_with_wrote.txt",
     "crisp-erp__email_tricky_4_from_in_body.txt", "crisp-erp__email_tricky_6_regards_in_sentence.txt",
     "crisp-erp__email_tricky_7_multiple_dashes.txt", "crisp-erp__email_tricky_8_sent_from_in_content.txt",
     "crisp-erp__email_tricky_13_timestamp_variations.txt", "crisp-erp__email_tricky_3_code_block.txt",
     "mail-parser-reply__email_sig_delimiter_in_middle_of_line.txt", "crisp-erp__email_not_a_signature_2.txt"],
)  # fmt: skip
def test_real_text_that_only_looks_like_headers_or_signatures(name: str) -> None:
    body = (Path(CORPUS) / "bodies" / name).read_text(errors="replace")
    assert split_body(body).new_text == body.strip()


# --- words set aside: outside the quote, not read as new text -----------------------------------------------------

def test_words_below_a_signature_mark_are_set_aside_not_lost() -> None:
    header = f"Op wo 4 okt. 2017 om 09:15 schreef {BOT}:"
    split = split_body(f"--\nIk kan helaas niet op 12 maart.\nJan\n\n{header}\n> Vraag 1")
    assert split.new_text == ""
    assert split.set_aside == "Ik kan helaas niet op 12 maart.\nJan"


def test_what_a_client_adds_by_itself_is_not_set_aside() -> None:
    split = split_body(f"Verzonden vanaf mijn iPhone\n\nOp wo 4 okt. 2017 om 09:15 schreef {BOT}:\n> Vraag 1")
    assert split.new_text == "" and split.set_aside == ""
    signed = split_body("Ja, graag.\n\n-- \nJan de Vries\nProvincie Utrecht")
    assert signed.set_aside == "Jan de Vries\nProvincie Utrecht"
