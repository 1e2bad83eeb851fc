"""Citations: resolve source ids (or a whole table's sources) to text or BibTeX."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from stratlab.data.schema import TABLE_BY_NAME
from stratlab.data.store import catalog


@dataclass(frozen=True)
class Citation:
    """One row of the ``sources`` table."""

    source_id: str
    citation: str
    url: str | None
    licence: str
    accessed: dt.date | None
    kind: str

    def text(self) -> str:
        parts = [f"[{self.source_id}] {self.citation}"]
        if self.url:
            parts.append(self.url)
        if self.accessed:
            parts.append(f"accessed {self.accessed.isoformat()}")
        parts.append(f"licence: {self.licence}")
        return ". ".join(p.rstrip(".") for p in parts) + "."

    def bibtex(self) -> str:
        key = re.sub(r"[^A-Za-z0-9_:-]", "_", self.source_id)
        fields = {"title": self.citation, "note": f"Licence: {self.licence}"}
        if self.url:
            fields["howpublished"] = f"\\url{{{self.url}}}"
        if self.accessed:
            fields["urldate"] = self.accessed.isoformat()
        body = ",\n".join(f"  {k} = {{{_escape(v)}}}" for k, v in fields.items())
        return f"@misc{{{key},\n{body}\n}}"


def _escape(value: str) -> str:
    return value.replace("&", r"\&").replace("%", r"\%").replace("#", r"\#")


class UnknownSourceError(LookupError):
    """Neither a table nor a source id of that name exists."""


def citations(what: str | Iterable[str] | None = None) -> list[Citation]:
    """Citations for a table name, a source id, a list of source ids, or (None) all sources."""
    con = catalog()
    if what is None:
        ids = [r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()]
    elif isinstance(what, str) and what in TABLE_BY_NAME:
        ids = [r[0] for r in con.execute(f'SELECT DISTINCT source_id FROM "{what}"').fetchall()]
        if what == "sources":
            ids = [r[0] for r in con.execute("SELECT source_id FROM sources").fetchall()]
    else:
        ids = [what] if isinstance(what, str) else list(what)
    rows = con.execute(
        "SELECT source_id, citation, url, licence, accessed, kind FROM sources "
        "WHERE list_contains(?, source_id) ORDER BY source_id",
        [ids],
    ).fetchall()
    found = {r[0] for r in rows}
    unknown = [i for i in ids if i not in found]
    if unknown:
        raise UnknownSourceError(
            f"unknown table or source id: {', '.join(unknown)} "
            f"(tables: {', '.join(TABLE_BY_NAME)}; `stratlab data cite` lists the sources)"
        )
    return [Citation(*r) for r in rows]


def cite(what: str | Iterable[str] | None = None, fmt: str = "text") -> str:
    """Formatted citations (``fmt`` = ``"text"`` or ``"bibtex"``) for :func:`citations`."""
    if fmt not in ("text", "bibtex"):
        raise ValueError(f"format {fmt!r}: expected 'text' or 'bibtex'")
    items = citations(what)
    sep = "\n" if fmt == "text" else "\n\n"
    return sep.join(c.text() if fmt == "text" else c.bibtex() for c in items)
