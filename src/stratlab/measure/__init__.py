"""Perception measured from data: event files (GDELT 1.0/2.0, the ICEWS layout) and texts.

This layer may read files and uses pandas; it feeds plain series to ``stratlab.models``.
"""
