"""Forward mode: decisions are endogenous; one call advances the whole ensemble each year.

State (arrays with a leading member axis): desired and actual central warheads ``(M, A)``,
desired and actual INF-band launchers ``(M, A)``, hostility beliefs ``(M, A, A)`` and the
treaties' status. The yearly step, for every year after the first (docs/engine.md):

1. **drivers**: power shares and indicators of the year;
2. **treaties**: stances and formations (:mod:`stratlab.engine.treaties`), from last year's beliefs;
3. **forces**: Richardson's discrete step (:func:`stratlab.models.richardson.simulate`, one year)
   on desired warheads, reacting to rivals' actual warheads (``K = arms.reaction × h``), with a
   status-quo grievance (``g_i = a X⁰_i (s_i/s⁰_i)^ε − k Σ_j h⁰_ij X⁰_j``, so the start year is a
   fixed point under the start beliefs), the yearly change capped at ``arms.max_change`` and the
   level at ``(1 + headroom) X⁰_i s_i/s⁰_i``; INF-band launchers likewise, reacting to hostile
   rivals' actual INF-band launchers in a shared theatre (no grievance), growth at most
   ``inf.max_build`` a year. Binding treaties then constrain the actual forces: no INF-band
   launchers for parties to a binding band ban, warheads at most a binding ceiling. Forces are
   never negative.
4. **observe**: each actor codes each rival's year as an act (threat: warheads up by more than
   ``acts.threshold`` or more INF-band launchers in a shared theatre; slight: it suspended or
   left a treaty with the observer; reassurance: warheads down by more than the threshold, or a
   treaty formed together), then misreads a threat as reassurance or the reverse with
   probability ``acts.misperception``;
5. **perceive**: beliefs update by :func:`stratlab.models.perception.step`.

Stability is scored afterwards for all members and years in one batched call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from stratlab.engine.arsenal import Arsenal
from stratlab.engine.drivers import Indicators, indicators, power_series
from stratlab.engine.history import BINDING, treaty_status
from stratlab.engine.setup import RunContext, initial_beliefs, start_arsenal
from stratlab.engine.treaties import TreatySlot, TreatyState, YearView, constraints, decide
from stratlab.models.perception import NO_ACT, REASSURE, SLIGHT, THREAT, step, validate
from stratlab.models.richardson import simulate

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class ForwardTrace:
    """Everything the forward run records, year axis second."""

    arsenal: Arsenal
    """Fields ``(M, Y, A)``."""
    hostility: FloatArray
    acts: IntArray
    status: IntArray
    stance: IntArray
    shares: FloatArray
    sources: set[str]


def react(K: FloatArray, a: FloatArray, g: FloatArray, own: FloatArray, seen: FloatArray) -> FloatArray:
    """One Richardson year ``own + K seen − a own + g`` via :func:`~stratlab.models.richardson.simulate`.

    ``simulate`` reacts to the state it advances; reacting to ``seen`` (e.g. actual rather than
    desired forces) is the same step with the grievance ``g + K (seen − own)``.
    """
    g_eff = g + np.einsum("mij,mj->mi", K, seen - own)
    return np.asarray(simulate(K, a, g_eff, own, 1)[:, -1], dtype=np.float64)


def code_moves(prev: tuple[FloatArray, FloatArray], now: tuple[FloatArray, FloatArray],
               slights: NDArray[np.bool_], reassures: NDArray[np.bool_], threshold: FloatArray,
               theatre: FloatArray) -> IntArray:
    """``(M, observer, target)`` acts from the targets' moves this year (step 4's coding)."""
    (x0, q0), (x1, q1) = prev, now
    change = (x1 - x0) / np.maximum(x0, 1.0)
    more = (q1 - q0) > threshold * np.maximum(q0, 1.0)
    build = (change > threshold)[:, None, :] | (more[:, None, :] & (theatre[None] > 0))
    cut = (change < -threshold)[:, None, :]
    acts = np.full(slights.shape, NO_ACT, dtype=np.int64)
    acts = np.where(cut | reassures, REASSURE, acts)
    acts = np.where(slights, SLIGHT, acts)
    acts = np.where(build, THREAT, acts)
    idx = np.arange(theatre.shape[-1])
    acts[:, idx, idx] = NO_ACT
    return np.asarray(acts, dtype=np.int64)


def misperceive(acts: IntArray, eps: FloatArray, u: FloatArray) -> IntArray:
    """Flip threats and reassurances where ``u < eps`` (``u`` and ``acts`` ``(M, A, A)``)."""
    flip = u < eps
    swapped = np.where(acts == THREAT, REASSURE, np.where(acts == REASSURE, THREAT, acts))
    return np.where(flip, swapped, acts)


def _scaled(start: Arsenal, x: FloatArray, q: FloatArray) -> Arsenal:
    """The start arsenal with central forces scaled to ``x`` warheads and INF-band to ``q``."""
    x0 = start.central_warheads
    fx = np.where(x0 > 0, x / np.where(x0 > 0, x0, 1.0), 0.0)
    q0 = start.inf_launchers
    fq = np.where(q0 > 0, q / np.where(q0 > 0, q0, 1.0), 0.0)
    return Arsenal(
        n_fixed=start.n_fixed * fx, w_fixed=start.w_fixed * fx, n_surv=start.n_surv * fx,
        w_surv=start.w_surv * fx, alert=np.broadcast_to(start.alert, x.shape),
        inf_n_fixed=start.inf_n_fixed * fq, inf_w_fixed=start.inf_w_fixed * fq,
        inf_n_surv=start.inf_n_surv * fq, inf_w_surv=start.inf_w_surv * fq,
        inf_alert=np.broadcast_to(start.inf_alert, x.shape),
        inf_range=np.broadcast_to(start.inf_range, x.shape),
        conv_n=start.conv_n * fq, conv_range=np.broadcast_to(start.conv_range, x.shape),
        interceptors=np.broadcast_to(start.interceptors, x.shape),
    )


def _seed_inf(start: Arsenal, ctx: RunContext) -> Arsenal:
    """Per member, the start arsenal ``(M, 1, A)`` with a composition for new INF-band launchers
    of actors that have none (``inf.*`` params): one launcher, ``nuclear_share`` of it nuclear
    and road-mobile (survivable) with ``warheads_per_launcher``, the rest conventional."""
    shape = (ctx.members, len(ctx.actors))
    full = start.map(lambda v: np.broadcast_to(v, shape))
    none = full.inf_launchers <= 0
    share = ctx.params.col("inf.nuclear_share", 2)
    wpl = ctx.params.col("inf.warheads_per_launcher", 2)
    seeded = full.with_fields(
        inf_n_surv=np.where(none, share, full.inf_n_surv),
        inf_w_surv=np.where(none, share * wpl, full.inf_w_surv),
        conv_n=np.where(none, 1.0 - share, full.conv_n),
    )
    return seeded.map(lambda v: np.broadcast_to(v, shape)[:, None, :])


def _slots_and_state(ctx: RunContext, shares0: FloatArray) -> tuple[list[TreatySlot], TreatyState]:
    from stratlab.engine.history import scheduled_end
    from stratlab.scenario.terms import treaty_terms

    M, n = ctx.members, len(ctx.actors)
    slots, status0 = [], []
    for t in ctx.scenario.treaties:
        parties = t.parties or list(ctx.con.execute(
            "SELECT parties FROM treaties WHERE treaty_id = ?", [t.id]).fetchall()[0][0])
        terms = treaty_terms(ctx.con, t.id)
        assert terms is not None
        idx = np.array([ctx.actors.index(str(party)) for party in parties])
        slots.append(TreatySlot(terms, idx, scheduled_end(ctx.con, t.id)))
        status0.append(int(treaty_status(ctx.con, t.id, [ctx.years[0]])[0][0]))
    T = len(slots)
    state = TreatyState(
        status=np.broadcast_to(np.array(status0, dtype=np.int64), (M, T)).copy(),
        stance=np.full((M, T, n), -1, dtype=np.int64),
        base_share=np.broadcast_to(shares0, (M, T, n)).copy(),
        reformed=np.zeros((M, T), dtype=bool),
    )
    return slots, state


def run_forward(ctx: RunContext, progress: Callable[[int, int], None] | None = None) -> ForwardTrace:
    """Simulate every member over the scenario's years (see the module docstring)."""
    sc, p, M = ctx.scenario, ctx.params, ctx.members
    n, Y = len(ctx.actors), len(ctx.years)
    start, sources = start_arsenal(ctx)
    shares, used = power_series(sc.drivers, ctx.actors, ctx.years)
    sources |= used
    ind = indicators(sc.drivers, ctx.actors, ctx.years)
    slots, tstate = _slots_and_state(ctx, shares[0])
    base = _seed_inf(start, ctx)
    pparams = p.perception(3)
    validate(pparams)
    h = initial_beliefs(sc, p)
    X0 = np.broadcast_to(start.central_warheads, (M, n)).copy()
    xd, qd = X0.copy(), np.broadcast_to(start.inf_launchers, (M, n)).copy()
    k, a = p.col("arms.reaction", 3), np.broadcast_to(p.col("arms.fatigue", 2), (M, n))
    k_inf, a_inf = p.col("inf.reaction", 3), np.broadcast_to(p.col("inf.fatigue", 2), (M, n))
    off = 1.0 - np.eye(n)
    pull = np.einsum("mij,mj->mi", k * h * off, X0)
    banned, limit = constraints(slots, tstate.status, n)
    x, q = np.minimum(xd, limit), np.where(banned, 0.0, qd)
    rec: dict[str, list[FloatArray]] = {"x": [x], "q": [q], "h": [h]}
    acts_rec = [np.full((M, n, n), NO_ACT, dtype=np.int64)]
    status_rec, stance_rec = [tstate.status], [tstate.stance]
    T, block = len(slots), n * n + len(slots) * n
    for t in range(1, Y):
        u = ctx.streams[:, (t - 1) * block:t * block]
        view = YearView(ctx.years[t], h, xd, x, qd, q, shares[t], Indicators(
            ind.leader[t], ind.domestic[t], ind.democracy[t], ind.coalition_change[t]))
        dec = decide(slots, tstate, view, p, u[:, n * n:].reshape(M, T, n))
        tstate = dec.state
        ratio = shares[t] / shares[0]
        g = a * X0 * ratio ** p.col("arms.power_elasticity", 2) - pull
        step_x = react(k * h * off, a, g, xd, x) - xd
        cap = p.col("arms.max_change", 2) * xd
        xd = np.clip(xd + np.clip(step_x, -cap, cap), 0.0, (1.0 + p.col("arms.headroom", 2)) * X0 * ratio)
        step_q = react(k_inf * h * off * ctx.theatre, a_inf, np.zeros((M, n)), qd, q) - qd
        qd = np.maximum(qd + np.minimum(step_q, p.col("inf.max_build", 2)), 0.0)
        banned, limit = constraints(slots, tstate.status, n)
        x_new, q_new = np.minimum(xd, limit), np.where(banned, 0.0, qd)
        acts = code_moves((x, q), (x_new, q_new), dec.slights, dec.reassures, p.col("acts.threshold", 2),
                          ctx.theatre)
        acts = misperceive(acts, p.col("acts.misperception", 3), u[:, :n * n].reshape(M, n, n))
        h = step(h, acts, pparams)
        x, q = x_new, q_new
        rec["x"].append(x)
        rec["q"].append(q)
        rec["h"].append(h)
        acts_rec.append(acts)
        status_rec.append(tstate.status)
        stance_rec.append(tstate.stance)
        if progress is not None:
            progress(t, Y - 1)
    xs, qs = np.stack(rec["x"], axis=1), np.stack(rec["q"], axis=1)
    arsenal = _scaled(base, xs, qs)
    return ForwardTrace(arsenal, np.stack(rec["h"], axis=1), np.stack(acts_rec, axis=1),
                        np.stack(status_rec, axis=1), np.stack(stance_rec, axis=1), shares, sources)


def binding_share(status: IntArray) -> FloatArray:
    """Share of a run's treaties that bind, per member and year."""
    return np.asarray(np.mean(status == BINDING, axis=-1), dtype=np.float64) if status.shape[-1] else \
        np.zeros(status.shape[:-1])


__all__ = ["ForwardTrace", "binding_share", "code_moves", "misperceive", "react", "run_forward"]
