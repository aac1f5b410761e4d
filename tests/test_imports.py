"""Imports flow one way: no cycles anywhere in ``mailbot/``, and nothing below the top layer reaches up.

Every import counts, also one inside a function: a lazy import is still a dependency.
The top layer is what composes the whole (``app``), drives it (``service``) or
talks to the operator (``cli``, ``commands``, ``demo``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests import ROOT

PACKAGE = ROOT / "mailbot"
TOP = ("mailbot.app", "mailbot.service", "mailbot.cli", "mailbot.commands", "mailbot.demo", "mailbot.__main__")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported(path: Path, name: str, known: set[str]) -> Iterator[str]:
    """The mailbot modules ``path`` imports (a package's ``__init__`` when a name comes from it)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target.startswith("mailbot") and target != name:
                yield target


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: set(imported(path, name, known)) for name, path in found.items()}


def is_top(name: str) -> bool:
    return any(name == top or name.startswith(top + ".") for top in TOP)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), as a readable loop."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_there_is_no_import_cycle() -> None:
    loops = cycles(graph())
    assert not loops, "import cycles:\n" + "\n".join(" <-> ".join(group) for group in loops)


def test_nothing_below_the_top_layer_imports_it() -> None:
    upward = sorted(f"{name} imports {target}" for name, targets in graph().items() if not is_top(name)
                    for target in targets if is_top(target))
    assert not upward, "\n".join(upward)


def test_the_check_sees_imports_of_every_kind(tmp_path: Path) -> None:
    """The walker itself: absolute, relative, from-package and lazy imports are all found."""
    source = tmp_path / "mailbot" / "pkg" / "mod.py"
    source.parent.mkdir(parents=True)
    source.write_text("import mailbot.a\nfrom . import b\nfrom ..c import d\n\ndef f():\n    from mailbot.e import g\n")
    known = {"mailbot.a", "mailbot.pkg.b", "mailbot.c", "mailbot.e", "mailbot.pkg.mod"}
    assert set(imported(source, "mailbot.pkg.mod", known)) == {"mailbot.a", "mailbot.pkg.b", "mailbot.c", "mailbot.e"}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
