"""What a real address is: what we may write to and keep a person under."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.mail.address import address_problem, is_address
from mailbot.mail.parse import parse_mail


@pytest.mark.parametrize(
    "address",
    ["jan@example.nl", "J.de.Vries@Gemeente-Ede.nl", "p.jansen+leerkring@sub.example.org", "o'brien@example.ie",
     "josé@example.es", "a@b.co", "x" * 300 + "@example.org", "info@xn--bcher-kva.example"],
)
def test_real_addresses(address: str) -> None:
    assert address_problem(address) == ""


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("=?utf-8?q?x?=@org.test", "an encoded word inside the address"),
        ("=?utf-8?q??=@org.test", "an encoded word inside the address"),
        ("=?UTF-8?B?dmljdGltQGV2aWwudGVzdA==?=@org.test", "an encoded word inside the address"),  # victim@evil.test
        ("jan=?utf-8?q?=40evil.test?=@org.test", "an encoded word inside the address"),
        ('""@org.test', "a local part with quotes, brackets or misplaced dots"),
        ("@org.test", "an empty local part"),
        ("jan@", "an empty domain"),
        ("jan", "no @"),
        ("", "no address"),
        ("jan@evil.test@org.test", "more than one @"),
        ("Postmaster\\@xxx.com@xxx.com", "more than one @"),
        ("jan\x00@org.test", "a control character inside the address"),
        ("jan\r\nBcc: x@evil.test", "a control character inside the address"),
        ("jan\u200b@org.test", "a control character inside the address"),  # a zero-width space
        ("jan de vries@org.test", "a space inside the address"),
        ("jan\u00a0@org.test", "a space inside the address"),
        ('"jan de vries"@org.test', "a space inside the address"),
        ("jan..vries@org.test", "a local part with quotes, brackets or misplaced dots"),
        (".jan@org.test", "a local part with quotes, brackets or misplaced dots"),
        ("jan(comment)@org.test", "a local part with quotes, brackets or misplaced dots"),
        ("jan@localhost", "a domain that is no internet domain name"),
        ("jan@[192.0.2.1]", "a domain that is no internet domain name"),
        ("jan@-org.test", "a domain that is no internet domain name"),
        ("jan@org..test", "a domain that is no internet domain name"),
        ("x" * 1000 + "@org.test", "longer than any mail system takes (1009 characters)"),
    ],
)
def test_what_is_no_address(address: str, problem: str) -> None:
    assert address_problem(address) == problem


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab.@=?_ \t\x00\"()<>[]\\-é\u200b")), max_size=30))
def test_an_address_that_passes_has_one_at_and_nothing_hidden(text: str) -> None:
    if is_address(text):
        local, domain = text.split("@")
        assert local and "." in domain and "=?" not in text
        assert not any(ch in text for ch in ' \t\x00"()<>[]\\\u200b')


# --- the From header ---------------------------------------------------------------------------------------------

def message(from_header: str) -> bytes:
    return (f"From: {from_header}\r\nTo: leerkring@example.org\r\nSubject: Aanmelding\r\n\r\n"
            "Ik meld mij aan.\r\n").encode()


@pytest.mark.parametrize(
    ("from_header", "problem"),
    [
        ("Jan <=?utf-8?q?x?=@org.test>", "an encoded word inside the address"),  # the adversarial run's sender
        ("<=?utf-8?q?victim=40evil.test?=@org.test>", "an encoded word inside the address"),
        ("=?utf-8?q?x?=@org.test", "an encoded word inside the address"),
        ("Jan <@org.test>", "an empty local part"),
        ("Jan <jan@evil.test@org.test>", "more than one @"),
        ("<Postmaster\\@xxx.com@xxx.com>", "more than one @"),
        ("Jan <jan\x01@org.test>", "a control character inside the address"),
        ("Jan <jan de vries@org.test>", "a space inside the address"),
        ('Jan <"jan"@org.test>', "a local part with quotes, brackets or misplaced dots"),
    ],
)
def test_a_from_address_that_is_none_gives_no_sender_and_says_why(from_header: str, problem: str) -> None:
    mail = parse_mail(message(from_header))
    assert mail.sender == ""
    assert mail.sender_problem.startswith("the From address ") and mail.sender_problem.endswith(problem)


def test_a_real_from_address_has_no_problem() -> None:
    mail = parse_mail(message('"Vries, Jan de" <Jan.deVries@Gemeente-Ede.nl>'))
    assert (mail.sender, mail.sender_problem) == ("jan.devries@gemeente-ede.nl", "")


def test_only_real_addresses_are_recipients() -> None:
    raw = (b"From: jan@org.test\r\nTo: <=?utf-8?q?x?=@org.test>, ann@example.org\r\n"
           b"Cc: bob@evil.test@org.test, <cor@example.org>\r\nSubject: x\r\n\r\nx\r\n")
    assert parse_mail(raw).recipients == ("ann@example.org", "cor@example.org")
