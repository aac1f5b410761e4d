"""Who wrote: a readable name and a best guess at the organisation, from the From header and signature."""

from __future__ import annotations

import re

from mailbot.mail.compose import clean_header_text

FREEMAIL = frozenset("""gmail.com googlemail.com hotmail.com hotmail.nl outlook.com outlook.nl live.com live.nl
    msn.com yahoo.com yahoo.nl icloud.com me.com mac.com ziggo.nl kpnmail.nl kpnplanet.nl planet.nl home.nl
    xs4all.nl hetnet.nl casema.nl chello.nl upcmail.nl tele2.nl online.nl quicknet.nl telfort.nl proton.me
    protonmail.com gmx.com gmx.net gmx.de web.de aol.com mail.com zonnet.nl""".split())
_CLOSINGS = re.compile(
    r"^\s*(?:met )?(?:vriendelijke|hartelijke|beste|collegiale)? ?groet(?:en|jes)?\b|^\s*mvg\b|^\s*gr(?:oet)?\.?,?$|"
    r"^\s*(?:kind|best|warm)? ?regards\b|^\s*(?:best|cheers|sincerely|yours)\b",
    re.IGNORECASE,
)
_ORG_WORDS = re.compile(
    r"\b(?:provincie|gemeente|ministerie|rijksdienst|waterschap|regio|universiteit|university|hogeschool|"
    r"college|instituut|institute|stichting|foundation|b\.?v\.?|n\.?v\.?|campus|valley|kennispark|"
    r"ontwikkelingsmaatschappij|rom\b|oost nl|innovatie|cluster|tno|economic board|port|brainport|"
    r"centre|center|centrum|agency|agentschap|rvo|kamer van koophandel|group|groep|company|ltd|gmbh)\b",
    re.IGNORECASE,
)
_NOT_ORG = re.compile(r"^\s*(?:[tmfe]\s*[:.]?\s*[+\d(]|tel|mob|phone|e-?mail|www\.|http|\+?\d)", re.IGNORECASE)


def display_name(raw_name: str, address: str) -> str:
    """'Vries, Jan de' -> 'Jan de Vries' (Outlook's directory order); a bare address gives ''."""
    name = clean_header_text(raw_name, 100).strip("'\" ")
    if "@" in name:
        name = ""
    if name.count(",") == 1:
        last, first = (p.strip() for p in name.split(","))
        if last and first and len(first.split()) <= 3:
            words = first.split()
            prefix = [w for w in words if w.islower()]
            given = [w for w in words if not w.islower()]
            name = " ".join([*given, *prefix, last])
    return name


def organisation_from_signature(text: str) -> str:
    """A signature line that names an organisation, below the closing greeting."""
    lines = [line.strip() for line in text.splitlines()]
    for i, line in enumerate(lines):
        if not _CLOSINGS.match(line):
            continue
        for candidate in lines[i + 1 : i + 8]:
            if candidate and not _NOT_ORG.match(candidate) and _ORG_WORDS.search(candidate) and len(candidate) < 80:
                return candidate
    return ""


def organisation_from_domain(address: str) -> str:
    domain = address.rsplit("@", 1)[-1].lower()
    if not domain or domain in FREEMAIL:
        return ""
    labels = [x for x in domain.split(".")[:-1] if x not in ("mail", "email", "www", "mx", "smtp")]
    if not labels:
        return ""
    word = labels[-1]
    return " ".join(part.capitalize() for part in re.split(r"[-_]", word) if part)


def guess_organisation(text: str, address: str) -> str:
    return organisation_from_signature(text) or organisation_from_domain(address)
