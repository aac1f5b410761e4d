"""Knowledge exchange: whose practice experience fits whose concrete questions, and why.

    terms.py     a text -> its terms: stop list, Snowball stems, the word as written (pure)
    model.py     Profile, Match (with its reasons), Matches (plain values)
    profiles.py  participant records -> profiles, by the part each question plays (pure)
    score.py     BM25 of each question against every other person's experience, a threshold (pure)
    words.py     a match in the organiser's words; the topic an introduction may name (pure)
    collect.py   storage -> Matches: records, who declined introductions, who was introduced

The brief, the digest and the export show the matches; ``organiser.introductions`` introduces
people by mail after the organiser's yes.
"""
