"""Authentication-Results (RFC 8601): what the receiving server found out about the sender.

Mailbot does not check SPF, DKIM or DMARC itself; the server that received the mail
did, and wrote its findings into an ``Authentication-Results`` header. Anyone can
write such a header too, so we believe only headers whose authserv-id (the first
word, ``mx.example.org;``) the operator listed as trusted.

    parse_authentication_results(value) -> AuthenticationResults | None
        One header value. Lenient: comments, quoted strings, folding, odd casing and
        Microsoft's shape (no authserv-id, stray domain words between results) are
        read; what cannot be read is skipped; garbage gives None and never raises.

    assess_authenticity(header_values, trusted_servers, from_address,
                        *, server_strips_forged=False) -> Assessment
        All Authentication-Results values of a message, topmost first (as in
        ``IncomingMail.authentication_results``), the trusted authserv-ids, and the
        From address (or just its domain). Gives a level and a short reason
        ("dmarc=fail at mx.example.org"):

        forged         the trusted header says dmarc=fail, or both DKIM and SPF failed
                       (a dkim=fail and no dkim=pass, and spf=fail)
        authenticated  it says dmarc=pass with header.from equal to the From domain,
                       or dkim=pass for a domain aligned with the From domain
                       (any one of several signatures will do)
        unknown        anything else, including "no trusted header at all"

Why the topmost trusted header: a sender can put a header with our server's
authserv-id into the mail before sending it. The receiving server adds its own
header above everything the sender wrote, so its header is the topmost one with its
id and an injected one sits below it, never read. That holds only when the server
adds a header to every incoming message: the operator must make sure of that (see
docs/authentication.md), and should let it remove or rename incoming headers that
carry its id (RFC 8601 section 5; Microsoft 365 renames them to
Authentication-Results-Original). Some servers write one header per check (Fastmail,
OpenDKIM next to OpenDMARC); reading only the topmost one of those costs an
"unknown", never a wrong "authenticated". Where the operator has checked that the
server strips forged headers, ``server_strips_forged=True`` reads all headers with
the topmost trusted id together.

Microsoft 365 / Exchange Online writes its header without an authserv-id. Such
headers are trusted only when ``trusted_servers`` contains ``MICROSOFT_365``.

DKIM alignment is DMARC's relaxed alignment without the Public Suffix List: the
signing domain (header.d, else the domain of header.i) equals the From domain, or one
is a subdomain of the other at a label boundary, and the shorter has at least two
labels. This errs only for From domains that are themselves public suffixes with
subdomains handed to strangers (``github.io``, ``co.uk``): nobody writes to us from
those, and a list of ~10,000 suffixes is not worth a dependency for it.

Ignored on purpose: ``arc=`` (it vouches for what intermediaries saw, which is only
worth something with a list of trusted sealers; forwarded mail stays "unknown" and
gets a confirmation round-trip instead), Microsoft's ``compauth`` (a proprietary
verdict mixing heuristics), and ``dmarc=bestguesspass`` (the domain publishes no
DMARC policy, so nothing was promised).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

# the trusted_servers entry that stands for headers without an authserv-id (Exchange Online writes those)
MICROSOFT_365 = "microsoft-365"

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[;=]|[^\s;="]+')
_VERSION = re.compile(r"\d+")
_METHOD = re.compile(r"[a-z0-9][a-z0-9_.-]*")
MAX_HEADER = 8000  # longer values are not an authentication result but an attack on the parser
MAX_HEADERS = 50  # the receiving server's headers are on top; a thousand more below are the sender's doing


class Authenticity(StrEnum):
    AUTHENTICATED = "authenticated"  # the trusted server verified the From domain
    FORGED = "forged"  # the trusted server found the From domain was not the sender
    UNKNOWN = "unknown"  # nothing either way: no trusted header, or nothing it could verify


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
    results: tuple[MethodResult, ...]
    version: str = ""  # the optional version after the authserv-id, "" when absent

    def of(self, method: str) -> tuple[MethodResult, ...]:
        return tuple(r for r in self.results if r.method == method)


@dataclass(frozen=True)
class Assessment:
    level: Authenticity
    reason: str  # short and human: "dmarc=fail at mx.example.org", "no trusted Authentication-Results"
    authserv_id: str | None = None  # whose header decided; None when no trusted header was found


def parse_authentication_results(value: str) -> AuthenticationResults | None:
    """One header value as data, or None when it does not even name a server or a result."""
    if not value or len(value) > MAX_HEADER:
        return None
    segments = _segments(_tokens(_without_comments(value)))
    if not segments or not segments[0]:
        return None
    head, rest = segments[0], segments[1:]
    if len(head) > 1 and head[1] == "=":  # Microsoft: no authserv-id, the first segment is a result
        authserv_id, version, rest = "", "", segments
    else:
        if not rest:  # a bare word is not a header: RFC 8601 needs "; none" or a result after the id
            return None
        authserv_id = _unquote(head[0]).strip().lower()
        version = head[1] if len(head) > 1 and _VERSION.fullmatch(head[1]) else ""
    results = tuple(r for r in (_method_result(s) for s in rest) if r is not None)
    if not authserv_id and not results:
        return None
    return AuthenticationResults(authserv_id, results, version)


def assess_authenticity(
    header_values: Sequence[str],
    trusted_servers: Collection[str],
    from_address: str,
    *,
    server_strips_forged: bool = False,
) -> Assessment:
    """How far the topmost trusted Authentication-Results vouches for the From address; see the module docstring.

    ``server_strips_forged``: the operator checked that the trusted server removes incoming headers with
    its own authserv-id. Then every header with that id is the server's own, and all of them are read
    together; servers that write one header per check (Fastmail, OpenDKIM next to OpenDMARC) need this.
    """
    trusted = {_server_key(s) for s in trusted_servers if s.strip()}
    parsed = _parsed(header_values)
    top = next((h for h in parsed if _is_trusted(h.authserv_id, trusted)), None)
    if top is None:
        return Assessment(Authenticity.UNKNOWN, "no trusted Authentication-Results")
    results = top.results
    if server_strips_forged:
        results = tuple(r for h in parsed if h.authserv_id == top.authserv_id for r in h.results)
    level, finding = _verdict(AuthenticationResults(top.authserv_id, results), from_address)
    return Assessment(level, f"{finding} at {top.authserv_id or 'Microsoft 365'}", top.authserv_id)


def _verdict(header: AuthenticationResults, from_address: str) -> tuple[Authenticity, str]:
    """The level and what decided it; forgery is looked for first, so a fail always wins over a pass."""
    domain = from_address.rpartition("@")[2].strip().strip(">").lower()
    dkim, dmarc = header.of("dkim"), header.of("dmarc")
    if any(r.result == "fail" for r in dmarc):
        return Authenticity.FORGED, "dmarc=fail"
    dkim_failed = any(r.result == "fail" for r in dkim) and not any(r.result == "pass" for r in dkim)
    if dkim_failed and any(r.result == "fail" for r in header.of("spf")):
        return Authenticity.FORGED, "dkim=fail and spf=fail"
    if not domain:
        return Authenticity.UNKNOWN, "no From domain to compare"
    if any(r.result == "pass" and _domain_of(r.get("header.from")) == domain for r in dmarc):
        return Authenticity.AUTHENTICATED, "dmarc=pass"
    signers = [_signing_domain(r) for r in dkim if r.result == "pass"]
    aligned = next((d for d in signers if aligned_domains(d, domain)), None)
    if aligned is not None:
        return Authenticity.AUTHENTICATED, f"dkim=pass for {aligned}"
    if not dkim and not dmarc:
        return Authenticity.UNKNOWN, "no DKIM or DMARC result"
    return Authenticity.UNKNOWN, f"no pass aligned with {domain}"


def aligned_domains(signing: str, author: str) -> bool:
    """DMARC relaxed alignment, approximated without the Public Suffix List (see the module docstring)."""
    signing, author = signing.strip(".").lower(), author.strip(".").lower()
    if not signing or not author:
        return False
    if signing == author:
        return True
    shorter, longer = sorted((signing, author), key=len)
    return shorter.count(".") >= 1 and longer.endswith("." + shorter)


def _parsed(values: Sequence[str]) -> list[AuthenticationResults]:
    return [h for h in (parse_authentication_results(v) for v in values[:MAX_HEADERS]) if h is not None]


def _server_key(server: str) -> str:
    name = server.strip().lower()
    return "" if name == MICROSOFT_365 else name


def _is_trusted(authserv_id: str, trusted: set[str]) -> bool:
    # OpenDKIM and OpenDMARC with AuthservIDWithJobID write "mx.example.org/3F2A1B"
    return authserv_id in trusted or authserv_id.split("/", 1)[0] in trusted - {""}


def _signing_domain(result: MethodResult) -> str:
    return _domain_of(result.get("header.d") or result.get("header.i"))


def _domain_of(value: str) -> str:
    return value.rpartition("@")[2].strip().strip("<>").strip(".").lower()


def _without_comments(text: str) -> str:
    """The text with every (comment) replaced by a space; quoted strings are kept as they are."""
    out: list[str] = []
    depth = 0
    quoted = False
    chars = iter(text)
    for ch in chars:
        if quoted:
            out.append(ch)
            if ch == "\\":
                out.append(next(chars, ""))
            elif ch == '"':
                quoted = False
        elif depth:
            if ch == "\\":
                next(chars, "")
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if not depth:
                    out.append(" ")
        elif ch == "(":
            depth = 1
        else:
            quoted = ch == '"'
            out.append(ch)
    return "".join(out)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _segments(tokens: list[str]) -> list[list[str]]:
    segments: list[list[str]] = [[]]
    for token in tokens:
        if token == ";":
            segments.append([])
        else:
            segments[-1].append(token)
    return segments


def _unquote(token: str) -> str:
    if not token.startswith('"'):
        return token
    body = token[1:-1] if len(token) > 1 and token.endswith('"') else token[1:]
    return re.sub(r"\\(.)", r"\1", body)


def _is_value(token: str) -> bool:
    return token != "="


def _method_result(tokens: list[str]) -> MethodResult | None:
    """``method[/version]=result [reason=...] [ptype.property=value ...]``; anything else is skipped."""
    if len(tokens) < 3 or tokens[1] != "=" or not _is_value(tokens[2]):
        return None
    method = tokens[0].split("/", 1)[0].lower()
    if not _METHOD.fullmatch(method):
        return None
    reason = ""
    properties: list[tuple[str, str]] = []
    i = 3
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i + 1] == "=" and tokens[i] != "=":
            name = _unquote(tokens[i]).lower()
            has_value = i + 2 < len(tokens) and _is_value(tokens[i + 2]) and (
                i + 3 >= len(tokens) or tokens[i + 3] != "="
            )
            value = _unquote(tokens[i + 2]) if has_value else ""
            i += 3 if has_value else 2
            if name == "reason" and not reason:
                reason = value
            else:
                properties.append((name, value))
        else:
            i += 1  # a stray word ("for x@y", Microsoft's receiving domain): not ours to read
    return MethodResult(method, _unquote(tokens[2]).lower(), reason, tuple(properties))
