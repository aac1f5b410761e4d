"""Access tokens for XOAUTH2 sign-in (IMAP and SMTP): where they come from and how long we keep them.

    TokenSource                       one request for a fresh token (the protocol below)
    ├── microsoft.EntraClientCredentials   Microsoft Entra ID, client-credentials flow (msal)
    ├── google.GoogleRefreshToken          Google, a long-lived refresh token (google-auth)
    └── command.TokenCommand               any command that prints a token
    Tokens                            keeps a source's token until shortly before it expires

``TokenRegistry.tokens_for(config)`` hands out one ``Tokens`` per distinct ``oauth2`` setting, so
IMAP, SMTP and every thread share a token instead of each asking for their own.
A source raises AuthError when the identity provider says no (wrong secret,
revoked refresh token) and TransportError when it cannot be reached.
"""

from mailbot.auth.source import Token, TokenSource
from mailbot.auth.tokens import TokenRegistry, Tokens

__all__ = ["Token", "TokenRegistry", "TokenSource", "Tokens"]
