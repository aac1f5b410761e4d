"""Sub-commands of ``mailbot``, one module per area; each module has ``register(add)``.

``add(name, fn, help)`` creates a sub-command and returns its argparse parser; ``fn(app, args)``
returns the exit code. Modules in this package are found and registered automatically.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from mailbot.app import App

CommandFn = Callable[[App, argparse.Namespace], int]
AddCommand = Callable[[str, CommandFn | None, str], argparse.ArgumentParser]

EXIT_OK, EXIT_FAILURE, EXIT_CONFIG, EXIT_AUTH = 0, 1, 2, 3


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], widths: dict[str, int] | None = None) -> str:
    """A plain aligned table for terminals and pipes."""
    widths = widths or {}
    cells = [[str(r.get(c) if r.get(c) is not None else "")[: widths.get(c, 40)] for c in columns] for r in rows]
    size = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(size[i]) for i, c in enumerate(columns)),
             "  ".join("-" * size[i] for i in range(len(columns)))]
    lines += ["  ".join(v.ljust(size[i]) for i, v in enumerate(row)) for row in cells]
    return "\n".join(lines)
