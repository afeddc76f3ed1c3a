"""The rule pack of a run: one set of folders, resolved once, read by every stage."""

from __future__ import annotations

from pathlib import Path

import pytest

import checker.extract as extract_package
import checker.extract.config as extract_config
import checker.match as match_module
from checker.extract.config import ExtractConfig
from checker.match import MatchSettings
from checker.pipeline import run_pipeline
from checker.resources import rules_dir, seeds_dir
from checker.rulepack import RulePack
from checker.ruleset.config import Config


def test_every_stage_reads_the_same_folders_shipped_pack_first(tmp_path: Path) -> None:
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "matching.yaml").write_text("threshold: 93\n", encoding="utf-8")
    pack = RulePack.load([tmp_path], config=Config())
    assert pack.lexicon_dirs == (rules_dir(), tmp_path)
    assert {rule.lexicon_dirs for rule in pack.rules} == {pack.lexicon_dirs}
    assert pack.match_settings.threshold == 93  # the user's folder overrides the shipped 70
    assert pack.match_settings is pack.match_settings  # resolved once
    assert pack.extract_config is pack.extract_config


def test_a_run_hands_the_one_pack_to_extract_and_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "matching.yaml").write_text("threshold: 93\n", encoding="utf-8")
    seen: dict[str, object] = {}
    loads = {"extract": 0}
    real_extract, real_match = extract_package.extract, match_module.match
    real_load = extract_config.load_extract_config

    def extract(documents, rule_dirs=(), advance=None, config=None):
        seen["extract"] = config
        return real_extract(documents, rule_dirs, advance, config)

    def match(claims, quantities, documents, rule_dirs=(), settings=None, times=None):
        seen["match"] = settings
        return real_match(claims, quantities, documents, rule_dirs, settings, times)

    def load_extract_config(rule_dirs=()):
        loads["extract"] += 1
        return real_load(rule_dirs)

    monkeypatch.setattr(extract_package, "extract", extract)
    monkeypatch.setattr(match_module, "match", match)
    monkeypatch.setattr(extract_config, "load_extract_config", load_extract_config)
    tables = run_pipeline([str(seeds_dir())], rule_dirs=[tmp_path])
    assert tables["findings"].height > 0
    assert isinstance(seen["extract"], ExtractConfig) and loads == {"extract": 1}
    assert isinstance(seen["match"], MatchSettings) and seen["match"].threshold == 93
