"""The one set of assumptions a stability calculation on catalog forces needs, read from YAML.

The ``forces`` table holds launchers, loadings, ranges and basing; the Kent–Thaler exchange also
needs damage expectancy (DE) against fixed and against off-alert survivable launchers, the
day-to-day alert fraction of survivable launchers, the interceptors' kill probability and
``w80``, which no source in the catalog gives. They must be assumed. :data:`DEFAULT` is a round
set (source id ``stratlab-illustrative``): **not calibrated, not from a publication**. It is the
only set: ``stratlab stability --year`` uses it, the engine's ``stability.*`` parameters default to
it (:mod:`stratlab.scenario.parameters`) and catalog postures take their alert fractions from it,
so the CLI, the historical replay and the report compute the same index for the same year.
Pass your own to the CLI with ``--assume FILE`` (keys left out keep the default)::

    de_fixed: 0.7          # one warhead against one fixed (silo) launcher
    de_surv: 0.5           # one warhead against one off-alert survivable launcher
    # de: 0.8              # shorthand: both
    alert: {slbm: 0.5, bomber: 0.3, icbm_mobile: 0.5}   # or one number for every category
    pk: 0.5
    w80: 300
    source: my-study-2026
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stratlab.data.vocabulary import CATEGORIES, Category
from stratlab.scenario.yaml_errors import format_validation_error, load_yaml, read_user_file

Frac = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]


class StabilityAssumptions(BaseModel):
    """DE, alert, interceptor kill probability and ``w80``: what the exchange needs beyond counts."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    de_fixed: Frac
    """DE of one warhead against one fixed (targetable) launcher."""
    de_surv: Frac
    """DE of one warhead against one off-alert survivable launcher."""
    alert: dict[Category, Frac] = Field(default_factory=dict)
    """Day-to-day alert fraction of survivable launchers by category (0 where not listed)."""
    pk: Frac
    w80: float = Field(gt=0.0, allow_inf_nan=False)
    """Arriving weapons that destroy 80 % of a side's value (every side)."""
    source: str = "user assumption"

    def alert_of(self, category: str) -> float:
        """Alert fraction assumed for a category."""
        return float(self.alert.get(category, 0.0))  # type: ignore[call-overload]

    def describe(self) -> str:
        """One line: every value and the source."""
        alert = ", ".join(f"{k} {v:g}" for k, v in self.alert.items()) or "0"
        return (f"DE {self.de_fixed:g} against fixed, {self.de_surv:g} against survivable launchers; "
                f"alert {alert}; interceptor pk {self.pk:g}; w80 {self.w80:g} (source: {self.source})")


DEFAULT = StabilityAssumptions(
    de_fixed=0.7, de_surv=0.5, alert={"slbm": 0.5, "bomber": 0.3, "icbm_mobile": 0.5}, pk=0.5, w80=300.0,
    source="stratlab-illustrative",
)
"""Round illustrative values (see the module docstring): not a calibration."""


class AssumptionsFile(BaseModel):
    """The YAML form: keys left out keep :data:`DEFAULT`; scalars broadcast."""

    model_config = ConfigDict(extra="forbid")
    de: Frac | None = None
    de_fixed: Frac | None = None
    de_surv: Frac | None = None
    alert: Frac | dict[Category, Frac] | None = None
    pk: Frac | None = None
    w80: float | None = Field(default=None, gt=0.0, allow_inf_nan=False)
    source: str = "user assumption"

    def resolve(self) -> StabilityAssumptions:
        """The full set: this file's values over :data:`DEFAULT`'s."""
        alert: Any = self.alert
        if isinstance(alert, float | int):
            alert = dict.fromkeys(CATEGORIES, float(alert))
        values: dict[str, Any] = {
            "de_fixed": self.de_fixed if self.de_fixed is not None else self.de,
            "de_surv": self.de_surv if self.de_surv is not None else self.de,
            "alert": alert, "pk": self.pk, "w80": self.w80,
        }
        given = {k: v for k, v in values.items() if v is not None}
        return DEFAULT.model_copy(update={**given, "source": self.source})


def load_assumptions(path: Path | None) -> StabilityAssumptions:
    """Read an assumptions YAML file; errors are ``ValueError`` with one line naming file,
    line and field. ``None`` gives :data:`DEFAULT`."""
    if path is None:
        return DEFAULT
    try:
        data: Any = load_yaml(read_user_file(path))[0]
        resolved = AssumptionsFile.model_validate(data).resolve()
        return StabilityAssumptions.model_validate(resolved.model_dump())
    except (ValidationError, yaml.YAMLError) as exc:
        raise ValueError(format_validation_error(exc, path)) from exc


__all__ = ["DEFAULT", "AssumptionsFile", "StabilityAssumptions", "load_assumptions"]
