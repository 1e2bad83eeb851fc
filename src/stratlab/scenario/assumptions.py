"""Assumptions a catalog posture needs before a stability calculation, read from YAML.

The ``postures`` table holds counts, loadings and (where sourced) alert rates; the Kent–Thaler
exchange also needs damage expectancy (DE), interceptor kill probability and ``w80``, which no
source in the catalog gives. They must be assumed. :data:`ILLUSTRATIVE` is a round, symmetric
set (source id ``stratlab-illustrative``): **not calibrated, not from a publication** — it
exists so that ``stratlab stability --year`` answers at all, and every output that uses it says
so. Pass your own with ``--assume FILE``::

    de: 0.8                 # every warhead against every targetable launcher, or per category:
    # de: {icbm_silo: {icbm_silo: 0.7, slbm: 0.9}, ...}
    alert: {slbm: 0.5, bomber: 0.3}   # day-to-day alert where the catalog has none
    pk: 0.5
    w80: 400
    source: my-study-2026
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stratlab.scenario.posture import CATEGORIES, Category, Fraction
from stratlab.scenario.posture_catalog import CatalogAssumptions
from stratlab.scenario.yaml_errors import format_validation_error, load_yaml, read_user_file


class AssumptionsFile(BaseModel):
    """The YAML form: scalars broadcast to every category."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    de: Fraction | dict[Category, dict[Category, Fraction]]
    alert: Fraction | dict[Category, Fraction] = 0.0
    pk: Fraction = 0.5
    w80: float = Field(gt=0.0, allow_inf_nan=False)
    source: str = "user assumption"

    def to_catalog(self) -> CatalogAssumptions:
        de = self.de if isinstance(self.de, dict) else {
            a: dict.fromkeys(CATEGORIES, self.de) for a in CATEGORIES
        }
        alert = self.alert if isinstance(self.alert, dict) else {}
        default_alert = self.alert if isinstance(self.alert, float) else 0.0
        return CatalogAssumptions(alert_fraction=alert, default_alert_fraction=default_alert,
                                  de=de, pk=self.pk, w80=self.w80, source=self.source)


ILLUSTRATIVE = AssumptionsFile(
    de=0.8, alert={"slbm": 0.5, "bomber": 0.3, "icbm_mobile": 0.5}, pk=0.5, w80=400.0,
    source="stratlab-illustrative",
)
"""Round illustrative values (see the module docstring): not a calibration."""


def load_assumptions(path: Path | None) -> AssumptionsFile:
    """Read an assumptions YAML file; errors are ``ValueError`` with one line naming file,
    line and field. ``None`` gives :data:`ILLUSTRATIVE`."""
    if path is None:
        return ILLUSTRATIVE
    try:
        data: Any = load_yaml(read_user_file(path))[0]
        return AssumptionsFile.model_validate(data)
    except (ValidationError, yaml.YAMLError) as exc:
        raise ValueError(format_validation_error(exc, path)) from exc


def describe(a: AssumptionsFile) -> str:
    de = a.de if isinstance(a.de, float) else "per category"
    alert = a.alert if isinstance(a.alert, float) else ", ".join(f"{k} {v:g}" for k, v in a.alert.items())
    return f"DE {de}; alert {alert}; interceptor pk {a.pk:g}; w80 {a.w80:g} (source: {a.source})"
