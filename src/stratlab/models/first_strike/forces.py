"""``ForceArrays``: one side's forces for the Kent–Thaler exchange, as arrays over a batch.

Every field broadcasts against the others; the common shape is the batch shape (leading axes =
ensemble members or postures). A later ``Posture`` (pydantic) converts to this container.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

_FRACTIONS = ("alert", "de_fixed", "de_surv", "pk")


@dataclass(frozen=True, eq=False, init=False)
class ForceArrays:
    """One side's strategic forces, each field an array broadcasting over a batch.

    Attributes (``n`` launchers, ``m`` warheads per launcher, as in reference §1.3):

    * ``n_fixed``, ``m_fixed``: fixed (targetable) launchers, e.g. silos, and warheads on each.
    * ``n_surv``, ``m_surv``: survivable launchers (SSBNs, mobiles, bombers) and warheads on each.
    * ``alert``: fraction of survivable launchers on alert (at sea, dispersed, airborne), which
      cannot be targeted; the rest (in port, in garrison, on base) can. Day-to-day alert is the
      peacetime value, generated alert the crisis value (R-3765 finding 4: generate early).
    * ``de_fixed``, ``de_surv``: damage expectancy of *this side's* warheads against one enemy
      fixed launcher and one enemy off-alert survivable launcher.
    * ``w80``: number of arriving enemy weapons that destroy 80 % of *this side's* value.
    * ``interceptors``, ``pk``: missile-defense interceptors defending this side's value and the
      per-shot kill probability of each (defaults 0: no defense).
    * ``lua``: this side launches its fixed force under attack (saving ``lua_saved`` of it).
    """

    n_fixed: FloatArray
    m_fixed: FloatArray
    n_surv: FloatArray
    m_surv: FloatArray
    de_fixed: FloatArray
    de_surv: FloatArray
    w80: FloatArray
    alert: FloatArray
    interceptors: FloatArray
    pk: FloatArray
    lua: BoolArray

    def __init__(
        self,
        *,
        n_fixed: ArrayLike,
        m_fixed: ArrayLike,
        n_surv: ArrayLike,
        m_surv: ArrayLike,
        de_fixed: ArrayLike,
        de_surv: ArrayLike,
        w80: ArrayLike,
        alert: ArrayLike = 0.0,
        interceptors: ArrayLike = 0.0,
        pk: ArrayLike = 0.0,
        lua: ArrayLike = False,
    ) -> None:
        values = {
            "n_fixed": n_fixed,
            "m_fixed": m_fixed,
            "n_surv": n_surv,
            "m_surv": m_surv,
            "de_fixed": de_fixed,
            "de_surv": de_surv,
            "w80": w80,
            "alert": alert,
            "interceptors": interceptors,
            "pk": pk,
        }
        shapes = []
        for name, value in values.items():
            arr = np.asarray(value, dtype=np.float64)
            if not np.all(np.isfinite(arr)) or np.any(arr < 0.0):
                raise ValueError(f"ForceArrays.{name}: expected finite values >= 0")
            if name in _FRACTIONS and np.any(arr > 1.0):
                raise ValueError(f"ForceArrays.{name}: expected a fraction in [0, 1]")
            if name == "w80" and np.any(arr <= 0.0):
                raise ValueError("ForceArrays.w80: expected weapons > 0")
            object.__setattr__(self, name, arr)
            shapes.append(arr.shape)
        lua_arr = np.asarray(lua, dtype=np.bool_)
        object.__setattr__(self, "lua", lua_arr)
        shapes.append(lua_arr.shape)
        try:
            shape = np.broadcast_shapes(*shapes)
        except ValueError:
            raise ValueError(
                f"ForceArrays: field shapes {', '.join(map(str, shapes))} do not broadcast"
            ) from None
        object.__setattr__(self, "_shape", shape)

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Common (broadcast) shape of all fields."""
        shape: tuple[int, ...] = object.__getattribute__(self, "_shape")
        return shape

    @property
    def fixed_warheads(self) -> FloatArray:
        """``n_fixed * m_fixed``."""
        return np.asarray(self.n_fixed * self.m_fixed, dtype=np.float64)

    @property
    def surv_warheads(self) -> FloatArray:
        """``n_surv * m_surv``."""
        return np.asarray(self.n_surv * self.m_surv, dtype=np.float64)

    @property
    def total_warheads(self) -> FloatArray:
        """All warheads, fixed and survivable."""
        return self.fixed_warheads + self.surv_warheads

    def as_dict(self) -> dict[str, NDArray[Any]]:
        """Fields by name (arrays as stored, not broadcast)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def broadcast(self, shape: tuple[int, ...] | None = None) -> ForceArrays:
        """Every field broadcast to ``shape`` (default: the batch shape)."""
        target = self.batch_shape if shape is None else shape
        return ForceArrays(**{k: np.broadcast_to(v, target) for k, v in self.as_dict().items()})

    def replace(self, **changes: ArrayLike) -> ForceArrays:
        """A copy with some fields changed (e.g. ``alert=0.6`` for generated alert)."""
        return ForceArrays(**{**self.as_dict(), **changes})

    def __getitem__(self, index: Any) -> ForceArrays:
        """Index the broadcast batch (e.g. ``forces[i]`` for one member)."""
        shape = self.batch_shape
        return ForceArrays(
            **{k: np.broadcast_to(v, shape)[index] for k, v in self.as_dict().items()}
        )

    @classmethod
    def stack(cls, sides: Sequence[ForceArrays], axis: int = -1) -> ForceArrays:
        """Stack several sides along a new axis (the actor axis for :mod:`.nactor`)."""
        if not sides:
            raise ValueError("ForceArrays.stack: needs at least one side")
        shape = np.broadcast_shapes(*(s.batch_shape for s in sides))
        names = [f.name for f in fields(cls)]
        return cls(
            **{
                n: np.stack([np.broadcast_to(getattr(s, n), shape) for s in sides], axis=axis)
                for n in names
            }
        )
