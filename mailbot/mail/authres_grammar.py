"""One Authentication-Results value read strictly, as RFC 8601 section 2.2 writes it.

    authres-payload = [CFWS] authserv-id [ CFWS authres-version ] ( no-result / 1*resinfo ) [CFWS]
    resinfo         = [CFWS] ";" methodspec [ CFWS reasonspec ] [ CFWS 1*propspec ]
    methodspec      = [CFWS] method [CFWS] "=" [CFWS] result
    propspec        = ptype [CFWS] "." [CFWS] property [CFWS] "=" pvalue

CFWS is RFC 5322's: white space and comments, which nest and may hold quoted-pairs. A
comment is never read, a quoted string is only ever a value, and a result is a bare
keyword. That is what makes the header safe to believe: the receiving server writes the
sender's words (the MAIL FROM, the HELO name) into comments and values, so a parser that
reads a word from there, or resynchronises after text it did not expect, lets the sender
write the verdict. Whatever breaks the grammar therefore makes the whole header
unreadable (``problem``), and so does a header that gives one method two results: a
``dmarc=pass`` beside the server's ``dmarc=none`` is text the server did not escape.

Real servers bend the grammar in a few known ways, all accepted because none lets a
sender's word become a result: properties without a ptype (Fastmail's ``x-bits=2048``),
values that are no RFC 2045 token (``header.b=E/aDkM7K``, ``smtp.mailfrom=SRS0=63fc=...``),
an empty value (``header.from=;``), a trailing ``;``, an authserv-id with a job id
(``mx.example.org/3F2A1B``). Microsoft 365 writes no authserv-id, puts its receiving
domain between results as a bare word, and writes ``action=none``: such a header starts
with a result (``spf=pass``), and only there is a bare domain skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_HEADER = 8000  # longer values are not an authentication result but an attack on the parser

_SPACE = " \t\r\n"
_KEYWORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?")
_DIGITS = re.compile(r"[0-9]+")
# RFC 2045's token, with "/" for OpenDKIM's "mx.example.org/JOBID"
_TOKEN = re.compile(r"[^\x00-\x20\x7f()<>@,;:\\\"\[\]?=]+")
# a property's value as servers write it: anything up to space, a comment, a quote or the next result
_BARE_VALUE = re.compile(r"[^\x00-\x20\x7f();\"\\]+")
# methods whose results we read: a property of that name in another result is one the server did not write
READ_METHODS = frozenset({"dkim", "spf", "dmarc"})


@dataclass(frozen=True)
class MethodResult:
    """One ``method=result`` with its reason and properties (``header.d``, ``smtp.mailfrom``, ...)."""

    method: str  # lower-case: "dkim", "spf", "dmarc", "arc", "compauth", ...
    result: str  # lower-case: "pass", "fail", "none", "softfail", ...
    reason: str = ""
    properties: tuple[tuple[str, str], ...] = ()  # (lower-case name, value as written), in order

    def get(self, name: str) -> str:
        """The first value of a property (``header.d``), or ""."""
        wanted = name.lower()
        return next((value for key, value in self.properties if key == wanted), "")


@dataclass(frozen=True)
class AuthenticationResults:
    authserv_id: str  # lower-case; "" when the header has none (Exchange Online)
    results: tuple[MethodResult, ...]  # () when the header is unreadable
    version: str = ""  # the optional version after the authserv-id, "" when absent
    problem: str = ""  # why the header is unreadable (it then counts as "unknown"); "" when it reads

    def of(self, method: str) -> tuple[MethodResult, ...]:
        return tuple(r for r in self.results if r.method == method)


class _Unreadable(Exception):
    """The text breaks the grammar; the message says where."""


def parse_authentication_results(value: str) -> AuthenticationResults | None:
    """One header value as data; None when it does not even name a server or start with a result."""
    if not value or len(value) > MAX_HEADER:
        return None
    reader = _Reader(value)
    try:
        microsoft = reader.starts_with_result()
        authserv_id = "" if microsoft else reader.authserv_id()
    except _Unreadable:
        return None
    if not microsoft and not authserv_id:
        return None
    version = ""
    try:
        if not microsoft:
            version = reader.match(_DIGITS)
            if reader.done():
                return None  # a bare word is not a header: RFC 8601 needs "; none" or a result after the id
        results = reader.results(microsoft)
        problem = contradiction(results)
    except _Unreadable as e:
        results, problem = (), str(e)
    if problem:
        results = ()
    return AuthenticationResults(authserv_id, results, version, problem)


def contradiction(results: tuple[MethodResult, ...]) -> str:
    """Why these results cannot all be the server's (one method with two results), or ""."""
    said: dict[tuple[str, ...], str] = {}
    for r in results:
        if r.method == "dmarc":
            key: tuple[str, ...] = ("dmarc",)
        elif r.method == "spf":  # one result per identity checked: the MAIL FROM, the HELO name
            key = ("spf", "helo" if r.get("smtp.helo") and not r.get("smtp.mailfrom") else "mailfrom")
        elif r.method == "dkim":  # one result per signature
            key = ("dkim", r.get("header.b"), (r.get("header.d") or r.get("header.i")).lower(), r.get("header.s"))
        else:
            continue
        if key in said and (r.method != "dkim" or said[key] != r.result):
            return f"{r.method} has two results ({said[key]} and {r.result})"
        said[key] = r.result
    dkim = [r.result for r in results if r.method == "dkim"]
    if len(dkim) > 1 and "none" in dkim:
        return "dkim=none (no signature) beside another dkim result"
    return ""


class _Reader:
    """The header's text and a position in it; every step skips the CFWS in front of it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    # ------------------------------------------------------------------ the grammar

    def starts_with_result(self) -> bool:
        """Microsoft's header: no authserv-id, the first thing is ``method=``."""
        start = self.at
        found = self.match(_KEYWORD) and self.next_is("=")
        self.at = start
        return bool(found)

    def authserv_id(self) -> str:
        """The first word, lower-case: a token or a quoted string."""
        authserv_id = self.quoted() if self.next_is('"') else self.match(_TOKEN)
        return authserv_id.strip().lower()

    def results(self, microsoft: bool) -> tuple[MethodResult, ...]:
        found: list[MethodResult] = []
        first = microsoft  # Microsoft's first result has no ";" in front of it
        while not self.done():
            if not first and not self.take(";"):
                raise _Unreadable(f"{self.rest()!r} stands outside a result")
            first = False
            if self.done() or self.next_is(";"):
                continue  # an empty result: a trailing or doubled ";"
            if microsoft and self.bare_domain():
                continue
            if not found and self.no_result():
                return ()
            found.append(self.result())
        return tuple(found)

    def no_result(self) -> bool:
        """RFC 8601's ``; none``: nothing was checked."""
        start = self.at
        if self.match(_KEYWORD).lower() == "none" and self.done():
            return True
        self.at = start
        return False

    def bare_domain(self) -> bool:
        """Microsoft's receiving domain between two results (``smtp.mailfrom=x.nl; contoso.com; dkim=...``)."""
        start = self.at
        word = self.match(_BARE_VALUE)
        if word and "=" not in word and "." in word and (self.done() or self.next_is(";")):
            return True
        self.at = start
        return False

    def result(self) -> MethodResult:
        method = self.match(_KEYWORD).lower()
        if not method:
            raise _Unreadable(f"{self.rest()!r} is no method")
        if self.take("/") and not self.match(_DIGITS):
            raise _Unreadable(f"{method}/ without a version number")
        if not self.take("="):
            raise _Unreadable(f"{method} without '='")
        result = self.match(_KEYWORD).lower()
        if not result:  # "dmarc=(pass)", 'dmarc="pass"': the verdict stands in a comment or a quoted string
            raise _Unreadable(f"{method}= has no result outside comments and quoted strings")
        reason = ""
        properties: list[tuple[str, str]] = []
        while not self.done() and not self.next_is(";"):
            name, value = self.property(method)
            if name == "reason" and not reason and not properties:
                reason = value
            else:
                properties.append((name, value))
        return MethodResult(method, result, reason, tuple(properties))

    def property(self, method: str) -> tuple[str, str]:
        name = self.match(_KEYWORD).lower()
        if not name:
            raise _Unreadable(f"{self.rest()!r} in the {method} result")
        if self.take("."):
            part = self.match(_KEYWORD).lower()
            if not part:
                raise _Unreadable(f"{name}. without a property name in the {method} result")
            name = f"{name}.{part}"
        elif name in READ_METHODS:  # "spf=pass dmarc=pass": a second verdict inside the first
            raise _Unreadable(f"a {name} result inside the {method} result")
        if not self.take("="):
            raise _Unreadable(f"{name} without a value in the {method} result")
        return name, self.value()

    def value(self) -> str:
        """A property's value: a quoted string (with ``@domain`` after it), a bare value, or nothing before ';'."""
        if self.next_is('"'):
            value = self.quoted()
            if self.text.startswith("@", self.at):  # a quoted local part: "a b"@example.nl
                value += self.match(_BARE_VALUE, skip=False)
            return value
        value = self.match(_BARE_VALUE)
        if not value and not (self.done() or self.next_is(";")):
            raise _Unreadable(f"no value before {self.rest()!r}")
        return value

    # ------------------------------------------------------------------ the characters

    def rest(self) -> str:
        return self.text[self.at:self.at + 30]

    def cfws(self) -> None:
        text = self.text
        while self.at < len(text):
            if text[self.at] in _SPACE:
                self.at += 1
            elif text[self.at] == "(":
                self.comment()
            else:
                return

    def comment(self) -> None:
        depth, i, text = 0, self.at, self.text
        while i < len(text):
            ch = text[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if not depth:
                    self.at = i + 1
                    return
            i += 1
        raise _Unreadable("a comment that is never closed")

    def quoted(self) -> str:
        """The quoted string at the position (after CFWS), unescaped."""
        out: list[str] = []
        i, text = self.at + 1, self.text
        while i < len(text):
            ch = text[i]
            if ch == "\\" and i + 1 < len(text):
                out.append(text[i + 1])
                i += 2
            elif ch == '"':
                self.at = i + 1
                return "".join(out)
            else:
                out.append(ch)
                i += 1
        raise _Unreadable("a quoted string that is never closed")

    def done(self) -> bool:
        self.cfws()
        return self.at >= len(self.text)

    def next_is(self, ch: str) -> bool:
        self.cfws()
        return self.text.startswith(ch, self.at)

    def take(self, ch: str) -> bool:
        if self.next_is(ch):
            self.at += len(ch)
            return True
        return False

    def match(self, pattern: re.Pattern[str], *, skip: bool = True) -> str:
        if skip:
            self.cfws()
        found = pattern.match(self.text, self.at)
        if found is None:
            return ""
        self.at = found.end()
        return found.group(0)
