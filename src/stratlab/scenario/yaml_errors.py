"""Safe YAML loading that remembers lines, and one-line messages for bad input.

Errors a user sees follow STYLE.md: one line, the place, what was expected, e.g.
``my.yaml, line 7, components[2].launchers: -5: expected a number ≥ 0``.
Loading is :class:`yaml.SafeLoader` only: plain data, never arbitrary Python objects.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

Loc = tuple[str | int, ...]


MAX_FILE_BYTES = 1_000_000
"""Largest user YAML file read (1 MB; stratlab's own cases are a few kB): checked before parsing."""
MAX_DEPTH = 50
"""Deepest nesting of mappings and lists a YAML document may have."""
MAX_NODES = 100_000
"""Most values a document may expand to, aliases counted at every place they are used
(bounds "billion laughs" alias bombs before anything walks the expanded data)."""
MAX_NUMBER_CHARS = 40
"""Longest numeric literal read as a number (a 5,000-digit integer is refused, not parsed)."""

_FLOAT_12 = re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)[eE][-+]?[0-9]+$")


class UserFileError(yaml.YAMLError):
    """A user file refused before or while parsing (size, encoding, depth, aliases, duplicate
    keys); the message is one line that already names the file."""


def read_user_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The one front door for user files (postures, scenarios, assumptions): the size is
    checked before reading, the encoding detected (UTF-8, with or without a byte-order mark);
    UTF-16/32, Latin-1 and other non-UTF-8 bytes are refused with one line."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UserFileError(f"{path}: not a regular file")
        if size > max_bytes:
            raise UserFileError(f"{path}: {size:,} bytes (expected a YAML file of at most "
                                f"{max_bytes:,} bytes)")
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise UserFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise UserFileError(f"{path}: more than {max_bytes:,} bytes (expected a smaller YAML file)")
    return decode_user_text(raw, path)


def decode_user_text(raw: bytes, path: Path | str) -> str:
    """UTF-8 text of ``raw`` (a UTF-8 byte-order mark dropped), else :class:`UserFileError`."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise UserFileError(f"{path}: looks like UTF-16 or UTF-32 text (expected UTF-8; save the "
                            "file as UTF-8)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserFileError(f"{path}, line {line}: byte 0x{raw[exc.start]:02X} is not UTF-8 (Latin-1 "
                            "or another encoding? expected UTF-8; save the file as UTF-8)") from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise UserFileError(f"{path}, line {line}: a NUL character (expected YAML text)")
    return text


class LineLoader(yaml.SafeLoader):
    """A :class:`yaml.SafeLoader` that records the line (1-based) of every key and list item,
    refuses duplicate keys (naming both lines), nesting deeper than :data:`MAX_DEPTH`, documents
    expanding to more than :data:`MAX_NODES` values through aliases, and numbers longer than
    :data:`MAX_NUMBER_CHARS`; reads ``1e5`` and ``5.0e300`` as numbers (YAML 1.2), not text.

    ``lines[("components", 2, "launchers")]`` is the line of that key; each node is walked once
    (a node reached again through an alias is not walked again).
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.lines: dict[Loc, int] = {}
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(problem=f"nested deeper than {MAX_DEPTH} levels",
                                           problem_mark=self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self) -> yaml.Node | None:
        node: yaml.Node | None = super().compose_document()
        if node is not None:
            self._check_size(node)
            self._index(node, (), set())
        return node

    def _check_size(self, root: yaml.Node) -> None:
        """Values the document expands to, each shared node's size computed once."""
        size: dict[int, int] = {}
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            if id(node) in size:
                continue
            children = self._children(node)
            if not done:
                stack.append((node, True))
                stack.extend((c, False) for c in children if id(c) not in size)
                continue
            total = 1 + sum(size.get(id(c), 1) for c in children)
            size[id(node)] = total
            if total > MAX_NODES:
                raise yaml.MarkedYAMLError(
                    problem=f"expands to more than {MAX_NODES:,} values (aliases)",
                    problem_mark=node.start_mark)

    @staticmethod
    def _children(node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.MappingNode):
            return [n for pair in node.value for n in pair]
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        return []

    def _index(self, node: yaml.Node, path: Loc, seen: set[int]) -> None:
        if id(node) in seen:  # walked already (an alias): its lines are known under its first path
            return
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + 1
                    if key.value in first and key.value != "<<":
                        raise yaml.MarkedYAMLError(
                            problem=f"duplicate key {key.value!r} (first at line {first[key.value]})",
                            problem_mark=key.start_mark)
                    first.setdefault(key.value, line)
                    sub = (*path, str(key.value))
                    self.lines.setdefault(sub, line)
                    self._index(value, sub, seen)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                sub = (*path, i)
                self.lines.setdefault(sub, item.start_mark.line + 1)
                self._index(item, sub, seen)

    def construct_scalar(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        value = super().construct_scalar(node)
        if (node.tag.endswith((":int", ":float")) and isinstance(value, str)
                and len(value) > MAX_NUMBER_CHARS):
            raise yaml.MarkedYAMLError(
                problem=f"a number of {len(value):,} characters (expected at most "
                        f"{MAX_NUMBER_CHARS})", problem_mark=node.start_mark)
        return value


class _Dumper(yaml.SafeDumper):
    """Quotes every string :class:`LineLoader` would read as a number (``'1e5'``, ``'0E0'``)."""


for _cls in (LineLoader, _Dumper):
    _cls.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT_12, list("-+0123456789."))


def dump_yaml(data: Any) -> str:
    """YAML text that :func:`load_yaml` reads back to ``data`` (keys in their order)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def load_yaml(text: str) -> tuple[Any, dict[Loc, int]]:
    """Parse one YAML document safely; return the data and the line of every key and item.

    Refusals (duplicate keys, depth, alias expansion, huge numbers) are ``yaml.MarkedYAMLError``
    with the line, like syntax errors.
    """
    loader = LineLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
        return data, loader.lines
    except RecursionError:
        raise yaml.YAMLError(f"nested deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


def _line(lines: dict[Loc, int], loc: Loc) -> int | None:
    for end in range(len(loc), 0, -1):  # the field itself, else its nearest parent
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _untagged(loc: Loc) -> Loc:
    """``loc`` without pydantic's union tags (``float``, ``dict[int,float]``, ``function-…``)."""
    return tuple(p for p in loc if not (isinstance(p, str) and (
        p in ("float", "int", "str", "bool") or "[" in p)))


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
    if isinstance(err, UserFileError):
        return str(err)
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        return f"{prefix}{where}invalid YAML: {err.problem or err.context}"
    if isinstance(err, yaml.YAMLError):  # e.g. a control character the reader refuses
        text = (str(err).strip().splitlines() or [type(err).__name__])[0].rstrip(":")
        return f"{prefix}invalid YAML: {text}"
    errors = err.errors(include_url=False)
    # A union (a number or a {year: number} series) reports one error per alternative, its
    # tag in the path: drop the tags and report the alternative that got deepest.
    locs = [_untagged(tuple(e["loc"])) for e in errors]
    same = [i for i, loc in enumerate(locs) if loc[: len(locs[0])] == locs[0]]
    pick = max(same, key=lambda i: len(locs[i]))
    first, loc = errors[pick], locs[pick]
    others = {lc for i, lc in enumerate(locs) if i not in same}
    line = None
    if file is not None:
        try:
            line = _line(load_yaml(read_user_file(Path(file)))[1], loc)
        except (OSError, UnicodeError, yaml.YAMLError):
            line = None
    where = f"line {line}, " if line is not None else ""
    more = f" (and {len(others)} more)" if others else ""
    return f"{prefix}{where}{_path(loc)}: {_describe(first)}{more}"


__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "LineLoader",
    "UserFileError",
    "decode_user_text",
    "dump_yaml",
    "format_validation_error",
    "load_yaml",
    "read_user_file",
]
