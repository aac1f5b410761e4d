"""One mail's way through mailbot: fetch, store, classify, understand, act, commit, mark, send."""
