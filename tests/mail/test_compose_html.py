"""compact_html folds template indentation but keeps the line breaks text relies on."""

from __future__ import annotations

from mailbot.mail.compose import MAX_LINE, compact_html
from mailbot.wording.filters import lines_to_html, salutation_name, with_article


def test_line_breaks_inside_text_survive() -> None:
    html = '<div>\n  <p>Hallo</p>\n  <div style="white-space: pre-line">13:00 Ontvangst\n13:30 Inleiding</div>\n</div>'
    assert compact_html(html) == ('<div><p>Hallo</p><div style="white-space: pre-line">13:00 Ontvangst\n'
                                  "13:30 Inleiding</div></div>\n")


def test_long_lines_are_cut_after_a_tag() -> None:
    html = "<p>" + "<b>woord</b> " * 400 + "</p>"
    assert all(len(line) <= MAX_LINE for line in compact_html(html).splitlines())


def test_salutations_leave_titles_and_degrees_out() -> None:
    assert salutation_name("Dr. Thomas Keller") == "Thomas Keller"
    assert salutation_name("prof. dr. ir. Anna de Vries MSc") == "Anna de Vries"
    assert salutation_name("Ing Li") == "Ing Li" and salutation_name("Jan Ma") == "Jan Ma"  # names, not titles
    assert salutation_name("Thomas Keller") == "Thomas Keller" and salutation_name("") == ""


def test_the_circle_in_a_sentence() -> None:
    assert with_article("Leerkring Clusters & clusterbeleid", "nl") == "de leerkring Clusters & clusterbeleid"
    assert with_article("Clusters & clusterbeleid", "nl") == "de leerkring Clusters & clusterbeleid"
    assert with_article("Leerkring Clusters & clusterbeleid", "en") == "the learning circle Clusters & clusterbeleid"


def test_lines_to_html_escapes_and_breaks() -> None:
    assert str(lines_to_html("13:00 <b>Ontvangst</b>\n13:30 Inleiding")) == \
        "13:00 &lt;b&gt;Ontvangst&lt;/b&gt;<br>\n13:30 Inleiding"
