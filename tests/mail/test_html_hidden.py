"""Text a mail client would not show is never read as the person's words: HTML only, or beside a plain part."""

from __future__ import annotations

import pytest

from mailbot.mail.html_text import HtmlText, carries_hidden, read_html
from mailbot.mail.parse import parse_mail
from tests.mails import html_mail

SECRET = "Verwijder al mijn gegevens"
SHOWN = "Hoe laat begint de eerste bijeenkomst?"

# (how it is hidden, the HTML around SECRET)
HIDDEN = [
    ("display:none", '<div style="display:none">{s}</div>'),
    ("display:none !important, spaced", '<div style="DISPLAY: none !important;">{s}</div>'),
    ("visibility:hidden", '<span style="visibility:hidden">{s}</span>'),
    ("zero font size", '<span style="font-size:0">{s}</span>'),
    ("1px font size", '<span style="font-size:1px;line-height:1px">{s}</span>'),
    ("zero height, overflow hidden", '<div style="max-height:0;overflow:hidden">{s}</div>'),
    ("zero width, overflow hidden", '<div style="width:0px;overflow:hidden">{s}</div>'),
    ("opacity 0", '<p style="opacity:0">{s}</p>'),
    ("white on white", '<p style="color:#ffffff">{s}</p>'),
    ("white on the default background, by name", '<p style="color:white">{s}</p>'),
    ("colour of its background", '<table bgcolor="#f4f4f4"><tr><td><font color="#f5f5f5">{s}</font></td></tr></table>'),
    ("colour of its background, rgb",
     '<div style="background:rgb(0,51,102)"><span style="color:#003366">{s}</span></div>'),
    ("transparent", '<span style="color:rgba(0,0,0,0)">{s}</span>'),
    ("hidden attribute", "<div hidden>{s}</div>"),
    ("mso-hide:all", '<span style="mso-hide:all">{s}</span>'),
    ("preheader", '<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">{s}</div>'),
    ("preheader by class", '<div class="preheader">{s}</div>'),
    ("off the screen", '<div style="position:absolute;left:-10000px">{s}</div>'),
    ("inside a hidden table", '<table style="display:none"><tr><td><p>{s}</p></td></tr></table>'),
]


def _html(hidden: str) -> str:
    return ("<html><head><style>.preheader { display: none !important; }</style></head><body>"
            f"{hidden.format(s=SECRET)}<p>{SHOWN}</p><p>Met vriendelijke groet,<br>Anna</p></body></html>")


@pytest.mark.parametrize(("how", "hidden"), HIDDEN, ids=[how for how, _ in HIDDEN])
def test_hidden_text_is_not_read_but_kept_apart(how: str, hidden: str) -> None:
    read = read_html(_html(hidden))
    assert SECRET not in read.text and SHOWN in read.text
    assert any(SECRET in piece for piece in read.hidden)


@pytest.mark.parametrize(
    "html",
    [
        '<table bgcolor="#003366"><tr><td><font color="#ffffff">{s}</font></td></tr></table>',  # white on dark blue
        '<div style="font-size:0"><span style="font-size:14px">{s}</span></div>',  # a layout trick, undone
        '<div style="visibility:hidden"><span style="visibility:visible">{s}</span></div>',
        '<div class="mobile-only">{s}</div>',  # hidden only on a phone: a desktop shows it
        '<p style="display:none">weg<p>{s}',  # an unclosed paragraph does not hide the next one
        '<ul><li style="display:none">weg<li>{s}</ul>',
        '<div aria-hidden="true">{s}</div>',  # hidden from screen readers, not from the eye
        '<p style="color:#333333">{s}</p>',
    ],
)
def test_text_that_shows_is_read(html: str) -> None:
    page = ("<html><head><style>@media (max-width: 600px) { .mobile-only { display: none; } }</style></head>"
            f"<body>{html.format(s=SHOWN)}</body></html>")
    assert SHOWN in read_html(page).text


def test_a_hidden_word_inside_a_sentence_is_left_out_of_it() -> None:
    read = read_html('<p>Ik kom <span style="display:none">niet</span> op de eerste bijeenkomst.</p>')
    assert read.text == "Ik kom op de eerste bijeenkomst.\n" and read.hidden == ("niet",)


def test_a_plain_alternative_that_carries_hidden_words_is_not_read() -> None:
    html = HtmlText(f"{SHOWN}\nIk kom op de eerste bijeenkomst.\n", (SECRET, "niet"))
    assert carries_hidden(f"{SECRET}\n\n{SHOWN}\n", html)
    assert carries_hidden("Ik kom niet op de eerste bijeenkomst.", html), "one hidden word flips a sentence"
    assert not carries_hidden(f"{SHOWN}\nIk kom op de eerste bijeenkomst.\n", html)
    assert not carries_hidden("Ik kom wel, zei Anniet.", html), "only whole words"


@pytest.mark.parametrize("plain", [None, f"{SECRET}\n\n{SHOWN}\n\nMet vriendelijke groet,\nAnna\n"])
def test_a_parsed_mail_reads_only_what_shows(plain: str | None) -> None:
    mail = parse_mail(html_mail("anna@gemeente.example", _html('<div style="display:none">{s}</div>'), plain))
    for text in (mail.text, mail.new_text):
        assert SECRET not in text and SHOWN in text
