"""Building realistic replies to our questionnaire mail, for the reply fixtures.

A ``Draft`` starts from the exact text we send (greeting, the rendered questionnaire
block, closing) and records what the participant does to it: marks, typed answers.
The client styles then quote it the way Gmail, Apple Mail, Thunderbird or Outlook do.
"""

from __future__ import annotations

import html
import textwrap
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from jinja2 import Environment

from mailbot.answers.questionnaire import AnswerValue, Questionnaire, option_label
from mailbot.answers.render import questionnaire_view, yes_no_labels
from mailbot.wording.templates import Templates

BOT = "Leerkring Clusters & clusterbeleid"
BOT_ADDRESS = "leerkring@bot.test"

GREETING = {
    "nl": "Beste {name},\n\nDank voor uw aanmelding voor de leerkring Clusters & clusterbeleid. Om de\n"
    "bijeenkomsten goed voor te bereiden horen we graag wat u van de leerkring nodig heeft.\n\n",
    "en": "Dear {name},\n\nThank you for signing up for the learning circle Clusters & clusterbeleid. To\n"
    "prepare the meetings well, we would like to know what you need from it.\n\n",
}
CLOSING = {
    "nl": "Met vriendelijke groet,\n\nLeerkring Clusters & clusterbeleid\nleerkring@bot.test\n",
    "en": "Kind regards,\n\nLearning circle Clusters & clusterbeleid\nleerkring@bot.test\n",
}

GMAIL_NL = f"Op wo 4 okt. 2017 om 09:15 schreef {BOT} <{BOT_ADDRESS}>:"
GMAIL_NL_WRAPPED = f"Op wo 4 okt. 2017 om 09:15 schreef {BOT} <\n{BOT_ADDRESS}>:"
GMAIL_EN = f"On Wed, Oct 4, 2017 at 9:15 AM {BOT} <{BOT_ADDRESS}> wrote:"
THUNDERBIRD_NL = f"Op 04-10-2017 om 09:15 schreef {BOT}:"
THUNDERBIRD_EN = f"On 04-10-2017 09:15, {BOT} wrote:"
APPLE_NL = f"Op 4 okt. 2017 om 09:15 heeft {BOT} <{BOT_ADDRESS}> het volgende geschreven:"
APPLE_EN = f"On 4 Oct 2017, at 09:15, {BOT} <{BOT_ADDRESS}> wrote:"
GERMAN = f"Am 04.10.2017 um 09:15 schrieb {BOT} <{BOT_ADDRESS}>:"


def outlook_block(lang: str, to: str, *, line: str = "_" * 32, date_word: str | None = None) -> str:
    subject = "Vragenlijst leerkring Clusters & clusterbeleid"
    if lang == "nl":
        sent = date_word or "Verzonden"
        fields = f"Van: {BOT} <{BOT_ADDRESS}>\n{sent}: woensdag 4 oktober 2017 09:15\n"
        fields += f"Aan: {to}\nOnderwerp: {subject}"
    else:
        sent = date_word or "Sent"
        fields = f"From: {BOT} <{BOT_ADDRESS}>\n{sent}: Wednesday, October 4, 2017 9:15 AM\n"
        fields += f"To: {to}\nSubject: {subject}"
    return f"{line}\n{fields}" if line else fields


def environment() -> Environment:
    """The real template environment (``mailbot.wording.templates.Templates``: StrictUndefined, autoescape)."""
    return Templates().env


def sent_text(questionnaire: Questionnaire, lang: str, name: str) -> str:
    """The text/plain body of our questionnaire mail, around the real rendered block."""
    block = (
        environment()
        .get_template(f"{lang}/_questionnaire.txt")
        .render(questionnaire_view=questionnaire_view(questionnaire, lang))
    )
    return GREETING[lang].format(name=name) + block + CLOSING[lang]


def follow_up_text(
    questionnaire: Questionnaire, name: str, understood: dict[str, str], missing: list[str]
) -> str:
    """Our (Dutch) follow-up mail: what we understood, then only the questions still open."""
    views = [v for v in questionnaire_view(questionnaire, "nl") if v.id in missing]
    block = environment().get_template("nl/_questionnaire.txt").render(questionnaire_view=views)
    noted = "".join(
        f"- {q.text('nl')}\n  {understood[q.id]}\n" for q in questionnaire.questions if q.id in understood
    )
    return (
        f"Beste {name},\n\nDank u wel voor uw antwoorden. Dit hebben we genoteerd:\n\n{noted}\n"
        f"We missen nog een antwoord op deze vragen:\n\n{block}"
        "Klopt er iets niet? Antwoord dan op deze mail met de juiste gegevens; wij passen het aan.\n\n"
        + CLOSING["nl"]
    )


class Draft:
    """Our sent text, line by line, with what the participant changed or added."""

    def __init__(self, questionnaire: Questionnaire, lang: str, name: str, text: str | None = None) -> None:
        self.questionnaire = questionnaire
        self.lang = lang
        self.sent = text if text is not None else sent_text(questionnaire, lang, name)
        self.lines: list[tuple[str, bool]] = [(line, False) for line in self.sent.rstrip("\n").split("\n")]
        self.expected: dict[str, AnswerValue] = {}

    # -- finding our lines -----------------------------------------------------
    def _question_line(self, question_id: str) -> int:
        number = next(i for i, q in enumerate(self.questionnaire.questions, 1) if q.id == question_id)
        return next(i for i, (line, _) in enumerate(self.lines) if line.startswith(f"{number}. "))

    def _block(self, question_id: str) -> range:
        start = self._question_line(question_id)
        end = start + 1
        while end < len(self.lines) and self.lines[end][0].strip():
            end += 1
        return range(start, end)

    def _labels(self, question_id: str, value: AnswerValue) -> list[str]:
        question = self.questionnaire.get(question_id)
        assert question is not None
        if question.type == "yesno":
            yes, no = yes_no_labels(self.lang)
            return [yes if value else no]
        ids = value if isinstance(value, list) else [value]
        return [option_label(o, self.lang) for o in question.options if o.id in ids]

    # -- what a participant does -----------------------------------------------
    def mark(self, question_id: str, value: AnswerValue, mark: str = "[x]", expect: bool = True) -> Draft:
        """Mark option lines by replacing their ``[ ]``."""
        for label in self._labels(question_id, value):
            for index in self._block(question_id):
                line, typed = self.lines[index]
                if line == f"[ ] {label}":
                    self.lines[index] = (line.replace("[ ]", mark, 1), typed)
                    break
            else:
                raise AssertionError(f"no option line {label!r} for {question_id}")
        if expect:
            self.expected[question_id] = value
        return self

    def type(
        self, question_id: str, text: str, expect: AnswerValue | None = None, *, where: str = "auto"
    ) -> Draft:
        """Type an answer: onto the ``Antwoord:`` line (auto), on a new line under the question
        (``new``), under the ``Antwoord:`` line (``below``), behind the question (``same``) or
        under the options (``after``). ``expect`` is the value a careful reader takes from it;
        for text questions it defaults to the text itself."""
        question = self.questionnaire.get(question_id)
        assert question is not None
        block = self._block(question_id)
        placeholder = next((i for i in block if self.lines[i][0].endswith(":") and i != block.start), None)
        if where == "same":
            line, typed = self.lines[block.start]
            self.lines[block.start] = (f"{line} {text}", typed)
        elif where == "auto" and placeholder is not None:
            line, typed = self.lines[placeholder]
            self.lines[placeholder] = (f"{line} {text}", typed)
        elif where == "below" and placeholder is not None:
            self.lines[placeholder + 1 : placeholder + 1] = [(t, True) for t in text.split("\n")]
        elif where == "after":
            self.lines[block.stop : block.stop] = [(t, True) for t in text.split("\n")]
        else:
            self.lines[block.start + 1 : block.start + 1] = [(t, True) for t in text.split("\n")]
        if expect is None and question.type == "text":
            expect = " ".join(text.split())
        if expect is not None:
            self.expected[question_id] = expect
        return self

    # -- quoting ---------------------------------------------------------------
    def quoted(self, prefix: str = "> ", wrap: int | None = None) -> str:
        out: list[str] = []
        for line, typed in self.lines:
            if typed or not prefix:
                out.append(line)
                continue
            pieces = textwrap.wrap(line, wrap) if wrap and len(line) > wrap else [line]
            out.extend(f"{prefix}{piece}" if piece else prefix.rstrip() for piece in pieces)
        return "\n".join(out)

    def unquoted(self) -> str:
        return self.quoted(prefix="")


def outlook_html(text: str) -> str:
    """An Outlook HTML-only body: every line its own ``MsoNormal`` paragraph."""
    paragraphs = "\n".join(
        f'<p class="MsoNormal">{html.escape(line) if line.strip() else "&nbsp;"}<o:p></o:p></p>'
        for line in text.split("\n")
    )
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt;} --></style></head>"
        f'<body lang="NL" link="#0563C1"><div class="WordSection1">\n{paragraphs}\n</div></body></html>'
    )


def gmail_html(top: str, header: str, draft: Draft) -> str:
    """A Gmail HTML part: the quote in a blockquote, typed lines between quoted pieces."""
    parts = [f'<div dir="ltr">{"<br>".join(html.escape(t) for t in top.split(chr(10)))}</div><br>']
    parts.append(
        f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">{html.escape(header)}<br></div>'
    )
    group: list[str] = []
    group_typed: bool | None = None

    def close() -> None:
        if not group:
            return
        body = "".join(f"<div>{html.escape(line) or '<br>'}</div>" for line in group)
        parts.append(
            body
            if group_typed
            else f'<blockquote class="gmail_quote" style="margin:0 0 0 .8ex">{body}</blockquote>'
        )
        group.clear()

    for line, typed in draft.lines:
        if typed != group_typed:
            close()
            group_typed = typed
        group.append(line)
    close()
    parts.append("</div>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def message(
    body: str,
    *,
    name: str,
    sender: str,
    lang: str,
    subtype: str = "plain",
    charset: str = "utf-8",
    cte: str | None = None,
    alternative_html: str | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = f"{BOT} <{BOT_ADDRESS}>"
    msg["Subject"] = ("RE: " if "Outlook" in sender else "Re: ") + (
        "Vragenlijst leerkring Clusters & clusterbeleid" if lang == "nl" else "Questionnaire learning circle"
    )
    msg["Date"] = format_datetime(datetime(2017, 10, 5, 10, 30, tzinfo=UTC))
    msg["Message-ID"] = f"<{name}@example.nl>"
    msg["In-Reply-To"] = "<questionnaire-1@bot.test>"
    msg["References"] = "<questionnaire-1@bot.test>"
    msg.set_content(body, subtype=subtype, charset=charset, cte=cte)
    if alternative_html is not None:
        msg.add_alternative(alternative_html, subtype="html")
    return msg.as_bytes()
