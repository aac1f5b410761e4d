"""Imports flow one way: down the layers that ``ARCHITECTURE.md`` draws, with no cycles anywhere.

Every import counts, also one inside a function: a lazy import is still a dependency.
``LAYERS`` lists the parts from the top (what drives and composes the whole) to the
bottom (what everything stands on). A module may import its own part and any part
below it, never one above. A part is a package or module prefix; the longest prefix
that names a module decides its part (``mailbot.meetings.reminders`` is a job of the
meetings part, ``mailbot.meetings.model`` is what the configuration is made of).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests import ROOT

PACKAGE = ROOT / "mailbot"

LAYERS: tuple[tuple[str, ...], ...] = (
    # entry points: talk to the operator, compose the whole, run the service
    ("mailbot.__main__", "mailbot.cli", "mailbot.commands", "mailbot.demo", "mailbot.service", "mailbot.app"),
    ("mailbot.engine",),  # one mail's way: fetch, store, classify, understand, act, commit, mark, send
    ("mailbot.organiser",),  # her mail desk: commands, answers to forwards, announcements
    ("mailbot.handlers",),  # acting on what a person's mail says
    ("mailbot.meetings.reminders", "mailbot.meetings.change_review"),  # the meetings' jobs
    ("mailbot.digest",),  # what the organiser reads
    ("mailbot.briefs",),
    ("mailbot.exports",),
    ("mailbot.matching",),  # who can help whom, from the needs inventory
    ("mailbot.privacy",),  # forget, a person's data export, retention
    ("mailbot.understand",),  # what a person's words say
    ("mailbot.people",),  # who wrote, and people's records
    ("mailbot.conversation",),  # the one reply per mail, requests awaiting a yes, threads
    ("mailbot.outbox",),  # mail leaves only from here
    ("mailbot.wording",),  # templates by name and language
    ("mailbot.transports",),  # the only network code
    ("mailbot.auth",),
    ("mailbot.meetings.agenda",),  # the meetings as they hold now: the file's, with her changes by mail
    ("mailbot.config",),
    ("mailbot.rules",),  # machine mail: bounces, auto-replies, lists
    ("mailbot.meetings",),  # the calendar: meetings, dates, calendar files
    ("mailbot.answers",),  # the questionnaire, its rendering and the reading of replies
    ("mailbot.language",),  # what the words of a sentence do: word lists per language, clauses, acts
    ("mailbot.mail",),  # bytes <-> messages
    ("mailbot.store",),
    ("mailbot.core",),
    ("mailbot",),  # the version
)

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


def layer_of(name: str) -> int:
    """The index in ``LAYERS`` of the longest prefix that names ``name``'s part."""
    best, found = -1, -1
    for index, parts in enumerate(LAYERS):
        for part in parts:
            if (name == part or name.startswith(part + ".")) and len(part) > best:
                best, found = len(part), index
    return found


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


def test_every_module_has_a_layer() -> None:
    assert [name for name in modules() if layer_of(name) < 0] == []


def test_no_import_runs_upward() -> None:
    upward = sorted(f"{name} imports {target}" for name, targets in graph().items()
                    for target in targets if layer_of(target) < layer_of(name))
    assert not upward, "\n".join(upward)


def test_the_top_level_holds_only_entry_points() -> None:
    loose = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__", "__main__", "app", "cli", "service"]


def test_the_check_sees_imports_of_every_kind(tmp_path: Path) -> None:
    """The walker itself: absolute, relative, from-package and lazy imports are all found."""
    source = tmp_path / "mailbot" / "pkg" / "mod.py"
    source.parent.mkdir(parents=True)
    source.write_text("import mailbot.a\nfrom . import b\nfrom ..c import d\n\ndef f():\n    from mailbot.e import g\n")
    known = {"mailbot.a", "mailbot.pkg.b", "mailbot.c", "mailbot.e", "mailbot.pkg.mod"}
    assert set(imported(source, "mailbot.pkg.mod", known)) == {"mailbot.a", "mailbot.pkg.b", "mailbot.c", "mailbot.e"}
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
