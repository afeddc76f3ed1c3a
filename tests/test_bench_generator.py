"""The synthetic corpus generator (bench/): deterministic, the requested sizes, and every planted
discrepancy really present in its minority outlets and absent from the others."""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import defaultdict

import pytest
import yaml
from rapidfuzz import fuzz
from text_to_num import text2num

from bench.generate import main as generate_main
from bench.synth.corpus import generate_corpus
from checker.errors import Problems
from checker.ingest import ingest

STORIES, ARTICLES, SEED = 42, 10, 5
CHECKS = {"quantity", "duration", "spelling", "attribution", "role", "date", "stance"}
DOMAINS = {"disaster", "diplomacy", "earnings", "election", "sports", "protest"}


@pytest.fixture(scope="module")
def corpus() -> tuple[list[dict], list[dict]]:
    return generate_corpus(STORIES, ARTICLES, SEED)


@pytest.fixture(scope="module")
def texts(corpus) -> dict[tuple[str, str], str]:
    docs, _ = corpus
    return {(doc["story"], doc["outlet"]): doc["text"] for doc in docs}


def _majority_texts(docs: list[dict], truth: list[dict], entry: dict) -> list[str]:
    """Articles of the story that no planted discrepancy touches (the agreeing majority)."""
    planted = {o for t in truth if t["story"] == entry["story"] for o in t["outlets"]}
    return [d["text"] for d in docs if d["story"] == entry["story"] and d["outlet"] not in planted]


# --- independent readers of written numbers, so the test does not reuse the generator's code ---

def _number(token: str) -> float:
    token = token.replace(",", "")
    if token in ("a", "an"):
        return 1.0
    try:
        return float(token)
    except ValueError:
        return float(text2num(token, "en"))


_DURATION = re.compile(r"([\d.]+|[a-z]+(?:-[a-z]+)?)( and a half)?[ -](minute|hour|day)s?\b")
_UNIT_MINUTES = {"minute": 1, "hour": 60, "day": 1440}


def _minutes(text: str) -> float:
    """'two and a half hours' -> 150, 'an hour and 15 minutes' -> 75, 'an 18-hour' -> 1080."""
    text = text.lower().replace("hour-long", "1-hour")
    total = 0.0
    for number, half, unit in _DURATION.findall(text):
        total += (_number(number) + (0.5 if half else 0)) * _UNIT_MINUTES[unit]
    if re.search(r"hours? and a half", text):
        total += 30
    return total


def _quantity(text: str) -> float:
    """'about 1,010' -> 1010, '$4.2bn' -> 4.2e9, '61.5 per cent' -> 61.5, 'three issues' -> 3."""
    lowered = text.lower()
    for token in re.findall(r"[\d][\d,]*(?:\.\d+)?|[a-z]+(?:-[a-z]+)?", lowered):
        try:
            value = _number(token)
        except ValueError:
            continue
        if re.search(r"\d\s*(billion|bn)\b", lowered):
            return value * 1e9
        if re.search(r"\d\s*(million|m)\b", lowered):
            return value * 1e6
        return value
    raise AssertionError(f"no number in {text!r}")


# --- determinism and sizes ---

def test_same_seed_gives_the_same_corpus_and_another_seed_does_not(corpus):
    assert generate_corpus(STORIES, ARTICLES, SEED) == corpus
    other_docs, _ = generate_corpus(STORIES, ARTICLES, SEED + 1)
    assert [d["text"] for d in other_docs] != [d["text"] for d in corpus[0]]


def test_a_story_does_not_depend_on_how_many_stories_are_generated(corpus):
    docs, truth = generate_corpus(5, ARTICLES, SEED)
    assert docs == corpus[0][: len(docs)]
    assert truth == [t for t in corpus[1] if t["story"] in {d["story"] for d in docs}]


def test_requested_counts_and_document_keys(corpus):
    docs, _ = corpus
    assert len(docs) == STORIES * ARTICLES
    outlets = defaultdict(set)
    for doc in docs:
        assert set(doc) == {"story", "outlet", "published", "title", "url", "text", "copy_of"}
        assert doc["published"].utcoffset().total_seconds() == 0
        assert doc["outlet"] == doc["outlet"].lower() and doc["url"].startswith("https://")
        outlets[doc["story"]].add(doc["outlet"])
    assert len(outlets) == STORIES
    assert all(len(names) == ARTICLES for names in outlets.values())
    assert {story.split("-")[1] for story in outlets} == DOMAINS


def test_every_check_is_planted_somewhere_and_at_most_three_per_story(corpus):
    _, truth = corpus
    assert {entry["check"] for entry in truth} == CHECKS
    per_story = defaultdict(int)
    for entry in truth:
        per_story[entry["story"]] += 1
    assert max(per_story.values()) <= 3
    assert len(per_story) < STORIES  # some stories have nothing planted


def test_small_stories_get_no_copies_and_no_plants_without_a_majority():
    for articles in (1, 2):
        docs, truth = generate_corpus(6, articles, SEED)
        assert len(docs) == 6 * articles and truth == []
    docs, _ = generate_corpus(6, 3, SEED)
    assert all(doc["copy_of"] is None for doc in docs)


def test_cli_writes_files_and_truth_byte_identically(tmp_path, corpus):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert generate_main(["--stories", "4", "--articles-per-story", "6", "--out", str(out),
                              "--seed", "9"]) == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)

    stories = [p for p in first.iterdir() if p.is_dir()]
    assert len(stories) == 4 and all(len(list(p.glob("*.txt"))) == 6 for p in stories)
    article = next(stories[0].glob("*.txt")).read_text(encoding="utf-8")
    _, header, body = article.split("---\n", 2)
    meta = yaml.safe_load(header)
    assert set(meta) == {"outlet", "published", "url", "title"}
    assert meta["outlet"] + ".txt" in {p.name for p in stories[0].iterdir()}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", str(meta["published"]))
    assert len(body.split()) > 200

    _, truth = generate_corpus(4, 6, 9)
    truth_file = tmp_path / "a.truth.jsonl"  # beside the corpus folder, not inside it
    assert truth_file.read_bytes() == (tmp_path / "b.truth.jsonl").read_bytes()
    lines = truth_file.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == truth
    assert {f.suffix for f in files} == {".txt"}
    assert generate_main(["--stories", "1", "--out", str(first)]) == 2  # never mixes corpora


def test_truth_goes_where_asked_but_never_inside_the_corpus(tmp_path):
    out, truth_file = tmp_path / "corpus", tmp_path / "meta" / "planted.jsonl"
    args = ["--stories", "2", "--articles-per-story", "4", "--out", str(out)]
    assert generate_main([*args, "--truth", str(truth_file)]) == 0
    assert truth_file.is_file() and not (tmp_path / "corpus.truth.jsonl").exists()
    inside = tmp_path / "other"
    assert generate_main([*args[:4], "--out", str(inside), "--truth", str(inside / "t.jsonl")]) == 2
    assert not (inside / "t.jsonl").exists()


def test_ingest_reads_the_generated_folder_as_articles_only(tmp_path):
    """The folder `checker compare` is pointed at holds articles only: no bad file, no extra."""
    out = tmp_path / "corpus"
    assert generate_main(["--stories", "3", "--articles-per-story", "5", "--out", str(out)]) == 0
    problems = Problems()
    documents = ingest([str(out)], problems=problems)
    assert list(problems) == []
    assert documents.height == 15
    assert documents["story"].n_unique() == 3 and documents["outlet"].n_unique() >= 5


# --- planted discrepancies ---

def test_truth_outlets_exist_and_are_a_minority_of_the_story(corpus):
    docs, truth = corpus
    for entry in truth:
        story_docs = [d for d in docs if d["story"] == entry["story"]]
        assert set(entry["outlets"]) <= {d["outlet"] for d in story_docs}
        originals = [d["outlet"] for d in story_docs if d["copy_of"] is None]
        minority_originals = [o for o in entry["outlets"] if o in originals]
        assert len(minority_originals) == 1
        assert len(originals) - 1 >= 2  # two or more independent outlets disagree with it
        copies = {d["outlet"] for d in story_docs if d["copy_of"] == minority_originals[0]}
        assert set(entry["outlets"]) == {minority_originals[0], *copies}


def test_minority_text_appears_in_every_minority_article(corpus, texts):
    _, truth = corpus
    for entry in truth:
        assert entry["values"]["majority"] != entry["values"]["minority"]
        for outlet in entry["outlets"]:
            assert entry["minority_text"] in texts[entry["story"], outlet]
        original = entry["outlets"][0] if len(entry["outlets"]) == 1 else None
        if original:
            assert entry["minority_sentence"] in texts[entry["story"], original]
        assert entry["minority_text"].lower() in entry["minority_sentence"].lower()


def test_planted_numbers_are_the_values_written(corpus):
    _, truth = corpus
    seen = set()
    for entry in truth:
        if entry["unit"] == "minutes":  # durations, and ceasefire lengths counted in days
            assert _minutes(entry["minority_text"]) == entry["values"]["minority"], entry
        elif entry["check"] == "quantity":
            assert _quantity(entry["minority_text"]) == pytest.approx(entry["values"]["minority"])
        else:
            continue
        seen.add(entry["check"])
    assert seen == {"duration", "quantity"}


# The test's own reading of qualifiers: the interval each wording allows, as factors.
_QUALIFIER_WORDS = [("more than", (1.0, math.inf)), ("at least", (1.0, math.inf)),
                    ("nearly", (0.9, 1.0)), ("about", (0.9, 1.1)), ("roughly", (0.9, 1.1)),
                    ("some", (0.9, 1.1))]


def _interval(value: float, qualifier: str) -> tuple[float, float]:
    low, high = dict(_QUALIFIER_WORDS).get(qualifier, (1.0, 1.0))
    return value * low, value * high


def _written_qualifier(text: str) -> str:
    lowered = text.lower()
    return next((words for words, _ in _QUALIFIER_WORDS if words in lowered), "")


def test_planted_numbers_contradict_the_majority_whatever_the_qualifiers(corpus):
    """"more than one hour" against "more than 150 minutes" is no discrepancy: every planted
    number, read with its wording's qualifier, lies outside the majority's interval, and a
    duration by more than loose wording explains (a quarter of the value, 15 minutes)."""
    _, truth = corpus
    changed_wording = 0
    for entry in (t for t in truth if t["check"] in ("quantity", "duration")):
        qualifiers = entry["qualifiers"]
        written = _written_qualifier(entry["minority_text"])
        assert {written, qualifiers["minority"]} <= {"about", "roughly"} or (
            written == qualifiers["minority"]
        ), entry
        spans = []
        for side in ("majority", "minority"):
            value = entry["values"][side]
            low, high = _interval(value, qualifiers[side])
            slack = max(15.0, 0.25 * value) / 2 if entry["check"] == "duration" else 0.0
            spans.append((low - slack, high + slack))
        (low_a, high_a), (low_b, high_b) = spans
        assert high_a < low_b or high_b < low_a, entry
        changed_wording += qualifiers["majority"] != qualifiers["minority"]
    assert changed_wording > 0  # open-ended majorities ("more than") get a plain minority


def test_names_weekdays_roles_and_stances_differ_only_in_the_minority(corpus):
    docs, truth = corpus
    for entry in truth:
        majority_texts = _majority_texts(docs, truth, entry)
        assert len(majority_texts) >= 2
        if entry["check"] in ("spelling", "date", "stance"):
            # a misspelled name, a wrong weekday, an opposite stance clause: nobody else has it
            assert not any(entry["minority_text"] in text for text in majority_texts), entry
        if entry["check"] == "spelling":
            assert all(entry["values"]["majority"] in text for text in majority_texts)
        if entry["check"] == "role" and entry["values"]["minority"].startswith("former"):
            wrong = f"{entry['values']['minority']} {entry['subject']}".lower()
            assert not any(wrong in text.lower() for text in majority_texts)
            assert all(f"{entry['values']['majority']} {entry['subject']}" in text
                       for text in majority_texts)


def test_a_misattributed_quote_names_the_other_speaker(corpus, texts):
    docs, truth = corpus
    entries = [t for t in truth if t["check"] == "attribution"]
    assert entries
    for entry in entries:
        quote, wrong = entry["subject"], entry["values"]["minority"].split()[-1]
        right = entry["values"]["majority"].split()[-1]
        sentence = entry["minority_sentence"]
        assert quote in sentence and wrong in sentence and right not in sentence
        for text in _majority_texts(docs, truth, entry):
            said = next(s for s in text.split("\n\n") if quote in s)
            assert right in said


# --- article shape ---

def test_near_copies_are_near_identical_and_other_articles_are_not(corpus, texts):
    docs, _ = corpus
    copies = [d for d in docs if d["copy_of"]]
    assert copies
    for doc in copies:
        assert fuzz.ratio(doc["text"], texts[doc["story"], doc["copy_of"]]) > 90
        assert doc["text"] != texts[doc["story"], doc["copy_of"]]
    originals = defaultdict(list)
    for doc in docs:
        if doc["copy_of"] is None:
            originals[doc["story"]].append(doc["text"])
    first_story = next(iter(originals.values()))
    assert max(fuzz.ratio(a, b) for a, b in itertools.combinations(first_story, 2)) < 75


def test_articles_have_news_length_and_boilerplate(corpus):
    docs, _ = corpus
    for doc in docs:
        words = len(doc["text"].split())
        assert 250 <= words <= 450, (doc["story"], doc["outlet"], words)
        prose = re.sub(r"\b([ap])\.m\.", r"\1m", doc["text"])  # keep clock times in one piece
        sentences = re.split(r"(?<=[.!?])[\"”]?\s+(?=[\"“A-Z])", prose)
        assert 15 <= len(sentences) <= 30, (doc["story"], doc["outlet"], len(sentences))
    assert sum("Advertisement" in d["text"] for d in docs) > len(docs) / 3
    assert sum("Read more:" in d["text"] for d in docs) > len(docs) / 5


_ZONE_HOURS = {"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
               "PDT": -7, "GMT": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
               "JST": 9, "AEST": 10, "AEDT": 11, "EAT": 3, "SAST": 2, "KST": 9, "WIB": 7}
_CLOCK = re.compile(
    r"\b(?:(\d{1,2}):(\d\d)|(\d{1,2})(?::(\d\d))? (a\.m\.|p\.m\.|AM|PM)) ("
    + "|".join(_ZONE_HOURS) + r")\b(?: \((\d\d):?(\d\d) (?:GMT|UTC)\))?"
)


def test_clock_times_are_correct_for_their_zone_and_agree_across_outlets(corpus):
    """No accidental timezone or time discrepancies: only the planted ones may disagree."""
    docs, _ = corpus
    local_times = defaultdict(set)
    for doc in docs:
        matches = _CLOCK.findall(doc["text"])
        assert matches, doc["text"]
        for h24, m24, h12, m12, half, zone, utc_h, utc_m in matches:
            if h24:
                minutes = int(h24) * 60 + int(m24)
            else:
                minutes = (int(h12) % 12 + (12 if half.lower().startswith("p") else 0)) * 60
                minutes += int(m12 or 0)
            local_times[doc["story"]].add((minutes, zone))
            if utc_h:
                offset = (minutes - int(utc_h) * 60 - int(utc_m)) % 1440
                assert offset == (_ZONE_HOURS[zone] * 60) % 1440, (doc["story"], zone)
    assert all(len(times) == 1 for times in local_times.values())
