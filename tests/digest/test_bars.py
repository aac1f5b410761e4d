"""The ``#####`` bars of the text part and the widths of the HTML bars."""

from __future__ import annotations

import re

from mailbot.exports.bars import percent, text_bar, text_bar_lines


def test_bars_scale_to_the_number_who_answered() -> None:
    assert text_bar(10, 10) == "#" * 20
    assert text_bar(5, 10) == "#" * 10
    assert text_bar(0, 10) == ""
    assert text_bar(1, 1000) == "#"  # one vote is visible
    assert text_bar(3, 0) == "" and percent(3, 0) == 0
    assert percent(1, 3) == 33


def test_each_label_has_its_count_on_its_own_line() -> None:
    rows = [("Cluster governance", 5), ("Rolverdeling triple helix in de levensfasen van een cluster", 12),
            ("Financieren", 0)]
    lines = text_bar_lines(rows, 16)
    assert len(lines) == 3
    for (label, count), line in zip(rows, lines, strict=True):
        assert re.match(re.escape(label) + r"\s+#*\s+" + str(count) + r"\s+\(\d+%\)$", line), line
    assert lines[0] == "Cluster governance  ######                 5  (31%)"
    assert lines[2].startswith("Financieren        ")  # short labels line up their bars


def test_bars_line_up_for_short_labels() -> None:
    lines = text_bar_lines([("ja", 3), ("nee", 1)], 4)
    assert lines == ["ja   ###############       3  (75%)", "nee  #####                 1  (25%)"]
