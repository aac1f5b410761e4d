"""The one harness for tests that talk to real servers on loopback.

    dovecot.py   Dovecot (plain, or TLS + XOAUTH2), a mailbox user per test; pymap when Dovecot is missing
    smtp.py      the SMTP sink, and one that wants TLS and a login
    tls.py       a test CA and server certificate
    idp.py       an identity provider for Microsoft, Google and Dovecot's token introspection
    bot.py       a bot configured against these servers, run in-process or as a `mailbot` process
"""
