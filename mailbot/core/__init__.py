"""The base every part stands on: the exception tree, the domain's words, crash points for fault tests."""
