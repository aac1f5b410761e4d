"""Mail leaves only from here: queued in the caller's transaction, sent by the sender, marked in the ledger."""
