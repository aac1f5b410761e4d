"""What a mail client would not show: the CSS and attributes that hide an element's text.

Text is hidden by ``display:none``, the ``hidden`` attribute, ``visibility:hidden``, ``mso-hide:all``
(Outlook), ``opacity:0``, a zero (or 1px) font size, a zero height or width with ``overflow:hidden``,
a transparent colour, a colour equal to its background (white on white: the background is white until
an element sets one), or a place far off the screen. Senders hide preheaders and tracking text this way,
and anyone can hide words that would act if we read them. Inline styles, ``<font color>``, ``bgcolor``
and the simple rules of ``<style>`` blocks (``tag``, ``.class``, ``#id``, ``tag.class``) count; rules
inside ``@media`` do not (a desktop client shows what only a phone hides). Pure; never raises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

Colour = tuple[int, int, int]
WHITE: Colour = (255, 255, 255)
_NAMED: dict[str, Colour] = {
    "white": WHITE, "black": (0, 0, 0), "red": (255, 0, 0), "green": (0, 128, 0), "blue": (0, 0, 255),
    "yellow": (255, 255, 0), "gray": (128, 128, 128), "grey": (128, 128, 128), "silver": (192, 192, 192),
    "navy": (0, 0, 128), "maroon": (128, 0, 0), "purple": (128, 0, 128), "teal": (0, 128, 128),
    "olive": (128, 128, 0), "lime": (0, 255, 0), "aqua": (0, 255, 255), "fuchsia": (255, 0, 255),
    "whitesmoke": (245, 245, 245), "snow": (255, 250, 250), "ivory": (255, 255, 240),
}  # fmt: skip
_CLOSE_ENOUGH = 16  # colours this near (per channel) cannot be told apart: "#fefefe on white" is hidden


@dataclass(frozen=True)
class Look:
    """How an element's text shows, as its children inherit it."""

    gone: bool = False  # display:none, hidden, mso-hide, opacity 0, clipped to nothing: children cannot undo it
    invisible: bool = False  # visibility:hidden: a child may set visibility:visible again
    tiny: bool = False  # a zero font size: a child may set a size again (a common layout trick)
    colour: Colour | None = None  # the text colour, when set
    background: Colour = WHITE

    @property
    def hidden(self) -> bool:
        return self.gone or self.invisible or self.tiny or (
            self.colour is not None and _near(self.colour, self.background))


VISIBLE = Look()


@dataclass(frozen=True)
class Rule:
    tag: str  # "" for any
    classes: frozenset[str]
    id: str
    declarations: Mapping[str, str]


def stylesheet(html: str) -> list[Rule]:
    """The simple rules of the document's ``<style>`` blocks, outside ``@media``."""
    rules = []
    for css in re.findall(r"(?is)<style\b[^>]*>(.*?)</style\s*>", html[:2_000_000]):
        css = re.sub(r"(?s)/\*.*?\*/", "", css)
        css = _without_at_blocks(css)
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            declarations = declarations_of(body)
            for selector in selectors.split(","):
                match = re.fullmatch(r"\s*([a-z][a-z0-9]*)?((?:\.[\w-]+)*)(#[\w-]+)?((?:\.[\w-]+)*)\s*", selector, re.I)
                if match and any(match.groups()):
                    classes = frozenset(c for c in (match.group(2) + match.group(4)).split(".") if c)
                    rules.append(Rule((match.group(1) or "").lower(), classes, (match.group(3) or "")[1:],
                                      declarations))
    return rules


def _without_at_blocks(css: str) -> str:
    """CSS with every ``@media``/``@supports`` block (and its nested rules) taken out."""
    out, index = [], 0
    while (start := css.find("@", index)) != -1:
        out.append(css[index:start])
        brace = css.find("{", start)
        semicolon = css.find(";", start)
        if brace == -1 or (semicolon != -1 and semicolon < brace):  # "@import ...;" or "@charset ...;"
            index = len(css) if semicolon == -1 else semicolon + 1
            continue
        depth, index = 0, brace
        while index < len(css):
            depth += {"{": 1, "}": -1}.get(css[index], 0)
            index += 1
            if depth == 0:
                break
    out.append(css[index:])
    return "".join(out)


def declarations_of(style: str) -> dict[str, str]:
    found = {}
    for part in style.split(";"):
        name, _, value = part.partition(":")
        if value.strip():
            found[name.strip().lower()] = value.replace("!important", "").strip().lower()
    return found


def look_of(tag: str, attrs: Sequence[tuple[str, str | None]], parent: Look, rules: Sequence[Rule]) -> Look:
    """The look of an element: its parent's, changed by the rules that match it and its own attributes."""
    attributes = {name.lower(): (value or "") for name, value in attrs}
    style: dict[str, str] = {}
    classes = set(attributes.get("class", "").split())
    for rule in rules:
        if (not rule.tag or rule.tag == tag) and rule.classes <= classes and (
                not rule.id or rule.id == attributes.get("id")):
            style.update(rule.declarations)
    style.update(declarations_of(attributes.get("style", "")))
    look = parent
    if "hidden" in attributes or _gone(style):
        look = replace(look, gone=True)
    if style.get("visibility") in ("hidden", "collapse"):
        look = replace(look, invisible=True)
    elif style.get("visibility") == "visible":
        look = replace(look, invisible=False)
    if "font-size" in style:
        look = replace(look, tiny=_tiny(style["font-size"]))
    background = _colour(attributes.get("bgcolor", "")) or _colour(style.get("background-color", "")) or next(
        (c for c in map(_colour, style.get("background", "").split()) if c), None)
    if background is not None:
        look = replace(look, background=background)
    colour_value = style.get("color") or (attributes.get("color", "") if tag == "font" else "")
    if colour_value:
        if _transparent(colour_value):
            look = replace(look, gone=True)
        elif (colour := _colour(colour_value)) is not None:
            look = replace(look, colour=colour)
    return look


def _gone(style: Mapping[str, str]) -> bool:
    if style.get("display") == "none" or style.get("mso-hide") == "all" or _zero(style.get("opacity", "1")):
        return True
    clipped = style.get("overflow") == "hidden" or style.get("overflow-y") == "hidden"
    if clipped and any(_zero(style.get(name, "")) for name in ("height", "max-height", "width", "max-width")):
        return True
    if _far_off(style.get("text-indent", "")):
        return True
    return style.get("position") == "absolute" and any(_far_off(style.get(side, "")) for side in ("left", "top"))


_NUMBER = re.compile(r"^(-?\d*\.?\d+)\s*([a-z%]*)")


def _number(value: str) -> tuple[float, str] | None:
    match = _NUMBER.match(value.strip())
    return (float(match.group(1)), match.group(2)) if match else None


def _zero(value: str) -> bool:
    return (found := _number(value)) is not None and found[0] == 0


def _tiny(value: str) -> bool:
    found = _number(value)
    return found is not None and (found[0] == 0 or (found[1] in ("px", "pt", "") and found[0] <= 1))


def _far_off(value: str) -> bool:
    return (found := _number(value)) is not None and found[0] <= -999


def _transparent(value: str) -> bool:
    value = value.strip()
    if value == "transparent":
        return True
    match = re.match(r"rgba\s*\(([^)]*)\)", value)
    parts = match.group(1).split(",") if match else []
    return len(parts) == 4 and _zero(parts[3])


def _colour(value: str) -> Colour | None:
    value = value.strip().lower()
    if value in _NAMED:
        return _NAMED[value]
    hexa = re.fullmatch(r"#?([0-9a-f]{3}|[0-9a-f]{6})", value)
    if hexa and (value.startswith("#") or len(value) == 6):
        digits = hexa.group(1)
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    rgb = re.fullmatch(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,[^)]*)?\)", value)
    if rgb:
        red, green, blue = (min(255, int(g)) for g in rgb.groups())
        return red, green, blue
    return None


def _near(a: Colour, b: Colour) -> bool:
    return all(abs(x - y) <= _CLOSE_ENOUGH for x, y in zip(a, b, strict=True))
