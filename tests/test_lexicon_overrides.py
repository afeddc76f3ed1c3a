"""A lexicon override in a user rule folder (`--rules U`, file U/lexicons/<name>.yaml) is read
by extraction and by the checks alike."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import yaml

from checker.pipeline import run_pipeline
from checker.resources import lexicons_dir

QUOTE = '"The harbour will reopen on Friday,"'


def test_a_title_added_in_a_user_rule_folder_is_seen_by_extraction_and_role_conflict(
    tmp_path: Path,
) -> None:
    roles = yaml.safe_load((lexicons_dir() / "roles.yaml").read_text(encoding="utf-8"))
    assert "harbourmaster" not in roles["titles"]  # the shipped pack does not know the title
    user = tmp_path / "rules"
    (user / "lexicons").mkdir(parents=True)
    (user / "lexicons" / "roles.yaml").write_text(
        yaml.safe_dump({"titles": [*roles["titles"], "harbourmaster"]}), encoding="utf-8"
    )
    story = tmp_path / "harbour"
    story.mkdir()
    texts = {
        "alpha": f"{QUOTE} said harbourmaster Ola Berg.",
        "beta": f"{QUOTE} harbourmaster Ola Berg told reporters.",
        "gamma": f"Harbourmaster Ola Berg said: {QUOTE}",
        "delta": f"{QUOTE} said former harbourmaster Ola Berg.",
    }
    for outlet, text in texts.items():
        (story / f"{outlet}.txt").write_text(f"---\noutlet: {outlet}\n---\n{text}\n", "utf-8")

    tables = run_pipeline([str(story)], rule_dirs=[user])
    roles_seen = tables["claims"]["speaker_role"].drop_nulls().str.to_lowercase().to_list()
    assert any("harbourmaster" in role for role in roles_seen)  # extraction read the override
    role_findings = tables["findings"].filter(pl.col("check") == "role").to_dicts()
    assert len(role_findings) == 1, tables["findings"]["message"].to_list()
    offending = {e["outlet"] for e in role_findings[0]["evidence"] if e["side"] == "minority"}
    assert offending == {"delta"}


def test_a_bad_matching_setting_is_one_error_naming_the_lexicon(tmp_path: Path) -> None:
    from checker.errors import CheckerError
    from checker.match import MatchSettings

    user = tmp_path / "rules"
    (user / "lexicons").mkdir(parents=True)
    (user / "lexicons" / "matching.yaml").write_text("frame_threshold: lots\n", "utf-8")
    with pytest.raises(CheckerError) as raised:
        MatchSettings.load([user])
    assert "matching.yaml" in raised.value.render()
    assert "frame_threshold" in raised.value.render()
