"""Representative points of basing areas and homelands, for the reach of a force component.

How the points were chosen: a *homeland* is represented by its capital plus the cities at its
extremities that matter for reach from the other side (continental US: Washington and Seattle;
European USSR/Russia: Moscow and Kaliningrad, the westernmost RSFSR city; Asian Russia:
Novosibirsk and Vladivostok; China: Beijing and the "centre point of Asia" monument near Ürümqi
in Xinjiang). A *forward basing area* (a host country) is represented by its capital — for West
Germany, Bonn, its capital 1949–1990; ``EUR`` (a row spread over several Western European hosts)
by the capitals of the Western European basing areas of this table (West Germany, UK, Italy,
Belgium, the Netherlands). ``deployed_in`` codes are those of the ``forces`` table
(FORCES_SCHEMA: ISO3 host countries, ``RUS-west``/``RUS-east``, the country code for a homeland;
``sea`` has no point). Coordinates are decimal degrees rounded to 0.01°, each read from the page
named beside it (accessed 2026-12-02): the infoboxes of Wikipedia articles and their mirrors, or a
gazetteer page; a 0.01° error moves a point by about 1 km, far below the ranges compared.

This is a reconstruction for reach (docs/theory/first_strike.md, "Reach"): a component reaches a
homeland if its range covers the geodesic distance from some point of its basing area to some
point of that homeland.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    """A named point (degrees north, degrees east) and the page its coordinates were read from."""

    name: str
    lat: float
    lon: float
    url: str


WASHINGTON = Point("Washington, D.C.", 38.89, -77.04, "https://editions.covecollective.org/place/washington-dc")
SEATTLE = Point("Seattle", 47.61, -122.33, "http://piglix.com/piglix/Seattle_Washington")
MOSCOW = Point("Moscow", 55.76, 37.62, "https://scienceanswers.live/moscow-coordinates")
KALININGRAD = Point("Kaliningrad", 54.71, 20.51, "https://www.dinotruck.com/europe/kaliningrad/")
NOVOSIBIRSK = Point("Novosibirsk", 55.02, 82.93, "http://worldwizzy.com/library/Novosibirsk")
VLADIVOSTOK = Point("Vladivostok", 43.12, 131.89, "https://review.clateway.com/wiki/view_html.php?q=Vladivostok")
BEIJING = Point("Beijing", 39.90, 116.41, "https://www.countrycoordinate.com/city-beijing-china/")
URUMQI = Point("Ürümqi (centre point of Asia monument)", 43.68, 87.33, "http://jbc-travel.com/urumqi-2/")
HAVANA = Point("Havana", 23.14, -82.36, "https://vi0.me/wiki/Havana?lang=simple")
BONN = Point("Bonn", 50.73, 7.10, "http://sco.wikipedia.org/wiki/Bonn")
LONDON = Point("London", 51.51, -0.13, "http://www.branze.com/London")
ROME = Point("Rome", 41.90, 12.50, "http://piglix.com/piglix/Rome")
ANKARA = Point("Ankara", 39.93, 32.85, "https://simple.wikipedia.org./wiki/Ankara")
BRUSSELS = Point("Brussels", 50.85, 4.35, "https://wiki.kidzsearch.com/wiki/City_of_Brussels")
AMSTERDAM = Point("Amsterdam", 52.37, 4.90, "https://freesourcelibrary.com/amsterdam-canals-to-culture")
MANILA = Point("Manila", 14.58, 120.97, "https://sco.wikipedia.org/wiki/Manila")

AREAS: dict[str, tuple[Point, ...]] = {
    "USA": (WASHINGTON, SEATTLE),
    "RUS-west": (MOSCOW, KALININGRAD),
    "RUS-east": (NOVOSIBIRSK, VLADIVOSTOK),
    "RUS": (MOSCOW, KALININGRAD, NOVOSIBIRSK, VLADIVOSTOK),
    "CHN": (BEIJING, URUMQI),
    "CUB": (HAVANA,),
    "DEU": (BONN,),
    "GBR": (LONDON,),
    "ITA": (ROME,),
    "TUR": (ANKARA,),
    "BEL": (BRUSSELS,),
    "NLD": (AMSTERDAM,),
    "PHL": (MANILA,),
    "EUR": (BONN, LONDON, ROME, BRUSSELS, AMSTERDAM),
}
"""``deployed_in`` code → representative points of that area."""

SEA = "sea"
"""``deployed_in`` of SLBMs and SLCMs at sea: no fixed point (see :func:`homeland`)."""


def homeland(country: str) -> tuple[Point, ...]:
    """Points of a country's homeland (the target of central deterrence)."""
    if country not in AREAS:
        raise KeyError(f"no homeland points for {country!r} (known: {', '.join(sorted(AREAS))})")
    return AREAS[country]


def area(code: str) -> tuple[Point, ...]:
    """Points of a ``deployed_in`` area; ``KeyError`` (naming the code) for an unknown one."""
    if code not in AREAS:
        raise KeyError(f"deployed_in {code!r} has no representative point (known: "
                       f"{', '.join(sorted(AREAS))}, {SEA})")
    return AREAS[code]


__all__ = ["AREAS", "SEA", "Point", "area", "homeland"]
