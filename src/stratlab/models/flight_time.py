"""Flight time and warning time: minimum-energy ballistic free flight, cruise flight, distances.

Source: the two-body minimum-energy ballistic relations of Bate, Mueller & White, *Fundamentals of
Astrodynamics* (1971), ch. 6 "Ballistic missile trajectories", as stated in shared reference note
``stability-models.md`` §4.2 (optimal flight-path angle, burnout speed, semi-major axis and the
Lagrange flight-time expression for the minimum-energy case).

Verified: the §4.2 relations reproduce the note's [D] regression table (itself cross-checked there by
Kepler propagation), and ``tests/models/test_flight_time.py`` checks flight time, range angle, burnout
speed, flight-path angle and apogee against an independent numerical integration of the two-body
equations (``scipy.integrate.solve_ivp``) over 300–12,000 km.
Derived here (not in the note): the apogee expression ``r (sin Φ/2 + cos Φ/2 - 1) / 2`` (from the
minimum-energy ellipse, whose empty focus lies at the chord midpoint) and the cancellation-free
rewrite of the flight-time bracket; both are checked by the integration test.
Not modelled: powered (boost) flight, Earth rotation and oblateness, atmosphere, depressed or lofted
trajectories, hypersonic glide; see ``docs/theory/flight_time.md``.

Assumptions: spherical, non-rotating Earth of radius ``earth_radius_km``; burnout and re-entry at
that radius; free flight only (add boost time separately, e.g. through ``warning_time``).
"""

from __future__ import annotations

import math

import numpy as np
from geographiclib.geodesic import Geodesic
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

#: Geocentric gravitational constant GM of WGS 84, km³/s² (3986004.418e8 m³/s², the 1994 revision
#: of GM including the atmosphere; NIMA TR8350.2, 3rd ed., 2000, as recorded in EPSG:7030's remarks,
#: https://epsg.io/7030-ellipsoid). Also the value used for the reference note's §4.2 table.
MU_EARTH_KM3_S2 = 398600.4418

#: IUGG mean Earth radius R1 = (2a + b)/3 of the GRS 80 ellipsoid, km (6371008.7714 m; H. Moritz,
#: "Geodetic Reference System 1980", Bulletin Géodésique 54 (1980), repr. J. Geodesy 74 (2000)
#: 128-133; parameter table at http://geodis.dgfi.badw.de/index.php?id=71). WGS 84 shares a with
#: GRS 80 and differs only in 1/f (298.257223563 vs 298.257222101; EPSG:7030, EPSG:7019), which
#: moves R1 by less than 0.1 mm. The reference note's §4.2 table rounds it to 6371 km.
EARTH_MEAN_RADIUS_KM = 6371.0087714

#: Sea-level speed of sound of the standard atmosphere, km/h: a0 = sqrt(γ R* T0 / M0) with γ = 1.4,
#: R* = 8.31432 J/(mol K), T0 = 288.15 K, M0 = 28.9644 kg/kmol (U.S. Standard Atmosphere 1976 /
#: ICAO Doc 7488/2 constants as tabulated at http://crnslab.org/util/atmo.php) = 340.294 m/s.
#: Mach numbers of missiles at altitude refer to a lower speed of sound (≈ 295 m/s at the
#: 216.65 K of the standard tropopause, same formula); pass ``speed_of_sound_kmh`` for another.
SPEED_OF_SOUND_SEA_LEVEL_KMH = 3.6 * math.sqrt(1.4 * 8.31432 * 288.15 / 28.9644e-3)


def _range_angle(range_km: ArrayLike, earth_radius_km: float) -> FloatArray:
    """Φ = R / R_E after checking 0 ≤ R ≤ π R_E (the minimum-energy relations hold only there)."""
    ground = np.asarray(range_km, dtype=np.float64)
    if earth_radius_km <= 0 or not math.isfinite(earth_radius_km):
        raise ValueError(f"earth_radius_km={earth_radius_km!r}: expected a positive finite number")
    half = math.pi * earth_radius_km
    bad = ~np.isfinite(ground) | (ground < 0) | (ground > half)
    if np.any(bad):
        first = float(ground[bad].flat[0])
        raise ValueError(
            f"range_km={first!r}: expected 0 ≤ range ≤ {half:.1f} km (half the Earth's circumference)"
        )
    return ground / earth_radius_km


def _check_mu(mu: float) -> None:
    if mu <= 0 or not math.isfinite(mu):
        raise ValueError(f"mu={mu!r}: expected a positive finite number (km³/s²)")


def min_energy_flight_path_angle(
    range_km: ArrayLike, *, earth_radius_km: float = EARTH_MEAN_RADIUS_KM
) -> FloatArray:
    """Optimal burnout flight-path angle above the local horizontal, radians: γ* = (π − Φ)/4.

    Bate, Mueller & White (1971) ch. 6; reference note §4.2 (γ* equation).
    """
    Phi = _range_angle(range_km, earth_radius_km)
    return np.asarray((np.pi - Phi) / 4.0, dtype=np.float64)


def min_energy_burnout_speed(
    range_km: ArrayLike,
    *,
    earth_radius_km: float = EARTH_MEAN_RADIUS_KM,
    mu: float = MU_EARTH_KM3_S2,
) -> FloatArray:
    """Burnout speed of the minimum-energy trajectory, km/s.

    v² = (2μ/r) sin(Φ/2) / (1 + sin(Φ/2)), burnout at r = R_E.
    Bate, Mueller & White (1971) ch. 6; reference note §4.2 (burnout-speed equation).
    """
    _check_mu(mu)
    s = np.sin(_range_angle(range_km, earth_radius_km) / 2.0)
    return np.asarray(np.sqrt(2.0 * mu / earth_radius_km * s / (1.0 + s)), dtype=np.float64)


def min_energy_semi_major_axis(
    range_km: ArrayLike, *, earth_radius_km: float = EARTH_MEAN_RADIUS_KM
) -> FloatArray:
    """Semi-major axis of the minimum-energy ellipse, km: a = (r/2)[1 + sin(Φ/2)].

    Reference note §4.2 (semi-major-axis equation); 2a equals the semi-perimeter of the triangle
    formed by the Earth's centre and the two end points (Lambert).
    """
    s = np.sin(_range_angle(range_km, earth_radius_km) / 2.0)
    return np.asarray(earth_radius_km / 2.0 * (1.0 + s), dtype=np.float64)


def min_energy_apogee_altitude(
    range_km: ArrayLike, *, earth_radius_km: float = EARTH_MEAN_RADIUS_KM
) -> FloatArray:
    """Apogee altitude above the surface of the minimum-energy trajectory, km.

    h = r [sin(Φ/2) + cos(Φ/2) − 1] / 2. Derived [D]: the empty focus of the minimum-energy ellipse
    is the chord midpoint, so 2ae = r cos(Φ/2) and r_a = a(1 + e). Matches the reference note's §4.2
    apogee column and the integration test.
    """
    half = _range_angle(range_km, earth_radius_km) / 2.0
    return np.asarray(earth_radius_km * (np.sin(half) + np.cos(half) - 1.0) / 2.0, dtype=np.float64)


def min_energy_flight_time(
    range_km: ArrayLike,
    *,
    earth_radius_km: float = EARTH_MEAN_RADIUS_KM,
    mu: float = MU_EARTH_KM3_S2,
) -> FloatArray:
    """Free-flight time of the minimum-energy ballistic trajectory, seconds (any array shape).

    Lagrange's time-of-flight equation for the minimum-energy ellipse (α = π), reference note §4.2,
    after Bate, Mueller & White (1971) ch. 5-6:

        t = sqrt(a³/μ) [π − β + sin β],   sin(β/2) = sqrt((1 − sin(Φ/2)) / (1 + sin(Φ/2))).

    Evaluated as t = sqrt(a³/μ) (δ + sin δ) with δ = π − β = 2·atan2(sqrt(2 s), sqrt(1 − s)),
    s = sin(Φ/2) — the same quantity (cos²(δ/2) = sin²(β/2)) without the cancellation of π − β as
    R → 0. Valid for 0 ≤ R ≤ π R_E; R = 0 gives 0 and R = π R_E half a grazing circular orbit.
    Boost, rotation, atmosphere and non-minimum-energy trajectories are not included.
    """
    _check_mu(mu)
    s = np.sin(_range_angle(range_km, earth_radius_km) / 2.0)
    a = earth_radius_km / 2.0 * (1.0 + s)
    delta = 2.0 * np.arctan2(np.sqrt(2.0 * s), np.sqrt(1.0 - s))
    return np.asarray(np.sqrt(a**3 / mu) * (delta + np.sin(delta)), dtype=np.float64)


def cruise_flight_time(
    range_km: ArrayLike,
    speed_kmh: ArrayLike | None = None,
    *,
    mach: ArrayLike | None = None,
    speed_of_sound_kmh: float = SPEED_OF_SOUND_SEA_LEVEL_KMH,
) -> FloatArray:
    """Time to fly ``range_km`` at constant speed, seconds: t = 3600 R / v.

    Give exactly one of ``speed_kmh`` or ``mach`` (converted with ``speed_of_sound_kmh``, default
    the sea-level standard atmosphere). Elementary kinematics; ignores climb, routing and wind.
    """
    if (speed_kmh is None) == (mach is None):
        raise ValueError("give exactly one of speed_kmh or mach")
    R = np.asarray(range_km, dtype=np.float64)
    if np.any(~np.isfinite(R) | (R < 0)):
        raise ValueError("range_km: expected finite values ≥ 0")
    if mach is not None:
        v = np.asarray(mach, dtype=np.float64) * speed_of_sound_kmh
    else:
        v = np.asarray(speed_kmh, dtype=np.float64)
    if np.any(~np.isfinite(v) | (v <= 0)):
        raise ValueError("speed: expected finite values > 0")
    return np.asarray(3600.0 * R / v, dtype=np.float64)


def haversine_km(
    lat1: ArrayLike,
    lon1: ArrayLike,
    lat2: ArrayLike,
    lon2: ArrayLike,
    *,
    earth_radius_km: float = EARTH_MEAN_RADIUS_KM,
) -> FloatArray:
    """Great-circle distance on a sphere, km (haversine formula; degrees in, broadcast).

    Consistent with the spherical Earth of ``min_energy_flight_time``: R / earth_radius_km is the
    central angle Φ those relations use.
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64))
    h = np.sin((p2 - p1) / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2.0) ** 2
    return np.asarray(2.0 * earth_radius_km * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))), dtype=np.float64)


def _geodesic_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return float(Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"])


_geodesic_vec = np.vectorize(_geodesic_m, otypes=[np.float64])


def great_circle_km(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> FloatArray:
    """Shortest (geodesic) distance on the WGS 84 ellipsoid, km (degrees in, broadcast).

    Karney's algorithm (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55)
    via ``geographiclib``, accurate to round-off. Cost: one Python-level ``Geodesic.Inverse`` call
    per element through ``np.vectorize`` (about 60 µs each measured here), so fine for posture
    tables (thousands of pairs), slow for millions — use ``haversine_km`` there.
    """
    return np.asarray(_geodesic_vec(lat1, lon1, lat2, lon2) / 1000.0, dtype=np.float64)


def warning_time(
    range_km: ArrayLike,
    *,
    boost_time_s: ArrayLike = 0.0,
    detection_delay_s: ArrayLike = 0.0,
    decision_delay_s: ArrayLike = 0.0,
    cruise_speed_kmh: ArrayLike | None = None,
    earth_radius_km: float = EARTH_MEAN_RADIUS_KM,
    mu: float = MU_EARTH_KM3_S2,
) -> FloatArray:
    """Warning time left to the defender, seconds, never below 0.

    time to impact = ``boost_time_s`` + minimum-energy free flight (or, if ``cruise_speed_kmh`` is
    given, cruise time at that speed, with no boost); warning time = time to impact −
    ``detection_delay_s`` (launch until the defender has a warning) − ``decision_delay_s`` (time the
    defender's own process consumes before it can act). All three delays default to 0: the reference
    note gives no sourced values (it lists boost-phase durations as uncertain, §6), so any non-zero
    value is the user's assumption. Minimum energy is an upper bound on ballistic warning time only
    for a given trajectory family: a depressed trajectory is faster (reference note §4.3).
    """
    if cruise_speed_kmh is None:
        t = np.asarray(boost_time_s, dtype=np.float64) + min_energy_flight_time(
            range_km, earth_radius_km=earth_radius_km, mu=mu
        )
    else:
        t = cruise_flight_time(range_km, cruise_speed_kmh)
    delay = np.asarray(detection_delay_s, dtype=np.float64) + np.asarray(decision_delay_s, dtype=np.float64)
    return np.asarray(np.maximum(t - delay, 0.0), dtype=np.float64)


def warning_time_between(
    launch_lat: ArrayLike,
    launch_lon: ArrayLike,
    target_lat: ArrayLike,
    target_lon: ArrayLike,
    **kwargs: float,
) -> FloatArray:
    """``warning_time`` for launch points → targets given in degrees (WGS 84 geodesic distance).

    The ellipsoidal distance is fed to the spherical model. It differs from the arc on the model's
    sphere by ≈ 0.56 % at most in a random sample (the tests hold it under 1 %), less than the
    boost and trajectory-shape terms the model leaves out.
    """
    R = great_circle_km(launch_lat, launch_lon, target_lat, target_lon)
    return warning_time(R, **kwargs)


__all__ = [
    "EARTH_MEAN_RADIUS_KM",
    "MU_EARTH_KM3_S2",
    "SPEED_OF_SOUND_SEA_LEVEL_KMH",
    "cruise_flight_time",
    "great_circle_km",
    "haversine_km",
    "min_energy_apogee_altitude",
    "min_energy_burnout_speed",
    "min_energy_flight_path_angle",
    "min_energy_flight_time",
    "min_energy_semi_major_axis",
    "warning_time",
    "warning_time_between",
]
