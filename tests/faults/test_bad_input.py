"""Bad input: no exception escapes, every message ends handled, needs_human or quarantined with a reason.

Three layers: hypothesis feeds generated raw messages to the pure part (parse_mail and the
chain); a fixed set of nasty messages (nasty.py) and the whole public corpus go through the
real servers; a 25 MB message shows the size cap and the bot's memory.
"""

from __future__ import annotations

import base64
import os
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot.core.domain import Kind
from mailbot.demo.servers import SmtpSink
from mailbot.engine.classify import classify
from mailbot.mail.parse import IncomingMail, MalformedMail, parse_mail
from mailbot.rules import Facts
from tests.faults.helpers import (
    DONE_STATES,
    figures,
    unfinished,
    wait_with_peak_memory,
)
from tests.faults.nasty import nasty_mails
from tests.servers.bot import BOT, Bot, interest_mail
from tests.servers.dovecot import MailboxUser

CORPUS = os.environ.get("MAILBOT_CORPUS", "")
FACTS = Facts(own_addresses=frozenset({BOT}), own_domain="example.org")

# ---------------------------------------------------------------- generated: the pure part

_header_name = st.sampled_from(["From", "To", "Cc", "Subject", "Message-ID", "In-Reply-To", "References", "Date",
                                "Reply-To", "Content-Type", "Content-Transfer-Encoding", "Auto-Submitted",
                                "Return-Path", "List-Id", "Precedence", "MIME-Version", "X-Whatever"])
_nasty_text = st.one_of(
    st.binary(max_size=80),
    st.text(max_size=80).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"=?utf-8?q?a=0D=0ABcc:_x@evil.test?=", b"=?utf-8?b?////?=", b"=?x?q?=FF?=", b"<>", b"\x00",
                     b"multipart/mixed; boundary=\"", b"multipart/mixed; boundary=b", b"text/plain; charset=utf-7",
                     b"base64", b"quoted-printable", b"\"Name\" <a@b.example>, c@d.example", b"auto-replied",
                     b"Mon, 32 Foo 99999 25:61:61 +9999", b"\r\n\t", b"\xff\xfe"]),
)


@st.composite
def raw_messages(draw: st.DrawFn) -> bytes:
    headers = draw(st.lists(st.tuples(_header_name, _nasty_text), max_size=12))
    head = b"".join(name.encode() + b": " + value + draw(st.sampled_from([b"\n", b"\r\n", b"\r"]))
                    for name, value in headers)
    boundary = draw(st.sampled_from([b"b", b"XYZ", b""]))
    parts = draw(st.lists(st.tuples(st.sampled_from([b"text/plain", b"text/html", b"multipart/mixed",
                                                     b"message/rfc822", b"text/calendar", b"application/pdf"]),
                                    _nasty_text), max_size=4))
    body = b"".join(b"--" + boundary + b"\nContent-Type: " + ctype + b"\n\n" + content + b"\n"
                    for ctype, content in parts)
    body += draw(st.sampled_from([b"", b"--" + boundary + b"--\n", b"--"]))
    raw = head + b"\n" + body + draw(_nasty_text)
    cut = draw(st.integers(min_value=0, max_value=len(raw)))
    return raw[:cut] if draw(st.booleans()) else raw


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_messages())
def test_generated_mail_never_breaks_parse_or_classify(raw: bytes) -> None:
    try:
        mail = parse_mail(raw)
    except MalformedMail as e:
        assert e.reason
        return
    _assert_sane(mail)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_break_parse_or_classify(raw: bytes) -> None:
    try:
        mail = parse_mail(raw)
    except MalformedMail as e:
        assert e.reason
        return
    _assert_sane(mail)


def _assert_sane(mail: IncomingMail) -> None:
    decided = classify(mail, FACTS)
    assert decided is None or decided.kind in set(Kind)
    for text in (mail.sender, mail.sender_name, mail.subject, mail.message_id):
        assert "\r" not in text and "\n" not in text and "\x00" not in text, repr(text)
    if mail.sender:
        assert mail.sender.count("@") >= 1 and not any(c in mail.sender for c in " ,;<>\t"), mail.sender


# ---------------------------------------------------------------- nasty mail through the servers


def _check_all_done(bot: Bot, mailbox: MailboxUser, appended: int) -> Counter[str]:
    rows = bot.messages()
    assert len(rows) == appended, f"{appended} appended, {len(rows)} stored"
    assert unfinished(bot, []) == []
    assert mailbox.unseen() == 0
    return Counter(r["state"] for r in rows)


@pytest.mark.integration
@pytest.mark.slow
def test_nasty_mails_end_handled_or_quarantined(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mails = nasty_mails()
    mailbox.append(list(mails.values()))
    done = bot.run("poll")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    states = _check_all_done(bot, mailbox, len(mails))
    outcome = {name: f"{r['kind']}/{r['state']}" for name, r in zip(mails, bot.messages(), strict=True)}
    assert all(len(d.recipients) == 1 for d in smtp.deliveries)
    figures(f"nasty mail: {len(mails)} broken messages: {dict(states)}; {smtp.count()} replies, each to one "
            f"address; 0 left unseen; " + ", ".join(f"{name} {o}" for name, o in outcome.items()))
    assert outcome["hundred_nested"] == "malformed/quarantined"
    assert outcome["only_body"] == outcome["binary_garbage"] == "malformed/quarantined"
    assert outcome["no_from"] == "unknown/quarantined"
    assert outcome["ten_thousand_headers"] == outcome["overlong_line"] == "interest/handled"


@pytest.mark.integration
@pytest.mark.slow
def test_oversized_mail_is_stored_as_its_header_and_never_loaded_whole(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append([interest_mail(1, "small@org.example")])
    code, baseline = wait_with_peak_memory(bot.popen("poll"), 60)
    assert code == 0
    attachment = os.urandom(18_750_000)  # 25 MB in base64
    encoded = base64.encodebytes(attachment)
    raw = (b"From: Grote Bijlage <big@org.example>\nTo: leerkring@example.org\nSubject: Aanmelding met bijlage\n"
           b"Message-ID: <big25@org.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B\"\n\n"
           b"--B\nContent-Type: text/plain\n\nGraag aanmelden, zie bijlage.\n--B\n"
           b"Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n" + encoded + b"--B--\n")
    del attachment, encoded
    mailbox.append([raw])
    size = len(raw)
    del raw
    code, peak = wait_with_peak_memory(bot.popen("poll"), 120)
    assert code == 0
    with bot.app().db.engine.connect() as conn:
        kind, state, stored, reason = conn.execute(sa.text(
            "SELECT kind, state, length(raw), reason FROM messages WHERE message_id = '<big25@org.example>'"
        )).one()
    for_you = bot.digest_preview().text.split("\n2. ")[0]
    told = "big@org.example" in for_you or "Aanmelding met bijlage" in for_you
    figures(f"oversized: a {size / 1e6:.1f} MB message with imap.max_message_bytes 10 MB: {kind}/{state}, "
            f"{stored} bytes stored; bot peak memory {peak / 1024:.0f} MiB against {baseline / 1024:.0f} MiB for a "
            f"poll of one small mail (+{(peak - baseline) / 1024:.1f} MiB); in the digest: {'yes' if told else 'no'}")
    assert (kind, state) == ("oversized", "quarantined") and reason
    assert stored < 20_000, "only the header is stored"
    assert (peak - baseline) * 1024 < size / 5, "the message was never loaded whole"
    assert len(smtp.to("big@org.example")) == 0
    assert told, for_you
    assert mailbox.unseen() == 0


# ---------------------------------------------------------------- the public corpus through the servers


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.skipif(not CORPUS, reason="MAILBOT_CORPUS is not set")
def test_every_corpus_message_ends_handled_or_quarantined(tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    files = sorted(p for p in Path(CORPUS).glob("*/*") if p.is_file() and p.parent.name != "bodies")
    bot = Bot(tmp_path, mailbox, smtp)
    app = bot.app()
    for start in range(0, len(files), 100):
        mailbox.append([p.read_bytes() for p in files[start:start + 100]])
        app.runner.poll()  # in-process: an exception that escapes fails the test here
    states = _check_all_done(bot, mailbox, len(files))
    rows = bot.messages()
    kinds = Counter(r["kind"] for r in rows if r["state"] == "quarantined")
    machine = {p.name for p in files if p.parent.name in ("autoreply", "bounce", "list")}
    assert all(len(d.recipients) == 1 for d in smtp.deliveries)
    figures(f"corpus: {len(files)} messages ({len(machine)} machine-made): {dict(states)}; quarantined as "
            f"{dict(kinds)}; {smtp.count()} replies; 0 left unseen")
    assert all(r["state"] in DONE_STATES for r in rows)


@pytest.mark.integration
def test_internationalised_sender_address_does_not_crash_the_handler(
        tmp_path: Path, mailbox: MailboxUser, smtp: SmtpSink) -> None:
    bot = Bot(tmp_path, mailbox, smtp)
    mailbox.append([("From: Marilù <marilù@esempio-università.it>\nTo: leerkring@example.org\n"
                     "Subject: Aanmelding leerkring\nMessage-ID: <eai1@example.org>\nMIME-Version: 1.0\n"
                     "Content-Type: text/plain; charset=utf-8\n\nGraag meld ik mij aan.\n").encode()])
    bot.poll()
    [row] = bot.messages()
    assert row["state"] in DONE_STATES
    assert not row["reason"].startswith("handler"), row["reason"]
