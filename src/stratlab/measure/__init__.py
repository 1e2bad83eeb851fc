"""Perception measured from data: speeches, UN votes, event files (GDELT, WEIS, COPDAB, ICEWS layout).

This layer may read files and uses pandas; it feeds plain series to ``stratlab.models``.
"""

# Perception from UN General Debate speeches (stratlab.measure.speeches), and the latent index
# over speeches, UN votes and event data (stratlab.measure.latent).
from stratlab.measure.latent import latent_fit as latent_fit
from stratlab.measure.latent import latent_index as latent_index
from stratlab.measure.references import ALIASES as ALIASES
from stratlab.measure.references import Alias as Alias
from stratlab.measure.references import AliasSet as AliasSet
from stratlab.measure.references import PerceptionError as PerceptionError
from stratlab.measure.speeches import evidence as evidence
from stratlab.measure.speeches import perception_index as perception_index
from stratlab.measure.speeches import perception_panel as perception_panel
