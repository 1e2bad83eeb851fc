"""Richardson's linear arms race for N actors: equilibrium, stability, simulation, estimation.

Model, in matrix form (actor ``i`` reacts to actor ``j`` with ``K[i, j]``)::

    dx/dt = K x - diag(a) x + g

For two actors ``K = [[0, k], [l, 0]]``, ``a = (a, b)``, ``g = (g, h)``, which is Richardson's
``dx/dt = k y - a x + g``, ``dy/dt = l x - b y + h``: ``k, l`` defence (reaction) coefficients,
``a, b`` fatigue/expense coefficients, ``g, h`` grievances (may be negative).

Sources (ids for the ``sources`` table; see ``SOURCE_IDS``) and verification status, as in the
shared reference note ``stability-models.md`` §3:

* [richardson-1960] L. F. Richardson, *Arms and Insecurity* (Boxwood/Quadrangle, 1960), ch. II.
  Primary text not read. The two-actor continuous form is verified [V] from a secondary statement
  of it ([scilit-richardson-solution]; [trinity-armsrace], which also gives Case I).
* Equilibrium ``x* = -(K - diag a)^-1 g`` and stability (all eigenvalues of ``K - diag a`` with
  negative real part; for two actors ``ab > kl``) are derived [D] (reference §3.1). The N-actor
  matrix form is our direct generalisation [D].
* Discrete form ``ΔX(n) = d1 Y(n-1) - a1 X(n-1) + g`` [V] ([usma-mmm99-dds1], reference §3.2);
  stable iff the spectral radius of ``I + (K - diag a)`` is below 1 [D]. With ``dt != 1`` the
  discrete form is read as the forward-Euler step of the continuous form [D].
* Exact solution by the matrix exponential of the augmented system [D] (standard linear ODE
  theory).
* Sum form ``d(x+y)/dt = (k-a)(x+y) + (g+h)`` when ``a = b``, ``k = l`` [V]; Richardson's way of
  fitting it to the 1909–1913 budgets (annual increment against the mean of consecutive years)
  is as described in reference §3.3, recalled from Richardson (1960) and Braun's textbook [U].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.linalg import expm

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

SOURCE_IDS = (
    "richardson-1960",
    "scilit-richardson-solution",
    "trinity-armsrace",
    "usma-mmm99-dds1",
)
"""Source ids this module cites (rows the ``sources`` table should hold)."""


def _system(K: ArrayLike, a: ArrayLike) -> FloatArray:
    """``K - diag(a)``, broadcast over leading (member) axes."""
    K_ = np.asarray(K, dtype=np.float64)
    a_ = np.asarray(a, dtype=np.float64)
    if K_.ndim < 2 or K_.shape[-1] != K_.shape[-2]:
        raise ValueError(f"K must be (n, n) or (member, n, n), got shape {K_.shape}")
    n = K_.shape[-1]
    if a_.ndim < 1 or a_.shape[-1] != n:
        raise ValueError(f"a must have {n} actors on its last axis, got shape {a_.shape}")
    return K_ - a_[..., :, None] * np.eye(n)


def _vector(v: ArrayLike, n: int, name: str) -> FloatArray:
    v_ = np.asarray(v, dtype=np.float64)
    if v_.ndim < 1 or v_.shape[-1] != n:
        raise ValueError(f"{name} must have {n} actors on its last axis, got shape {v_.shape}")
    return v_


def equilibrium(K: ArrayLike, a: ArrayLike, g: ArrayLike) -> FloatArray:
    """Equilibrium ``x*`` solving ``(K - diag(a)) x + g = 0`` [D, reference §3.1].

    For two actors this is ``x* = (b g + k h)/(a b - k l)``, ``y* = (a h + l g)/(a b - k l)``.
    ``K`` is ``(n, n)`` or ``(member, n, n)``; ``a`` and ``g`` are ``(n,)`` or ``(member, n)``.
    Members without an isolated equilibrium (``K - diag(a)`` singular, e.g. ``ab = kl``;
    reference case R-2) get NaN rather than an error, so one bad member does not stop an ensemble.
    """
    M = _system(K, a)
    n = M.shape[-1]
    g_ = _vector(g, n, "g")
    batch = np.broadcast_shapes(M.shape[:-2], g_.shape[:-1])
    M = np.broadcast_to(M, (*batch, n, n))
    g_ = np.broadcast_to(g_, (*batch, n))
    singular = np.linalg.matrix_rank(M) < n
    safe = np.where(singular[..., None, None], np.eye(n), M)
    x = np.linalg.solve(safe, -g_[..., None])[..., 0]
    return np.where(singular[..., None], np.nan, x)


def _as_bool(result: BoolArray) -> bool | BoolArray:
    return bool(result) if result.ndim == 0 else result


def is_stable(K: ArrayLike, a: ArrayLike) -> bool | BoolArray:
    """Whether the continuous model's equilibrium is asymptotically stable [D, reference §3.1].

    True iff every eigenvalue of ``K - diag(a)`` has a strictly negative real part; for two
    actors with ``a + b > 0`` that is ``a b > k l``. Returns a bool, or one per member.
    """
    eig = np.linalg.eigvals(_system(K, a))
    return _as_bool(np.all(eig.real < 0.0, axis=-1))


def is_stable_discrete(K: ArrayLike, a: ArrayLike, dt: float = 1.0) -> bool | BoolArray:
    """Stability of the discrete form: spectral radius of ``I + dt (K - diag a)`` below 1.

    Reference §3.2 [D]: stronger than :func:`is_stable` for large coefficients (``a1 > 2`` with
    ``dt = 1`` diverges in oscillation even where the continuous model is stable).
    """
    M = _system(K, a)
    eig = np.linalg.eigvals(np.eye(M.shape[-1]) + dt * M)
    return _as_bool(np.abs(eig).max(axis=-1) < 1.0)


def _steps(years: float, dt: float) -> int:
    if dt <= 0:
        raise ValueError(f"dt must be positive, got {dt}")
    steps = round(years / dt)
    if steps < 0 or not np.isclose(steps * dt, years, rtol=1e-9, atol=1e-12):
        raise ValueError(f"years={years} is not a non-negative whole number of steps dt={dt}")
    return steps


def time_grid(years: float, dt: float = 1.0) -> FloatArray:
    """Times ``0, dt, …, years`` of the time axis that :func:`simulate` returns."""
    return np.asarray(np.arange(_steps(years, dt) + 1) * dt, dtype=np.float64)


def _exact_step(M: FloatArray, g: FloatArray, dt: float) -> tuple[FloatArray, FloatArray]:
    """One exact step ``x(t+dt) = e^{M dt} x(t) + (∫_0^dt e^{M s} ds) g``.

    Uses the exponential of the augmented matrix ``[[M, g], [0, 0]]``, which stays valid when
    ``M`` is singular (no equilibrium) [D].
    """
    n = M.shape[-1]
    batch = np.broadcast_shapes(M.shape[:-2], g.shape[:-1])
    Z = np.zeros((*batch, n + 1, n + 1))
    Z[..., :n, :n] = M
    Z[..., :n, n] = g
    E = np.asarray(expm(Z * dt), dtype=np.float64)
    return E[..., :n, :n], E[..., :n, n]


def simulate(
    K: ArrayLike,
    a: ArrayLike,
    g: ArrayLike,
    x0: ArrayLike,
    years: float,
    dt: float = 1.0,
    method: Literal["discrete", "exact"] = "discrete",
) -> FloatArray:
    """Trajectories of an ensemble, shape ``(member, time, actor)`` on :func:`time_grid`.

    ``K`` is ``(n, n)`` or ``(member, n, n)``; ``a``, ``g``, ``x0`` are ``(n,)`` or
    ``(member, n)``; anything without a member axis is shared by all members.

    * ``method="discrete"``: the difference form of reference §3.2 [V],
      ``x(t+dt) = x(t) + dt (K x(t) - a x(t) + g)``; with ``dt = 1`` exactly
      ``ΔX(n) = d1 Y(n-1) - a1 X(n-1) + g``. Its fixed point is :func:`equilibrium`.
    * ``method="exact"``: the continuous solution sampled at the grid, via the matrix
      exponential [D]; exact up to rounding for any ``dt``.
    """
    M = _system(K, a)
    n = M.shape[-1]
    g_ = _vector(g, n, "g")
    x0_ = _vector(x0, n, "x0")
    batch = np.broadcast_shapes(M.shape[:-2], g_.shape[:-1], x0_.shape[:-1])
    if len(batch) > 1:
        raise ValueError(f"at most one member axis is supported, got batch shape {batch}")
    steps = _steps(years, dt)
    if method == "discrete":
        A, c = np.eye(n) + dt * M, dt * g_
    elif method == "exact":
        A, c = _exact_step(M, g_, dt)
    else:
        raise ValueError(f"method must be 'discrete' or 'exact', got {method!r}")
    members = batch[0] if batch else 1
    out = np.empty((members, steps + 1, n))
    out[:, 0] = x0_
    shared = A.ndim == 2  # one matrix for all members: a single GEMM per step
    for j in range(steps):
        x = out[:, j]
        out[:, j + 1] = (x @ A.T if shared else np.einsum("mij,mj->mi", A, x)) + c
    return out


# --- estimation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SumFormFit:
    """Richardson's sum-form fit ``d(U+V)/dt = slope · ((U+V) - s0)``.

    ``slope`` estimates ``k - a`` (per year); ``s0`` is where the fitted rate crosses zero (the
    level of combined expenditure at which it would stop changing), in the totals' units.
    ``se_*`` are OLS standard errors (``se_s0`` by the delta method); ``r2`` is the regression's
    coefficient of determination; ``n`` the number of increments used.
    """

    slope: float
    s0: float
    se_slope: float
    se_s0: float
    r2: float
    n: int
    method: str
    years: tuple[float, ...]


@dataclass(frozen=True)
class TwoActorFit:
    """Least-squares estimates of Richardson's two-actor model with standard errors.

    ``dx/dt = k y - a x + g``, ``dy/dt = l x - b y + h``; ``r2_x``, ``r2_y`` for the two
    equations; ``n`` increments; ``method`` how increments were paired with levels.
    """

    k: float
    l: float  # noqa: E741 — Richardson's symbol
    a: float
    b: float
    g: float
    h: float
    se_k: float
    se_l: float
    se_a: float
    se_b: float
    se_g: float
    se_h: float
    r2_x: float
    r2_y: float
    n: int
    method: str
    years: tuple[float, ...]

    def system(self) -> tuple[FloatArray, FloatArray, FloatArray]:
        """``(K, a, g)`` for :func:`equilibrium`, :func:`is_stable` and :func:`simulate`."""
        K = np.array([[0.0, self.k], [self.l, 0.0]])
        return K, np.array([self.a, self.b]), np.array([self.g, self.h])


def _ols(X: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray, float]:
    """Coefficients, their covariance ``s² (XᵀX)⁻¹`` and r²; NaN covariance with 0 dof."""
    n, p = X.shape
    if n < p:
        raise ValueError(f"{n} increments cannot determine {p} coefficients")
    coef = np.asarray(np.linalg.lstsq(X, y, rcond=None)[0], dtype=np.float64)
    rss = float(np.sum((y - X @ coef) ** 2))
    tss = float(np.sum((y - y.mean()) ** 2))
    s2 = rss / (n - p) if n > p else np.nan
    cov = np.asarray(s2 * np.linalg.inv(X.T @ X), dtype=np.float64)
    r2 = 1.0 - rss / tss if tss > 0 else np.nan
    return coef, cov, r2


def _delta_se(grad: ArrayLike, cov: FloatArray) -> float:
    gr = np.asarray(grad, dtype=np.float64)
    return float(np.sqrt(gr @ cov @ gr))


def _increments(
    years: ArrayLike, series: ArrayLike, method: str
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Rates ``Δs/Δt`` and the levels they are regressed on, plus the year steps.

    ``midpoint``: mean of consecutive years (Richardson's choice, reference §3.3; a centred
    difference, so the trapezoidal discretisation of the continuous model). ``lagged``: the
    earlier year (the discrete form of reference §3.2).
    """
    t = np.asarray(years, dtype=np.float64)
    s = np.asarray(series, dtype=np.float64)
    if t.ndim != 1 or s.shape[0] != t.shape[0] or t.shape[0] < 2:
        raise ValueError(f"need matching 1-D years and series, got {t.shape} and {s.shape}")
    step = np.diff(t)
    if np.any(step <= 0):
        raise ValueError("years must be strictly increasing")
    shape = (-1,) + (1,) * (s.ndim - 1)
    rate = np.diff(s, axis=0) / step.reshape(shape)
    if method == "midpoint":
        level = 0.5 * (s[1:] + s[:-1])
    elif method == "lagged":
        level = s[:-1]
    else:
        raise ValueError(f"unknown method {method!r}")
    return rate, level, step


def fit_sum_form(
    years: ArrayLike,
    totals: ArrayLike,
    method: Literal["midpoint", "exponential"] = "midpoint",
) -> SumFormFit:
    """Fit Richardson's sum form to the blocs' combined expenditure ``U + V`` by year.

    ``midpoint`` (Richardson's method as given in reference §3.3 [U]): regress the annual
    increment ``Δ(U+V)`` on the mean of consecutive years, ``Δ = slope · mean + c``, so
    ``s0 = -c / slope``. ``exponential`` (reference §3.3 [D]): regress ``S[t+1]`` on ``S[t]``,
    ``S[t+1] = A S[t] + B`` (equal year steps), the exact one-step map of
    ``dS/dt = k (S - s0)``, so ``slope = ln(A)/step`` and ``s0 = B / (1 - A)``.
    """
    if method == "midpoint":
        rate, level, _ = _increments(years, totals, "midpoint")
        X = np.column_stack([level, np.ones_like(level)])
        (slope, c), cov, r2 = _ols(X, rate)
        s0 = -c / slope
        se_slope = float(np.sqrt(cov[0, 0]))
        se_s0 = _delta_se([c / slope**2, -1.0 / slope], cov)
    elif method == "exponential":
        _, _, step = _increments(years, totals, "lagged")
        if not np.allclose(step, step[0]):
            raise ValueError("the exponential method needs equally spaced years")
        s = np.asarray(totals, dtype=np.float64)
        X = np.column_stack([s[:-1], np.ones(len(s) - 1)])
        (A, B), cov, r2 = _ols(X, s[1:])
        if A <= 0:
            raise ValueError(f"fitted one-step multiplier {A:.4g} <= 0 has no logarithm")
        slope = np.log(A) / step[0]
        s0 = B / (1.0 - A)
        se_slope = float(np.sqrt(cov[0, 0]) / (A * step[0]))  # delta method on ln(A)/step
        se_s0 = _delta_se([B / (1.0 - A) ** 2, 1.0 / (1.0 - A)], cov)
    else:
        raise ValueError(f"method must be 'midpoint' or 'exponential', got {method!r}")
    return SumFormFit(
        slope=float(slope),
        s0=float(s0),
        se_slope=se_slope,
        se_s0=se_s0,
        r2=r2,
        n=len(X),
        method=method,
        years=tuple(float(y) for y in np.asarray(years, dtype=np.float64)),
    )


def fit_two_actor(
    years: ArrayLike,
    x: ArrayLike,
    y: ArrayLike,
    method: Literal["midpoint", "lagged"] = "midpoint",
) -> TwoActorFit:
    """Least-squares fit of ``dx/dt = k y - a x + g``, ``dy/dt = l x - b y + h`` to two series.

    Each equation is one OLS regression of the yearly rate on the two levels and a constant.
    ``midpoint`` pairs each increment with the mean of its two years (Richardson's practice for
    the sum form, reference §3.3); ``lagged`` with the earlier year, which is the discrete form
    of reference §3.2 [V] exactly. Needs at least four increments for standard errors.
    Estimator and errors are ours [D]; Richardson fitted only the sum form.
    """
    rate, level, _ = _increments(years, np.column_stack([x, y]), method)
    ones = np.ones(len(rate))
    # x equation: rate_x = k y - a x + g; y equation: rate_y = l x - b y + h.
    (k, neg_a, g), cov_x, r2_x = _ols(np.column_stack([level[:, 1], level[:, 0], ones]), rate[:, 0])
    (l, neg_b, h), cov_y, r2_y = _ols(  # noqa: E741 — Richardson's symbol
        np.column_stack([level[:, 0], level[:, 1], ones]), rate[:, 1]
    )
    se_x, se_y = np.sqrt(np.diag(cov_x)), np.sqrt(np.diag(cov_y))
    return TwoActorFit(
        k=float(k), l=float(l), a=float(-neg_a), b=float(-neg_b), g=float(g), h=float(h),
        se_k=float(se_x[0]), se_l=float(se_y[0]), se_a=float(se_x[1]), se_b=float(se_y[1]),
        se_g=float(se_x[2]), se_h=float(se_y[2]),
        r2_x=r2_x, r2_y=r2_y, n=len(rate), method=method,
        years=tuple(float(t) for t in np.asarray(years, dtype=np.float64)),
    )
