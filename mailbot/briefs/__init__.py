"""Meeting briefings: the needs inventory turned into each meeting's input.

Which question plays which part (the concrete questions, the experience, ...) is ``people.roles``.

    model.py    a Brief: who comes, their questions and offers (plain values)
    compute.py  records -> a Brief, tied to the meeting by the participants' own choices (pure)
    gaps.py     what no meeting covers, for the digest (pure)
    collect.py  storage -> records and the questions raised by mail
    context.py  a Brief -> the context of templates/<lang>/briefing.*
    send.py     queue a briefing (once, on schedule; again on request; never after it began)
"""
