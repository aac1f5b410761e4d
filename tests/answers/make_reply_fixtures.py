"""Write the measured reply set: tests/fixtures/replies/<name>.eml plus <name>.json.

    .venv/bin/python tests/answers/make_reply_fixtures.py

Every reply starts from our actual rendered questionnaire (templates/<lang>/_questionnaire.txt)
and is shaped the way a mail client and a participant shape it. The JSON beside each
.eml holds what a careful human reads in it (``expected``), the sent text the runner
would pass (or null, to test the fallback without it), and optional remark checks.
Rerun it after changing the questionnaire templates and commit the result.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from mailbot.answers.questionnaire import (
    Questionnaire,
    load_default_questionnaire,
    load_questionnaire,
)
from tests import ROOT
from tests.answers.reply_drafting import (
    APPLE_EN,
    APPLE_NL,
    GERMAN,
    GMAIL_EN,
    GMAIL_NL,
    GMAIL_NL_WRAPPED,
    THUNDERBIRD_EN,
    THUNDERBIRD_NL,
    Draft,
    follow_up_text,
    gmail_html,
    message,
    outlook_block,
    outlook_html,
)

FIXTURES = ROOT / "tests" / "fixtures" / "replies"
LANGUAGES = ["nl", "en"]


def questionnaires() -> dict[str, Questionnaire]:
    alt = yaml.safe_load((FIXTURES / "_alt_questionnaire.yaml").read_text(encoding="utf-8"))
    return {
        "default": load_default_questionnaire(LANGUAGES),
        "alt": load_questionnaire(alt, LANGUAGES, FIXTURES),
    }


@dataclass
class Case:
    name: str
    description: str
    eml: bytes
    expected: Mapping[str, object]
    sent_text: str | None
    lang: str = "nl"
    questionnaire: str = "default"
    remarks_contain: list[str] = field(default_factory=list)
    asks_organiser: bool = False


CASES: list[Callable[[dict[str, Questionnaire]], Case]] = []


def case(function: Callable[[dict[str, Questionnaire]], Case]) -> Callable[[dict[str, Questionnaire]], Case]:
    CASES.append(function)
    return function


def plain(name: str, body: str, sender: str, lang: str = "nl", **kwargs: Any) -> bytes:
    return message(body, name=name, sender=sender, lang=lang, **kwargs)


def full_nl(d: Draft) -> Draft:
    """A participant who answers everything by marking and typing inside the quote."""
    return (
        d.type("organisation", "Provincie Overijssel")
        .mark("org_type", "decentral")
        .type("region", "Twente, het maakcluster rond Enschede en Hengelo")
        .mark("themes", ["governance", "financing"])
        .mark("phase", "growing")
        .type("questions", "Hoe richt je de governance in als het cluster over de provinciegrens gaat?")
        .type("experience", "Ons regionale investeringsfonds voor het mkb.")
        .mark("all_meetings", True)
        .mark("host", False)
    )


# -- Gmail ----------------------------------------------------------------------------------------
@case
def gmail_inline_full(qs: dict[str, Questionnaire]) -> Case:
    d = full_nl(Draft(qs["default"], "nl", "Anja"))
    body = f"Hoi,\n\nHierbij mijn antwoorden.\n\nGroet,\nAnja\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_inline_full", body, "Anja Smit <anja.smit@gmail.com>")
    return Case(
        "gmail_inline_full", "Gmail, every question answered inside the quote", eml, d.expected, d.sent
    )


@case
def gmail_inline_full_no_sent(qs: dict[str, Questionnaire]) -> Case:
    d = full_nl(Draft(qs["default"], "nl", "Anja"))
    body = f"Hierbij mijn antwoorden.\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_inline_full_no_sent", body, "Anja Smit <anja.smit@gmail.com>")
    return Case("gmail_inline_full_no_sent", "as gmail_inline_full, sent text unknown", eml, d.expected, None)


@case
def gmail_wrapped_header_partial(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Bram")
    d.type("organisation", "Gemeente Eindhoven").mark("org_type", "decentral", "[X]")
    d.mark("themes", ["roles", "facilitation"], "[X]")
    body = f"{GMAIL_NL_WRAPPED}\n\n{d.quoted()}\n"
    eml = plain("gmail_wrapped_header_partial", body, "Bram Peters <bram.peters@gmail.com>")
    return Case(
        "gmail_wrapped_header_partial",
        "Gmail header wrapped over two lines, three answers",
        eml,
        d.expected,
        None,
    )


@case
def gmail_typed_choices(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Carla")
    d.type("organisation", "Ministerie van Economische Zaken")
    d.type("org_type", "Rijksoverheid", "central")
    d.type(
        "themes",
        "Cluster governance, Faciliteren en stimuleren van groei (beleidsinstrumenten) en "
        "Financieren en investeren",
        ["governance", "facilitation", "financing"],
    )
    d.type("all_meetings", "ja", True).type("host", "nee", False)
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_typed_choices", body, "Carla de Boer <carla@minezk.test>")
    return Case(
        "gmail_typed_choices",
        "choice answers typed on a new line under each question",
        eml,
        d.expected,
        d.sent,
    )


@case
def gmail_typed_same_line(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Dirk")
    d.type("organisation", "Brainport Development", where="same")
    d.type("org_type", "Clusterorganisatie", "cluster_org", where="same")
    d.type("all_meetings", "Ja", True, where="same")
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_typed_same_line", body, "Dirk Jansen <dirk@brainport.test>")
    return Case("gmail_typed_same_line", "answers typed behind the quoted question", eml, d.expected, None)


@case
def gmail_typed_below_placeholder(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Eva")
    d.type("organisation", "Hogeschool Utrecht", where="below")
    d.type("questions", "Hoe houd je bedrijven betrokken\nals de subsidie stopt?", where="below")
    d.mark("org_type", "knowledge").mark("all_meetings", False)
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n\nMet vriendelijke groet,\nEva Visser\nLector Regionale Economie\n"
    eml = plain("gmail_typed_below_placeholder", body, "Eva Visser <eva.visser@hu.test>")
    return Case(
        "gmail_typed_below_placeholder",
        "answers on their own lines under Antwoord:, signature at end",
        eml,
        d.expected,
        d.sent,
    )


@case
def gmail_multiline_text(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Frank")
    d.type(
        "experience",
        "Wij hebben een clusterfonds opgezet samen met de Rabobank\nen twee gemeenten.",
        where="new",
    )
    d.type("region", "Food Valley")
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_multiline_text", body, "Frank Mulder <frank@foodvalley.test>")
    return Case("gmail_multiline_text", "a text answer over two lines", eml, d.expected, d.sent)


@case
def gmail_odd_marks(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Gert")
    d.mark("org_type", "company", "[*]").mark("themes", ["financing"], "[v]")
    d.mark("phase", "mature", "[ x ]").mark("host", True, "[X]")
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_odd_marks", body, "Gert Bos <gert@bedrijf.test>")
    return Case("gmail_odd_marks", "marks [*], [v], [ x ], [X]", eml, d.expected, None)


@case
def gmail_double_mark_single(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Hanna")
    d.mark("org_type", "decentral", expect=False).mark("org_type", "knowledge", expect=False)
    d.type("organisation", "Regio Zwolle").mark("all_meetings", True)
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_double_mark_single", body, "Hanna Kok <hanna@regiozwolle.test>")
    return Case(
        "gmail_double_mark_single",
        "two marks on a one-answer question: no answer there",
        eml,
        d.expected,
        d.sent,
        remarks_contain=["Wat voor organisatie"],
    )


@case
def gmail_typos(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Ingrid")
    d.type("org_type", "rijksoverhied", "central")
    d.type("themes", "cluster governence en financeren", ["governance", "financing"])
    d.type("phase", "groeiend", "growing").type("all_meetings", "jaa", expect=None)
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_typos", body, "Ingrid Vos <ingrid@rijk.test>")
    return Case("gmail_typos", "typed labels with typos; 'jaa' is not guessed", eml, d.expected, d.sent)


@case
def gmail_option_numbers(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Jeroen")
    d.type("org_type", "2", "central").type("phase", "4", "renewal").type(
        "themes", "1 en 3", ["governance", "facilitation"]
    )
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_option_numbers", body, "Jeroen Smits <jeroen@rijk.test>")
    return Case("gmail_option_numbers", "options chosen by their number", eml, d.expected, None)


@case
def gmail_label_prefixes(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Karin")
    d.type("org_type", "Kennisinstelling", "knowledge")
    d.type("themes", "Rolverdeling triple helix; faciliteren en stimuleren", ["roles", "facilitation"])
    d.type("host", "Ja hoor, in Delft", True)
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_label_prefixes", body, "Karin Meijer <karin@tudelft.test>")
    return Case("gmail_label_prefixes", "labels shortened to their first words", eml, d.expected, d.sent)


@case
def gmail_other_namely(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Lars")
    d.type("org_type", "Anders, namelijk een stichting", "other")
    d.type("phase", "Dat weten we eigenlijk nog niet", expect=None)
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_other_namely", body, "Lars Wit <lars@stichting.test>")
    return Case(
        "gmail_other_namely",
        "'Anders, namelijk ...'; an unclear phase stays a remark",
        eml,
        d.expected,
        d.sent,
        remarks_contain=["weten we eigenlijk nog niet"],
    )


@case
def gmail_typed_under_options(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Maaike")
    d.type("org_type", "Een stichting voor regionale samenwerking", expect=None, where="after")
    d.type("organisation", "Stichting Kennispark")
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_typed_under_options", body, "Maaike Dekker <maaike@kennispark.test>")
    return Case(
        "gmail_typed_under_options",
        "unmatched text under options is a remark, not an answer",
        eml,
        d.expected,
        None,
        remarks_contain=["stichting voor regionale samenwerking"],
    )


@case
def gmail_yes_no_variants(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Niels")
    d.type("all_meetings", "Nee, helaas niet", False).type("host", "Zeker!", True)
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_yes_no_variants", body, "Niels Hoek <niels@regio.test>")
    return Case("gmail_yes_no_variants", "yes/no typed in words", eml, d.expected, d.sent)


@case
def gmail_organiser_question(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Olga")
    d.type("organisation", "Provincie Gelderland").mark("org_type", "decentral").mark("all_meetings", True)
    top = "Is het mogelijk om een collega mee te nemen naar de eerste bijeenkomst?"
    body = f"{top}\n\nGroeten, Olga\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_organiser_question", body, "Olga Prins <olga@gelderland.test>")
    return Case(
        "gmail_organiser_question",
        "a question for the organiser above inline answers",
        eml,
        d.expected,
        d.sent,
        remarks_contain=["collega mee te nemen"],
        asks_organiser=True,
    )


@case
def gmail_html_only(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Pieter")
    d.type("organisation", "Gemeente Groningen", where="new").mark("org_type", "decentral")
    d.type("themes", "governance en financiering", ["governance", "financing"])
    d.mark("all_meetings", True)
    body = gmail_html("Zie mijn antwoorden hieronder.", GMAIL_NL, d)
    eml = plain("gmail_html_only", body, "Pieter Bakker <pieter@groningen.test>", subtype="html")
    return Case(
        "gmail_html_only",
        "Gmail HTML part only (blockquote), answers between quotes",
        eml,
        d.expected,
        d.sent,
    )


@case
def gmail_alternative_parts(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Quinten")
    d.type("organisation", "Oost NL").mark("org_type", "cluster_org").mark("phase", "emerging")
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    html_part = gmail_html("", GMAIL_NL, d)
    eml = plain(
        "gmail_alternative_parts", body, "Quinten Lam <quinten@oostnl.test>", alternative_html=html_part
    )
    return Case("gmail_alternative_parts", "multipart/alternative, text part used", eml, d.expected, d.sent)


@case
def gmail_all_themes(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Rosa")
    d.mark("themes", ["governance", "roles", "facilitation", "financing"])
    d.type("questions", "Wat werkt wel en wat niet bij clusterfinanciering?")
    body = f"Alles is interessant eigenlijk!\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("gmail_all_themes", body, "Rosa Groen <rosa@gmail.com>")
    return Case(
        "gmail_all_themes",
        "every theme marked",
        eml,
        d.expected,
        None,
        remarks_contain=["Alles is interessant"],
    )


@case
def gmail_latin1_qp(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Sjoerd")
    d.type("organisation", "Provincie Fryslân").mark("org_type", "decentral")
    d.type("questions", "Coöperatie én campus: wie neemt de regie?")
    d.mark("all_meetings", True)
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain(
        "gmail_latin1_qp",
        body,
        "Sjoerd Hoekstra <sjoerd@fryslan.test>",
        charset="iso-8859-1",
        cte="quoted-printable",
    )
    return Case("gmail_latin1_qp", "latin-1, quoted-printable", eml, d.expected, d.sent)


@case
def thunderbird_latin1_8bit(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Tineke")
    d.type("organisation", "Coöperatie Zuidoost").mark("org_type", "company", "[X]")
    d.type("experience", "Café-overleg met ondernemers, één keer per maand.")
    body = f"{THUNDERBIRD_NL}\n{d.quoted('> ')}\n"
    eml = plain(
        "thunderbird_latin1_8bit", body, "Tineke Brouwer <tineke@coop.test>", charset="iso-8859-1", cte="8bit"
    )
    return Case("thunderbird_latin1_8bit", "Thunderbird, latin-1 8bit", eml, d.expected, None)


@case
def thunderbird_rewrapped_quote(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Umut")
    d.type("organisation", "Kamer van Koophandel").mark("org_type", "central")
    d.mark("themes", ["roles"]).mark("host", False)
    body = f"{THUNDERBIRD_NL}\n{d.quoted('> ', wrap=60)}\n"
    eml = plain("thunderbird_rewrapped_quote", body, "Umut Yilmaz <umut@kvk.test>")
    return Case(
        "thunderbird_rewrapped_quote", "client re-wrapped the quote at 60 columns", eml, d.expected, d.sent
    )


@case
def thunderbird_rewrapped_no_sent(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Vera")
    d.type("region", "Greenport Venlo").mark("phase", "mature").mark("all_meetings", True)
    body = f"{THUNDERBIRD_NL}\n{d.quoted('>', wrap=60)}\n"
    eml = plain("thunderbird_rewrapped_no_sent", body, "Vera Lin <vera@greenport.test>")
    return Case(
        "thunderbird_rewrapped_no_sent",
        "re-wrapped quote with '>' only, sent text unknown",
        eml,
        d.expected,
        None,
    )


@case
def german_client_header(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Wim")
    d.type("organisation", "Euregio Rijn-Waal").mark("org_type", "decentral").mark("all_meetings", False)
    body = f"Grüße aus Kleve\n\n{GERMAN}\n\n{d.quoted()}\n"
    eml = plain("german_client_header", body, "Wim Schulz <wim@euregio.test>")
    return Case("german_client_header", "German 'Am ... schrieb ...:' header", eml, d.expected, d.sent)


# -- Apple Mail -------------------------------------------------------------------------------------
@case
def apple_iphone_marks(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Xander")
    d.mark("org_type", "central", "[X]").mark("themes", ["governance", "roles"], "[X]")
    d.mark("all_meetings", True, "[X]").mark("host", False, "[X]")
    body = f"Verzonden vanaf mijn iPhone\n\n> {APPLE_NL}\n>\n{d.quoted()}\n"
    eml = plain("apple_iphone_marks", body, "Xander Kuipers <xander@icloud.com>")
    return Case("apple_iphone_marks", "Apple Mail on iPhone: only marks in the quote", eml, d.expected, None)


@case
def apple_typed(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Yvonne")
    d.type("organisation", "Universiteit Twente").type(
        "org_type", "Kennis- of onderwijsinstelling", "knowledge"
    )
    d.type("region", "Twente").type(
        "themes", "Faciliteren en stimuleren van groei (beleidsinstrumenten)", ["facilitation"]
    )
    d.type("all_meetings", "ja", True).type("host", "ja", True)
    body = (
        f"Beste organisatie,\n\nHierbij mijn antwoorden.\n\nGroet,\nYvonne\n\n> {APPLE_NL}\n>\n{d.quoted()}\n"
    )
    eml = plain("apple_typed", body, "Yvonne Koster <yvonne@utwente.test>")
    return Case("apple_typed", "Apple Mail, answers typed unquoted", eml, d.expected, d.sent)


@case
def apple_base64(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Zoë")
    d.type("organisation", "Gemeente ’s-Hertogenbosch").mark("org_type", "decentral")
    d.type("questions", "Hoe verdelen we rollen tussen gemeente, bedrijven en onderwijs?")
    d.mark("all_meetings", True)
    body = f"Verstuurd vanaf mijn iPad\n\n> {APPLE_NL}\n>\n{d.quoted()}\n"
    eml = plain("apple_base64", body, "Zoë van Dam <zoe@denbosch.test>", cte="base64")
    return Case("apple_base64", "utf-8 base64 body", eml, d.expected, d.sent)


@case
def apple_empty_reply(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Arjen")
    body = f"Verzonden vanaf mijn iPhone\n\n> {APPLE_NL}\n>\n{d.quoted()}\n"
    eml = plain("apple_empty_reply", body, "Arjen Blom <arjen@icloud.com>")
    return Case("apple_empty_reply", "sent without answering: nothing", eml, {}, d.sent)


# -- Outlook ---------------------------------------------------------------------------------------
@case
def outlook_plain_full(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Bas")
    d.type("organisation", "Provincie Noord-Brabant").mark("org_type", "decentral", "[X]")
    d.type("region", "Brainport").mark("themes", ["governance", "facilitation"], "[X]")
    d.mark("phase", "renewal", "[X]").type("questions", "Hoe meten we de effecten van clusterbeleid?")
    d.mark("all_meetings", True, "[X]").mark("host", True, "[X]")
    top = (
        "Zie hieronder mijn antwoorden.\n\nMet vriendelijke groet,\n\nBas Verhoeven\nBeleidsadviseur Economie"
    )
    body = f"{top}\n\n{outlook_block('nl', 'Bas Verhoeven <bas@brabant.test>')}\n\n{d.unquoted()}\n"
    eml = plain("outlook_plain_full", body, "Bas Verhoeven (Outlook) <bas@brabant.test>")
    return Case(
        "outlook_plain_full",
        "Outlook, unquoted original with X marks",
        eml,
        d.expected,
        d.sent,
        remarks_contain=["Zie hieronder"],
    )


@case
def outlook_plain_no_sent(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Cor")
    d.type("organisation", "Rijksdienst voor Ondernemend Nederland").mark("org_type", "central", "[X]")
    d.type("themes", "governance en financiering", ["governance", "financing"])
    d.mark("host", False, "[X]")
    top = (
        "Met vriendelijke groet,\nCor Timmer\n\n"
        "Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde(n)."
        " Indien u dit bericht onterecht ontvangt, wordt u verzocht de inhoud niet te gebruiken."
    )
    body = f"{top}\n\n{outlook_block('nl', 'Cor Timmer <cor@rvo.test>')}\n\n{d.unquoted()}\n"
    eml = plain("outlook_plain_no_sent", body, "Cor Timmer (Outlook) <cor@rvo.test>")
    return Case("outlook_plain_no_sent", "Outlook with disclaimer, sent text unknown", eml, d.expected, None)


@case
def outlook_old_separator(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Daan")
    d.type("organisation", "TNO").mark("org_type", "knowledge", "[X]").mark("phase", "growing", "[X]")
    block = outlook_block("nl", "Daan Smeets <daan@tno.test>", line="-----Oorspronkelijk bericht-----")
    body = f"Groet, Daan\n\n{block}\n\n{d.unquoted()}\n"
    eml = plain("outlook_old_separator", body, "Daan Smeets (Outlook) <daan@tno.test>")
    return Case(
        "outlook_old_separator", "-----Oorspronkelijk bericht----- separator", eml, d.expected, d.sent
    )


@case
def outlook_english_headers_nl_text(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Els")
    d.type("organisation", "Gemeente Rotterdam").type("org_type", "Gemeente", "decentral")
    d.mark("themes", ["roles"], "[X]").mark("all_meetings", True, "[X]")
    body = f"Regards,\nEls\n\n{outlook_block('en', 'Els Kramer <els@rotterdam.test>')}\n\n{d.unquoted()}\n"
    eml = plain("outlook_english_headers_nl_text", body, "Els Kramer (Outlook) <els@rotterdam.test>")
    return Case(
        "outlook_english_headers_nl_text",
        "English Outlook header block over Dutch text",
        eml,
        d.expected,
        None,
    )


@case
def outlook_mac_datum(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Fleur")
    d.type("organisation", "Port of Rotterdam").mark("org_type", "company", "[X]")
    d.type("experience", "Het Smartport-programma.", where="below")
    block = outlook_block("nl", "Fleur Jonker <fleur@port.test>", line="", date_word="Datum")
    body = f"Zie onder\n\n{block}\n\n{d.unquoted()}\n"
    eml = plain("outlook_mac_datum", body, "Fleur Jonker (Outlook) <fleur@port.test>")
    return Case(
        "outlook_mac_datum", "Outlook for Mac: Van/Datum/Aan/Onderwerp, no line", eml, d.expected, d.sent
    )


@case
def outlook_same_line(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Guus")
    d.type("organisation", "Gemeente Almelo", where="same").type("region", "Twente", where="same")
    d.mark("all_meetings", False, "[X]")
    body = f"{outlook_block('nl', 'Guus Ruiter <guus@almelo.test>')}\n\n{d.unquoted()}\n"
    eml = plain("outlook_same_line", body, "Guus Ruiter (Outlook) <guus@almelo.test>")
    return Case("outlook_same_line", "Outlook, typed behind the questions", eml, d.expected, None)


@case
def outlook_typed_choices_no_sent(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Hilde")
    d.type("org_type", "Bedrijf", "company").type("themes", "Financieren en investeren", ["financing"])
    d.type("phase", "Volwassen", "mature").type("host", "Nee", False)
    body = f"Hilde\n\n{outlook_block('nl', 'Hilde Post <hilde@bedrijf.test>')}\n\n{d.unquoted()}\n"
    eml = plain("outlook_typed_choices_no_sent", body, "Hilde Post (Outlook) <hilde@bedrijf.test>")
    return Case(
        "outlook_typed_choices_no_sent",
        "Outlook, labels typed under questions, last one yes/no",
        eml,
        d.expected,
        None,
    )


@case
def outlook_html_full(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Ilse")
    d.type("organisation", "Provincie Limburg").mark("org_type", "decentral", "[X]")
    d.mark("themes", ["facilitation", "financing"], "[X]").mark("phase", "renewal", "[X]")
    d.type("questions", "Welke instrumenten werken bij een cluster in vernieuwing?")
    d.mark("all_meetings", True, "[X]").mark("host", True, "[X]")
    block = outlook_block("nl", "Ilse Hendriks <ilse@limburg.test>")
    text = f"Hierbij de ingevulde vragenlijst.\n\nIlse\n\n{block}\n\n{d.unquoted()}"
    eml = plain(
        "outlook_html_full",
        outlook_html(text),
        "Ilse Hendriks (Outlook) <ilse@limburg.test>",
        subtype="html",
        cte="quoted-printable",
    )
    return Case("outlook_html_full", "Outlook HTML only, MsoNormal paragraphs", eml, d.expected, d.sent)


@case
def outlook_html_partial_no_sent(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Joost")
    d.type("organisation", "Gemeente Den Haag").type("themes", "Cluster governance", ["governance"])
    d.mark("all_meetings", False, "[X]")
    text = f"{outlook_block('nl', 'Joost Vermeer <joost@denhaag.test>')}\n\n{d.unquoted()}"
    eml = plain(
        "outlook_html_partial_no_sent",
        outlook_html(text),
        "Joost Vermeer (Outlook) <joost@denhaag.test>",
        subtype="html",
        cte="base64",
    )
    return Case(
        "outlook_html_partial_no_sent", "Outlook HTML only, base64, sent text unknown", eml, d.expected, None
    )


@case
def outlook_html_cp1252(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Kees")
    d.type("organisation", "Coöperatie Agrifood").mark("org_type", "company", "[X]")
    d.type("experience", "Samenwerking met het mbo – werkt goed!")
    text = f"{outlook_block('nl', 'Kees Bosman <kees@agrifood.test>')}\n\n{d.unquoted()}"
    eml = plain(
        "outlook_html_cp1252",
        outlook_html(text).replace("utf-8", "windows-1252"),
        "Kees Bosman (Outlook) <kees@agrifood.test>",
        subtype="html",
        charset="windows-1252",
        cte="quoted-printable",
    )
    return Case("outlook_html_cp1252", "Outlook HTML in windows-1252", eml, d.expected, d.sent)


# -- lists above the quote -----------------------------------------------------------------------
@case
def toplist_numbers(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Lotte")
    top = (
        "1. Provincie Overijssel\n2. Provincie, gemeente of regio\n3. Regio Zwolle\n"
        "4. Cluster governance, Financieren en investeren\n5. Groeiend\n"
        "6. Hoe organiseer je de samenwerking met het onderwijs?\n8. ja\n9. nee"
    )
    expected = {
        "organisation": "Provincie Overijssel",
        "org_type": "decentral",
        "region": "Regio Zwolle",
        "themes": ["governance", "financing"],
        "phase": "growing",
        "questions": "Hoe organiseer je de samenwerking met het onderwijs?",
        "all_meetings": True,
        "host": False,
    }
    body = f"{top}\n\nGroet,\nLotte\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("toplist_numbers", body, "Lotte Berg <lotte@overijssel.test>")
    return Case("toplist_numbers", "numbered list above a Gmail quote", eml, expected, d.sent)


@case
def toplist_colons_and_labels(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Mark")
    top = (
        "Beste organisatie,\n\nMijn antwoorden:\n1: Gemeente Tilburg\n2: gemeente\n"
        "Thema's: governance en financiering\nVraag 8: ja"
    )
    expected = {
        "organisation": "Gemeente Tilburg",
        "org_type": "decentral",
        "themes": ["governance", "financing"],
        "all_meetings": True,
    }
    body = f"{top}\n\nMark\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("toplist_colons_and_labels", body, "Mark Willems <mark@tilburg.test>")
    return Case(
        "toplist_colons_and_labels", "'2: ...', \"Thema's: ...\", 'Vraag 8: ...'", eml, expected, None
    )


@case
def toplist_named_labels(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Nadia")
    top = (
        "Organisatie: Gemeente Leiden\nType organisatie: gemeente\nFase: opkomend\n"
        "Thema's: rolverdeling triple helix\nAlle bijeenkomsten: nee"
    )
    expected = {
        "organisation": "Gemeente Leiden",
        "org_type": "decentral",
        "phase": "emerging",
        "themes": ["roles"],
        "all_meetings": False,
    }
    body = f"{top}\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("toplist_named_labels", body, "Nadia El Amrani <nadia@leiden.test>")
    return Case("toplist_named_labels", "labelled lines naming the questions", eml, expected, d.sent)


@case
def toplist_option_numbers(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Olaf")
    top = "1) Rabobank\n2) 5\n4) 2, 4\n8) Ja\n\nMvg Olaf"
    expected = {
        "organisation": "Rabobank",
        "org_type": "company",
        "themes": ["roles", "financing"],
        "all_meetings": True,
    }
    body = f"{top}\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("toplist_option_numbers", body, "Olaf Kuiper <olaf@rabo.test>")
    return Case("toplist_option_numbers", "'N) value' with option numbers", eml, expected, d.sent)


@case
def toplist_subset_outlook(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Petra")
    top = (
        "Hoi,\n\nKort mijn antwoorden:\n\n1. Provincie Zeeland\n"
        "6. Hoe houden we jonge mensen vast in de regio?\n"
        "9. Ja, in Vlissingen\n\nMet vriendelijke groet,\nPetra Maas"
    )
    expected = {
        "organisation": "Provincie Zeeland",
        "questions": "Hoe houden we jonge mensen vast in de regio?",
        "host": True,
    }
    body = f"{top}\n\n{outlook_block('nl', 'Petra Maas <petra@zeeland.test>')}\n\n{d.unquoted()}\n"
    eml = plain("toplist_subset_outlook", body, "Petra Maas (Outlook) <petra@zeeland.test>")
    return Case(
        "toplist_subset_outlook",
        "a few numbered answers above an Outlook block",
        eml,
        expected,
        None,
        remarks_contain=["Kort mijn antwoorden"],
    )


@case
def toplist_typos(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Quirine")
    top = "1. Gemeente Breda\n2. Provinsie, gemeente of regio\n4. Clustergovernance en financiering\n8. jawel"
    expected = {
        "organisation": "Gemeente Breda",
        "org_type": "decentral",
        "themes": ["governance", "financing"],
        "all_meetings": True,
    }
    body = f"{top}\n\n{GMAIL_NL_WRAPPED}\n\n{d.quoted()}\n"
    eml = plain("toplist_typos", body, "Quirine Dijk <quirine@breda.test>")
    return Case("toplist_typos", "numbered list with typos", eml, expected, d.sent)


@case
def toplist_question_copied(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Ruben")
    top = "8. Kunt u bij alle vier de bijeenkomsten zijn? Nee, de tweede niet.\n"
    body = f"{top}\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("toplist_question_copied", body, "Ruben Claes <ruben@gmail.com>")
    return Case(
        "toplist_question_copied",
        "one question copied with its answer above the quote",
        eml,
        {"all_meetings": False},
        d.sent,
    )


# -- corrections ---------------------------------------------------------------------------------
def earlier_reply(qs: dict[str, Questionnaire], name: str) -> Draft:
    d = Draft(qs["default"], "nl", name)
    return (
        d.type("organisation", "Provincie Utrecht").mark("org_type", "decentral").mark("all_meetings", True)
    )


@case
def correction_above_own_reply(qs: dict[str, Questionnaire]) -> Case:
    earlier = earlier_reply(qs, "Sanne")
    earlier_text = f"Hierbij mijn antwoorden.\n\n{GMAIL_NL}\n\n{earlier.quoted()}"
    quoted = "\n".join(f"> {line}" if line else ">" for line in earlier_text.split("\n"))
    header = "Op do 5 okt. 2017 om 10:30 schreef Sanne Vos <sanne@utrecht.test>:"
    top = "Een correctie op mijn eerdere antwoord:\n\n2. Rijksoverheid\n\nGroet,\nSanne"
    body = f"{top}\n\n{header}\n\n{quoted}\n"
    eml = plain("correction_above_own_reply", body, "Sanne Vos <sanne@utrecht.test>")
    return Case(
        "correction_above_own_reply",
        "correction above the quote of an earlier answered reply",
        eml,
        {"org_type": "central"},
        earlier.sent,
    )


@case
def correction_above_questionnaire(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Tom").mark("org_type", "decentral", expect=False)
    body = f"Een correctie op mijn eerdere antwoord:\n\n8. nee\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("correction_above_questionnaire", body, "Tom Peeters <tom@gmail.com>")
    return Case(
        "correction_above_questionnaire",
        "correction list wins over old marks in the quote",
        eml,
        {"all_meetings": False},
        d.sent,
    )


@case
def correction_english(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "en", "Ursula")
    top = "A correction to my earlier answer:\n\n2. Central government\n\nBest,\nUrsula"
    body = f"{top}\n\n{GMAIL_EN}\n\n{d.quoted()}\n"
    eml = plain("correction_english", body, "Ursula Grant <ursula@gov.test>", lang="en")
    return Case("correction_english", "English correction", eml, {"org_type": "central"}, d.sent, lang="en")


# -- replies to our follow-up mail (only the open questions) --------------------------------------
def follow_up(qs: dict[str, Questionnaire], name: str) -> Draft:
    understood = {"organisation": "Provincie Utrecht", "org_type": "Rijksoverheid"}
    text = follow_up_text(qs["default"], name, understood, ["themes", "questions", "all_meetings"])
    return Draft(qs["default"], "nl", name, text)


@case
def follow_up_gmail_with_older_sent_text(qs: dict[str, Questionnaire]) -> Case:
    d = follow_up(qs, "Vincent")
    d.type("questions", "Hoe betrekken we het mkb?").mark("all_meetings", True)
    original = Draft(qs["default"], "nl", "Vincent").sent
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("follow_up_gmail_with_older_sent_text", body, "Vincent Ros <vincent@utrecht.test>")
    return Case(
        "follow_up_gmail_with_older_sent_text",
        "reply to the follow-up, while the runner passes the first questionnaire as sent text",
        eml,
        d.expected,
        original,
    )


@case
def follow_up_outlook_with_older_sent_text(qs: dict[str, Questionnaire]) -> Case:
    d = follow_up(qs, "Wouter")
    original = Draft(qs["default"], "nl", "Wouter").sent
    body = (
        f"Sorry, dat volgt later deze week.\n\n{outlook_block('nl', 'Wouter <w@x.test>')}\n\n{d.unquoted()}\n"
    )
    eml = plain("follow_up_outlook_with_older_sent_text", body, "Wouter Smit (Outlook) <w@x.test>")
    return Case(
        "follow_up_outlook_with_older_sent_text",
        "unanswered follow-up in Outlook, older sent text: our words are not answers",
        eml,
        {},
        original,
        remarks_contain=["volgt later"],
    )


@case
def follow_up_outlook_answered(qs: dict[str, Questionnaire]) -> Case:
    d = follow_up(qs, "Xenia")
    d.mark("themes", ["facilitation"], "[X]").type("all_meetings", "Nee", False)
    body = f"{outlook_block('nl', 'Xenia <x@x.test>')}\n\n{d.unquoted()}\n"
    eml = plain("follow_up_outlook_answered", body, "Xenia Bos (Outlook) <x@x.test>")
    return Case(
        "follow_up_outlook_answered",
        "answers to the follow-up in Outlook, no sent text",
        eml,
        d.expected,
        None,
    )


# -- free prose and non-answers -------------------------------------------------------------------
@case
def prose_only_nl(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Victor")
    top = (
        "Beste organisatie,\n\n"
        "Ik werk bij de provincie Gelderland en vind vooral governance en financiering\n"
        "interessant. Ik kan helaas niet bij alle bijeenkomsten zijn. Kunt u mij de data van de\n"
        "bijeenkomsten sturen?\n\nMet vriendelijke groet,\nVictor Aalbers"
    )
    body = f"{top}\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("prose_only_nl", body, "Victor Aalbers <victor@gelderland.test>")
    return Case(
        "prose_only_nl",
        "free prose above an untouched quote: no answers",
        eml,
        {},
        d.sent,
        remarks_contain=["provincie Gelderland"],
        asks_organiser=True,
    )


@case
def prose_without_quote(qs: dict[str, Questionnaire]) -> Case:
    body = (
        "Hallo,\n\nWij doen graag mee met twee collega's. Ons cluster zit in de groeifase en we\n"
        "zijn vooral benieuwd naar financiering.\n\nGroetjes,\nWendy\n"
    )
    eml = plain("prose_without_quote", body, "Wendy Vink <wendy@gmail.com>")
    return Case(
        "prose_without_quote", "prose, quote deleted", eml, {}, None, remarks_contain=["twee collega"]
    )


@case
def prose_english(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "en", "Xavier")
    top = (
        "Hi,\n\nI work for a cluster organisation in Eindhoven and I am mostly interested in financing.\n"
        "Could you tell me where the first meeting is?\n\nKind regards,\nXavier"
    )
    body = f"{top}\n\n{GMAIL_EN}\n\n{d.quoted()}\n"
    eml = plain("prose_english", body, "Xavier Hall <xavier@cluster.test>", lang="en")
    return Case(
        "prose_english",
        "English prose: no answers",
        eml,
        {},
        d.sent,
        lang="en",
        remarks_contain=["cluster organisation in Eindhoven"],
        asks_organiser=True,
    )


@case
def prose_numbers_in_text(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Yara")
    top = "Ik kom op 12 oktober met 2 collega's. Om 9:30 zijn we er.\nOns budget voor 2018 is nog niet rond."
    body = f"{top}\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("prose_numbers_in_text", body, "Yara Bos <yara@gmail.com>")
    return Case(
        "prose_numbers_in_text",
        "numbers in prose are not a numbered list",
        eml,
        {},
        None,
        remarks_contain=["12 oktober"],
    )


@case
def out_of_office(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Zeger")
    body = (
        f"Ik ben afwezig tot en met 10 oktober. Voor dringende zaken kunt u mailen naar\n"
        f"secretariaat@gemeente.test.\n\n{outlook_block('nl', 'Zeger Wolters <zeger@gemeente.test>')}\n\n"
        f"{d.unquoted()}\n"
    )
    eml = plain("out_of_office", body, "Zeger Wolters (Outlook) <zeger@gemeente.test>")
    return Case("out_of_office", "out-of-office text above an untouched Outlook original", eml, {}, None)


@case
def attachment_note(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Anouk")
    body = f"Zie bijlage, ik heb het in Word ingevuld.\n\nAnouk\n\n> {APPLE_NL}\n>\n{d.quoted()}\n"
    eml = plain("attachment_note", body, "Anouk Smit <anouk@icloud.com>")
    return Case(
        "attachment_note",
        "answers 'in the attachment': nothing to read here",
        eml,
        {},
        d.sent,
        remarks_contain=["Zie bijlage"],
    )


# -- English -----------------------------------------------------------------------------------------
def full_en(d: Draft) -> Draft:
    return (
        d.type("organisation", "Ministry of Economic Affairs")
        .mark("org_type", "central")
        .mark("themes", ["governance", "roles"])
        .mark("phase", "mature")
        .type("questions", "How do other regions fund cluster managers?")
        .mark("all_meetings", True)
        .mark("host", False)
    )


@case
def english_gmail_inline(qs: dict[str, Questionnaire]) -> Case:
    d = full_en(Draft(qs["default"], "en", "Brian"))
    body = f"See my answers below.\n\n{GMAIL_EN}\n\n{d.quoted()}\n\nSent from my iPhone\n"
    eml = plain("english_gmail_inline", body, "Brian Shaw <brian@ez.test>", lang="en")
    return Case("english_gmail_inline", "English Gmail inline", eml, d.expected, d.sent, lang="en")


@case
def english_thunderbird_typed(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "en", "Chloe")
    d.type("organisation", "University of Groningen").type("org_type", "knowledge institution", "knowledge")
    d.type("themes", "Cluster governance and Financing and investing", ["governance", "financing"])
    d.type("all_meetings", "yes", True).type("host", "no", False)
    body = f"{THUNDERBIRD_EN}\n{d.quoted()}\n"
    eml = plain("english_thunderbird_typed", body, "Chloe Reed <chloe@rug.test>", lang="en")
    return Case(
        "english_thunderbird_typed", "English Thunderbird, typed answers", eml, d.expected, None, lang="en"
    )


@case
def english_apple(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "en", "Dave")
    d.mark("org_type", "cluster_org").mark("phase", "emerging").type("region", "Northern Netherlands")
    body = f"Sent from my iPhone\n\n> {APPLE_EN}\n>\n{d.quoted()}\n"
    eml = plain("english_apple", body, "Dave Cole <dave@icloud.com>", lang="en")
    return Case("english_apple", "English Apple Mail", eml, d.expected, d.sent, lang="en")


@case
def english_outlook_html(qs: dict[str, Questionnaire]) -> Case:
    d = full_en(Draft(qs["default"], "en", "Emma"))
    block = outlook_block("en", "Emma Stone <emma@ez.test>")
    text = f"Please find my answers below.\n\nEmma\n\n{block}\n\n{d.unquoted()}"
    eml = plain(
        "english_outlook_html",
        outlook_html(text),
        "Emma Stone (Outlook) <emma@ez.test>",
        lang="en",
        subtype="html",
        cte="quoted-printable",
    )
    return Case("english_outlook_html", "English Outlook HTML only", eml, d.expected, d.sent, lang="en")


@case
def english_outlook_original_message(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "en", "Fred")
    d.type("organisation", "Holland High Tech").mark("org_type", "cluster_org", "[X]").mark(
        "host", True, "[X]"
    )
    block = outlook_block("en", "Fred Hill <fred@hht.test>", line="-----Original Message-----")
    body = f"Cheers,\nFred\n\n{block}\n\n{d.unquoted()}\n"
    eml = plain("english_outlook_original_message", body, "Fred Hill (Outlook) <fred@hht.test>", lang="en")
    return Case(
        "english_outlook_original_message", "-----Original Message-----", eml, d.expected, None, lang="en"
    )


@case
def english_toplist(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "en", "Gina")
    top = (
        "1. Province of Utrecht\n2. Province, municipality or region\n4. Financing and investing\n"
        "8. Yes\n9. No"
    )
    expected = {
        "organisation": "Province of Utrecht",
        "org_type": "decentral",
        "themes": ["financing"],
        "all_meetings": True,
        "host": False,
    }
    body = f"{top}\n\nThanks,\nGina\n\n{GMAIL_EN}\n\n{d.quoted()}\n"
    eml = plain("english_toplist", body, "Gina Moss <gina@utrecht.test>", lang="en")
    return Case("english_toplist", "English numbered list", eml, expected, d.sent, lang="en")


@case
def english_dutch_words(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "en", "Hans")
    d.type("all_meetings", "ja", True).type("org_type", "Rijksoverheid", "central")
    body = f"{GMAIL_EN}\n\n{d.quoted()}\n"
    eml = plain("english_dutch_words", body, "Hans Vos <hans@rijk.test>", lang="en")
    return Case(
        "english_dutch_words",
        "English questionnaire answered in Dutch words",
        eml,
        d.expected,
        d.sent,
        lang="en",
    )


@case
def english_signature_disclaimer(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "en", "Iris")
    d.type("organisation", "Port of Amsterdam").mark("org_type", "company")
    bottom = (
        "Best regards,\nIris Lee\nPort of Amsterdam\n\nThis email and any attachments are confidential "
        "and intended solely for the addressee."
    )
    body = f"{GMAIL_EN}\n\n{d.quoted()}\n\n{bottom}\n"
    eml = plain("english_signature_disclaimer", body, "Iris Lee <iris@port.test>", lang="en")
    return Case(
        "english_signature_disclaimer",
        "signature and disclaimer under the quote",
        eml,
        d.expected,
        d.sent,
        lang="en",
    )


# -- harness-like shapes ------------------------------------------------------------------------------
@case
def harness_gmail_quoted_placeholder(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Jan")
    d.type("organisation", "Gemeente Zwolle").mark("org_type", "decentral", "[X]")
    d.type("region", "Regio Zwolle").type(
        "themes",
        "Cluster governance, Rolverdeling triple helix in de "
        "levensfasen van een cluster en Financieren en investeren",
        ["governance", "roles", "financing"],
    )
    d.mark("phase", "growing").type("questions", "Hoe verdelen we de rollen?")
    d.type("all_meetings", "ja", True).type("host", "nee", False)
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("harness_gmail_quoted_placeholder", body, "Jan Jansen <jan@zwolle.test>")
    return Case(
        "harness_gmail_quoted_placeholder",
        "marks, typed '> Antwoord: ...' and lists 'A, B en C'",
        eml,
        d.expected,
        d.sent,
    )


@case
def harness_outlook_html_no_sent(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Kim")
    d.type("organisation", "Provincie Drenthe").mark("org_type", "decentral", "[X]")
    d.mark("themes", ["roles", "facilitation"], "[X]").type(
        "questions", "Coöperatie én campus: wie neemt de regie?"
    )
    d.type("all_meetings", "nee", False)
    text = f"{outlook_block('nl', 'Kim de Wit <kim@drenthe.test>')}\n\n{d.unquoted()}"
    eml = plain(
        "harness_outlook_html_no_sent",
        outlook_html(text),
        "Kim de Wit (Outlook) <kim@drenthe.test>",
        subtype="html",
        cte="quoted-printable",
    )
    return Case(
        "harness_outlook_html_no_sent",
        "Outlook HTML with a typed yes/no, sent text unknown",
        eml,
        d.expected,
        None,
    )


@case
def harness_apple_latin1(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Lieke")
    d.type("questions", "Coöperatie én campus: wie neemt de regie?").mark("org_type", "knowledge", "[x]")
    d.type("experience", "Onze campus in Wageningen.").mark("host", True, "[x]")
    body = f"> {APPLE_NL}\n>\n{d.quoted()}\n"
    eml = plain(
        "harness_apple_latin1",
        body,
        "Lieke Baas <lieke@wur.test>",
        charset="iso-8859-1",
        cte="quoted-printable",
    )
    return Case("harness_apple_latin1", "Apple quote, latin-1 quoted-printable", eml, d.expected, d.sent)


@case
def harness_toplist_english(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "en", "Mike")
    top = (
        "1. Gemeente Amsterdam\n2. Province, municipality or region\n"
        "4. Cluster governance, Facilitating and stimulating growth (policy instruments) and "
        "Financing and investing\n"
        "6. How do we keep start-ups in the region?\n8. yes\n9. no"
    )
    expected = {
        "organisation": "Gemeente Amsterdam",
        "org_type": "decentral",
        "themes": ["governance", "facilitation", "financing"],
        "questions": "How do we keep start-ups in the region?",
        "all_meetings": True,
        "host": False,
    }
    body = f"{top}\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("harness_toplist_english", body, "Mike Ross <mike@amsterdam.test>", lang="en")
    return Case(
        "harness_toplist_english", "English numbered list, 'A, B and C'", eml, expected, d.sent, lang="en"
    )


@case
def harness_outlook_plain_marks_x(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["default"], "nl", "Noor")
    d.mark("org_type", "central", "[X]").mark("themes", ["governance"], "[X]").mark(
        "phase", "emerging", "[x]"
    )
    d.mark("all_meetings", True, "[X]").mark("host", False, "[x]")
    body = f"\n{outlook_block('nl', 'Noor Akkerman <noor@rijk.test>')}\n\n{d.unquoted()}\n"
    eml = plain("harness_outlook_plain_marks_x", body, "Noor Akkerman (Outlook) <noor@rijk.test>")
    return Case(
        "harness_outlook_plain_marks_x",
        "Outlook, only marks, nothing above the block",
        eml,
        d.expected,
        d.sent,
    )


# -- another questionnaire (scale, other ids) ------------------------------------------------------------
@case
def alt_gmail_scale(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["alt"], "nl", "Olivia")
    d.type("naam", "Olivia Bakker").mark("rol", "beleid").type("urgentie", "4", 4)
    d.mark("onderwerpen", ["data", "arbeid"]).mark("lunch", True)
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("alt_gmail_scale", body, "Olivia Bakker <olivia@gmail.com>")
    return Case(
        "alt_gmail_scale",
        "other questionnaire: scale typed on the Antwoord line",
        eml,
        d.expected,
        d.sent,
        questionnaire="alt",
    )


@case
def alt_toplist(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["alt"], "nl", "Paul")
    top = (
        "1. Paul Smit\n2. Onderzoeker\n3. 5\n4. data en energie\n5. nee\n"
        "6. Graag vegetarisch als ik toch blijf."
    )
    expected = {
        "naam": "Paul Smit",
        "rol": "onderzoeker",
        "urgentie": 5,
        "onderwerpen": ["data", "energie"],
        "lunch": False,
        "opmerking": "Graag vegetarisch als ik toch blijf.",
    }
    body = f"{top}\n\n{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("alt_toplist", body, "Paul Smit <paul@uni.test>")
    return Case("alt_toplist", "other questionnaire, numbered list", eml, expected, None, questionnaire="alt")


@case
def alt_outlook_html(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["alt"], "nl", "Rik")
    d.type("naam", "Rik Vermeulen").mark("rol", "manager", "[X]").type("urgentie", "vier", 4)
    d.mark("onderwerpen", ["energie"], "[X]").mark("lunch", False, "[X]")
    text = f"{outlook_block('nl', 'Rik Vermeulen <rik@bedrijf.test>')}\n\n{d.unquoted()}"
    eml = plain(
        "alt_outlook_html",
        outlook_html(text),
        "Rik Vermeulen (Outlook) <rik@bedrijf.test>",
        subtype="html",
        cte="quoted-printable",
    )
    return Case(
        "alt_outlook_html",
        "other questionnaire, Outlook HTML, scale in words",
        eml,
        d.expected,
        None,
        questionnaire="alt",
    )


@case
def alt_english(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["alt"], "en", "Sara")
    d.type("naam", "Sara Jones").type("rol", "Policy officer", "beleid").type("urgentie", "3/5", 3)
    d.type("onderwerpen", "Energy transition and Labour market", ["energie", "arbeid"])
    d.type("opmerking", "Could you send the agenda beforehand?")
    body = f"{GMAIL_EN}\n\n{d.quoted()}\n"
    eml = plain("alt_english", body, "Sara Jones <sara@gov.test>", lang="en")
    return Case(
        "alt_english",
        "other questionnaire in English",
        eml,
        d.expected,
        d.sent,
        lang="en",
        questionnaire="alt",
        asks_organiser=True,
    )


@case
def alt_scale_out_of_range(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["alt"], "nl", "Teun")
    d.type("urgentie", "8", expect=None).mark("lunch", True).mark("lunch", False, expect=False)
    d.type("naam", "Teun")
    body = f"{GMAIL_NL}\n\n{d.quoted()}\n"
    eml = plain("alt_scale_out_of_range", body, "Teun Smit <teun@gmail.com>")
    expected = {"naam": "Teun"}
    return Case(
        "alt_scale_out_of_range",
        "scale 8 and both yes and no marked: neither answered",
        eml,
        expected,
        d.sent,
        questionnaire="alt",
    )


@case
def alt_apple_typed_multi(qs: dict[str, Questionnaire]) -> Case:
    d = Draft(qs["alt"], "nl", "Ulla")
    d.type("onderwerpen", "Arbeidsmarkt en data", ["data", "arbeid"]).type(
        "rol", "beleidsmedewerker", "beleid"
    )
    d.type("lunch", "Ja graag", True)
    body = f"Verzonden vanaf mijn iPhone\n\n> {APPLE_NL}\n>\n{d.quoted()}\n"
    eml = plain("alt_apple_typed_multi", body, "Ulla Berg <ulla@icloud.com>")
    return Case(
        "alt_apple_typed_multi",
        "other questionnaire, Apple, typed answers",
        eml,
        d.expected,
        None,
        questionnaire="alt",
    )


def write_all() -> list[Case]:
    qs = questionnaires()
    for old in FIXTURES.glob("*.eml"):
        old.unlink()
    for old in FIXTURES.glob("[!_]*.json"):
        old.unlink()
    cases = [make(qs) for make in CASES]
    for number, item in enumerate(cases, start=1):
        stem = f"{number:02d}-{item.name.replace('_', '-')}"
        (FIXTURES / f"{stem}.eml").write_bytes(item.eml)
        meta = {
            "description": item.description,
            "questionnaire": item.questionnaire,
            "lang": item.lang,
            "expected": item.expected,
            "remarks_contain": item.remarks_contain,
            "asks_organiser": item.asks_organiser,
            "sent_text": item.sent_text,
        }
        (FIXTURES / f"{stem}.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return cases


if __name__ == "__main__":
    written = write_all()
    print(f"wrote {len(written)} replies to {FIXTURES.relative_to(ROOT)}")
