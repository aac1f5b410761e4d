"""Authentication-Results: the parser on real header shapes, and what each shape lets a sender do.

The header values are copied from public sources, named above each one; only folding
is kept as the source had it. Corpus files are read from MAILBOT_CORPUS when it is set.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.mail.authresults import (
    MICROSOFT_365,
    Authenticity,
    aligned_domains,
    assess_authenticity,
    parse_authentication_results,
)
from mailbot.mail.parse import MalformedMail, parse_mail

CORPUS = os.environ.get("MAILBOT_CORPUS", "")
needs_corpus = pytest.mark.skipif(not CORPUS, reason="MAILBOT_CORPUS is not set")

# --- real header values -------------------------------------------------------------------------------------------

# Microsoft 365: the documented example, as quoted on learn.microsoft.com (Q&A 4635330); no authserv-id
M365_PASS = (
    "spf=pass (sender IP is 203.0.113.7)\r\n smtp.mailfrom=n.glyph.net; dkim=pass (signature was verified)\r\n"
    " header.d=n.glyph.net;dmarc=pass action=none\r\n header.from=n.glyph.net;compauth=pass reason=100"
)
# Microsoft 365 with the receiving domain between results: OpenDKIM issue #73 (alum.mit.edu via Office 365)
M365_STRAY_DOMAINS = (
    "spf=pass (sender IP is 209.85.219.172) smtp.mailfrom=example.org; alum.mit.edu; dkim=pass (signature was"
    " verified) header.d=example.org;alum.mit.edu; dmarc=pass action=none header.from=example.org;compauth=pass"
    " reason=100"
)
# Microsoft 365, no DMARC record published: MimeKit issue #490
M365_BESTGUESS = (
    "spf=fail (sender IP is 1.1.1.1) smtp.mailfrom=eu-west-1.amazonses.com; recevingdomain.com; dkim=pass"
    " (signature was verified) header.d=domain.com;domain1.com; dmarc=bestguesspass action=none header.from=domain.com;"
)
# Microsoft 365, empty header.from at the very end: MimeKit issue #527
M365_EMPTY_FROM = (
    "spf=temperror (sender IP is 1.1.1.1) smtp.helo=tes.test.ru; mydomain.com; dkim=none (message not signed)"
    " header.d=none;mydomain.com; dmarc=none action=none header.from=;"
)
# Microsoft 365, DMARC failed: corpus bounce/mimekit__bounce.txt
M365_DMARC_FAIL = (
    "spf=none (sender IP is 185.132.181.12) smtp.helo=dispatchb-eu1.ppe-hosted.com; dkim=none (message not signed)"
    " header.d=none;dmarc=fail action=none header.from=hmail.jitbit.com;compauth=softpass reason=202"
)
# Microsoft 365, folded and mail from Fastmail: Mail-AuthenticationResults t/04-outlook.t
M365_FOLDED = (
    "spf=pass (sender IP is 66.111.4.222)\n smtp.mailfrom=fastmail.com; outlook.com; dkim=pass (signature was verified)"
    "\n header.d=fastmail.com;outlook.com; dmarc=pass action=none\n header.from=fastmail.com;"
)
# Gmail: two signatures, SPF comment with a colon: Mail-AuthenticationResults t/04-gmail.t
GMAIL_TWO_SIGNATURES = (
    "mx.google.com;\n       dkim=pass header.i=@fastmail.com header.s=fm1 header.b=2j32dcmg;\n"
    "       dkim=pass header.i=@messagingengine.com header.s=fm1 header.b=dgrCnA5f;\n"
    "       spf=pass (google.com: domain of deliverability@fastmail.com designates 66.111.4.26 as permitted sender)"
    " smtp.mailfrom=deliverability@fastmail.com;\n"
    "       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=fastmail.com"
)
# Gmail, Google Workspace bounce: corpus bounce/sisimai__lhost-googleworkspace-01.eml
GMAIL_WORKSPACE = (
    "mx.google.com; dkim=pass header.i=@googlemail.com header.s=20210112 header.b=PqBP51+l; spf=none (google.com:"
    " mail-sor-f69.google.com does not designate permitted sender hosts) smtp.helo=mail-sor-f69.google.com;"
    " dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=googlemail.com"
)
# Gmail, forwarded through SRS so DMARC fails: corpus other/nodemailer-mp__nodemailer.eml
GMAIL_FORWARDED = (
    "mx.google.com; dkim=pass header.i=@srs1.zonevs.eu; spf=pass (google.com: best guess record for domain of"
    " srs0=63fc=v7=kreata.ee=andris@srs1.zonevs.eu designates 217.146.68.191 as permitted sender)"
    " smtp.mailfrom=SRS0=63fc=V7=kreata.ee=andris@srs1.zonevs.eu; dmarc=fail (p=NONE dis=NONE) header.from=kreata.ee"
)
# Gmail with an ARC result whose comment holds '=' signs: corpus other/django-helpdesk__pgp.eml
GMAIL_ARC = (
    "mx.google.com; dkim=pass header.i=@gmail.com header.s=20161025 header.b=AArzbi/1; arc=pass (i=1 spf=pass"
    " spfdomain=gmail.com dkim=pass dkdomain=gmail.com dmarc=pass fromdomain=gmail.com); spf=pass (google.com: domain"
    " of bugreporter@example.com designates 209.85.220.41 as permitted sender) smtp.mailfrom=bugreporter@example.com;"
    " dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=gmail.com"
)
# Fastmail, one header with every check: Mail-AuthenticationResults t/04-fastmail.t
FASTMAIL = (
    "mx6.messagingengine.com;\n    arc=none (no signatures found);\n"
    "    dkim=pass (1024-bit rsa key sha256) header.d=mail.ru header.i=@mail.ru header.b=oF80QtY/ x-bits=1024"
    " x-keytype=rsa x-algorithm=sha256 x-selector=mail2;\n"
    "    dmarc=pass (p=reject,d=none) header.from=mail.ru;\n"
    "    iprev=pass policy.iprev=94.100.177.106 (smtp46.i.mail.ru);\n"
    "    spf=pass smtp.mailfrom=fmdeliverability@mail.ru smtp.helo=smtp46.i.mail.ru;\n"
    "    x-aligned-from=pass;\n"
    "    x-tls=pass version=TLSv1.2 cipher=ECDHE-RSA-AES128-GCM-SHA256 bits=128/128"
)
# Fastmail writing one header per check, topmost first (a Fastmail delivery in a public test fixture)
FASTMAIL_SPLIT = (
    "mx6.messagingengine.com;\n    x-csa=none;\n    x-me-sender=none;\n"
    "    x-ptr=pass smtp.helo=mail-wm1-f67.google.com\n      policy.ptr=mail-wm1-f67.google.com",
    "mx6.messagingengine.com;\n    bimi=skipped (DMARC Policy is not at enforcement)",
    "mx6.messagingengine.com;\n    arc=none (no signatures found)",
    "mx6.messagingengine.com;\n    dkim=pass (2048-bit rsa key sha256) header.d=gmail.com\n"
    "      header.i=@gmail.com header.b=hr44hXYS header.a=rsa-sha256\n      header.s=20210112 x-bits=2048;\n"
    "    dmarc=pass policy.published-domain-policy=none\n      policy.published-subdomain-policy=quarantine\n"
    "      policy.applied-disposition=none policy.evaluated-disposition=none\n"
    "      (p=none,sp=quarantine,d=none,d.eval=none) policy.policy-from=p\n      header.from=gmail.com;\n"
    "    iprev=pass smtp.remote-ip=209.85.128.67 (mail-wm1-f67.google.com);\n"
    "    spf=pass smtp.mailfrom=alice@gmail.com\n      smtp.helo=mail-wm1-f67.google.com",
)
# OpenDKIM behind a Mimecast gateway: corpus bounce/sisimai__lhost-mimecast-01.eml
OPENDKIM = (
    "smtp.example.jp; dkim=pass (1024-bit key; unprotected) header.d=ef.example.org header.i=@ef.example.org"
    " header.a=rsa-sha256 header.s=mimecast20180622 header.b=e..."
)
# OpenDKIM with a quoted, escaped header.i, and a version number: corpus list/spamassassin__authres
OPENDKIM_QUOTED = (
    'authrestest6int;\n        dkim=fail (2048-bit key; unprotected) header.d=gmail.com header.i=" foo bar \\"xyz\\"'
    '@gmail.com" header.b=SI+iqkld;'
)
SPAMASSASSIN_REASON = (
    'authrestest4int 2; spf=fail reason (BAH) = "just some (<>.%&! reason" smtp.mailfrom=dogma.slashnull.org'
)
# OpenDMARC: a forged sender's result (pastebin Dty2hE7C, the OpenDMARC forged-header demonstration)
OPENDMARC_PASS = "mx.example.com; dmarc=pass (p=reject dis=none) header.from=example.com"
OPENDMARC_FAIL = "mail.example.org; dmarc=fail (p=reject dis=none) header.from=example.nl"
# rspamd: two signatures, a quoted reason with a comment inside: corpus list/rspamd__arcbad.eml
RSPAMD = (
    "mail.highsecure.ru; dkim=pass header.d=freebsd.org header.s=dkim header.b=H7pb97c0; dkim=fail (body hash did"
    " not verify) header.d=outlook.com header.s=selector1 header.b=LWxzK+W8; dmarc=fail reason=\"SPF not aligned"
    " (relaxed), DKIM not aligned (relaxed)\" header.from=outlook.com (policy=none); spf=pass (mail.highsecure.ru:"
    " domain of owner-freebsd-test@freebsd.org designates 96.47.72.132 as permitted sender)"
    " smtp.mailfrom=owner-freebsd-test@freebsd.org"
)
# outlook.com (consumer) with its own authserv-id: corpus bounce/sisimai__lhost-outlook-06.eml
HOTMAIL = (
    "hotmail.com; spf=none (sender IP is 65.54.190.29; identity alignment result is pass and alignment mode is"
    " relaxed) smtp.helo=BAY004-OMC1S18.hotmail.com; dkim=none (identity alignment result is pass and alignment mode"
    " is relaxed) header.d=mail.hotmail.com; x-hmca=none header.id=postmaster@mail.hotmail.com"
)
# Yahoo's old shape, id followed by a stray property: corpus bounce/*__yahoo* (mta163.mail.re2.yahoo.com)
YAHOO_OLD = "mta163.mail.re2.yahoo.com\n  from=grizz.org; domainkeys=neutral (no sig)"
# RFC 8601's own "nothing was checked", with a version number
RFC_NONE = "mx.example.org 1; none"


def _pairs(value: str) -> list[tuple[str, str]]:
    parsed = parse_authentication_results(value)
    assert parsed is not None
    return [(r.method, r.result) for r in parsed.results]


# --- the parser ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "authserv_id", "expected"),
    [
        (M365_PASS, "", [("spf", "pass"), ("dkim", "pass"), ("dmarc", "pass"), ("compauth", "pass")]),
        (M365_STRAY_DOMAINS, "", [("spf", "pass"), ("dkim", "pass"), ("dmarc", "pass"), ("compauth", "pass")]),
        (M365_BESTGUESS, "", [("spf", "fail"), ("dkim", "pass"), ("dmarc", "bestguesspass")]),
        (M365_EMPTY_FROM, "", [("spf", "temperror"), ("dkim", "none"), ("dmarc", "none")]),
        (M365_DMARC_FAIL, "", [("spf", "none"), ("dkim", "none"), ("dmarc", "fail"), ("compauth", "softpass")]),
        (GMAIL_TWO_SIGNATURES, "mx.google.com",
         [("dkim", "pass"), ("dkim", "pass"), ("spf", "pass"), ("dmarc", "pass")]),
        (GMAIL_ARC, "mx.google.com", [("dkim", "pass"), ("arc", "pass"), ("spf", "pass"), ("dmarc", "pass")]),
        (FASTMAIL, "mx6.messagingengine.com",
         [("arc", "none"), ("dkim", "pass"), ("dmarc", "pass"), ("iprev", "pass"), ("spf", "pass"),
          ("x-aligned-from", "pass"), ("x-tls", "pass")]),
        (OPENDKIM, "smtp.example.jp", [("dkim", "pass")]),
        (RSPAMD, "mail.highsecure.ru", [("dkim", "pass"), ("dkim", "fail"), ("dmarc", "fail"), ("spf", "pass")]),
        (HOTMAIL, "hotmail.com", [("spf", "none"), ("dkim", "none"), ("x-hmca", "none")]),
        (RFC_NONE, "mx.example.org", []),
    ],
)
def test_real_headers_give_their_server_and_results(
    value: str, authserv_id: str, expected: list[tuple[str, str]]
) -> None:
    parsed = parse_authentication_results(value)
    assert parsed is not None
    assert parsed.authserv_id == authserv_id
    assert [(r.method, r.result) for r in parsed.results] == expected


def test_properties_are_read_past_comments_and_microsofts_stray_domains() -> None:
    parsed = parse_authentication_results(M365_STRAY_DOMAINS)
    assert parsed is not None
    spf, dkim, dmarc, compauth = parsed.results
    assert spf.get("smtp.mailfrom") == "example.org"
    assert dkim.get("header.d") == "example.org"
    assert dmarc.get("header.from") == "example.org"
    assert dmarc.get("action") == "none"
    assert compauth.reason == "100"


def test_quoted_values_are_unquoted_and_unescaped() -> None:
    parsed = parse_authentication_results(OPENDKIM_QUOTED)
    assert parsed is not None
    assert parsed.results[0].get("header.i") == ' foo bar "xyz"@gmail.com'
    assert parsed.results[0].get("header.b") == "SI+iqkld"


def test_a_reason_with_a_comment_before_its_equals_sign() -> None:
    parsed = parse_authentication_results(SPAMASSASSIN_REASON)
    assert parsed is not None
    assert (parsed.authserv_id, parsed.version) == ("authrestest4int", "2")
    assert parsed.results[0].reason == "just some (<>.%&! reason"
    assert parsed.results[0].get("smtp.mailfrom") == "dogma.slashnull.org"


def test_a_quoted_reason_holding_parentheses_and_a_comment_after_a_value() -> None:
    parsed = parse_authentication_results(RSPAMD)
    assert parsed is not None
    dmarc = parsed.of("dmarc")[0]
    assert dmarc.reason == "SPF not aligned (relaxed), DKIM not aligned (relaxed)"
    assert dmarc.get("header.from") == "outlook.com"


def test_an_empty_value_at_the_end_is_empty() -> None:
    parsed = parse_authentication_results(M365_EMPTY_FROM)
    assert parsed is not None
    assert parsed.of("dmarc")[0].get("header.from") == ""


def test_policy_properties_and_multi_line_folding() -> None:
    parsed = parse_authentication_results(FASTMAIL_SPLIT[3])
    assert parsed is not None
    dmarc = parsed.of("dmarc")[0]
    assert dmarc.get("policy.published-domain-policy") == "none"
    assert dmarc.get("policy.policy-from") == "p"
    assert dmarc.get("header.from") == "gmail.com"
    assert parsed.of("dkim")[0].get("header.s") == "20210112"


def test_odd_casing_is_folded() -> None:
    parsed = parse_authentication_results("MX.Example.ORG; DKIM=Pass Header.D=Example.NL; DMARC=FAIL header.from=x.nl")
    assert parsed is not None
    assert parsed.authserv_id == "mx.example.org"
    assert [(r.method, r.result) for r in parsed.results] == [("dkim", "pass"), ("dmarc", "fail")]
    assert parsed.results[0].get("header.d") == "Example.NL"  # values stay as written


def test_a_method_version_is_dropped() -> None:
    assert _pairs("mx.example.org; dkim/1=pass header.d=example.nl") == [("dkim", "pass")]


@pytest.mark.parametrize(
    "garbage",
    ["", "   ", "%%%", "garbage", ";;;", "(((", '"unterminated', "()", "=", "= = =", ";=;=;", "\x00\x01", "a" * 9000,
     "mx.example.org", "(comment only)"],
)
def test_garbage_gives_nothing(garbage: str) -> None:
    parsed = parse_authentication_results(garbage)
    assert parsed is None or not parsed.results


def test_a_shape_from_before_the_rfc_keeps_its_server_and_reads_as_unreadable() -> None:
    """Yahoo's pre-RFC 5451 header has a property before the first result: no grammar to read it by."""
    parsed = parse_authentication_results(YAHOO_OLD)
    assert parsed is not None
    assert (parsed.authserv_id, parsed.results) == ("mta163.mail.re2.yahoo.com", ())
    assert parsed.problem == "'from=grizz.org; domainkeys=neu' stands outside a result"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab.=;() "\\@\n\t-x1')), max_size=80))
def test_no_text_makes_the_parser_raise(text: str) -> None:
    parse_authentication_results(text)
    assess_authenticity([text, text], ["a", MICROSOFT_365], "x@a.b")


# --- what a sender may do: assess_authenticity --------------------------------------------------------------------

GOOGLE = ["mx.google.com"]


M365 = [MICROSOFT_365]


@pytest.mark.parametrize(
    ("headers", "trusted", "sender", "verdict"),
    [
        ([M365_PASS], M365, "jan@n.glyph.net", "authenticated: dmarc=pass at Microsoft 365"),
        ([M365_STRAY_DOMAINS], M365, "a@example.org", "authenticated: dmarc=pass at Microsoft 365"),
        ([M365_FOLDED], M365, "deliverability@fastmail.com", "authenticated: dmarc=pass at Microsoft 365"),
        ([M365_DMARC_FAIL], M365, "x@hmail.jitbit.com", "forged: dmarc=fail at Microsoft 365"),
        # no DMARC record: bestguesspass promises nothing, but the aligned signature does
        ([M365_BESTGUESS], M365, "x@domain.com", "authenticated: dkim=pass for domain.com at Microsoft 365"),
        ([M365_EMPTY_FROM], M365, "x@mydomain.com", "unknown: no pass aligned with mydomain.com at Microsoft 365"),
        ([GMAIL_TWO_SIGNATURES], GOOGLE, "deliverability@fastmail.com", "authenticated: dmarc=pass at mx.google.com"),
        ([GMAIL_WORKSPACE], GOOGLE, "mailer-daemon@googlemail.com", "authenticated: dmarc=pass at mx.google.com"),
        ([GMAIL_FORWARDED], GOOGLE, "andris@kreata.ee", "forged: dmarc=fail at mx.google.com"),
        ([GMAIL_ARC], GOOGLE, "bugreporter@gmail.com", "authenticated: dmarc=pass at mx.google.com"),
        ([FASTMAIL], ["mx6.messagingengine.com"], "x@mail.ru", "authenticated: dmarc=pass at mx6.messagingengine.com"),
        ([OPENDKIM], ["smtp.example.jp"], "news@ef.example.org",
         "authenticated: dkim=pass for ef.example.org at smtp.example.jp"),
        ([OPENDMARC_FAIL], ["mail.example.org"], "jan@example.nl", "forged: dmarc=fail at mail.example.org"),
        ([RSPAMD], ["mail.highsecure.ru"], "vstakhov@outlook.com", "forged: dmarc=fail at mail.highsecure.ru"),
        ([HOTMAIL], ["hotmail.com"], "postmaster@mail.hotmail.com",
         "unknown: no pass aligned with mail.hotmail.com at hotmail.com"),
        ([RFC_NONE], ["mx.example.org"], "a@example.nl", "unknown: no DKIM or DMARC result at mx.example.org"),
    ],
)
def test_real_verdicts(headers: list[str], trusted: list[str], sender: str, verdict: str) -> None:
    assessment = assess_authenticity(headers, trusted, sender)
    assert f"{assessment.level}: {assessment.reason}" == verdict


def test_headers_of_servers_we_do_not_trust_are_ignored() -> None:
    assessment = assess_authenticity([GMAIL_TWO_SIGNATURES], ["mx.example.org"], "deliverability@fastmail.com")
    assert assessment.level is Authenticity.UNKNOWN
    assert assessment.reason == "no trusted Authentication-Results"
    assert assessment.authserv_id is None


def test_headers_without_authserv_id_need_the_microsoft_entry() -> None:
    """Anyone can write an id-less header; it counts only for an operator whose mailbox is at Microsoft."""
    assert assess_authenticity([M365_PASS], ["mx.google.com"], "jan@n.glyph.net").level is Authenticity.UNKNOWN
    assert assess_authenticity([M365_PASS], ["Microsoft-365"], "jan@n.glyph.net").level is Authenticity.AUTHENTICATED


def test_a_header_injected_below_the_real_one_is_never_read() -> None:
    """The forger wrote a passing header with our server's id; our server put its own verdict on top."""
    injected = "mail.example.org; dkim=pass header.d=example.nl; dmarc=pass header.from=example.nl"
    assessment = assess_authenticity([OPENDMARC_FAIL, injected], ["mail.example.org"], "jan@example.nl")
    assert assessment.level is Authenticity.FORGED
    assert assessment.reason == "dmarc=fail at mail.example.org"


def test_a_pass_injected_below_a_neutral_real_header_is_not_read_either() -> None:
    real = "mail.example.org; spf=none smtp.mailfrom=example.nl; dkim=none; dmarc=none header.from=example.nl"
    injected = "mail.example.org; dmarc=pass header.from=example.nl"
    assert assess_authenticity([real, injected], ["mail.example.org"], "jan@example.nl").level is Authenticity.UNKNOWN


def test_an_untrusted_header_on_top_does_not_hide_the_trusted_one() -> None:
    """An internal relay we do not list added its own header above the border server's."""
    relay = "relay.internal; dmarc=pass header.from=example.nl"
    assessment = assess_authenticity([relay, OPENDMARC_FAIL], ["mail.example.org"], "jan@example.nl")
    assert assessment.level is Authenticity.FORGED


def test_several_headers_at_once_the_topmost_trusted_one_counts() -> None:
    headers = [GMAIL_FORWARDED, FASTMAIL, GMAIL_TWO_SIGNATURES]
    assessment = assess_authenticity(headers, ["mx.google.com", "mx6.messagingengine.com"], "andris@kreata.ee")
    assert (assessment.level, assessment.authserv_id) == (Authenticity.FORGED, "mx.google.com")


def test_a_server_writing_one_header_per_check_reads_as_unknown_unless_it_strips_forgeries() -> None:
    topmost = assess_authenticity(FASTMAIL_SPLIT, ["mx6.messagingengine.com"], "alice@gmail.com")
    assert topmost.level is Authenticity.UNKNOWN
    assert topmost.reason == "no DKIM or DMARC result at mx6.messagingengine.com"
    combined = assess_authenticity(FASTMAIL_SPLIT, ["mx6.messagingengine.com"], "alice@gmail.com",
                                   server_strips_forged=True)
    assert (combined.level, combined.reason) == (Authenticity.AUTHENTICATED, "dmarc=pass at mx6.messagingengine.com")


def test_combining_lets_a_fail_anywhere_win() -> None:
    pass_header = "mail.example.org; dkim=pass header.d=example.nl"
    headers = [pass_header, OPENDMARC_FAIL]
    assert assess_authenticity(headers, ["mail.example.org"], "jan@example.nl").level is Authenticity.AUTHENTICATED
    assert assess_authenticity(headers, ["mail.example.org"], "jan@example.nl",
                               server_strips_forged=True).level is Authenticity.FORGED


def test_a_signature_by_an_unrelated_domain_is_no_authentication() -> None:
    header = "mail.example.org; dkim=pass header.d=mailchimp-like.example; spf=pass smtp.mailfrom=bounce.example"
    assessment = assess_authenticity([header], ["mail.example.org"], "jan@example.nl")
    assert assessment.level is Authenticity.UNKNOWN
    assert assessment.reason == "no pass aligned with example.nl at mail.example.org"


def test_any_aligned_signature_among_several_counts() -> None:
    header = ("mail.example.org; dkim=pass header.d=esp.example; dkim=fail header.d=example.nl;"
              " dkim=pass header.d=mail.example.nl")
    assessment = assess_authenticity([header], ["mail.example.org"], "jan@example.nl")
    assert assessment.level is Authenticity.AUTHENTICATED
    assert assessment.reason == "dkim=pass for mail.example.nl at mail.example.org"


def test_a_dmarc_pass_for_another_from_domain_is_no_authentication() -> None:
    header = "mail.example.org; dmarc=pass header.from=other.example"
    assert assess_authenticity([header], ["mail.example.org"], "jan@example.nl").level is Authenticity.UNKNOWN


def test_dkim_and_spf_both_failing_is_forged() -> None:
    header = "mail.example.org; dkim=fail header.d=example.nl; spf=fail smtp.mailfrom=example.nl; dmarc=none"
    assessment = assess_authenticity([header], ["mail.example.org"], "jan@example.nl")
    assert (assessment.level, assessment.reason) == (Authenticity.FORGED, "dkim=fail and spf=fail at mail.example.org")


@pytest.mark.parametrize(
    "header",
    [
        "mail.example.org; dkim=fail header.d=example.nl; spf=softfail smtp.mailfrom=example.nl",  # a soft fail
        "mail.example.org; dkim=none; spf=fail smtp.mailfrom=example.nl",  # unsigned, not failed
        "mail.example.org; dkim=fail header.d=example.nl; dkim=pass header.d=list.example; spf=fail",  # one passed
    ],
)
def test_less_than_both_failing_is_not_forged(header: str) -> None:
    assert assess_authenticity([header], ["mail.example.org"], "jan@example.nl").level is Authenticity.UNKNOWN


def test_arc_and_compauth_are_ignored() -> None:
    header = "mail.example.org; arc=pass (i=1); compauth=pass reason=100; dkim=none"
    assert assess_authenticity([header], ["mail.example.org"], "jan@example.nl").level is Authenticity.UNKNOWN
    header = "mail.example.org; arc=fail; compauth=fail reason=000; dmarc=pass header.from=example.nl"
    assert assess_authenticity([header], ["mail.example.org"], "jan@example.nl").level is Authenticity.AUTHENTICATED


def test_a_job_id_after_the_authserv_id_is_the_same_server() -> None:
    """OpenDKIM and OpenDMARC with AuthservIDWithJobID write the id as "host/jobid" (quoted in newer releases)."""
    header = '"mail.example.org/4Q2Hc61s2Bz9sWm"; dmarc=pass header.from=example.nl'
    assessment = assess_authenticity([header], ["mail.example.org"], "jan@example.nl")
    assert assessment.level is Authenticity.AUTHENTICATED
    assert assess_authenticity(["mail.example.org.evil/x; dmarc=pass header.from=example.nl"], ["mail.example.org"],
                               "jan@example.nl").level is Authenticity.UNKNOWN


def test_the_from_domain_may_be_given_alone_and_in_any_case() -> None:
    assert assess_authenticity([OPENDMARC_PASS], ["MX.Example.COM"], "Example.COM").level is Authenticity.AUTHENTICATED


def test_without_a_from_address_nothing_is_authenticated_but_a_fail_still_counts() -> None:
    assert assess_authenticity([OPENDMARC_PASS], ["mx.example.com"], "").level is Authenticity.UNKNOWN
    assert assess_authenticity([OPENDMARC_FAIL], ["mail.example.org"], "").level is Authenticity.FORGED


@pytest.mark.parametrize(
    ("signing", "author", "aligned"),
    [
        ("example.nl", "example.nl", True),
        ("mail.example.nl", "example.nl", True),  # the signer is a subdomain
        ("example.nl", "nieuws.example.nl", True),  # the author is a subdomain
        ("EXAMPLE.nl.", "example.NL", True),
        ("evil-example.nl", "example.nl", False),  # not at a label boundary
        ("example.nl.evil.example", "example.nl", False),
        ("nl", "example.nl", False),  # a bare top-level domain aligns with nothing
        ("", "example.nl", False),
        ("other.example", "example.nl", False),
    ],
)
def test_relaxed_alignment(signing: str, author: str, aligned: bool) -> None:
    assert aligned_domains(signing, author) is aligned


# --- IncomingMail.authentication_results --------------------------------------------------------------------------

def test_parse_mail_keeps_every_header_in_order_unfolded() -> None:
    raw = (
        b"Authentication-Results: mx.example.org;\r\n\tdkim=pass header.d=example.nl;\r\n\tdmarc=pass"
        b" header.from=example.nl\r\n"
        b"Received: from out.example.nl by mx.example.org\r\n"
        b"authentication-RESULTS: mx.example.org; dmarc=fail header.from=example.nl\r\n"
        b"From: Jan <jan@example.nl>\r\nTo: leerkring@example.org\r\nSubject: afmelden\r\n\r\nIk stop.\r\n"
    )
    mail = parse_mail(raw)
    assert mail.authentication_results == (
        "mx.example.org; dkim=pass header.d=example.nl; dmarc=pass header.from=example.nl",
        "mx.example.org; dmarc=fail header.from=example.nl",
    )
    assert assess_authenticity(mail.authentication_results, ["mx.example.org"], mail.sender).level == "authenticated"


def test_parse_mail_without_the_header_has_none() -> None:
    mail = parse_mail(b"From: jan@example.nl\r\nSubject: hoi\r\n\r\nhoi\r\n")
    assert mail.authentication_results == ()


@needs_corpus
def test_eight_headers_of_one_corpus_message_in_order() -> None:
    mail = parse_mail((Path(CORPUS) / "list" / "spamassassin__authres").read_bytes())
    ids = [parse_authentication_results(v) for v in mail.authentication_results]
    assert [h.authserv_id for h in ids if h is not None] == [f"authrestest{i}" for i in
                                                              ("1int", "2int", "3int", "4int", "5int", "6int", "7tru",
                                                               "8ext")]


# written before RFC 5451 (Yahoo's "from=" before the first result), or broken on purpose (a SpamAssassin test)
CORPUS_UNREADABLE = {"sisimai__lhost-yahoo-01.eml", "sisimai__lhost-yahoo-08.eml", "mikel-mail__bad_date_header.eml",
                     "sisimai__arf-14.eml", "spamassassin__MultipleAuthRes_10"}


@needs_corpus
def test_every_authentication_results_header_in_the_corpus_reads() -> None:
    """Every header in the corpus names a server or reads as Microsoft's, and gives at least one result,
    except the few written before the RFC, which keep their server and read as unreadable."""
    unread, unreadable = [], set()
    count = 0
    for path in sorted(p for p in Path(CORPUS).glob("*/*") if p.is_file() and p.parent.name != "bodies"):
        try:
            mail = parse_mail(path.read_bytes())
        except MalformedMail:  # unreadable mail is another test's business
            continue
        for value in mail.authentication_results:
            count += 1
            parsed = parse_authentication_results(value)
            if parsed is not None and parsed.problem:
                unreadable.add(path.name)
            elif parsed is None or not parsed.results:
                unread.append(f"{path.name}: {value[:120]}")
    assert count > 100
    assert not unread, "\n".join(unread)
    assert unreadable == CORPUS_UNREADABLE


def test_only_the_top_fifty_headers_are_read() -> None:
    """The receiving server's header is on top; a sender who adds a thousand below only wastes their own bytes."""
    filler = ["relay.example; none"] * 60
    assert assess_authenticity([*filler, OPENDMARC_PASS], ["mx.example.com"], "a@example.com").level == "unknown"
    assert assess_authenticity([*filler[:40], OPENDMARC_PASS], ["mx.example.com"], "a@example.com").level == (
        "authenticated")


# --- strict reading: more real servers ----------------------------------------------------------------------------

# Microsoft 365 receiving for hotmail.com, folded: a delivery in deltachat's public test data
M365_HOTMAIL = (
    "spf=pass (sender IP is 40.92.73.85)\n smtp.mailfrom=hotmail.com; dkim=pass (signature was verified)\n"
    " header.d=hotmail.com;dmarc=pass action=none\n header.from=hotmail.com;compauth=pass reason=100"
)
# Microsoft 365 (outlook.com, 2017) with its receiving domain twice, a trailing ';' and dkim=test: a mailing-list
# archive's copy of a GitHub notification
M365_GITHUB = (
    "spf=pass (sender IP is 192.30.252.194)\n smtp.mailfrom=github.com; hotmail.com; dkim=test (signature was"
    " verified)\n header.d=github.com;hotmail.com; dmarc=pass action=none\n header.from=github.com;"
)
# Postfix at lists.ozlabs.org: OpenDKIM (a '/' in header.b, a quoted reason, a ';' in a comment) and the
# policyd-spf daemon (its comment holds the envelope sender and ';'), topmost first: linuxppc-dev archive
OPENDKIM_OZLABS = (
    "lists.ozlabs.org;\n\tdkim=pass (2048-bit key; unprotected) header.d=gmail.com header.i=@gmail.com"
    " header.a=rsa-sha256 header.s=20221208 header.b=p9s9prTX;\n\tdkim-atps=neutral"
)
OPENDKIM_OZLABS_FAIL = (
    "lists.ozlabs.org;\n\tdkim=fail reason=\"signature verification failed\" (2048-bit key; unprotected)"
    " header.d=google.com header.i=@google.com header.a=rsa-sha256 header.s=20210112 header.b=E/aDkM7K;\n"
    "\tdkim-atps=neutral"
)
POLICYD_SPF = (
    "lists.ozlabs.org; spf=pass (sender SPF authorized) smtp.mailfrom=gmail.com (client-ip=2607:f8b0:4864:20::b36;"
    " helo=mail-yb1-xb36.google.com; envelope-from=vishal.moola@gmail.com; receiver=lists.ozlabs.org)"
)
# OpenDMARC and SPF at mail.kernel.org, one header each: a linux-mm archive
OPENDMARC_KERNEL = "mail.kernel.org; dmarc=none (p=none dis=none) header.from=arndb.de"
SPF_KERNEL = "mail.kernel.org; spf=pass smtp.mailfrom=owner-linux-mm@kvack.org"
# Gmail quoting an envelope sender that holds '=': a linux-mm archive (mail from fb.com)
GMAIL_QUOTED_MAILFROM = (
    "mx.google.com;\n       dkim=pass header.i=@fb.com header.s=facebook header.b=N5uvdv1C;\n       spf=pass"
    " (google.com: domain of prvs=1078cbd532=songliubraving@fb.com designates 67.231.145.42 as permitted sender)"
    " smtp.mailfrom=\"prvs=1078cbd532=songliubraving@fb.com\";\n       dmarc=pass (p=NONE sp=NONE dis=NONE)"
    " header.from=fb.com"
)


@pytest.mark.parametrize(
    ("headers", "trusted", "sender", "verdict"),
    [
        ([M365_HOTMAIL], M365, "alice@hotmail.com", "authenticated: dmarc=pass at Microsoft 365"),
        ([M365_GITHUB], M365, "noreply@github.com", "authenticated: dmarc=pass at Microsoft 365"),
        ([OPENDKIM_OZLABS, POLICYD_SPF], ["lists.ozlabs.org"], "vishal.moola@gmail.com",
         "authenticated: dkim=pass for gmail.com at lists.ozlabs.org"),
        ([POLICYD_SPF, OPENDKIM_OZLABS], ["lists.ozlabs.org"], "vishal.moola@gmail.com",
         "unknown: no DKIM or DMARC result at lists.ozlabs.org"),
        ([OPENDKIM_OZLABS_FAIL], ["lists.ozlabs.org"], "irogers@google.com",
         "unknown: no pass aligned with google.com at lists.ozlabs.org"),
        ([OPENDMARC_KERNEL, SPF_KERNEL], ["mail.kernel.org"], "arnd@arndb.de",
         "unknown: no pass aligned with arndb.de at mail.kernel.org"),
        ([GMAIL_QUOTED_MAILFROM], GOOGLE, "songliubraving@fb.com", "authenticated: dmarc=pass at mx.google.com"),
    ],
)
def test_more_real_verdicts(headers: list[str], trusted: list[str], sender: str, verdict: str) -> None:
    assessment = assess_authenticity(headers, trusted, sender)
    assert f"{assessment.level}: {assessment.reason}" == verdict


def test_real_values_as_servers_write_them() -> None:
    fail = parse_authentication_results(OPENDKIM_OZLABS_FAIL)
    assert fail is not None and not fail.problem
    assert (fail.results[0].reason, fail.results[0].get("header.b")) == ("signature verification failed", "E/aDkM7K")
    spf = parse_authentication_results(POLICYD_SPF)
    assert spf is not None and spf.results[0].get("smtp.mailfrom") == "gmail.com"
    gmail = parse_authentication_results(GMAIL_QUOTED_MAILFROM)
    assert gmail is not None and gmail.of("spf")[0].get("smtp.mailfrom") == "prvs=1078cbd532=songliubraving@fb.com"
    github = parse_authentication_results(M365_GITHUB)
    assert github is not None and [r.result for r in github.results] == ["pass", "test", "pass"]


# --- strict reading: what a sender may try --------------------------------------------------------------------------

# The adversarial run: the sender's MAIL FROM local part closes Gmail's comment, writes a result, and opens a new
# comment; the server copied it into its comment unescaped. Its own verdict for org.test (no DMARC record) is none.
EVIL_LOCAL = '"x) ; dmarc=pass header.from=org.test (y"@evil.test'
INJECTED_THROUGH_A_COMMENT = (
    f"mx.google.com; dkim=none; spf=pass (google.com: domain of {EVIL_LOCAL} designates 203.0.113.9 as permitted"
    f" sender) smtp.mailfrom={EVIL_LOCAL}; dmarc=none (p=NONE sp=NONE dis=NONE) header.from=org.test"
)


def test_a_dmarc_pass_injected_through_an_unescaped_comment_reads_as_unknown() -> None:
    assessment = assess_authenticity([INJECTED_THROUGH_A_COMMENT], GOOGLE, "organiser@org.test")
    assert assessment.level is Authenticity.UNKNOWN
    assert assessment.reason == ("unreadable Authentication-Results at mx.google.com: "
                                 "dmarc has two results (pass and none)")


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        # the injection without a ';': a second verdict inside the spf result
        ("mx.google.com; spf=pass (google.com: domain of x) dmarc=pass header.from=org.test (y@evil.test) "
         "smtp.mailfrom=x; dmarc=none header.from=org.test", "a dmarc result inside the spf result"),
        # an injection that leaves the server's comment open, or closes one that was never opened
        ("mx.google.com; spf=pass (google.com: domain of x; dmarc=pass header.from=org.test",
         "a comment that is never closed"),
        ("mx.google.com; spf=pass (domain of x) ; dmarc=pass header.from=org.test) designates a sender)",
         "') designates a sender)' in the dmarc result"),
        # one method, two results
        ("mx.example.org; dmarc=fail header.from=org.test; dmarc=pass header.from=org.test",
         "dmarc has two results (fail and pass)"),
        ("mx.example.org; spf=fail smtp.mailfrom=org.test; spf=pass smtp.mailfrom=org.test",
         "spf has two results (fail and pass)"),
        ("mx.example.org; dkim=fail header.d=org.test header.s=s1; dkim=pass header.d=org.test header.s=s1",
         "dkim has two results (fail and pass)"),
        ("mx.example.org; dkim=none; dkim=pass header.d=org.test",
         "dkim=none (no signature) beside another dkim result"),
        # a verdict that stands only in a comment or a quoted string
        ("mx.example.org; dmarc=(pass); spf=none", "dmarc= has no result outside comments and quoted strings"),
        ("mx.example.org; dmarc=(pass) header.from=org.test", "'.from=org.test' in the dmarc result"),
        ('mx.example.org; dmarc="pass" header.from=org.test',
         "dmarc= has no result outside comments and quoted strings"),
        ("mx.example.org; dmarc=", "dmarc= has no result outside comments and quoted strings"),
        # words the grammar has no place for
        ("mx.example.org; dmarc=pass header.from=org.test trailing words",
         "trailing without a value in the dmarc result"),
        ("mx.example.org; org.test; dmarc=pass header.from=org.test", "org without '='"),  # Microsoft's only
    ],
)
def test_a_header_the_server_did_not_write_whole_reads_as_unknown(header: str, problem: str) -> None:
    parsed = parse_authentication_results(header)
    assert parsed is not None and parsed.results == ()
    assert parsed.problem == problem
    assessment = assess_authenticity([header], ["mx.example.org", "mx.google.com"], "organiser@org.test")
    assert assessment.level is Authenticity.UNKNOWN and problem in assessment.reason


@pytest.mark.parametrize(
    "header",
    [
        "mx.example.org; dmarc=none (dmarc=pass) header.from=org.test",  # a comment is never read
        'mx.example.org; dmarc=none reason="; dmarc=pass header.from=org.test" header.from=org.test',
        'mx.example.org; dmarc=none header.from="org.test; dmarc=pass"',
        "mx.example.org; dmarc=none header.from=org.test (unclosed \\) still a comment)",
    ],
)
def test_a_result_in_a_comment_or_a_quoted_string_is_never_read(header: str) -> None:
    parsed = parse_authentication_results(header)
    assert parsed is not None and not parsed.problem
    assert [(r.method, r.result) for r in parsed.results] == [("dmarc", "none")]


def test_cfws_wherever_the_grammar_allows_it() -> None:
    parsed = parse_authentication_results(
        "mx.example.org (our MX) 1 (version) ; dmarc (policy) = (x) pass (y) header (a) . (b) from = org.test")
    assert parsed is not None and not parsed.problem
    assert (parsed.version, parsed.results[0].result, parsed.results[0].get("header.from")) == ("1", "pass",
                                                                                               "org.test")


def test_an_unreadable_top_header_is_never_passed_over_for_a_forged_one_below() -> None:
    """The injection broke the server's header; the forger's own passing header sits below it."""
    broken = "mx.example.org; spf=pass (domain of x) ; dmarc=pass header.from=org.test) designates)"
    forged = "mx.example.org; dkim=pass header.d=org.test; dmarc=pass header.from=org.test"
    for strips in (False, True):
        assessment = assess_authenticity([broken, forged], ["mx.example.org"], "organiser@org.test",
                                         server_strips_forged=strips)
        assert assessment.level is Authenticity.UNKNOWN and assessment.authserv_id == "mx.example.org"


def test_several_headers_of_one_server_may_not_give_one_method_two_results() -> None:
    """Read together (the server strips forgeries), a dmarc=pass in a second header contradicts the first."""
    headers = ["mx.example.org; dmarc=none header.from=org.test", "mx.example.org; dmarc=pass header.from=org.test"]
    assert assess_authenticity(headers, ["mx.example.org"], "a@org.test").level is Authenticity.UNKNOWN
    combined = assess_authenticity(headers, ["mx.example.org"], "a@org.test", server_strips_forged=True)
    assert (combined.level, combined.reason) == (Authenticity.UNKNOWN, "unreadable Authentication-Results at "
                                                 "mx.example.org: dmarc has two results (none and pass)")


def test_folded_headers_read_as_one_line() -> None:
    raw = (b"Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@org.test header.s=s1\r\n"
           b"        header.b=AbCd1234;\r\n       dmarc=\r\n pass (p=REJECT)\r\n header.from=org.test\r\n"
           b"From: Jan <jan@org.test>\r\nSubject: hoi\r\n\r\nhoi\r\n")
    mail = parse_mail(raw)
    assert assess_authenticity(mail.authentication_results, GOOGLE, mail.sender).level is Authenticity.AUTHENTICATED


def test_an_encoded_word_is_never_decoded_into_a_verdict() -> None:
    """RFC 2047 has no place in a structured header: decoded, '=3B_dmarc=3Dpass' would be '; dmarc=pass'."""
    raw = (b"Authentication-Results: mx.example.org; dmarc=none header.from=org.test\r\n"
           b"  x-note==?utf-8?q?=3B_dmarc=3Dpass_header.from=3Dorg.test?=\r\n"
           b"From: Jan <jan@org.test>\r\nSubject: hoi\r\n\r\nhoi\r\n")
    mail = parse_mail(raw)
    assert "=?utf-8?q?" in mail.authentication_results[0]
    assert assess_authenticity(mail.authentication_results, ["mx.example.org"], mail.sender).level is (
        Authenticity.UNKNOWN)
