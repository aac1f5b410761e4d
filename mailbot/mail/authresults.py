"""Authentication-Results (RFC 8601): what the receiving server found out about the sender.

Mailbot does not check SPF, DKIM or DMARC itself; the server that received the mail
did, and wrote its findings into an ``Authentication-Results`` header. Anyone can
write such a header too, so we believe only headers whose authserv-id (the first
word, ``mx.example.org;``) the operator listed as trusted.

    parse_authentication_results(value) -> AuthenticationResults | None
        One header value, read strictly (``mailbot.mail.authres_grammar``): a header
        that breaks RFC 8601's grammar, or gives one method two results, keeps its
        authserv-id and reads as unknown; garbage gives None; it never raises.

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
        unknown        anything else, including "no trusted header at all" and a trusted
                       header that is unreadable or contradicts itself

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

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from mailbot.mail.authres_grammar import (
    MAX_HEADER,
    AuthenticationResults,
    MethodResult,
    contradiction,
    parse_authentication_results,
)

__all__ = ["MAX_HEADER", "MICROSOFT_365", "Assessment", "AuthenticationResults", "Authenticity", "MethodResult",
           "aligned_domains", "assess_authenticity", "parse_authentication_results"]

# the trusted_servers entry that stands for headers without an authserv-id (Exchange Online writes those)
MICROSOFT_365 = "microsoft-365"

MAX_HEADERS = 50  # the receiving server's headers are on top; a thousand more below are the sender's doing


class Authenticity(StrEnum):
    AUTHENTICATED = "authenticated"  # the trusted server verified the From domain
    FORGED = "forged"  # the trusted server found the From domain was not the sender
    UNKNOWN = "unknown"  # nothing either way: no trusted header, or nothing it could verify


@dataclass(frozen=True)
class Assessment:
    level: Authenticity
    reason: str  # short and human: "dmarc=fail at mx.example.org", "no trusted Authentication-Results"
    authserv_id: str | None = None  # whose header decided; None when no trusted header was found


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
    where = top.authserv_id or "Microsoft 365"
    headers = [top]
    if server_strips_forged:
        headers = [h for h in parsed if _server_of(h.authserv_id) == _server_of(top.authserv_id)]
    results = tuple(r for h in headers for r in h.results)
    # an unreadable header of the trusted server is never passed over for one below it: that one may be forged
    problem = next((h.problem for h in headers if h.problem), "") or contradiction(results)
    if problem:
        return Assessment(Authenticity.UNKNOWN, f"unreadable Authentication-Results at {where}: {problem}",
                          top.authserv_id)
    level, finding = _verdict(AuthenticationResults(top.authserv_id, results), from_address)
    return Assessment(level, f"{finding} at {where}", top.authserv_id)


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


def _server_of(authserv_id: str) -> str:
    """The server an authserv-id names (with AuthservIDWithJobID, OpenDKIM writes "mx.example.org/3F2A1B")."""
    return authserv_id.split("/", 1)[0]


def _is_trusted(authserv_id: str, trusted: set[str]) -> bool:
    return authserv_id in trusted or _server_of(authserv_id) in trusted - {""}


def _signing_domain(result: MethodResult) -> str:
    return _domain_of(result.get("header.d") or result.get("header.i"))


def _domain_of(value: str) -> str:
    return value.rpartition("@")[2].strip().strip("<>").strip(".").lower()
