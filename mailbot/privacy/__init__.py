"""Personal data on request and by the calendar (AVG/GDPR): forgetting, access, retention.

``forget``     erase one person (participant, answers, notes, mail) and suppress their address
``export``     everything we hold about one person, for an access request
``retention``  raw mail after ``retention.raw_mail_days``; everything after the last meeting
``blanking``   how a stored message or outbox mail is emptied of personal data

Nothing here sends mail or talks to a server; the callers own the transaction.
"""
