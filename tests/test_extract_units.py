"""The small pieces of the extract stage: names, normalized text, topics and events, lexicon
errors, and the word-gated matcher that keeps stance and topic matching fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import CheckerError
from checker.extract.names import canonical_key, clean_name
from checker.extract.normalize import normalize
from checker.extract.patterns import KeyedPattern, PhraseIndex
from checker.extract.speakers import load_speaker_words, read_phrase
from checker.extract.stance import load_stance_rules
from checker.extract.tagging import event_of, load_event_tagger, load_topic_tagger, topics_of


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("J.D. Vance", "jd vance"),
        ("JD  Vance", "jd vance"),
        ("José Ramos-Horta", "jose ramos-horta"),
        ("“Steve Witkoff’s”", "steve witkoff"),
        ("Ilario Bendetti", "ilario bendetti"),
    ],
)
def test_canonical_key_matches_spellings_of_one_name(written: str, key: str) -> None:
    assert canonical_key(written) == key


def test_canonical_key_keeps_different_names_apart() -> None:
    assert canonical_key("Ilario Benedetti") != canonical_key("Ilario Bendetti")


def test_clean_name_is_for_display() -> None:
    assert clean_name("  Steve\u00a0 Witkoff’s, ") == "Steve Witkoff"


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("A sixty-day ceasefire", "a 60 day ceasefire"),
        ("the release of ten living hostages", "the release of 10 living hostages"),
        ("more than 57,500 deaths", "more than 57500 deaths"),
        ("from four issues to just one.", "from 4 issues to just 1"),
        ("“Going very well,” he said — twice", "going very well he said twice"),
        ("Shares rose 3.5% on Tuesday", "shares rose 3.5% on tuesday"),
    ],
)
def test_normalize(text: str, norm: str) -> None:
    assert normalize(text) == norm


def test_normalize_unknown_language_keeps_words() -> None:
    assert normalize("Ten hostages", "xx") == "ten hostages"


def test_topics_and_event() -> None:
    topics, events = load_topic_tagger(), load_event_tagger()
    text = "Following a two-hour meeting, Netanyahu said the ceasefire talks would free hostages."
    assert topics_of(text, topics) == ["negotiations", "ceasefire", "hostages"]
    assert event_of(text, events) == "meeting"
    assert event_of("The ferry capsized and 12 people died.", events) == "capsize"
    assert topics_of("Revenue rose 9% to $4.2 billion.", topics) == ["earnings"]
    assert event_of("Nothing happened here.", events) is None


def test_keyed_pattern_prefers_the_earliest_then_longest_entry() -> None:
    pattern = KeyedPattern({"good": ["progress*", "going (very )?well"], "bad": ["no progress"]})
    hits = pattern.hits("No progress yet, but talks are going very well and progressing.")
    assert [(h.key, h.text) for h in hits] == [
        ("bad", "No progress"),
        ("good", "going very well"),
        ("good", "progressing"),
    ]


def test_phrase_index_respects_case_where_asked() -> None:
    index = PhraseIndex({"verb": ["notes", "points out"], "opener": ["though"]}, ["verb"])
    hits = index.hits("Metro Notes says nothing, though she notes and points out a gap.")
    assert [(h.key, h.text) for h in hits] == [
        ("opener", "though"),
        ("verb", "notes"),
        ("verb", "points out"),
    ]


def test_speaker_phrase_reader() -> None:
    words = load_speaker_words()
    envoy = read_phrase("Trump's Middle East envoy", words, whole=True)
    assert (envoy.kind, envoy.role, envoy.definite) == ("role", "Middle East envoy", True)
    cook = read_phrase("Acme CEO Dana Reyes", words, whole=True)
    assert (cook.kind, cook.name, cook.role, cook.title) == (
        "name", "Dana Reyes", "Acme CEO", "chief executive"
    )
    assert read_phrase("This meeting", words, whole=True) is None
    assert read_phrase("Trump and Netanyahu", words, whole=True) is None


def test_a_broken_lexicon_names_its_file(tmp_path: Path) -> None:
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "stance.yaml").write_text("positive: [fine]\nnegators: [not, no]\n")
    with pytest.raises(CheckerError) as raised:
        load_stance_rules([tmp_path])
    assert "stance.yaml" in raised.value.render()
    assert "negators" in raised.value.render()
