"""Stance, negation and hedging on the cases in tests/cases/stance.yaml, scored on the claim
the pipeline builds (so a sentence with two speakers is scored clause by clause)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.extract.claims import claim_spans
from checker.extract.config import load_extract_config
from checker.extract.stance import score_stance

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "stance.yaml").read_text())["cases"]


@pytest.fixture(scope="module")
def config():
    return load_extract_config()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_stance(case: dict, config) -> None:
    text = case["text"]
    claims = [text[s.start : s.end] for s in claim_spans(text, config)]
    if "claim" in case:
        chosen = [c for c in claims if case["claim"] in c]
        assert len(chosen) == 1, claims
        claim = chosen[0]
    else:
        claim = claims[-1]
    stance = score_stance(claim, config.stance)
    assert (stance.stance, stance.negated, stance.hedged) == (
        case["stance"],
        case["negated"],
        case["hedged"],
    ), stance
    if "cue" in case:
        assert stance.cue == case["cue"]
