"""Every source a model or measure module cites resolves in the catalog's ``sources`` table.

The modules under ``stratlab.models`` and ``stratlab.measure`` declare the ids they cite in a
module-level ``SOURCE_IDS`` tuple, and the parameter dataclasses name a source for every default
through ``param_sources()`` (or ``<name>_param_sources()``) functions returning
``{field: {"source": id, "note": text}}``. This test walks both packages, imports every module
(an import failure is a failure: optional extras such as ``torch`` must be imported lazily),
collects all those ids and checks that each is well formed and has a row in ``sources``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType

import pytest

from stratlab.data import catalog

PACKAGES = ("stratlab.models", "stratlab.measure")
ID_STYLE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""The project's source-id style: lowercase letters and digits in hyphen-separated words."""
SOURCE_KEYS = ("source", "source_id")
"""Keys under which a ``param_sources()`` entry names its source."""


@dataclass
class Collected:
    """What the walk found: modules, import failures, cited ids and malformed declarations."""

    modules: dict[str, ModuleType] = field(default_factory=dict)
    import_errors: dict[str, str] = field(default_factory=dict)
    source_ids: dict[str, tuple[object, ...]] = field(default_factory=dict)
    param_sources: dict[str, object] = field(default_factory=dict)
    cited: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def cite(self, source_id: str, where: str) -> None:
        self.cited.setdefault(source_id, []).append(where)


def _last_line(exc: BaseException) -> str:
    return traceback.format_exception_only(type(exc), exc)[-1].strip()


def _walk(out: Collected) -> list[str]:
    names: list[str] = []

    def onerror(name: str) -> None:
        out.import_errors.setdefault(name, "could not be imported while walking the package")

    for pkg_name in PACKAGES:
        pkg = importlib.import_module(pkg_name)
        names.append(pkg_name)
        names += [m.name for m in pkgutil.walk_packages(pkg.__path__, pkg_name + ".", onerror=onerror)]
    return names


def _param_source_functions(module: ModuleType) -> Iterator[tuple[str, Callable[[], object] | None]]:
    """``(qualified name, zero-argument callable or None)`` for every ``*param_sources`` here."""
    for name, obj in vars(module).items():
        if inspect.isfunction(obj) and obj.__module__ == module.__name__ and _is_ps(name):
            yield f"{module.__name__}.{name}()", obj if _no_required_args(obj) else None
        elif inspect.isclass(obj) and obj.__module__ == module.__name__:
            for attr, raw in vars(obj).items():
                if not _is_ps(attr):
                    continue
                where = f"{module.__name__}.{obj.__name__}.{attr}()"
                if isinstance(raw, classmethod | staticmethod):
                    bound = getattr(obj, attr)
                    yield where, bound if _no_required_args(bound) else None
                elif inspect.isfunction(raw):
                    try:
                        bound = getattr(obj(), attr)
                    except Exception:
                        yield where, None
                    else:
                        yield where, bound if _no_required_args(bound) else None


def _is_ps(name: str) -> bool:
    return name == "param_sources" or name.endswith("_param_sources")


def _no_required_args(fn: Callable[..., object]) -> bool:
    return all(
        p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        for p in inspect.signature(fn).parameters.values()
    )


def _ids_in(value: object, where: str, out: Collected) -> None:
    """Record every source id in a ``param_sources()`` result; note anything else as a problem."""
    if isinstance(value, str):
        out.cite(value, where)
    elif isinstance(value, Mapping):
        keys = [k for k in SOURCE_KEYS if k in value]
        if keys:
            for k in keys:
                _ids_in(value[k], f"{where}[{k!r}]", out)
        elif not value:
            out.problems.append(f"{where}: empty mapping, names no source")
        else:
            for k, v in value.items():
                _ids_in(v, f"{where}[{k!r}]", out)
    elif isinstance(value, tuple | list | set | frozenset):
        if not value:
            out.problems.append(f"{where}: empty {type(value).__name__}, names no source")
        for i, v in enumerate(sorted(value) if isinstance(value, set | frozenset) else value):
            _ids_in(v, f"{where}[{i}]", out)
    else:
        out.problems.append(f"{where}: {value!r} is not a source id (expected a string)")


@pytest.fixture(scope="module")
def collected() -> Collected:
    out = Collected()
    for name in _walk(out):
        try:
            out.modules[name] = importlib.import_module(name)
        except Exception as exc:
            out.import_errors[name] = _last_line(exc)
    for name, module in out.modules.items():
        if hasattr(module, "SOURCE_IDS"):
            declared = module.SOURCE_IDS
            if not isinstance(declared, tuple):
                out.problems.append(f"{name}.SOURCE_IDS is a {type(declared).__name__}, not a tuple")
                declared = tuple(declared) if isinstance(declared, list | set | frozenset) else ()
            out.source_ids[name] = declared
            for sid in declared:
                if isinstance(sid, str):
                    out.cite(sid, f"{name}.SOURCE_IDS")
                else:
                    out.problems.append(f"{name}.SOURCE_IDS: {sid!r} is not a string")
        for where, fn in _param_source_functions(module):
            if fn is None:
                out.problems.append(f"{where} cannot be called without arguments")
                continue
            try:
                result = fn()
            except Exception as exc:
                out.problems.append(f"{where} raised {_last_line(exc)}")
                continue
            out.param_sources[where] = result
            _ids_in(result, where, out)
    return out


def _cited_at(collected: Collected, ids: list[str]) -> str:
    return "\n".join(f"  {sid!r}: cited in {', '.join(sorted(set(collected.cited[sid])))}" for sid in ids)


def test_every_module_imports(collected: Collected) -> None:
    """No module is skipped: each imports without its optional extras (heavy imports are lazy)."""
    assert not collected.import_errors, "modules that fail to import:\n" + "\n".join(
        f"  {name}: {err}" for name, err in sorted(collected.import_errors.items())
    )


def test_the_walk_finds_the_citing_modules(collected: Collected) -> None:
    """Guards against a walk that silently finds nothing."""
    assert "stratlab.models.richardson" in collected.modules
    assert "stratlab.measure.events" in collected.modules
    assert len(collected.source_ids) >= 5, sorted(collected.source_ids)
    assert collected.param_sources, "no param_sources() function found"


def test_source_id_declarations_are_well_formed(collected: Collected) -> None:
    """``SOURCE_IDS`` are tuples of strings, and ``param_sources()`` name a source per field."""
    assert not collected.problems, "malformed source declarations:\n" + "\n".join(
        f"  {p}" for p in collected.problems
    )


def test_source_ids_follow_the_id_style(collected: Collected) -> None:
    """Ids are lowercase letters and digits joined by hyphens, e.g. ``kent-thaler-1989``."""
    bad = sorted(sid for sid in collected.cited if not ID_STYLE.fullmatch(sid))
    assert not bad, (
        "source ids not in the project's style (lowercase, digits, hyphens):\n"
        + _cited_at(collected, bad)
    )


def test_cited_sources_resolve_in_catalog(collected: Collected) -> None:
    """Every id in ``SOURCE_IDS`` and ``param_sources()`` has a row in the ``sources`` table."""
    con = catalog()
    try:
        known = {row[0] for row in con.execute("SELECT source_id FROM sources").fetchall()}
    finally:
        con.close()
    missing = sorted(set(collected.cited) - known)
    assert not missing, (
        f"{len(missing)} cited source id(s) have no row in src/stratlab/data/tables/sources.csv:\n"
        + _cited_at(collected, missing)
    )
