"""Our mails' words: templates looked up by name and language, and the filters they use."""
