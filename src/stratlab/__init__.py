"""stratlab: an open laboratory for strategic stability.

Cited data (``stratlab.data``), validated models (``stratlab.models``), perception measurement,
simulation and exploration. See the README for a tour.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
