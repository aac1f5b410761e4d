"""html_to_text: HTML-only mail as the lines a reader sees."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.mail.html_text import html_to_text


def test_outlook_paragraphs_are_one_line_each_and_nbsp_paragraphs_blank() -> None:
    html = (
        '<html><head><style>p.MsoNormal{margin:0}</style></head><body><div class="WordSection1">'
        '<p class="MsoNormal">1. Bij welke organisatie werkt u?<o:p></o:p></p>'
        '<p class="MsoNormal">Antwoord: Provincie Overijssel<o:p></o:p></p>'
        '<p class="MsoNormal">&nbsp;<o:p></o:p></p>'
        "<p class=MsoNormal>[X] Rijksoverheid<o:p></o:p></p>"
        "</div></body></html>"
    )
    assert html_to_text(html) == (
        "1. Bij welke organisatie werkt u?\nAntwoord: Provincie Overijssel\n\n[X] Rijksoverheid\n"
    )


def test_blocks_and_breaks_make_lines() -> None:
    assert html_to_text("<div>een</div><div>twee<br>drie</div>") == "een\ntwee\ndrie\n"


def test_plain_paragraphs_are_separated_by_a_blank_line() -> None:
    assert html_to_text("<p>Eerste alinea.</p><p>Tweede alinea.</p>") == "Eerste alinea.\n\nTweede alinea.\n"


def test_blockquotes_are_prefixed_per_level() -> None:
    html = "<div>boven</div><blockquote><div>een</div><blockquote><div>twee</div></blockquote></blockquote>"
    assert html_to_text(html) == "boven\n> een\n> > twee\n"


def test_script_style_head_and_comments_are_dropped() -> None:
    html = (
        "<head><title>T</title></head><script>alert(1)</script><style>x{}</style><!-- c --><div>tekst</div>"
    )
    assert html_to_text(html) == "tekst\n"


def test_entities_are_decoded_and_whitespace_collapsed() -> None:
    assert (
        html_to_text("<div>Co&ouml;peratie&nbsp;&amp;\n   campus &lt;x&gt;</div>")
        == "Coöperatie & campus <x>\n"
    )


def test_lists() -> None:
    assert html_to_text("<ul><li>een</li><li>twee</li></ul>") == "- een\n- twee\n"
    assert html_to_text("<ol><li>een<li>twee</ol>") == "1. een\n2. twee\n"


def test_no_runaway_blank_lines() -> None:
    html = "<div>a</div>" + "<div><br></div>" * 6 + "<p>&nbsp;</p>" * 3 + "<div>b</div>"
    assert html_to_text(html) == "a\n\nb\n"


def test_broken_html_does_not_raise() -> None:
    assert html_to_text("<div><b>half <p>open <blockquote>quote") == "half\nopen\n> quote\n"
    assert html_to_text("</div></blockquote></p>text<").startswith("text")
    assert html_to_text("") == ""


def test_pre_keeps_its_lines() -> None:
    assert html_to_text("<pre>a\n  b</pre>") == "a\n  b\n"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' &;#abcdiv\npqbrlo!-x0"))))
def test_never_raises_on_garbage(html: str) -> None:
    assert isinstance(html_to_text(html), str)
