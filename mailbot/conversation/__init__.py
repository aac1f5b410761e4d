"""What we say to a mail and what we wait for: the one reply per mail, requests awaiting a yes, threads."""
