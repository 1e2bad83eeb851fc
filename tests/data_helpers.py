"""Helpers for tests that break a copy of the catalog's tables and expect the build to stop."""

from __future__ import annotations

from pathlib import Path

import pytest

from stratlab.data import DataError, load_tables


def expect_build_error(tables: Path, *needles: str) -> str:
    """Loading ``tables`` raises :class:`DataError` whose message holds every needle."""
    with pytest.raises(DataError) as err:
        load_tables(tables)
    msg = str(err.value)
    for n in needles:
        assert n in msg, msg
    return msg
