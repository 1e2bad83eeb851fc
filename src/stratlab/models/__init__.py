"""Published models of strategic stability, one per module, as pure vectorized functions.

Models import only NumPy and SciPy (and, for geodesics, geographiclib), never read files, and
take arrays whose leading axis is the ensemble member where they are used in ensembles.
Each module's docstring names its source and what is verified versus reconstructed.
"""
