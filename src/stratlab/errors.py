"""Error types every layer shares, importable without loading any scientific library (the
command line catches them before any command has run)."""

from __future__ import annotations


class DataError(ValueError):
    """A data file breaks the catalog's contract; the message names file, line and column."""


__all__ = ["DataError"]
