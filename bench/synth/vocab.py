"""Loading bench/vocab.yaml, the words and templates the synthetic corpus is made of."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

VOCAB_PATH = Path(__file__).resolve().parents[1] / "vocab.yaml"


@lru_cache(maxsize=4)
def load_vocab(path: Path = VOCAB_PATH) -> dict:
    """The parsed vocabulary (cached: callers must not mutate it)."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
