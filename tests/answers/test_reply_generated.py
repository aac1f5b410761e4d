"""Replies to random questionnaires, in the shapes an acceptance harness writes them.

The fixture set proves the parser on hand-written replies to our own questionnaire; this
set proves it knows no question ids or labels by heart: seeded random questionnaires
(other questions, labels with commas, "en" and accents), random answers, five layouts.
"""

from __future__ import annotations

import email
import email.policy
import random
from email.message import EmailMessage

from mailbot.answers.parse_reply import parse_reply
from mailbot.answers.questionnaire import AnswerValue, Questionnaire, load_questionnaire
from mailbot.mail.html_text import html_to_text
from tests import ROOT
from tests.answers.reply_drafting import APPLE_NL, GMAIL_NL, Draft, message, outlook_block, outlook_html

QUESTIONS = [
    ("Wat is uw functie?", "What is your position?"),
    ("Welke regio vertegenwoordigt u?", "Which region do you represent?"),
    ("Wat verwacht u van de leerkring?", "What do you expect from the learning circle?"),
    ("Wie is uw belangrijkste partner?", "Who is your most important partner?"),
    ("Hoe urgent is het thema voor u (1-5)?", "How urgent is the theme for you (1-5)?"),
    ("Blijft u lunchen?", "Will you stay for lunch?"),
    ("Neemt u een collega mee?", "Will you bring a colleague?"),
    ("Welke dag komt u het beste uit?", "Which day suits you best?"),
    ("Hoe wilt u de verslagen ontvangen?", "How would you like to receive the minutes?"),
    ("Welke onderwerpen wilt u bespreken?", "Which topics would you like to discuss?"),
    ("Coöperatie én campus: wie neemt de regie?", "Cooperative and campus: who takes the lead?"),
    ("Wat is uw rol in het cluster?", "What is your role in the cluster?"),
    ("Heeft u dieetwensen?", "Do you have dietary requirements?"),
    ("Kunt u een korte presentatie geven?", "Could you give a short presentation?"),
    (
        "Hoe tevreden bent u over de vorige sessie (1-5)?",
        "How satisfied were you with the last session (1-5)?",
    ),
]
OPTION_SETS = [
    [("Maandag", "Monday"), ("Dinsdag", "Tuesday"), ("Woensdag", "Wednesday"), ("Donderdag", "Thursday")],
    [("Per e-mail", "By e-mail"), ("Op papier", "On paper"), ("Via de website", "On the website")],
    [("Beleidsmedewerker", "Policy officer"), ("Manager", "Manager"), ("Onderzoeker", "Researcher"),
     ("Ondernemer", "Entrepreneur"), ("Anders", "Other")],  # fmt: skip
    [("Data en digitalisering", "Data and digitalisation"), ("Energietransitie", "Energy transition"),
     ("Arbeidsmarkt en onderwijs", "Labour market and education"), ("Innovatie (R&D)", "Innovation (R&D)")],
    [("Vegetarisch", "Vegetarian"), ("Veganistisch", "Vegan"), ("Glutenvrij", "Gluten-free"),
     ("Geen", "None")],
    [("Provincie, gemeente of regio", "Province, municipality or region"), ("Rijksoverheid", "Government"),
     ("Bedrijf", "Company"), ("Kennisinstelling", "Knowledge institution")],
    [("Eens", "Agree"), ("Oneens", "Disagree"), ("Weet ik niet", "Don't know")],
    [("Zeer eens", "Strongly agree"), ("Eens", "Agree"), ("Oneens", "Disagree"),
     ("Zeer oneens", "Strongly disagree")],
    [("1-10 medewerkers", "1-10 employees"), ("11-50 medewerkers", "11-50 employees"),
     ("Meer dan 50 medewerkers", "More than 50 employees")],
    [("Data", "Data"), ("Data en AI", "Data and AI"), ("Cybersecurity", "Cybersecurity")],
    [("Ja, graag", "Yes, please"), ("Nee, dank u", "No, thank you"), ("Misschien", "Maybe")],
]  # fmt: skip
TEXT_ANSWERS = [
    "Provincie Overijssel",
    "Gemeente Zwolle",
    "Ik wil leren van andere regio's.",
    "Coöperatie én campus: wie neemt de regie?",
    "Jan de Vries",
    "Vooral netwerken en kennis delen",
    "Senior adviseur economie",
    "Brainport Development",
    "Een goed gesprek over de rol van de provincie",
]
STYLES = ("gmail", "toplist", "outlook", "outlook_html", "apple")
REPLIES = 600


def random_questionnaire(rng: random.Random) -> Questionnaire:
    texts = rng.sample(QUESTIONS, rng.randint(3, 8))
    raw: list[dict[str, object]] = []
    for number, (nl, en) in enumerate(texts, start=1):
        kind = "scale" if "(1-5)" in nl else rng.choice(["text", "single", "multi", "yesno"])
        item: dict[str, object] = {
            "id": f"v{number}_{rng.randint(0, 99)}",
            "type": kind,
            "question": {"nl": nl, "en": en},
        }
        if kind in ("single", "multi"):
            options = rng.choice(OPTION_SETS)
            item["options"] = [
                {"id": f"o{i}", "label": {"nl": o_nl, "en": o_en}} for i, (o_nl, o_en) in enumerate(options)
            ]
        raw.append(item)
    return load_questionnaire(raw, ["nl", "en"], ROOT)


def joined(labels: list[str], lang: str) -> str:
    last = " en " if lang == "nl" else " and "
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + last + labels[-1]


def answer_randomly(rng: random.Random, draft: Draft, style: str) -> dict[int, str]:
    """Fill the draft as a participant would; return the 'N. value' lines for the toplist style."""
    listed: dict[int, str] = {}
    lang = draft.lang
    for number, question in enumerate(draft.questionnaire.questions, start=1):
        if rng.random() < 0.25:
            continue
        mark = "[X]" if style.startswith("outlook") else rng.choice(["[x]", "[X]"])
        value: AnswerValue
        if question.type in ("text", "scale"):
            # (an answer that repeats its own question's text cannot be told from the question)
            texts = [t for t in TEXT_ANSWERS if t not in question.question.values()]
            value = rng.choice(texts) if question.type == "text" else rng.randint(1, 5)
            listed[number] = str(value)
            draft.expected[question.id] = value
            if style != "toplist":
                draft.type(question.id, str(value), value)
        elif question.type == "yesno":
            value = rng.random() < 0.5
            word = ("ja" if value else "nee") if lang == "nl" else ("yes" if value else "no")
            listed[number] = word
            if style == "toplist":
                draft.expected[question.id] = value
            elif rng.random() < 0.5:
                draft.mark(question.id, value, mark)
            else:
                draft.type(question.id, word, value)
        else:
            count = 1 if question.type == "single" else rng.randint(1, len(question.options))
            chosen = sorted(rng.sample(range(len(question.options)), count))
            ids = [question.options[i].id for i in chosen]
            labels = [question.options[i].label[lang] for i in chosen]
            value = ids[0] if question.type == "single" else ids
            listed[number] = joined(labels, lang)
            if style == "toplist":
                draft.expected[question.id] = value
            elif rng.random() < 0.6:
                draft.mark(question.id, value, mark)
            else:
                draft.type(question.id, joined(labels, lang), value)
    return listed


def reply_text(rng: random.Random, seed: int) -> tuple[str, Draft, bool]:
    style = STYLES[seed % len(STYLES)]
    lang = "nl" if rng.random() < 0.7 else "en"
    draft = Draft(random_questionnaire(rng), lang, "deelnemer")
    listed = answer_randomly(rng, draft, style)
    if style == "gmail":
        body = f"{GMAIL_NL}\n\n{draft.quoted()}\n"
    elif style == "apple":
        body = f"> {APPLE_NL}\n>\n{draft.quoted()}\n"
    elif style == "toplist":
        top = "\n".join(f"{n}. {v}" for n, v in listed.items())
        body = f"{top}\n\n{GMAIL_NL}\n\n{draft.quoted()}\n"
    else:
        body = f"{outlook_block('nl', 'Deelnemer <d@example.test>')}\n\n{draft.unquoted()}\n"
    if style == "outlook_html":
        raw = message(outlook_html(body), name=f"g{seed}", sender="D <d@x.test>", lang=lang, subtype="html")
    else:
        latin1 = rng.random() < 0.3
        raw = message(
            body,
            name=f"g{seed}",
            sender="D <d@x.test>",
            lang=lang,
            charset="iso-8859-1" if latin1 else "utf-8",
            cte="quoted-printable",
        )
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    part = parsed.get_body(preferencelist=("plain", "html"))
    assert part is not None
    text = str(part.get_content())
    return (html_to_text(text) if part.get_content_subtype() == "html" else text), draft, rng.random() < 0.5


def test_generated_replies_to_random_questionnaires() -> None:
    given = correct = invented = wrong = 0
    problems: list[str] = []
    for seed in range(REPLIES):
        rng = random.Random(seed)
        text, draft, with_sent = reply_text(rng, seed)
        parsed = parse_reply(text, draft.questionnaire, draft.lang, draft.sent if with_sent else None)
        given += len(draft.expected)
        for question_id, value in parsed.answers.items():
            if question_id not in draft.expected:
                invented += 1
                problems.append(f"seed {seed}: invented {question_id}={value!r}")
            elif draft.expected[question_id] != value:
                wrong += 1
                problems.append(
                    f"seed {seed}: {question_id}={value!r}, expected {draft.expected[question_id]!r}"
                )
            else:
                correct += 1
    missed = given - correct - wrong
    print(
        f"\ngenerated set: {REPLIES} replies, {given} answers given, {correct} correct, {wrong} wrong, "
        f"{missed} missed, {invented} invented, field accuracy {correct / given:.1%}"
    )
    assert not problems, "\n".join(problems[:20])
    assert correct / given >= 0.97
