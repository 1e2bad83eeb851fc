"""Perception from UN speeches: all P5 source → target pairs (20), both methods, from cold caches.

Budgets (issue): lexicon over all pairs < 30 s, embedding < 10 min on a 2-core CPU machine.
Reading the ``speeches`` table from the catalog is done first and not timed; the per-speech caches
(normalised text, sentence and alias matches) are cleared before each timed run, so each figure
includes text preparation. The embedding model's load is timed separately from scoring.
"""

from __future__ import annotations

import time

from stratlab.measure import embedding, references, speeches


def _cold() -> None:
    speeches._prepare.cache_clear()
    references._matches.cache_clear()


def _timed_panel(method: str, **kw: object) -> tuple[float, int]:
    _cold()
    start = time.perf_counter()
    panel = speeches.perception_panel(method=method, n_boot=1000, **kw)  # type: ignore[arg-type]
    return time.perf_counter() - start, int(panel["n_contexts"].sum())


def main() -> list[dict[str, object]]:
    speeches.load_corpus()
    rows: list[dict[str, object]] = []
    seconds, contexts = _timed_panel("lexicon")
    rows.append({"name": "lexicon, all 20 P5 pairs, 1946-2024", "value": seconds, "unit": "s",
                 "budget": 30.0, "contexts": contexts})
    rows.append({"name": "lexicon throughput", "value": contexts / seconds, "unit": "contexts/s"})
    start = time.perf_counter()
    embedding.load_model()
    embedding.anchor_direction()
    rows.append({"name": "embedding model load (offline)", "value": time.perf_counter() - start, "unit": "s"})
    seconds, contexts = _timed_panel("embedding", sources=["RUS"], targets=["USA"])
    rows.append(
        {"name": "embedding, RUS->USA, 1946-2024", "value": seconds, "unit": "s", "contexts": contexts}
    )
    seconds, contexts = _timed_panel("embedding")
    rows.append({"name": "embedding, all 20 P5 pairs, 1946-2024", "value": seconds, "unit": "s",
                 "budget": 600.0, "contexts": contexts})
    rows.append({"name": "embedding throughput", "value": contexts / seconds, "unit": "contexts/s"})
    return rows


if __name__ == "__main__":
    for row in main():
        print(row)
