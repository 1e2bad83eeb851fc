"""The catalog's table schemas: the public contract of ``stratlab.data``.

Each table is a CSV file under ``stratlab/data/tables/`` (one row per line, UTF-8, header
row) and becomes a typed DuckDB table of the same name. Columns listed here are public API;
their order is the CSV's column order. List-valued columns (``VARCHAR[]``) are written in the
CSV as values separated by ``;``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stratlab.data.vocabulary import (
    BASINGS,
    FORCE_BASES,
    FORCE_COUNTING_RULES,
    LEGS,
    POSTURE_TABLE_CATEGORIES,
    RANGE_CLASSES,
)


@dataclass(frozen=True)
class Column:
    """One column: name, DuckDB type, whether NULL is allowed, and what it means."""

    name: str
    type: str
    nullable: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Table:
    """One catalog table with its key and the columns that must name a known actor."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    actor_columns: tuple[str, ...] = ()
    list_columns: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _c(name: str, type_: str, doc: str, nullable: bool = False) -> Column:
    return Column(name, type_, nullable, doc)


SOURCE_ID = _c("source_id", "VARCHAR", "source of the row; resolves in `sources`")
NOTE = _c("note", "VARCHAR", "free-text remark: conflicts, caveats, counting rules", True)

TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        "Every source a row or a model default rests on.",
        (
            _c("source_id", "VARCHAR", "short identifier, e.g. `fas-2023`"),
            _c("citation", "VARCHAR", "full citation (authors, title, publisher, date)"),
            _c("url", "VARCHAR", "where it was read (archived or mirror URL where so noted)", True),
            _c("licence", "VARCHAR", "licence or terms of use of what is taken from it"),
            _c("accessed", "DATE", "day the source was read", True),
            _c("kind", "VARCHAR", "dataset, document, article, book, report, news, web, code"),
        ),
        ("source_id",),
    ),
    Table(
        "actors",
        "States and alliances. ISO 3166-1 alpha-3 codes; `RUS` also stands for the USSR.",
        (
            _c("actor", "VARCHAR", "actor code: ISO3, or the COW abbreviation for states with none"),
            _c("name", "VARCHAR", "English name"),
            _c("cow_code", "INTEGER", "Correlates of War state number", True),
            _c("code_system", "VARCHAR", "ISO3, ISO3-former, COW or stratlab"),
            _c("kind", "VARCHAR", "state or alliance"),
            NOTE,
            SOURCE_ID,
        ),
        ("actor",),
    ),
    Table(
        "treaties",
        "Arms-control treaties with their life-cycle dates.",
        (
            _c("treaty_id", "VARCHAR", "identifier, e.g. `inf`"),
            _c("name", "VARCHAR", "full name"),
            _c("short_name", "VARCHAR", "usual short name, e.g. `INF`"),
            _c("parties", "VARCHAR[]", "original parties (actor codes)"),
            _c("signed", "DATE", "signature (or opening for signature)", True),
            _c("entry_into_force", "DATE", "entry into force; NULL if it never entered into force", True),
            _c("ended", "DATE", "day it ceased to bind; NULL if still in force or never in force", True),
            _c("end_reason", "VARCHAR", "withdrawal, expired, superseded, not_in_force …", True),
            NOTE,
            SOURCE_ID,
        ),
        ("treaty_id",),
        actor_columns=("parties",),
        list_columns=("parties",),
    ),
    Table(
        "treaty_events",
        "Dated steps in each treaty's life cycle, by party.",
        (
            _c("treaty_id", "VARCHAR", "treaty; resolves in `treaties`"),
            _c("actor", "VARCHAR", "party taking the step"),
            _c("event", "VARCHAR", "controlled vocabulary, see docs/data/treaty_events.md"),
            _c("date", "DATE", "day of the step"),
            NOTE,
            SOURCE_ID,
        ),
        ("treaty_id", "actor", "event", "date"),
        actor_columns=("actor",),
    ),
    Table(
        "treaty_rules",
        "Limits and bans as data.",
        (
            _c("treaty_id", "VARCHAR", "treaty; resolves in `treaties`"),
            _c("rule", "VARCHAR", "rule name, e.g. `banned_range_min`"),
            _c("applies_to", "VARCHAR[]", "categories the rule applies to, e.g. GLBM;GLCM", True),
            _c("value", "DOUBLE", "numeric value of the rule", True),
            _c("unit", "VARCHAR", "unit of `value` (km, warheads, launchers, …)", True),
            NOTE,
            SOURCE_ID,
        ),
        ("treaty_id", "rule"),
        list_columns=("applies_to",),
    ),
    Table(
        "missile_systems",
        "Ground-launched missile systems relevant to the INF band, then and now.",
        (
            _c("system_id", "VARCHAR", "identifier, e.g. `ss-20`"),
            _c("name", "VARCHAR", "designation(s)"),
            _c("country", "VARCHAR", "owner (actor code)"),
            _c("category", "VARCHAR", "GLBM or GLCM"),
            _c("basing", "VARCHAR", "mobile, fixed, …", True),
            _c("range_km_min", "DOUBLE", "lower range figure of this row's source", True),
            _c("range_km_max", "DOUBLE", "upper range figure of this row's source", True),
            _c("range_disputed", "BOOLEAN", "sources disagree; see `missile_ranges`"),
            _c("warheads", "INTEGER", "warheads per missile", True),
            _c("first_deployed", "INTEGER", "year", True),
            _c("retired", "INTEGER", "year", True),
            _c("inf_accountable", "BOOLEAN", "named in or limited by the INF Treaty"),
            _c("inf_class", "VARCHAR", "intermediate (1,000–5,500 km) or shorter (500–1,000 km)", True),
            NOTE,
            SOURCE_ID,
        ),
        ("system_id",),
        actor_columns=("country",),
    ),
    Table(
        "missile_ranges",
        "Every range claim for a system, by who claims it; conflicts kept.",
        (
            _c("system_id", "VARCHAR", "system; resolves in `missile_systems`"),
            _c("claimed_by", "VARCHAR", "who makes the claim (government, outlet, analyst)"),
            _c("range_km_min", "DOUBLE", "lower figure", True),
            _c("range_km_max", "DOUBLE", "upper figure", True),
            NOTE,
            SOURCE_ID,
        ),
        ("system_id", "claimed_by", "source_id"),
    ),
    Table(
        "weapon_characteristics",
        "Counterforce inputs per delivery system (CEP, yield, reliability, hardness), with ranges "
        "where sources disagree; one row per system, characteristic and source.",
        (
            _c("country", "VARCHAR", "actor fielding the system"),
            _c("system", "VARCHAR", "delivery system as the source names it"),
            _c("characteristic", "VARCHAR", "cep_m, yield_kt, reliability or hardness_psi"),
            _c("value", "DOUBLE", "central figure the source gives"),
            _c("value_low", "DOUBLE", "low end where the source gives a range", True),
            _c("value_high", "DOUBLE", "high end where the source gives a range", True),
            NOTE,
            SOURCE_ID,
        ),
        ("country", "system", "characteristic", "source_id"),
        actor_columns=("country",),
    ),
    Table(
        "inf_eliminations",
        "Missiles and launchers eliminated under the INF Treaty (or declared in its MOU).",
        (
            _c("country", "VARCHAR", "party"),
            _c("system_id", "VARCHAR", "system; NULL for a row that totals all systems", True),
            _c("basis", "VARCHAR", "eliminated (carried out by 1 June 1991) or mou_1987"),
            _c("missiles", "INTEGER", "missiles", True),
            _c("launchers", "INTEGER", "launchers", True),
            NOTE,
            SOURCE_ID,
        ),
        ("country", "system_id", "basis", "source_id"),
        actor_columns=("country",),
    ),
    Table(
        "events",
        "Dated events: the INF timeline and US–Russia relationship milestones.",
        (
            _c("event_id", "VARCHAR", "identifier"),
            _c("date", "DATE", "day (first day of the month or year where less precise)"),
            _c("date_precision", "VARCHAR", "day, month or year"),
            _c("actors", "VARCHAR[]", "actors involved"),
            _c("title", "VARCHAR", "what happened"),
            _c("tags", "VARCHAR[]", "topics, e.g. inf;treaty;missile-defense"),
            NOTE,
            SOURCE_ID,
        ),
        ("event_id",),
        actor_columns=("actors",),
        list_columns=("actors", "tags"),
    ),
    Table(
        "stockpiles",
        "Nuclear warhead stockpiles by country and year; several sources may share a year.",
        (
            _c("country", "VARCHAR", "state"),
            _c("year", "INTEGER", "year"),
            _c("warheads", "INTEGER", "stockpiled warheads (excludes retired awaiting dismantlement)"),
            NOTE,
            SOURCE_ID,
        ),
        ("country", "year", "source_id"),
        actor_columns=("country",),
    ),
    Table(
        "capabilities",
        "Correlates of War National Material Capabilities v7.0 (CINC and components).",
        (
            _c("country", "VARCHAR", "state"),
            _c("cow_code", "INTEGER", "COW state number"),
            _c("year", "INTEGER", "year"),
            _c("milex", "DOUBLE", "military expenditure, thousands (GBP to 1913, USD from 1914)", True),
            _c("milper", "DOUBLE", "military personnel, thousands", True),
            _c("irst", "DOUBLE", "iron and steel production, thousand tons", True),
            _c("pec", "DOUBLE", "primary energy consumption, thousand coal-ton equivalents", True),
            _c("tpop", "DOUBLE", "total population, thousands", True),
            _c("upop", "DOUBLE", "urban population, thousands", True),
            _c("cinc", "DOUBLE", "Composite Index of National Capability", True),
            SOURCE_ID,
        ),
        ("cow_code", "year"),
        actor_columns=("country",),
    ),
    Table(
        "speeches",
        "UN General Debate statements of the five permanent members, 1946–2024.",
        (
            _c("country", "VARCHAR", "state (RUS includes the USSR; CHN the ROC seat to 1971)"),
            _c("year", "INTEGER", "year"),
            _c("session", "INTEGER", "UNGA session"),
            _c("state_represented", "VARCHAR", "USSR / Russian Federation, ROC / PRC, …"),
            _c("speaker", "VARCHAR", "speaker as in the corpus speaker table", True),
            _c("speaker_post", "VARCHAR", "speaker's post", True),
            _c("source_file", "VARCHAR", "file name in the UNGDC"),
            _c("sha256", "VARCHAR", "SHA-256 of the corpus file"),
            _c("text", "VARCHAR", "full text"),
            SOURCE_ID,
        ),
        ("country", "session"),
        actor_columns=("country",),
    ),
    Table(
        "postures",
        "Force-posture snapshots by actor, year and component; conflicting figures kept side by side.",
        (
            _c("actor", "VARCHAR", "actor code (`RUS` is the USSR before 1992)"),
            _c("year", "INTEGER", "snapshot year (1962, 1979, 1987, 1991, 2002, 2010, 2019, 2025)"),
            _c("component", "VARCHAR", "what is counted, e.g. `ICBM – Minuteman III`, `SLBM – total`"),
            _c("category", "VARCHAR", "controlled vocabulary `POSTURE_CATEGORIES`"),
            _c("scope", "VARCHAR", "`total` of the category, one weapon `type`, or a `part` (base, region)"),
            _c("variant", "VARCHAR", "`main`, or a tag telling apart two figures from one source"),
            _c("launchers", "INTEGER", "launchers (silos, tubes, TELs, aircraft, interceptors)", True),
            _c("missiles", "INTEGER", "missiles, where the source counts missiles", True),
            _c("warheads_per_launcher", "DOUBLE", "warheads (or attributed warheads) per launcher", True),
            _c("warheads", "INTEGER", "warheads under the row's counting rule", True),
            _c("alert_fraction", "DOUBLE", "day-to-day alert fraction, on alert rows only", True),
            _c("basing", "VARCHAR", "mode (silo, fixed, road-mobile, ssbn, airbase …), then area", True),
            _c("range_km", "DOUBLE", "range in km where the source gives one", True),
            _c("as_of", "VARCHAR", "date of the data (YYYY[-MM[-DD]]) if not the snapshot year", True),
            _c("counting_rule", "VARCHAR", "controlled vocabulary `POSTURE_COUNTING_RULES`"),
            _c("confidence", "VARCHAR", "High, Medium or Low (scale in docs/data/postures.md)"),
            NOTE,
            SOURCE_ID,
        ),
        ("actor", "year", "component", "variant", "source_id"),
        actor_columns=("actor",),
    ),
    Table(
        "forces",
        "Annual nuclear forces by country, year and delivery system (or leg), sourced or interpolated.",
        (
            _c("country", "VARCHAR", "actor code: USA, RUS (also the USSR before 1992), CHN, GBR, FRA"),
            _c("year", "INTEGER", "year the figure describes (end of year unless `as_of` says otherwise)"),
            _c("system", "VARCHAR", "delivery system as sources name it, or a leg aggregate `ICBM (all)` …"),
            _c("leg", "VARCHAR", "controlled vocabulary `FORCES_LEGS`"),
            _c("range_class", "VARCHAR", "controlled vocabulary `FORCES_RANGE_CLASSES`"),
            _c("basing", "VARCHAR", "controlled vocabulary `FORCES_BASINGS`"),
            _c("deployed_in", "VARCHAR", "host ISO3, homeland code with area suffix (`RUS-west`), or `sea`"),
            _c("range_km", "DOUBLE", "maximum range in km as the source states it", True),
            _c("launchers", "INTEGER", "deployed launchers (bombers: nuclear-assigned aircraft)", True),
            _c("warheads_per_launcher", "DOUBLE", "MIRV or bomber loading attributed by the source", True),
            _c("warheads", "INTEGER", "warheads attributed to these launchers", True),
            _c("basis", "VARCHAR", "`sourced` or `interpolated`"),
            _c("anchor_years", "VARCHAR", "interpolated rows: the two sourced years, `1985;1990`", True),
            _c("counting_rule", "VARCHAR", "controlled vocabulary `FORCES_COUNTING_RULES`"),
            _c("preferred", "BOOLEAN", "exactly one row per (country, year, system) is true"),
            _c("confidence", "VARCHAR", "High, Medium or Low (scale in docs/data/postures.md)"),
            _c("as_of", "VARCHAR", "date the figure refers to when not year-end", True),
            NOTE,
            SOURCE_ID,
        ),
        ("country", "year", "system", "source_id", "counting_rule"),
        actor_columns=("country",),
    ),
    Table(
        "start_mou_1990",
        "START I Memorandum of Understanding data of 1 September 1990, by country, leg and system.",
        (
            _c("country", "VARCHAR", "USA or RUS (the USSR)"),
            _c("leg", "VARCHAR", "ICBM, SLBM, Heavy bomber, ICBM+SLBM (total) or All (grand total)"),
            _c("system_as_printed", "VARCHAR", "name as printed on the FAS page", True),
            _c("system", "VARCHAR", "normalised system name, or the subtotal/total label"),
            _c("mobile_icbm", "BOOLEAN", "ICBMs only: mobile (true) or silo (false)", True),
            _c("deployed_launchers", "INTEGER", "deployed strategic nuclear delivery vehicles"),
            _c("warheads_attributed", "INTEGER", "treaty-accountable warheads (START counting)"),
            _c("row_type", "VARCHAR", "system, subtotal or total"),
            _c("row_origin", "VARCHAR", "source (printed) or derived (leg subtotals summed here)"),
            NOTE,
            SOURCE_ID,
        ),
        ("country", "leg", "system"),
        actor_columns=("country",),
    ),
    Table(
        "new_start_aggregates",
        "New START aggregate numbers exchanged by the parties, 2011–2023 (treaty counting rules).",
        (
            _c("date", "DATE", "date the data are current as of"),
            _c("country", "VARCHAR", "party: USA or RUS"),
            _c("deployed_icbm_slbm_hb", "INTEGER", "deployed ICBMs, SLBMs and heavy bombers", True),
            _c("warheads_deployed", "INTEGER", "warheads on deployed missiles + 1 per bomber", True),
            _c("launchers_deployed_nondeployed", "INTEGER", "deployed and non-deployed", True),
            _c("derived", "BOOLEAN", "a value was obtained by arithmetic from stated changes"),
            _c("source_url", "VARCHAR", "page the row was read from (with a remark in brackets)"),
            SOURCE_ID,
        ),
        ("date", "country"),
        actor_columns=("country",),
    ),
)

TABLE_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}

# Vocabulary of `treaty_events.event` (documented in docs/data/treaty_events.md).
TREATY_EVENTS: tuple[str, ...] = (
    "signed",
    "ratified",
    "advice_and_consent",
    "instruments_exchanged",
    "entered_into_force",
    "extended",
    "suspended",
    "withdrawal_notice",
    "withdrawn",
    "ratification_revoked",
    "not_bound_declaration",
    "expired",
    "superseded",
    "terminated",
    "moratorium_ended",
)

# Vocabularies of `postures.category`, `.counting_rule` and `.confidence` (docs/data/postures.md).
POSTURE_CATEGORIES: tuple[str, ...] = POSTURE_TABLE_CATEGORIES
POSTURE_COUNTING_RULES: tuple[str, ...] = (
    "salt2_database",
    "start_mou",
    "new_start_data",
    "official",
    "nuclear_notebook",
    "analytic_estimate",
    "compilation",
    "reported",
    "treaty_ban",
    "derived",
)
POSTURE_CONFIDENCE: tuple[str, ...] = ("High", "Medium", "Low")

# Vocabularies of the `forces` table (docs/data/forces.md): one vocabulary, in stratlab.data.vocabulary.
FORCES_LEGS: tuple[str, ...] = LEGS
FORCES_RANGE_CLASSES: tuple[str, ...] = RANGE_CLASSES
FORCES_BASINGS: tuple[str, ...] = BASINGS
FORCES_BASES: tuple[str, ...] = FORCE_BASES
FORCES_COUNTING_RULES: tuple[str, ...] = FORCE_COUNTING_RULES
FORCES_CONFIDENCE: tuple[str, ...] = POSTURE_CONFIDENCE
