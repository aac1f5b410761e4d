"""People: who wrote (names, organisations) and their records as the organiser reads them.

    identity.py      a readable name and a guess at the organisation, from the From header and signature
    organisation.py  the answered organisation, the guess only as a marked fallback
    records.py       one ParticipantRecord per person, from a few plain queries
    roles.py         which question of the questionnaire is the concrete questions, the experience, the themes ...
"""
