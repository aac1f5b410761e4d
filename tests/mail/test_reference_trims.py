"""Other parsers' reference trims: no case loses a word the person wrote (figures: benchmarks/reference_trims.py)."""

from __future__ import annotations

import pytest

from benchmarks.reference_trims import REFERENCE, judge, suites
from mailbot.mail.split import split_body


@pytest.mark.parametrize(("name", "folder"), suites(), ids=[name for name, _ in suites()])
def test_no_reference_case_loses_the_persons_words(name, folder) -> None:
    lost = [f"{v.name}: {v.detail}" for v in judge(folder, split_body) if v.outcome == "words lost"]
    assert not lost, f"{name}: {lost}"


@pytest.mark.parametrize(
    "case",
    [
        # the reply header on the same line as the reply took the reply into the quote
        "reply_and_quotation_splitter_share_line",
        "reply_and_quotation_splitter_share_line_dashes",
        "reply_and_quotation_splitter_share_line_hyphens",
        # "Lorem" was read as the first half of the header, and the quoted text below as the new text
        "norwegian_from_line",
    ],
)
def test_the_cases_that_lost_words_now_match_the_reference(case: str) -> None:
    folder = REFERENCE / "talon"
    body = (folder / "emails" / f"{case}.txt").read_text(encoding="utf-8")
    want = (folder / "trimmed" / f"{case}.txt").read_text(encoding="utf-8").strip()
    assert split_body(body).new_text == want


@pytest.mark.parametrize(
    "header",
    [
        "ср, 30 апр. 2025 г. в 15:19, John Doe <doe@example.com>:",  # Gmail for Android, Russian
        "30 апр. 2025 г., в 15:19, John Doe <doe@example.com> написал(а):",  # Apple Mail, Russian
        "Среда, 30 апреля 2025, 15:19 +03:00 от John Doe <doe@example.com>:",  # Mail.ru
        "30.04.2025, 15:19, \"John Doe\" <doe@example.com>:",  # Yandex
    ],
)
@pytest.mark.parametrize("layout", ["below", "same line", "wrapped"])
def test_a_russian_header_keeps_the_persons_text_and_drops_the_quote(header: str, layout: str) -> None:
    own = "Спасибо, я приду на встречу."
    if layout == "below":
        body = f"{own}\n\n{header}\n\nпривет"
    elif layout == "same line":
        body = f"{own} {header}\n> привет"
    else:
        cut = header.index("<")
        body = f"{own}\n\n{header[:cut + 1]}\n{header[cut + 1:]}\n\n> привет"
    split = split_body(body)
    assert own in split.new_text
    assert "привет" not in split.new_text
