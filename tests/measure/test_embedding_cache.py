"""The embedding cache: a text is encoded once per machine, cached vectors equal fresh ones bit
for bit, progress is reported for the texts actually encoded, and a cache that cannot be written
changes nothing but speed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stratlab.measure import embedding as emb

TEXTS = ["We value our cooperation.", "Their build-up is a provocation.", "We value our cooperation."]


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STRATLAB_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_second_call_reads_the_cache_not_the_model(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int]] = []
    with emb.progress_to(lambda done, total: calls.append((done, total))):
        first = emb.embed(TEXTS)
    assert calls == [(0, 2), (2, 2)]  # two distinct texts encoded
    assert emb.cache_file().parent == cache and emb.cache_file().exists()

    def no_model() -> None:
        raise AssertionError("the model was loaded although every text is cached")

    monkeypatch.setattr(emb, "load_model", no_model)
    calls.clear()
    with emb.progress_to(lambda done, total: calls.append((done, total))):
        again = emb.embed(list(reversed(TEXTS)))
    assert calls == []
    np.testing.assert_array_equal(again, first[::-1])  # bit-identical vectors
    assert first.shape == (3, emb.DIM) and np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)


def test_unwritable_cache_still_gives_the_same_vectors(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = emb.embed(TEXTS[:2])
    blocker = cache / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("STRATLAB_CACHE_DIR", str(blocker))  # cache_dir() is a file: cannot cache
    np.testing.assert_array_equal(emb.embed(TEXTS[:2]), fresh)
