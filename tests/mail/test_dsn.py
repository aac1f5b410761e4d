"""Bounces that prove themselves: delivery reports read, and only the proven ones allowed to change a participant.

The project fixtures (tests/fixtures/mail/bounce_*.eml) carry our own Message-IDs. The
real MTA output comes from the public corpus in MAILBOT_CORPUS (bounce/: Postfix, Exim,
Exchange and Office 365, Gmail, qmail, delay warnings, spam rejections); those tests
are skipped when it is not set.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mailbot.mail.dsn import BounceReport, Failure, ProvenFailure, parse_bounce, proven_failures
from mailbot.mail.parse import IncomingMail, MalformedMail, parse_mail
from mailbot.rules import Facts, bounce

PROGRAMME = "leerkring@example.org"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mail"
CORPUS = os.environ.get("MAILBOT_CORPUS", "")
needs_corpus = pytest.mark.skipif(not CORPUS, reason="MAILBOT_CORPUS is not set: the corpus bounces are not here")
FACTS = Facts(own_addresses=frozenset({PROGRAMME}), own_domain="example.org")


def fixture(name: str) -> IncomingMail:
    return parse_mail((FIXTURES / f"{name}.eml").read_bytes())


def corpus(name: str) -> IncomingMail:
    return parse_mail((Path(CORPUS) / "bounce" / name).read_bytes())


def sent(mapping: dict[str, str]) -> Callable[[str], str | None]:
    """A lookup like the outbox's: one of our Message-IDs (or tokens) -> the address we sent that mail to."""
    return mapping.get


NOTHING_SENT = sent({})


def report_of(mail: IncomingMail) -> BounceReport:
    return parse_bounce(mail, PROGRAMME)


def statuses(report: BounceReport) -> list[tuple[str, str, Failure]]:
    return [(r.address, r.status, r.failure) for r in report.recipients]


def message(headers: str, body: str) -> IncomingMail:
    return parse_mail(f"{headers.strip()}\n\n{body}".replace("\n", "\r\n").encode())


# --- the forged bounce that started this ---------------------------------------------------------------------------

FORGED = message(
    """
From: Mail Delivery System <MAILER-DAEMON@mx.evil.example>
To: leerkring@example.org
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
""",
    """This is the mail system at host mx.evil.example.

<anna@example.nl>: host mx.example.nl[192.0.2.1] said: 550 5.1.1
    <anna@example.nl>: Recipient address rejected: User unknown
""",
)


def test_a_forged_bounce_still_reads_as_a_bounce() -> None:
    assert bounce.check(FORGED, FACTS)
    assert statuses(report_of(FORGED)) == [("anna@example.nl", "5.1.1", Failure.PERMANENT)]


def test_a_forged_bounce_without_returned_headers_proves_nothing() -> None:
    report = report_of(FORGED)
    assert (report.message_ids, report.verp_tokens, report.is_dsn) == ((), (), False)
    # even when every lookup would name anna, there is nothing to look up
    anna = sent({"<anything@example.org>": "anna@example.nl"})
    assert proven_failures(report, anna, anna) == ()


def test_a_forged_bounce_quoting_a_message_id_we_never_sent_proves_nothing() -> None:
    forged = message(
        """
From: MAILER-DAEMON@mx.evil.example
To: leerkring@example.org
Subject: failure notice
""",
        """I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<anna@example.nl>:
550 5.1.1 user unknown

--- Below this line is a copy of the message.

Message-ID: <mailbot.questionnaire.guessed@example.org>
From: leerkring@example.org
""",
    )
    report = report_of(forged)
    assert report.message_ids == ("<mailbot.questionnaire.guessed@example.org>",)
    assert proven_failures(report, NOTHING_SENT, NOTHING_SENT) == ()


# --- proof by Message-ID -------------------------------------------------------------------------------------------

def test_a_postfix_dsn_with_our_message_id_proves_a_permanent_failure() -> None:
    report = report_of(fixture("bounce_postfix_dsn"))
    assert report.is_dsn
    assert report.message_ids == ("<mailbot.questionnaire.0f1e2d@example.org>",)
    [entry] = report.recipients
    assert (entry.address, entry.action, entry.status) == ("j.oud@vorigewerkgever.example.nl", "failed", "5.1.1")
    assert entry.diagnostic.startswith("550 5.1.1 <j.oud@vorigewerkgever.example.nl>: Recipient address rejected")
    ours = sent({"<mailbot.questionnaire.0f1e2d@example.org>": "J.Oud@vorigewerkgever.example.nl"})
    assert proven_failures(report, ours, NOTHING_SENT) == (
        ProvenFailure("j.oud@vorigewerkgever.example.nl", Failure.PERMANENT,
                      "Message-ID <mailbot.questionnaire.0f1e2d@example.org>"),
    )


def test_an_exchange_report_returns_our_whole_message() -> None:
    report = report_of(fixture("bounce_exchange_ndr_nl"))
    assert report.message_ids == ("<mailbot.questionnaire.3c2b1a@example.org>",)
    assert statuses(report) == [("f.meijer@gemeente.example.nl", "5.1.10", Failure.PERMANENT)]
    ours = sent({"<mailbot.questionnaire.3c2b1a@example.org>": "f.meijer@gemeente.example.nl"})
    assert [p.failure for p in proven_failures(report, ours, NOTHING_SENT)] == [Failure.PERMANENT]


def test_a_delay_warning_is_a_temporary_failure() -> None:
    report = report_of(fixture("bounce_delay_warning"))
    [entry] = report.recipients
    assert (entry.action, entry.status, entry.failure) == ("delayed", "4.4.1", Failure.TEMPORARY)


def test_a_qmail_bounce_whose_copy_lacks_our_message_id_proves_nothing() -> None:
    """Genuine, permanent, but the quoted copy stops short of a Message-ID: the organiser sees it, nothing changes."""
    report = report_of(fixture("bounce_qmail"))
    assert not report.is_dsn
    assert statuses(report) == [("c.bos@oudprovider.example.net", "5.1.1", Failure.PERMANENT)]
    assert report.message_ids == ()
    everyone = sent({"<mailbot.questionnaire.any@example.org>": "c.bos@oudprovider.example.net"})
    assert proven_failures(report, everyone, everyone) == ()


def test_proof_for_one_address_does_not_bounce_another() -> None:
    """The returned mail was ours, but to bob; the report says anna failed. Nothing changes."""
    report = report_of(fixture("bounce_postfix_dsn"))
    bob = sent({"<mailbot.questionnaire.0f1e2d@example.org>": "bob@example.nl"})
    assert proven_failures(report, bob, NOTHING_SENT) == ()


DSN_TEMPLATE = """
From: MAILER-DAEMON@mx.example.org
To: leerkring@example.org
Subject: Delivery Status Notification
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"
""", """--b
Content-Type: text/plain

Delivery report.

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; {final}
Original-Recipient: rfc822; {original}
Action: {action}
Status: {status}
Diagnostic-Code: smtp; {diagnostic}

--b
Content-Type: text/rfc822-headers

From: leerkring@example.org
To: {original}
Message-ID: <mailbot.reminder.77aa@example.org>

--b--
"""


def dsn(action: str, status: str, final: str = "anna@example.nl", original: str = "anna@example.nl",
        diagnostic: str = "550 5.1.1 user unknown") -> BounceReport:
    headers, body = DSN_TEMPLATE
    return report_of(message(headers, body.format(action=action, status=status, final=final, original=original,
                                                  diagnostic=diagnostic)))


ANNA = sent({"<mailbot.reminder.77aa@example.org>": "anna@example.nl"})


@pytest.mark.parametrize(
    ("action", "status", "failure"),
    [
        ("failed", "5.1.1", Failure.PERMANENT),
        ("failed", "5.2.2 (mailbox full)", Failure.PERMANENT),
        ("failed", "4.4.7", Failure.TEMPORARY),  # given up after days of 4xx: still not proof of a dead address
        ("delayed", "4.4.1", Failure.TEMPORARY),
        ("delayed", "5.0.0", Failure.TEMPORARY),  # contradictory; the action says it is still being tried
        ("delivered", "2.0.0", Failure.NONE),
        ("relayed", "2.0.0", Failure.NONE),
        ("expanded", "2.0.0", Failure.NONE),
        ("failed", "", Failure.PERMANENT),  # no Status: the diagnostic's 5.1.1 counts
    ],
)
def test_the_status_decides_permanent_or_temporary(action: str, status: str, failure: Failure) -> None:
    report = dsn(action, status)
    assert report.failure_for("anna@example.nl") is failure
    expected = () if failure is Failure.NONE else (
        ProvenFailure("anna@example.nl", failure, "Message-ID <mailbot.reminder.77aa@example.org>"),)
    assert proven_failures(report, ANNA, NOTHING_SENT) == expected


def test_without_any_status_code_nothing_is_proven() -> None:
    report = dsn("failed", "", diagnostic="the remote server did not like it")
    assert report.failure_for("anna@example.nl") is Failure.NONE


def test_a_forwarded_address_fails_under_its_original_recipient() -> None:
    report = dsn("failed", "5.1.1", final="anna@new-job.example")
    assert report.recipients[0].original_address == "anna@example.nl"
    assert [p.address for p in proven_failures(report, ANNA, NOTHING_SENT)] == ["anna@example.nl"]


def test_a_policy_refusal_is_permanent_but_marked() -> None:
    report = dsn("failed", "5.7.1", diagnostic="550 5.7.1 Message rejected as spam")
    assert report.recipients[0].failure is Failure.PERMANENT
    assert report.recipients[0].refused_by_policy
    assert not dsn("failed", "5.1.1").recipients[0].refused_by_policy


# --- proof by return path (VERP) -----------------------------------------------------------------------------------

def test_a_bounce_delivered_to_our_per_recipient_return_path_proves_its_recipient() -> None:
    mail = message(
        """
Delivered-To: leerkring+b-k3xq7aa2@example.org
X-Original-To: leerkring+b-k3xq7aa2@example.org
From: MAILER-DAEMON@mx.example.nl
To: leerkring+b-k3xq7aa2@example.org
Subject: Undelivered Mail Returned to Sender
""",
        "<anna@example.nl>: host mx.example.nl said: 550 5.1.1 <anna@example.nl>: User unknown\n",
    )
    report = report_of(mail)
    assert mail.envelope_recipients == ("leerkring+b-k3xq7aa2@example.org",)
    assert report.verp_tokens == ("k3xq7aa2",)
    assert report.message_ids == ()
    by_token = sent({"k3xq7aa2": "anna@example.nl"})
    assert proven_failures(report, NOTHING_SENT, by_token) == (
        ProvenFailure("anna@example.nl", Failure.PERMANENT, "return path token k3xq7aa2"),
    )
    # our own return path in the text is never taken for a failed recipient
    assert [r.address for r in report.recipients] == ["anna@example.nl"]


def test_a_token_of_another_programme_is_no_proof() -> None:
    mail = message(
        """
Delivered-To: andere+b-k3xq7aa2@example.org
From: MAILER-DAEMON@mx.example.nl
To: andere+b-k3xq7aa2@example.org
Subject: Undelivered Mail Returned to Sender
""",
        "<anna@example.nl>: 550 5.1.1 User unknown\n",
    )
    assert report_of(mail).verp_tokens == ()


# --- never a bounce ------------------------------------------------------------------------------------------------

def test_an_out_of_office_that_quotes_our_mail_changes_nothing() -> None:
    ooo = message(
        """
From: Anna <anna@example.nl>
To: leerkring@example.org
Subject: Afwezig: Vragenlijst leerkring
Auto-Submitted: auto-replied
""",
        """Ik ben afwezig tot en met 3 november. Voor dringende zaken: piet@example.nl.

-----Oorspronkelijk bericht-----
From: leerkring@example.org
Message-ID: <mailbot.questionnaire.0f1e2d@example.org>
Subject: Vragenlijst leerkring
""",
    )
    report = report_of(ooo)
    ours = sent({"<mailbot.questionnaire.0f1e2d@example.org>": "anna@example.nl"})
    assert proven_failures(report, ours, NOTHING_SENT) == ()
    assert all(r.failure is Failure.NONE for r in report.recipients)


@pytest.mark.parametrize(
    "body",
    ["--" + "-" * 1_000_000, "x" * 1_000_000, "-- copy of " * 100_000, "a@b.example 550 " * 100_000],
    ids=["dashes", "one-long-word", "many-markers", "many-addresses"],
)
def test_hostile_bodies_are_read_in_linear_time(body: str) -> None:
    """Patterns that once backtracked quadratically: a megabyte must take well under a second."""
    mail = message("From: MAILER-DAEMON@evil.example\nTo: leerkring@example.org\nSubject: failure notice", body)
    started = time.perf_counter()
    parse_bounce(mail, PROGRAMME)
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.eml")), ids=lambda p: p.stem)
def test_no_fixture_makes_the_parser_raise(path: Path) -> None:
    try:
        mail = parse_mail(path.read_bytes())
    except MalformedMail:
        return
    parse_bounce(mail, PROGRAMME)
    parse_bounce(mail, "")


# --- real MTA output from the corpus -------------------------------------------------------------------------------

# (file, the failed address, its status, the failure, a Message-ID of the returned mail is found)
CORPUS_BOUNCES = [
    # Postfix DSN with the returned message attached
    ("bounceparser__postfix.msg", "bounce@dest.example.com", "5.0.0", Failure.PERMANENT, True),
    ("sisimai__lhost-postfix-01.eml", "r@p351355.pool.example.ne.jp", "5.1.1", Failure.PERMANENT, False),
    # Exim, written for people, with the copy of the message in the text
    ("flufl-bounce__exim_01.txt", "delangen@its.tudelft.nl", "5.1.1", Failure.PERMANENT, True),
    ("sisimai__lhost-exim-01.eml", "kijitora@example.ed.jp", "5.7.0", Failure.PERMANENT, True),
    # Exchange Online / Office 365 and an old Exchange without a DSN part
    ("flanker__office365.eml", "noname@example.com", "5.1.10", Failure.PERMANENT, True),
    ("sisimai__lhost-office365-07.eml", "otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp", "5.1.351",
     Failure.PERMANENT, True),
    ("bounceparser__exchange.unknown.msg", "recipient@example.net", "5.0.0", Failure.PERMANENT, True),
    # Gmail
    ("flanker__gmail-invalid-address.eml", "awfawfawfawfawfaw@someserverhere.com", "5.1.0", Failure.PERMANENT, True),
    ("sisimai__lhost-gmail-01.eml", "userunknown@example.jp", "5.1.1", Failure.PERMANENT, True),
    # qmail (not RFC 3464): with and without a status code
    ("sisimai__lhost-qmail-01.eml", "kijitora@example.ne.jp", "5.5.0", Failure.PERMANENT, True),
    ("flufl-bounce__qmail_01.txt", "psadisc@wwwmail.n-h.de", "5.0.0", Failure.PERMANENT, True),
    ("flufl-bounce__yahoo_01.txt", "subscribe.motorcycles@listsociety.com", "4.4.1", Failure.TEMPORARY, False),
    # delay warnings
    ("flanker__no-mx.eml", "user@example.com", "4.4.4", Failure.TEMPORARY, True),
    ("mikel-mail__report_422.eml", "fraser@oooooooo.com.au", "4.2.2", Failure.TEMPORARY, True),
    ("bounceparser__warning-8.msg", "fred.bloggs@alfred.b.c", "4.0.0", Failure.TEMPORARY, True),
    ("flufl-bounce__simple_03.txt", "jacobus@geo.co.za", "4.0.0", Failure.TEMPORARY, False),
    ("flanker__delayed.eml", "foo@example.com", "4.0.0", Failure.TEMPORARY, False),
    # spam rejections
    ("bounceparser__spam-rejection-uribl.msg", "fred.bloggs@example2.co.uk", "5.7.1", Failure.PERMANENT, True),
    ("bounceparser__spam-rejection16.msg", "john.smith@sample.net", "5.0.0", Failure.PERMANENT, True),
    ("bounceparser__spam-rejection40.msg", "fred.bloggs@sample.uk.com", "5.7.1", Failure.PERMANENT, True),
]


@needs_corpus
@pytest.mark.parametrize(("name", "address", "status", "failure", "has_id"), CORPUS_BOUNCES,
                         ids=[row[0] for row in CORPUS_BOUNCES])
def test_corpus_bounces_are_read(name: str, address: str, status: str, failure: Failure, has_id: bool) -> None:
    report = report_of(corpus(name))
    entry = next(r for r in report.recipients if r.address == address)
    assert (entry.status, entry.failure) == (status, failure)
    assert bool(report.message_ids) is has_id


@needs_corpus
@pytest.mark.parametrize(("name", "address", "status", "failure", "has_id"),
                         [row for row in CORPUS_BOUNCES if row[4]], ids=[row[0] for row in CORPUS_BOUNCES if row[4]])
def test_corpus_bounces_of_mail_we_had_sent_are_proven(name: str, address: str, status: str, failure: Failure,
                                                       has_id: bool) -> None:
    """Pretend the returned Message-ID is ours, sent to the failed address: the failure is proven."""
    report = report_of(corpus(name))
    ours = sent({report.message_ids[0]: address})
    assert [(p.address, p.failure) for p in proven_failures(report, ours, NOTHING_SENT)] == [(address, failure)]
    assert proven_failures(report, NOTHING_SENT, NOTHING_SENT) == ()


@needs_corpus
@pytest.mark.parametrize("name", ["bounceparser__spam-rejection-uribl.msg", "bounceparser__spam-rejection16.msg",
                                  "bounceparser__spam-rejection40.msg", "bounceparser__spam-rejection5.msg"])
def test_corpus_spam_rejections_are_marked_as_refusals(name: str) -> None:
    assert all(r.refused_by_policy for r in report_of(corpus(name)).recipients)


@needs_corpus
def test_a_report_for_three_recipients_gives_each_its_own_status() -> None:
    report = report_of(corpus("enmime__multi_recipient_dsn.raw"))
    assert [(r.address, r.failure) for r in report.recipients] == [
        ("arathib@vnet.ibm.com", Failure.PERMANENT),
        ("johnh@hpnjld.njd.hp.com", Failure.TEMPORARY),
        ("wsnell@sdcc13.ucsd.edu", Failure.PERMANENT),
    ]


@needs_corpus
def test_the_envelope_recipient_of_a_verp_sender_is_found() -> None:
    """These bounces went to a per-recipient return path of another tool; its shape is ours, with a '+'."""
    mail = corpus("bounceparser__spam-rejection-uribl.msg")
    assert mail.envelope_recipients[0].startswith("automated-bounces+dbd27190-3092-11e0-a323-f8a354c7e16d@")
    assert report_of(mail).verp_tokens == ()


def _corpus_files(folder: str) -> list[Path]:
    return sorted(p for p in (Path(CORPUS) / folder).iterdir() if p.is_file()) if CORPUS else []


def _readable(path: Path) -> IncomingMail | None:
    try:
        return parse_mail(path.read_bytes())
    except MalformedMail:
        return None


@needs_corpus
def test_every_corpus_bounce_is_read_without_raising_and_most_name_a_recipient() -> None:
    reports = [report_of(m) for m in map(_readable, _corpus_files("bounce")) if m is not None]
    assert len(reports) > 350
    assert sum(bool(r.recipients) for r in reports) / len(reports) > 0.9
    assert sum(bool(r.message_ids) for r in reports) / len(reports) > 0.7


@needs_corpus
@pytest.mark.parametrize("folder", ["autoreply", "reply", "list"])
def test_out_of_office_and_other_mail_never_gives_a_permanent_failure(folder: str) -> None:
    wrong = [
        path.name for path in _corpus_files(folder)
        if (mail := _readable(path)) is not None
        and any(r.failure is Failure.PERMANENT for r in report_of(mail).recipients)
    ]
    assert _corpus_files(folder)
    assert not wrong


# the corpus files the bounce rule does not take for a bounce, each for a reason: a moderation notice,
# JSON notifications, list-server errors, a challenge-response message, Japanese carrier notices
KNOWN_NOT_BOUNCES = frozenset({
    "bounceparser__warning-5.msg", "flufl-bounce__bounce_01.txt", "flufl-bounce__microsoft_03.txt",
    "sisimai__lhost-amazonses-12.eml", "sisimai__lhost-fml-02.eml", "sisimai__lhost-kddi-01.eml",
    "sisimai__lhost-kddi-02.eml", "sisimai__lhost-x6-01.eml", "sisimai__lhost-x6-02.eml",
})


@needs_corpus
def test_the_bounce_rule_still_recognises_the_corpus_bounces() -> None:
    missed = {p.name for p in _corpus_files("bounce") if (m := _readable(p)) is not None and not bounce.check(m, FACTS)}
    assert missed <= KNOWN_NOT_BOUNCES, sorted(missed - KNOWN_NOT_BOUNCES)


@needs_corpus
@pytest.mark.parametrize("name", [row[0] for row in CORPUS_BOUNCES])
def test_the_bounce_rule_recognises_each_representative(name: str) -> None:
    assert bounce.check(corpus(name), FACTS)
