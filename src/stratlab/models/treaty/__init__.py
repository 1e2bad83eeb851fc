"""Treaty life cycle: each party's yearly value of a treaty; creation, compliance, exit.

* :mod:`~stratlab.models.treaty.value`: ``V_i`` = constraint on the rival it buys (threat-weighted)
  - constraint on itself it costs (rising with unconstrained third parties' forces) - suspected
  violation - power change + domestic term + leader term; the exit cost ``κ_i``.
* :mod:`~stratlab.models.treaty.lifecycle`: creation (both value it, both leaders allow), the
  logit stance choice among stay / suspend / withdraw, and a reproducible sampler.
* :mod:`~stratlab.models.treaty.games`: Fearon's bargaining range, the commitment-problem
  condition, self-enforcing compliance bounds, Coe & Vaynman's feasibility, the inspection game,
  Putnam's two-level spatial outcome.
* :mod:`~stratlab.models.treaty.third_party`: withdrawal when a third party is unconstrained.

The INF study's three levels (Guo & Long 2020, reference ``perception.md`` §0.3) map onto ``V_i``:
international power structure (decisive) -> rival, own and third-party forces in the band and
the power-share change; domestic politics -> the domestic terms; leaders -> the leader term and
the leader's veto on creation.

Sources (ids for the ``sources`` table; see ``SOURCE_IDS``), reference §4: [fearon-1995]
bargaining range [U page; standard]; [powell-2006] commitment problem [V abstract; the
inequality is the reference's derivation, D]; [axelrod-1984] TFT bound (Prop. 2) [U];
[coe-vaynman-2020] monitoring [V abstract; reduced form D design]; [wittman-1989],
[avenhaus-iiasa] inspection game [D, consistent with V abstracts]; [putnam-1988] two-level games
[V abstract; spatial fixture D]; [leeds-savun-2007], [leeds-mattes-vogel-2009] directions of the
power, domestic and coalition terms [V abstracts]; [guo-long-2020] the INF study [V abstract];
[richardson-1960] the reaction coefficient of the third-party rule; [mckelvey-palfrey-1995]
logit choice ([U]; not in the reference note).

Reconstruction: the functional form of ``V_i``, every default weight, the suspend option and the
concrete ``U_i`` of the third-party rule are this project's, not published. See
``docs/theory/treaty.md``.
"""

from __future__ import annotations

from stratlab.models.treaty.games import (
    bargaining_range,
    commitment_condition,
    commitment_war,
    critical_shift,
    grim_trigger_threshold,
    inspection_equilibrium,
    monitoring_feasible,
    preemptive_range,
    self_enforcing,
    tft_threshold,
    two_level_outcome,
    win_set,
)
from stratlab.models.treaty.lifecycle import (
    STANCES,
    STAY,
    SUSPEND,
    WITHDRAW,
    choice_probabilities,
    forms,
    forms_from_values,
    sample_choice,
    stance_probabilities,
    stance_utilities,
)
from stratlab.models.treaty.third_party import (
    ThirdPartyParams,
    exit_time,
    ideal_force,
    stays,
    third_party_param_sources,
    threat_gap,
    utility,
)
from stratlab.models.treaty.value import (
    Situation,
    TreatyParams,
    ValueTerms,
    exit_cost,
    leader_term,
    param_sources,
    validate,
    validate_situation,
    value,
    value_terms,
)

SOURCE_IDS = (
    "fearon-1995",
    "powell-2006",
    "axelrod-1984",
    "coe-vaynman-2020",
    "wittman-1989",
    "avenhaus-iiasa",
    "putnam-1988",
    "leeds-savun-2007",
    "leeds-mattes-vogel-2009",
    "guo-long-2020",
    "richardson-1960",
    "mckelvey-palfrey-1995",
)
"""Source ids this module cites (rows the ``sources`` table should hold)."""

__all__ = [
    "SOURCE_IDS",
    "STANCES",
    "STAY",
    "SUSPEND",
    "WITHDRAW",
    "Situation",
    "ThirdPartyParams",
    "TreatyParams",
    "ValueTerms",
    "bargaining_range",
    "choice_probabilities",
    "commitment_condition",
    "commitment_war",
    "critical_shift",
    "exit_cost",
    "exit_time",
    "forms",
    "forms_from_values",
    "grim_trigger_threshold",
    "ideal_force",
    "inspection_equilibrium",
    "leader_term",
    "monitoring_feasible",
    "param_sources",
    "preemptive_range",
    "sample_choice",
    "self_enforcing",
    "stance_probabilities",
    "stance_utilities",
    "stays",
    "tft_threshold",
    "third_party_param_sources",
    "threat_gap",
    "two_level_outcome",
    "utility",
    "validate",
    "validate_situation",
    "value",
    "value_terms",
    "win_set",
]
