"""Sentence splitting on the cases in tests/cases/sentences.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.extract.sentences import load_split_rules, split_sentences

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "sentences.yaml").read_text())["cases"]


@pytest.fixture(scope="module")
def rules():
    return load_split_rules()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_splits_like_a_reader(case: dict, rules) -> None:
    spans = split_sentences(case["text"], rules)
    assert [case["text"][a:b] for a, b in spans] == case["sentences"]
