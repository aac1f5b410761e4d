"""Language: what the words of a sentence do, read by structure rather than by phrase.

A careful reader asks of every sentence who does what, and whether it is meant. ``lexicon`` holds the
few words each language needs for that, declared once per language (``words/<lang>.yaml``); ``clauses``
cuts a sentence into clauses and marks what each one's words do to it (a negation and how far it
reaches, a condition, doubt, a question, a joke taken back, "no longer" and "not yet"); ``statements``
finds the acts a clause is about (signing up, withdrawing, coming, not coming, erasing ...) and whose
they are. Pure: text in, frozen values out.
"""
