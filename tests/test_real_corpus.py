"""The real-coverage corpus (tests/corpus/real): its shape, its labels, and the ratchet that
keeps accuracy from falling below the figures recorded in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.accuracy import (
    REAL_CORPUS,
    load_labels,
    normalise,
    outlet_count,
    read_readme_table,
    score_corpus,
    story_dirs,
)

STORIES = story_dirs(REAL_CORPUS)
RATCHET = 0.05  # how far a figure may fall below the README's before the suite fails


def articles(story_dir: Path) -> dict[Path, tuple[dict, str]]:
    """Each article file's front matter and body."""
    parsed = {}
    for path in sorted(story_dir.glob("*.txt")):
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        parsed[path] = (yaml.safe_load(head), body)
    return parsed


def test_the_corpus_has_eight_stories_from_six_domains() -> None:
    domains = {load_labels(d / "expected.yaml").domain for d in STORIES}
    assert len(STORIES) >= 8
    assert len(domains) >= 6, domains


@pytest.mark.parametrize("story_dir", STORIES, ids=lambda p: p.name)
def test_each_story_has_twelve_outlets_with_urls(story_dir: Path) -> None:
    assert outlet_count(story_dir) >= 12
    for path, (meta, body) in articles(story_dir).items():
        assert meta["outlet"] and meta["url"].startswith("http"), path
        assert meta["story"] == story_dir.name, path
        assert body.strip(), path


@pytest.mark.parametrize("story_dir", STORIES, ids=lambda p: p.name)
def test_every_labelled_value_is_written_by_the_outlets_it_names(story_dir: Path) -> None:
    """A label is only as good as its sides: each outlet listed for a value writes it."""
    text_by_outlet: dict[str, str] = {}
    for meta, body in articles(story_dir).values():
        outlet = str(meta["outlet"]).lower()
        text_by_outlet[outlet] = text_by_outlet.get(outlet, "") + normalise(body)
    labels = load_labels(story_dir / "expected.yaml")
    wrong = [
        f"{label.id}: {outlet} does not write {side.value!r}"
        for label in (*labels.discrepancies, *labels.traps)
        for side in label.sides
        for outlet in sorted(side.outlets)
        if not any(w in text_by_outlet.get(outlet, "") for w in side.written)
    ]
    assert not wrong


@pytest.fixture(scope="module")
def scores():
    return score_corpus(REAL_CORPUS)


def test_accuracy_does_not_fall_below_the_readme(scores) -> None:
    """A ratchet, not a target: recall and precision per story and overall stay within five
    points of the README's table (update it with `python -m bench.accuracy --update-readme`)."""
    stories, total = scores
    recorded = read_readme_table()
    assert set(recorded) == {s.story for s in stories} | {"all"}, "README table out of date"
    fallen = [
        f"{s.story}: {name} {now:.2f} < recorded {before:.2f}"
        for s in [*stories, total]
        for name, now, before in (
            ("recall", s.recall, recorded[s.story][0]),
            ("precision", s.precision, recorded[s.story][1]),
        )
        if now < before - RATCHET
    ]
    assert not fallen


def test_findings_do_not_depend_on_the_path_the_articles_are_read_from(tmp_path: Path) -> None:
    from checker.errors import Problems
    from checker.pipeline import run_pipeline

    direct = [str(d) for d in STORIES]
    linked = []
    for story_dir in STORIES:
        link = tmp_path / story_dir.name
        link.symlink_to(story_dir, target_is_directory=True)
        linked.append(str(link))

    def said(sources: list[str]) -> list[tuple[str, str]]:
        findings = run_pipeline(sources, problems=Problems())["findings"]
        return sorted(findings.select("finding_id", "message").rows())

    assert said(linked) == said(direct)
