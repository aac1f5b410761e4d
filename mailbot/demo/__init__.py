"""``mailbot demo``: the whole loop on built-in servers with sample mail (``run.py``; servers in ``servers.py``).

Needs the ``demo`` extra (pymap and aiosmtpd): ``pip install 'mailbot[demo]'``.
"""
