"""Each treaty's status in the `treaties` table agrees with its parties' dated steps in
`treaty_events` (every step carries its own source): a treaty every listed party has left, or
that expired or was superseded, has ended on the date of the last such step; a treaty that never
entered into force has no entry date; one still binding has no party that left it."""

from __future__ import annotations

import datetime as dt

import pytest

from stratlab.data import catalog

ENDING = ("withdrawn", "terminated", "expired", "superseded")


def _treaties() -> list[tuple[str, list[str], dt.date | None, dt.date | None, str | None]]:
    rows = catalog().execute(
        "SELECT treaty_id, parties, entry_into_force, ended, end_reason FROM treaties ORDER BY treaty_id"
    ).fetchall()
    return [(r[0], list(r[1]), r[2], r[3], r[4]) for r in rows]


def _steps(treaty_id: str) -> list[tuple[str, str, dt.date, str]]:
    return [tuple(r) for r in catalog().execute(  # type: ignore[misc]
        "SELECT actor, event, date, source_id FROM treaty_events WHERE treaty_id = ? ORDER BY date",
        [treaty_id]).fetchall()]


@pytest.mark.parametrize("treaty", _treaties(), ids=lambda t: t[0])
def test_status_follows_the_parties_steps(treaty) -> None:  # type: ignore[no-untyped-def]
    treaty_id, parties, entered, ended, reason = treaty
    steps = _steps(treaty_id)
    assert all(source for *_, source in steps)
    entry_steps = [d for _, e, d, _ in steps if e == "entered_into_force"]
    if entered is None:
        assert not entry_steps, f"{treaty_id}: an entry-into-force step but no entry date"
        assert reason == "not_in_force"
        return
    assert not entry_steps or min(entry_steps) == entered
    left = {a: d for a, e, d, _ in steps if e in ENDING and a in parties}
    if set(left) == set(parties):
        assert ended == max(left.values()), (
            f"{treaty_id}: every listed party has left or the treaty lapsed for all by "
            f"{max(left.values())}, but `ended` is {ended}")
    else:
        assert ended is None, f"{treaty_id}: ended {ended} although {sorted(set(parties) - set(left))} "\
                              "have no step that ends it"
        assert reason == "in_force"


def test_open_skies_no_longer_binds_the_us_or_russia() -> None:
    (row,) = [t for t in _treaties() if t[0] == "open-skies"]
    assert row[3] == dt.date(2021, 12, 18) and row[4] == "withdrawal"
