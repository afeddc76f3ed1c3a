"""Who said it: speaker, role and direct-quote flag on the cases in
tests/cases/attribution.yaml, through the claim builder (sentences, clauses, resolution)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.extract.claims import claim_spans
from checker.extract.config import load_extract_config

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "attribution.yaml").read_text())["cases"]


@pytest.fixture(scope="module")
def config():
    return load_extract_config()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_attribution(case: dict, config) -> None:
    text = case["text"]
    spans = claim_spans(text, config)
    if "claim" in case:
        chosen = [s for s in spans if case["claim"] in text[s.start : s.end]]
        assert len(chosen) == 1, [text[s.start : s.end] for s in spans]
        span = chosen[0]
    else:
        span = spans[-1]
    speaking = span.speaking
    assert (speaking.speaker if speaking else None) == case["speaker"], text[span.start : span.end]
    if "role" in case:
        assert (speaking.role if speaking else None) == case["role"]
    if "speaker_text" in case:
        assert (speaking.text if speaking else None) == case["speaker_text"]
    if "quote" in case:
        assert span.quote is case["quote"]
