"""Each party's yearly value of a treaty, and the exit cost it weighs against leaving.

For party ``i`` facing rival ``j`` (every quantity an array, member axis first)::

    V_i = w_R h_i (R_j / s) (1 - w_V c_i)                        rival constraint bought, net of
                                                                 suspected violation
        - (w_O + w_3 h3_i X_3 / s) (O_i / s)                     own constraint it costs
        - w_P |Δs_i|                                             change in power share
        + w_D d_i - w_C ΔC_i (1 - D_i)                           domestic politics
        + w_L ℓ_i                                                leader

``R_j``: the rival's forces in the banned band that the treaty removes; ``h_i``: i's belief that
the rival is hostile (e.g. from :mod:`stratlab.models.perception`); ``c_i``: i's belief that the
rival cheats (keeps its banned forces); ``O_i``: own forces forgone in the band (deployed, or
those i would deploy without the treaty); ``X_3``: unconstrained third parties' forces in the band
and ``h3_i`` i's hostility belief toward them; ``Δs_i``: change in i's share of great-power
capability (e.g. CINC) since the treaty was made; ``d_i``: domestic support for the treaty;
``ΔC_i``: change in the leader's supporting coalition; ``D_i``: democracy in [0, 1]; ``ℓ_i``:
leader disposition ("new thinking" +1, "America First" -1); ``s``: the force unit. ``V_i`` is
measured relative to no treaty (0 = indifferent).

The INF study's three levels (Guo & Long 2020, reference ``perception.md`` §0.3):
international power structure (decisive) -> the force terms (rival, own and third-party forces
in the band, threat-weighted) and the power-share term; domestic politics -> the domestic terms;
leaders -> the leader term (and the creation veto in :func:`stratlab.models.treaty.forms`).

Status: the functional form and every default weight are this project's reconstruction
(labelled per field in :class:`TreatyParams`); the *directions* of the power-change, domestic and
coalition terms are the [V]-abstract findings of Leeds & Savun (2007) and Leeds, Mattes & Vogel
(2009) (reference §4.7).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def _src(source: str, note: str) -> dict[str, str]:
    return {"source": source, "note": note}


def _f(v: ArrayLike) -> FloatArray:
    return np.asarray(v, dtype=np.float64)


@dataclass(frozen=True)
class TreatyParams:
    """Weights of the treaty value, creation thresholds and the stay/suspend/withdraw choice.

    Each field may be a scalar or an array (one value per member). No published calibration
    exists for any of them: defaults are illustrative scales, each labelled "reconstruction" or
    "assumption" with the source that motivates the term (see :func:`param_sources`).
    """

    force_scale: ArrayLike = field(default=100.0, metadata=_src(
        "guo-long-2020", "s: forces per unit of value; 100 launchers/missiles = 1 (assumption)"))
    rival_weight: ArrayLike = field(default=1.0, metadata=_src(
        "guo-long-2020", "w_R >= 0: value of removing one unit of the rival's banned forces when "
        "the rival is surely hostile (reconstruction; the offence/defence reversal of §0.3)"))
    violation_weight: ArrayLike = field(default=1.0, metadata=_src(
        "coe-vaynman-2020", "w_V in [0, 1]: share of the rival constraint lost per unit belief "
        "that the rival cheats; 1 = expected constraint (1 - c) (reconstruction)"))
    own_weight: ArrayLike = field(default=0.5, metadata=_src(
        "guo-long-2020", "w_O >= 0: base demand for one unit of own forces in the band "
        "(assumption)"))
    third_party_weight: ArrayLike = field(default=0.5, metadata=_src(
        "guo-long-2020", "w_3 >= 0: rise in that demand per unit of hostile unconstrained "
        "third-party forces in the band (reconstruction; China's forces, §0.3, §4.6)"))
    power_weight: ArrayLike = field(default=1.0, metadata=_src(
        "leeds-savun-2007", "w_P >= 0: loss per unit change in own power share; direction [V "
        "abstract], linear form and size assumption"))
    domestic_weight: ArrayLike = field(default=1.0, metadata=_src(
        "putnam-1988", "w_D >= 0: value per unit of the domestic-support indicator "
        "(reconstruction of a win-set's size as one number)"))
    coalition_weight: ArrayLike = field(default=1.0, metadata=_src(
        "leeds-mattes-vogel-2009", "w_C >= 0: loss per unit change in the leader's supporting "
        "coalition, scaled by (1 - democracy); direction [V abstract], size assumption"))
    leader_weight: ArrayLike = field(default=1.0, metadata=_src(
        "guo-long-2020", "w_L >= 0: value per unit of the leader-disposition indicator "
        "(reconstruction; leaders shape timing and manner, §0.3)"))
    join_threshold: ArrayLike = field(default=0.0, metadata=_src(
        "fearon-1995", "θ: a party joins iff V > θ; 0 = better than no treaty (assumption)"))
    leader_threshold: ArrayLike = field(default=0.0, metadata=_src(
        "guo-long-2020", "leader veto: creation needs w_L ℓ >= this (assumption)"))
    rationality: ArrayLike = field(default=2.0, metadata=_src(
        "mckelvey-palfrey-1995", "λ >= 0 of the logit stance choice; inf = best reply "
        "(assumption; not in the reference note)"))
    suspend_keep: ArrayLike = field(default=0.5, metadata=_src(
        "guo-long-2020", "η in [0, 1]: share of V kept while suspended (lab design)"))
    suspend_cost_share: ArrayLike = field(default=0.4, metadata=_src(
        "guo-long-2020", "ρ in [0, 1]: share of the exit cost paid to suspend (lab design; "
        "η + ρ < 1 makes suspension the best reply on a band of V)"))
    exit_cost_base: ArrayLike = field(default=0.5, metadata=_src(
        "leeds-savun-2007", "κ_0 >= 0: reputational exit cost (assumption)"))
    exit_cost_democracy: ArrayLike = field(default=0.5, metadata=_src(
        "leeds-savun-2007", "κ_D >= 0: extra exit cost per unit democracy; democracies abrogate "
        "less [V abstract], size assumption"))


@dataclass(frozen=True)
class Situation:
    """Party ``i``'s view of one year; each field a scalar or an array (one value per member).

    Forces are in any count (launchers, missiles) divided by ``TreatyParams.force_scale``.
    Beliefs are probabilities; ``domestic`` and ``leader`` are indicators, typically in [-1, 1].
    """

    rival_banned: ArrayLike
    """R_j >= 0: the rival's forces in the banned band that the treaty removes."""
    own_banned: ArrayLike
    """O_i >= 0: own forces forgone in the band (deployed or wanted without the treaty)."""
    hostility: ArrayLike = 0.5
    """h_i in [0, 1]: belief that the rival is hostile."""
    cheat_belief: ArrayLike = 0.0
    """c_i in [0, 1]: belief that the rival cheats (keeps its banned forces)."""
    third_party_banned: ArrayLike = 0.0
    """X_3 >= 0: forces of unconstrained third parties in the band."""
    third_party_hostility: ArrayLike = 1.0
    """h3_i in [0, 1]: belief that the third parties are hostile."""
    power_change: ArrayLike = 0.0
    """Δs_i: change in own share of great-power capability since the treaty was made."""
    domestic: ArrayLike = 0.0
    """d_i: domestic support for the treaty (+ for, - against)."""
    coalition_change: ArrayLike = 0.0
    """ΔC_i in [0, 1]: change in the leader's supporting coalition (0 none, 1 complete)."""
    democracy: ArrayLike = 1.0
    """D_i in [0, 1]: how democratic i is (only weights ``coalition_change``)."""
    leader: ArrayLike = 0.0
    """ℓ_i: leader disposition ("new thinking" +1, neutral 0, "America First" -1)."""


@dataclass(frozen=True)
class ValueTerms:
    """The terms of ``V_i``, each an array; :attr:`total` is their sum.

    ``rival``, ``violation``, ``own`` and ``power`` form the international-structure level
    (:attr:`structure`), ``domestic`` the domestic level and ``leader`` the individual level.
    """

    rival: FloatArray
    """+ w_R h R / s: constraint on the rival bought (before suspected violation)."""
    violation: FloatArray
    """- w_V c w_R h R / s: the part of it lost to suspected cheating."""
    own: FloatArray
    """- (w_O + w_3 h3 X_3 / s) O / s: constraint on itself it costs."""
    power: FloatArray
    """- w_P |Δs|: power shift."""
    domestic: FloatArray
    """+ w_D d - w_C ΔC (1 - D)."""
    leader: FloatArray
    """+ w_L ℓ."""

    @property
    def total(self) -> FloatArray:
        """``V_i``."""
        return np.asarray(self.rival + self.violation + self.own + self.power + self.domestic
                          + self.leader, dtype=np.float64)

    @property
    def structure(self) -> FloatArray:
        """The international-structure level: rival + violation + own + power."""
        return np.asarray(self.rival + self.violation + self.own + self.power, dtype=np.float64)


def param_sources() -> dict[str, dict[str, str]]:
    """``{field: {"source": id, "note": text}}`` for every :class:`TreatyParams` default."""
    return {f.name: dict(f.metadata) for f in fields(TreatyParams)}


def _check(name: str, ok: bool, expected: str, value: object, what: str = "treaty parameter") -> None:
    if not ok:
        raise ValueError(f"{what} {name} must be {expected}, got {value!r}")


def _unit(v: ArrayLike) -> bool:
    a = _f(v)
    return bool(np.all((a >= 0) & (a <= 1)))


def _nonneg(v: ArrayLike) -> bool:
    return bool(np.all(_f(v) >= 0))


def validate(params: TreatyParams) -> None:
    """Raise ``ValueError`` (one line, naming the field) if a parameter is out of range."""
    _check("force_scale", bool(np.all(_f(params.force_scale) > 0)), "> 0", params.force_scale)
    for name in ("rival_weight", "own_weight", "third_party_weight", "power_weight",
                 "domestic_weight", "coalition_weight", "leader_weight", "rationality",
                 "exit_cost_base", "exit_cost_democracy"):
        _check(name, _nonneg(getattr(params, name)), ">= 0", getattr(params, name))
    for name in ("violation_weight", "suspend_keep", "suspend_cost_share"):
        _check(name, _unit(getattr(params, name)), "in [0, 1]", getattr(params, name))
    for name in ("join_threshold", "leader_threshold"):
        _check(name, not bool(np.any(np.isnan(_f(getattr(params, name))))), "a number",
               getattr(params, name))


def validate_situation(situation: Situation) -> None:
    """Raise ``ValueError`` (one line, naming the field) if an input is out of range."""
    for name in ("rival_banned", "own_banned", "third_party_banned"):
        _check(name, _nonneg(getattr(situation, name)), ">= 0", getattr(situation, name), "situation")
    for name in ("hostility", "cheat_belief", "third_party_hostility", "coalition_change",
                 "democracy"):
        _check(name, _unit(getattr(situation, name)), "in [0, 1]", getattr(situation, name),
               "situation")
    for name in ("power_change", "domestic", "leader"):
        _check(name, bool(np.all(np.isfinite(_f(getattr(situation, name))))), "finite",
               getattr(situation, name), "situation")


def value_terms(situation: Situation, params: TreatyParams | None = None) -> ValueTerms:
    """The terms of party ``i``'s yearly value of the treaty (see the module docstring)."""
    p = params if params is not None else TreatyParams()
    validate(p)
    validate_situation(situation)
    s = _f(p.force_scale)
    sit = situation
    rival = _f(p.rival_weight) * _f(sit.hostility) * _f(sit.rival_banned) / s
    violation = -_f(p.violation_weight) * _f(sit.cheat_belief) * rival
    demand = _f(p.own_weight) + _f(p.third_party_weight) * _f(sit.third_party_hostility) \
        * _f(sit.third_party_banned) / s
    own = -demand * _f(sit.own_banned) / s
    power = -_f(p.power_weight) * np.abs(_f(sit.power_change))
    domestic = _f(p.domestic_weight) * _f(sit.domestic) \
        - _f(p.coalition_weight) * _f(sit.coalition_change) * (1.0 - _f(sit.democracy))
    return ValueTerms(rival=np.asarray(rival, dtype=np.float64),
                      violation=np.asarray(violation, dtype=np.float64),
                      own=np.asarray(own, dtype=np.float64),
                      power=np.asarray(power, dtype=np.float64),
                      domestic=np.asarray(domestic, dtype=np.float64),
                      leader=leader_term(sit.leader, p))


def value(situation: Situation, params: TreatyParams | None = None) -> FloatArray:
    """``V_i``: party ``i``'s yearly value of the treaty relative to no treaty."""
    return value_terms(situation, params).total


def leader_term(leader: ArrayLike, params: TreatyParams | None = None) -> FloatArray:
    """``w_L ℓ``: the leader term of ``V_i`` (and of the creation veto)."""
    p = params if params is not None else TreatyParams()
    return np.asarray(_f(p.leader_weight) * _f(leader), dtype=np.float64)


def exit_cost(democracy: ArrayLike = 1.0, params: TreatyParams | None = None) -> FloatArray:
    """``κ_i = κ_0 + κ_D D_i``: the reputational and domestic cost of leaving.

    Leeds & Savun (2007): democracies abrogate less [V abstract, direction]; the linear form and
    the sizes are assumptions.
    """
    p = params if params is not None else TreatyParams()
    validate(p)
    d = _f(democracy)
    _check("democracy", _unit(d), "in [0, 1]", democracy, "input")
    return np.asarray(_f(p.exit_cost_base) + _f(p.exit_cost_democracy) * d, dtype=np.float64)
