"""A partial's text remembered: ``_questionnaire.txt`` reads the same questions for every sign-up.

A partial (a template whose name starts with ``_``, included by others) that includes, extends or imports
nothing and has no blocks renders from its own source, the filters (pure) and the values of the variables it
reads. Its output is remembered per template object, keyed on those values; a value that is not plain data
(strings, numbers, lists, dicts, frozen dataclasses of them) is rendered as usual. A template file that
changes gives a new template object (``Templates`` clears jinja's cache), so its new text is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import fields, is_dataclass
from typing import Any

from jinja2 import ChoiceLoader, Environment, Template, meta, nodes
from jinja2.runtime import Context

_REMEMBERED = 256  # outputs per partial: a few languages, questionnaire versions and meeting lists
_PLAIN = (str, int, bool, type(None))


class _Unsure(Exception):
    """A value that is not plain data: its rendering is not remembered."""


class PartialsLoader(ChoiceLoader):
    def load(self, environment: Environment, name: str,
             globals: MutableMapping[str, Any] | None = None) -> Template:
        template = super().load(environment, name, globals)
        if name.rsplit("/", 1)[-1].startswith("_"):
            reads = _reads(environment, self.get_source(environment, name)[0])
            if reads is not None:
                template.root_render_func = _remembered(template.root_render_func, reads)  # type: ignore[method-assign]
        return template


def _reads(environment: Environment, source: str) -> tuple[str, ...] | None:
    """The variables a self-contained partial reads; None when its output depends on more (other templates,
    blocks, ``self``)."""
    ast = environment.parse(source)
    if any(True for _ in meta.find_referenced_templates(ast)) or any(True for _ in ast.find_all(nodes.Block)):
        return None
    names = meta.find_undeclared_variables(ast) - set(environment.globals)
    if names & {"self", "super", "caller", "varargs", "kwargs"}:
        return None
    return tuple(sorted(names))


def _remembered(render: Callable[[Context], Iterator[str]],
                reads: tuple[str, ...]) -> Callable[[Context], Iterator[str]]:
    memo: dict[tuple[Any, ...], tuple[str, dict[str, Any], frozenset[str]]] = {}
    keys: dict[int, tuple[object, Any]] = {}  # frozen dataclasses seen (the same questions for every mail)

    def root(context: Context) -> Iterator[str]:
        try:
            key = tuple(_frozen(context.resolve_or_missing(name), keys) for name in reads)
        except _Unsure:
            yield from render(context)
            return
        known = memo.get(key)
        if known is None:
            before = dict(context.vars)
            exported = set(context.exported_vars)
            text = "".join(render(context))
            # what its top-level {% set %} left in its context (read by an import, not by an include)
            left = {k: v for k, v in context.vars.items() if k not in before or before[k] is not v}
            if not all(type(v) in _PLAIN or isinstance(v, str) for v in left.values()):
                yield text
                return
            if len(memo) >= _REMEMBERED:
                memo.clear()
            known = memo[key] = (text, left, frozenset(context.exported_vars - exported))
        else:
            context.vars.update(known[1])
            context.exported_vars.update(known[2])
        yield known[0]

    return root


def _frozen(value: Any, keys: dict[int, tuple[object, Any]]) -> Any:
    """``value`` as a key equal only to values that render the same; _Unsure for anything else. ``keys``: the
    keys of immutable frozen dataclasses found before, by identity (the memo holds them, so ids stay theirs)."""
    kind = type(value)
    if kind in _PLAIN or isinstance(value, str):  # Markup is a str that is not escaped again: its type counts
        return kind, value
    if kind is float:
        return kind, repr(value)  # 0.0 and -0.0 are equal, but not written the same
    if kind in (list, tuple):
        return kind, tuple(_frozen(v, keys) for v in value)
    if kind is dict:
        return kind, tuple((_frozen(k, keys), _frozen(v, keys)) for k, v in value.items())  # in order, as looped
    known = keys.get(id(value))
    if known is not None and known[0] is value:
        return known[1]
    if is_dataclass(value) and not isinstance(value, type) and kind.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        key = kind, tuple(_frozen(getattr(value, f.name), keys) for f in fields(value))
        if _immutable(key):
            if len(keys) >= _REMEMBERED * 16:
                keys.clear()
            keys[id(value)] = (value, key)
        return key
    raise _Unsure


def _immutable(key: Any) -> bool:
    """No list or dict inside: what the key was made from cannot change under it."""
    kind, inner = key
    if kind in (list, dict):
        return False
    return not isinstance(inner, tuple) or all(_immutable(k) for k in inner)
