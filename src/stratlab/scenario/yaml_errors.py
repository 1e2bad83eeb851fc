"""Safe YAML loading that remembers lines, and one-line messages for bad input.

Errors a user sees follow STYLE.md: one line, the place, what was expected, e.g.
``my.yaml, line 7, components[2].launchers: -5: expected a number ≥ 0``.
Loading is :class:`yaml.SafeLoader` only: plain data, never arbitrary Python objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

Loc = tuple[str | int, ...]


class LineLoader(yaml.SafeLoader):
    """A :class:`yaml.SafeLoader` that records the line (1-based) of every key and list item.

    ``lines[("components", 2, "launchers")]`` is the line of that key; aliases are walked once.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.lines: dict[Loc, int] = {}

    def compose_document(self) -> yaml.Node | None:
        node: yaml.Node | None = super().compose_document()
        if node is not None:
            self._index(node, (), set())
        return node

    def _index(self, node: yaml.Node, path: Loc, seen: set[int]) -> None:
        if id(node) in seen:  # an alias back into itself
            return
        seen = seen | {id(node)}
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    sub = (*path, str(key.value))
                    self.lines.setdefault(sub, key.start_mark.line + 1)
                    self._index(value, sub, seen)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                sub = (*path, i)
                self.lines.setdefault(sub, item.start_mark.line + 1)
                self._index(item, sub, seen)


def load_yaml(text: str) -> tuple[Any, dict[Loc, int]]:
    """Parse one YAML document safely; return the data and the line of every key and item."""
    loader = LineLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
        return data, loader.lines
    finally:
        loader.dispose()


def _line(lines: dict[Loc, int], loc: Loc) -> int | None:
    for end in range(len(loc), 0, -1):  # the field itself, else its nearest parent
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _num(value: Any) -> Any:
    return f"{value:g}" if isinstance(value, float) else value


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


_EXPECTED = {
    "greater_than_equal": "a number ≥ {ge}",
    "greater_than": "a number > {gt}",
    "less_than_equal": "a number ≤ {le}",
    "less_than": "a number < {lt}",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "finite_number": "a finite number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text",
    "string_pattern_mismatch": "text matching {pattern}",
    "literal_error": "one of {expected}",
    "enum": "one of {expected}",
    "date_parsing": "a date YYYY-MM-DD",
    "date_from_datetime_parsing": "a date YYYY-MM-DD",
    "date_type": "a date YYYY-MM-DD",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping of names to values",
    "model_type": "a mapping of names to values",
    "model_attributes_type": "a mapping of names to values",
    "too_short": "at least {min_length} items",
    "too_long": "at most {max_length} items",
}


def _describe(error: Any) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return "missing (a value is required)"
    if kind == "extra_forbidden":
        return f"{_show(error['input'])}: unknown field"
    if kind in _EXPECTED:
        try:
            expected = _EXPECTED[kind].format(**{k: _num(v) for k, v in ctx.items()})
        except (KeyError, IndexError):
            expected = _EXPECTED[kind].split(" {")[0]
    elif "expected" in ctx:  # stratlab's own checks put their expectation in the context
        expected = str(ctx["expected"])
    else:
        expected = str(error["msg"]).removeprefix("Value error, ")
        expected = expected[:1].lower() + expected[1:]
    return f"{_show(error['input'])}: expected {expected}"


def format_validation_error(err: ValidationError | yaml.YAMLError, file: str | Path | None = None) -> str:
    """One line for a user: ``FILE, line N, components[2].launchers: -5: expected a number ≥ 0``.

    ``file``, when given, is named and re-read to find the line of the offending field (or of
    its nearest parent when the field is missing). Further errors are counted, not listed.
    """
    prefix = f"{file}, " if file is not None else ""
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        return f"{prefix}{where}invalid YAML: {err.problem or err.context}"
    if isinstance(err, yaml.YAMLError):
        return f"{prefix}invalid YAML: {err}"
    errors = err.errors(include_url=False)
    first = errors[0]
    loc: Loc = tuple(first["loc"])
    line = None
    if file is not None:
        try:
            line = _line(load_yaml(Path(file).read_text(encoding="utf-8"))[1], loc)
        except (OSError, UnicodeError, yaml.YAMLError):
            line = None
    where = f"line {line}, " if line is not None else ""
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{prefix}{where}{_path(loc)}: {_describe(first)}{more}"


__all__ = ["LineLoader", "format_validation_error", "load_yaml"]
