"""Counts as bars: a width in percent for the HTML table, and ``#####`` for the text part."""

from __future__ import annotations

TEXT_BAR_WIDTH = 20


def percent(count: int, total: int) -> int:
    """Rounded share of ``total``; 0 when nobody answered."""
    return round(100 * count / total) if total > 0 else 0


def text_bar(count: int, total: int, width: int = TEXT_BAR_WIDTH) -> str:
    """``##########`` scaled so that ``total`` fills ``width``; anyone at all shows at least one mark."""
    if total <= 0 or count <= 0:
        return ""
    return "#" * max(1, round(width * min(count, total) / total))


def text_bar_lines(rows: list[tuple[str, int]], total: int, width: int = TEXT_BAR_WIDTH,
                   label_width: int = 32) -> list[str]:
    """One line per (label, count): ``Cluster governance   ##########            5  (63%)``.

    Labels up to ``label_width`` are padded to line their bars up; a longer label keeps
    its full text and pushes only its own bar along. The count always sits on the
    label's line, so a reader (or a filter) that finds the label finds the number.
    """
    pad = max((len(label) for label, _ in rows if len(label) <= label_width), default=0)
    digits = len(str(max((count for _, count in rows), default=0)))
    return [f"{label.ljust(pad)}  {text_bar(count, total, width).ljust(width)}  {str(count).rjust(digits)}"
            f"  ({percent(count, total)}%)"
            for label, count in rows]
