"""``stratlab data …``: tables, show, query, cite, timeline, forces, build."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import typer

from stratlab.cli.common import FORMATS, UserError, console, emit
from stratlab.data import TABLE_BY_NAME, DataError, build_catalog, catalog
from stratlab.data.cite import UnknownSourceError, cite

app = typer.Typer(help="Look things up in the cited data catalog.", no_args_is_help=True)

_WRITE = re.compile(r"read-only mode|read_only|attached in read-only", re.I)


def run_sql(sql: str, params: list[object] | None = None) -> pd.DataFrame:
    """Run SQL on the read-only catalog; turn failures into one-line user errors."""
    try:
        con = catalog()
    except DataError as exc:
        raise UserError(str(exc)) from exc
    try:
        rel = con.execute(sql, params or [])
        if rel.description is None:
            return pd.DataFrame()
        types = {d[0]: str(d[1]) for d in rel.description}
        df = rel.df()
        # DATE columns stay dates (not midnight timestamps) in every output format.
        for col, type_ in types.items():
            if type_ == "DATE" and col in df:
                df[col] = [None if pd.isna(v) else v.date() for v in df[col]]
        return df
    except duckdb.Error as exc:
        msg = str(exc).strip().splitlines()[0]
        if _WRITE.search(msg):
            raise UserError(f"the catalog is read-only; statement refused ({msg})") from exc
        raise UserError(f"SQL: {msg}") from exc


def _check_table(name: str) -> None:
    if name not in TABLE_BY_NAME:
        raise UserError(f"unknown table {name!r} (tables: {', '.join(TABLE_BY_NAME)})")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UserError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")


@app.command("tables")
def tables(fmt: str = typer.Option("table", "--format", help="table, csv or json")) -> None:
    """List the tables with their row counts and sources."""
    _check_format(fmt)
    rows = []
    for name, t in TABLE_BY_NAME.items():
        n = run_sql(f'SELECT count(*) AS n FROM "{name}"')["n"].iloc[0]
        ids = run_sql(f'SELECT DISTINCT source_id FROM "{name}" ORDER BY 1')["source_id"].tolist()
        shown = ", ".join(ids[:4]) + (f", … (+{len(ids) - 4})" if len(ids) > 4 else "")
        rows.append({"table": name, "rows": int(n), "sources": shown, "about": t.doc})
    emit(pd.DataFrame(rows), fmt, title="stratlab data catalog", width=60)


@app.command("show")
def show(
    table: str = typer.Argument(..., help="table name (see `stratlab data tables`)"),
    where: str | None = typer.Option(None, "--where", help="SQL condition, e.g. \"country='USA'\""),
    limit: int | None = typer.Option(None, "--limit", help="at most this many rows"),
    fmt: str = typer.Option("table", "--format", help="table, csv or json"),
) -> None:
    """Show a table's rows, optionally filtered."""
    _check_table(table)
    _check_format(fmt)
    if limit is not None and limit < 0:
        raise UserError(f"--limit {limit}: expected a number ≥ 0")
    sql = f'SELECT * FROM "{table}"' + (f" WHERE ({where})" if where else "")
    key = ", ".join(f'"{k}"' for k in TABLE_BY_NAME[table].key)
    sql += f" ORDER BY {key}" + (f" LIMIT {int(limit)}" if limit is not None else "")
    emit(run_sql(sql), fmt, title=table)


@app.command("query")
def query(
    sql: str = typer.Argument(..., help="a read-only SQL query"),
    fmt: str = typer.Option("table", "--format", help="table, csv or json"),
) -> None:
    """Run SQL over the catalog (read-only: writes are refused)."""
    _check_format(fmt)
    emit(run_sql(sql), fmt)


def result_sources(path: Path) -> list[str]:
    """Source ids recorded in a result file written by ``stratlab run`` (NetCDF attributes)."""
    import xarray as xr

    if not path.is_file():
        raise UserError(f"--result {path}: no such file")
    try:
        with xr.open_dataset(path, engine="scipy") as ds:
            recorded = str(ds.attrs.get("sources", ""))
    except Exception as exc:  # not a NetCDF file, or damaged
        raise UserError(f"--result {path}: not a stratlab result file ({' '.join(str(exc).split())})"
                        ) from exc
    ids = [s for s in recorded.split("; ") if s]
    if not ids:
        raise UserError(f"--result {path}: the file records no sources (expected a 'sources' "
                        "attribute as written by stratlab run)")
    return ids


@app.command("cite")
def cite_cmd(
    what: str | None = typer.Argument(None, help="table name or source id; all sources if omitted"),
    result: Path | None = typer.Option(None, "--result", help="a result file of `stratlab run`: "
                                       "cite every source it used"),
    fmt: str = typer.Option("text", "--format", help="text or bibtex"),
) -> None:
    """Print the citations behind a table, a source id or a result file."""
    if fmt not in ("text", "bibtex"):
        raise UserError(f"--format {fmt!r}: expected text or bibtex")
    if result is not None and what is not None:
        raise UserError("give a table or source id, or --result FILE, not both")
    try:
        typer.echo(cite(result_sources(result) if result is not None else what, fmt))
    except UnknownSourceError as exc:
        raise UserError(str(exc)) from exc


@app.command("timeline")
def timeline(
    treaty: str = typer.Argument(..., help="treaty id or short name, e.g. INF"),
    fmt: str = typer.Option("table", "--format", help="table, csv or json"),
) -> None:
    """The dated life cycle of a treaty, both sides."""
    _check_format(fmt)
    found = run_sql(
        "SELECT treaty_id, short_name, name FROM treaties "
        "WHERE lower(treaty_id) = lower(?) OR lower(short_name) = lower(?)",
        [treaty, treaty],
    )
    if found.empty:
        known = run_sql("SELECT short_name FROM treaties ORDER BY signed")["short_name"]
        raise UserError(f"unknown treaty {treaty!r} (known: {', '.join(known)})")
    tid, short, name = found.iloc[0]
    df = run_sql(
        "SELECT date, actor, event, note, source_id FROM treaty_events "
        "WHERE treaty_id = ? ORDER BY date, actor, event",
        [tid],
    )
    emit(df, fmt, title=f"{short}: {name}", width=70)


@app.command("forces")
def forces(
    country: str = typer.Argument(..., help="actor code, e.g. USA, RUS, CHN"),
    start: int | None = typer.Option(None, "--from", help="first year (default: the table's)"),
    end: int | None = typer.Option(None, "--to", help="last year (default: the table's)"),
    by: str = typer.Option("leg", "--by", help="leg or system"),
    sourced_only: bool = typer.Option(False, "--sourced-only", help="drop interpolated rows"),
    plot: Path | None = typer.Option(None, "--plot", help="write a stacked area chart of "
                                     "warheads by leg (PNG, SVG or PDF by the file's suffix)"),
    fmt: str = typer.Option("table", "--format", help="table, csv or json"),
) -> None:
    """Annual forces of one country by leg or system (preferred rows of `forces`)."""
    from stratlab.data.forces import forces_series

    _check_format(fmt)
    try:
        df = forces_series(country, start, end, by=by, sourced_only=sourced_only)
    except DataError as exc:
        raise UserError(str(exc)) from exc
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    if plot is not None:
        from stratlab.report.figures import forces_area_figure

        legs = df if by == "leg" else forces_series(country, start, end, "leg", sourced_only)
        fig = forces_area_figure(legs, f"{country} warheads by leg, {int(df['year'].min())}–"
                                 f"{int(df['year'].max())}")
        try:
            fig.savefig(plot)
        except (OSError, ValueError) as exc:
            raise UserError(f"--plot {plot}: {' '.join(str(exc).split())}") from exc
    emit(df, fmt, title=f"{country} forces by {by}")


@app.command("build")
def build(
    out: Path = typer.Option(Path("catalog.duckdb"), "--out", help="where to write the database"),
) -> None:
    """Check the CSV tables and build the DuckDB catalog file."""
    try:
        path = build_catalog(out)
    except DataError as exc:
        raise UserError(str(exc)) from exc
    console.print(f"built {path}")
