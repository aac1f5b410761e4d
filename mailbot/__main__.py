"""``python -m mailbot``: the same as the ``mailbot`` command."""

import sys

from mailbot.cli import main

sys.exit(main())
