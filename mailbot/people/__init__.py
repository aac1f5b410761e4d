"""People: who wrote (names, organisations) and their records as the organiser reads them."""
