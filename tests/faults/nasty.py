"""Hostile and broken raw messages, made on purpose: each one a way real mail goes wrong."""

from __future__ import annotations

import base64
import os

HEAD = "From: {name} <{addr}>\nTo: leerkring@example.org\nSubject: {subject}\nMessage-ID: <{mid}@nasty.example>\n"


def _head(mid: str, addr: str = "", name: str = "Nasty Sender", subject: str = "Aanmelding leerkring") -> bytes:
    return HEAD.format(name=name, addr=addr or f"{mid}@nasty.example", subject=subject, mid=mid).encode()


def _multipart(boundary: str, parts: list[bytes], close: bool = True) -> bytes:
    body = b"".join(b"--" + boundary.encode() + b"\n" + p + b"\n" for p in parts)
    return body + (b"--" + boundary.encode() + b"--\n" if close else b"")


TEXT = b"Content-Type: text/plain; charset=utf-8\n\nGraag meld ik mij aan voor de leerkring.\n"


def nested(levels: int) -> bytes:
    inner = TEXT
    for level in range(levels):
        inner = (f"Content-Type: multipart/mixed; boundary=\"b{level}\"\n\n".encode()
                 + _multipart(f"b{level}", [inner]))
    return inner


def nasty_mails() -> dict[str, bytes]:
    """name -> raw message; every one carries a unique Message-ID in its first lines where it can."""
    mixed = b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"XYZ\"\n\n"
    mails = {
        "truncated_in_header": _head("trunc1")[:-30],
        "truncated_in_body": (_head("trunc2") + mixed + _multipart("XYZ", [TEXT, TEXT]))[:-40],
        "truncated_base64": _head("trunc3") + mixed + _multipart("XYZ", [
            TEXT, b"Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
            + base64.encodebytes(os.urandom(3000))[:-777]], close=False),
        "wrong_boundary": _head("bound1") + mixed + _multipart("ABC", [TEXT, TEXT]),
        "no_boundary": _head("bound2") + b"MIME-Version: 1.0\nContent-Type: multipart/mixed\n\n" + TEXT,
        "empty_boundary": _head("bound3") + b"Content-Type: multipart/alternative; boundary=\"\"\n\n--\n" + TEXT,
        "nul_bytes": _head("nul1") + b"Content-Type: text/plain\n\nGraag\x00 aanmelden\x00\x00 leerkring.\n",
        "nul_in_header": _head("nul2", name="Nul\x00Naam", subject="Aan\x00melding") + b"\nTekst.\n",
        "ten_thousand_headers": _head("hdr10k") + b"".join(b"X-Filler-%d: value %d\n" % (i, i)
                                                             for i in range(10_000)) + b"\nGraag aanmelden.\n",
        "hundred_nested": _head("nest100") + b"MIME-Version: 1.0\n" + nested(100),
        "bad_encoded_words": _head("enc1", name="=?utf-8?b?////?= =?x-unknown?q?=FF=FE?=",
                                   subject="=?utf-8?q?=E2=82?= =?iso-8859-1?b?invalid!!?= =?bogus?x?y?=")
        + b"\nGraag aanmelden.\n",
        "raw_8bit_headers": _head("enc2", name="J\xc3\xb6rg \xff\xfe", subject="Anmeldung f\xfcr \xe9\xe8")
        + b"Content-Type: text/plain; charset=\"nonexistent-charset\"\n\n\xff\xfe\xfd Graag.\n",
        "utf7_charset": _head("enc3") + b"Content-Type: text/plain; charset=utf-7\n\n+AGEAYgBj- Graag.\n",
        "overlong_line": _head("long1") + b"\n" + b"x" * 1_000_000 + b"\n",
        "overlong_header": _head("long2") + b"X-Long: " + b"y" * 200_000 + b"\n\nGraag aanmelden.\n",
        "no_from": b"To: leerkring@example.org\nSubject: Geen afzender\nMessage-ID: <nofrom@nasty.example>\n\nHallo\n",
        "from_without_address": b"From: Just A Name\nSubject: Hoi\nMessage-ID: <noaddr@nasty.example>\n\nHallo\n",
        "only_body": b"\n\nGeen headers hier, alleen tekst.\n",
        "binary_garbage": os.urandom(4096).replace(b"\n", b"\x01"),
        "crlf_mix": _head("crlf1").replace(b"\n", b"\r\n") + b"\r\r\n\n\rGraag\r aanmelden.\r\n",
        "header_injection": (b"From: =?utf-8?q?Evil=0D=0ABcc:_x@evil.test?= <inject@nasty.example>\n"
                             b"To: leerkring@example.org\nSubject: =?utf-8?q?Hi=0D=0ABcc:_y@evil.test?=\n"
                             b"Message-ID: <inject1@nasty.example>\n\nGraag aanmelden.\n"),
        "many_parts": _head("parts1") + mixed + _multipart("XYZ", [TEXT] * 800),
        "deep_message_rfc822": _head("rfc822") + b"Content-Type: message/rfc822\n\n" + _head("inner") * 50 + TEXT,
    }
    return mails
