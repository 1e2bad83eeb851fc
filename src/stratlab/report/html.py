"""Render report sections into one self-contained HTML file (figures embedded as PNG)."""

from __future__ import annotations

import base64
import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from stratlab.data import Citation

CSS = (
    "body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.45;color:#222}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}"
    "table.data{border-collapse:collapse;font-size:.82rem;margin:.5rem 0}"
    "table.data td,table.data th{padding:.2rem .5rem;border-bottom:1px solid #e4e4e4;"
    "text-align:left;vertical-align:top}figure{margin:1rem 0}figure img{max-width:100%}"
    "p.caption,figcaption{color:#444;font-size:.9rem}li{margin:.3rem 0;font-size:.85rem}"
    "nav a{margin-right:1rem;font-size:.9rem}"
)


@dataclass(frozen=True)
class Section:
    """A heading, an optional figure and table, a caption (what it shows, where numbers come
    from) and the source ids behind it."""

    key: str
    title: str
    caption: str
    sources: tuple[str, ...]
    figure: bytes | None = None
    table: pd.DataFrame | None = None
    intro: str = ""


def _table(df: pd.DataFrame) -> str:
    shown = df.astype(object).where(df.notna(), "")  # None, NaN, NaT and <NA> all show empty
    return shown.to_html(index=False, border=0, classes="data", escape=True)


GENERATOR = "<meta name='generator' content='stratlab'>"
"""Marks a report as stratlab's (``report --force`` replaces only such a file)."""


def _source_links(ids: Sequence[str]) -> str:
    """Each source id as a link to its entry in the report's citation list."""
    return ", ".join(f"<a href='#src-{html.escape(i)}'>{html.escape(i)}</a>" for i in ids)


def render(
    title: str, meta: dict[str, str], sections: Sequence[Section], citations: Sequence[Citation]
) -> str:
    """The whole report as one HTML string."""
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>{GENERATOR}",
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        "<p>" + " · ".join(f"{html.escape(k)}: {html.escape(v)}" for k, v in meta.items()) + "</p>",
        "<nav>" + "".join(f"<a href='#{s.key}'>{html.escape(s.title)}</a>" for s in sections)
        + "<a href='#citations'>Citations</a></nav>",
    ]
    for sec in sections:
        parts.append(f"<h2 id='{html.escape(sec.key)}'>{html.escape(sec.title)}</h2>")
        if sec.intro:
            parts.append(f"<p>{html.escape(sec.intro)}</p>")
        sources = f" Sources: {_source_links(sec.sources)}." if sec.sources else ""
        if sec.figure is not None:
            data = base64.b64encode(sec.figure).decode("ascii")
            parts.append(
                f"<figure><img alt='{html.escape(sec.title)}' src='data:image/png;base64,{data}'>"
                f"<figcaption>{html.escape(sec.caption)}{sources}</figcaption></figure>"
            )
        if sec.table is not None:
            parts.append(_table(sec.table))
            if sec.figure is None:
                parts.append(f"<p class='caption'>{html.escape(sec.caption)}{sources}</p>")
    parts.append("<h2 id='citations'>Citations</h2><ol>")
    parts += [f"<li id='src-{html.escape(c.source_id)}'>{html.escape(c.text())}</li>" for c in citations]
    parts.append("</ol></body></html>")
    return "\n".join(parts)


def stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
