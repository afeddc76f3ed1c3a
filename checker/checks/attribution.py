"""The `attribution` check: the same quoted words given to different speakers.

Quoted passages of quote claims (quote=true, a speaker known) come from the quotes table, which
the extract stage makes; passages of at least `min_quote_words` words are normalized and, within a
story, grouped when rapidfuzz finds them at least `min_quote_similarity` alike (one cdist per
story over its distinct quotes). Inside a group the speaker most independent copies name is
the majority; copies naming only someone else are the minority.

Second sub-check, quote strength: one speaker's quote whose wording is the same except for
modality words (rules/lexicons/modality.yaml: "may" against "will") was made weaker or
stronger by some outlets. Passages are grouped per speaker on their text with those words
masked; the strength pattern most copies give is the majority.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from checker.checks.context import CheckContext
from checker.checks.dates import lexicon_dirs, side_names, split_by_support
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.graph import connected_groups
from checker.lexicons import load_lexicon
from checker.ruleset.params import AttributionParams
from checker.ruleset.registry import CheckType

FRAGMENT_WORDS = 6  # a quoted fragment this long is matched inside a longer quote
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_SLOT = "<modal>"  # stands for a run of modality words in a masked quote key
_QUOTE_MARKS = '"“”«»‘’ ,;:'  # around a quoted passage as written, not part of it


def quote_key(passage: str) -> str:
    """Quoted words for comparison: lower case, no punctuation or quote marks."""
    return " ".join(w.replace("’", "'") for w in _WORD.findall(passage.lower()))


def quoted_passages(claims: pl.DataFrame, quotes: pl.DataFrame, min_words: int) -> pl.DataFrame:
    """One row per quoted passage of a quote claim: the claim plus quote_key, q_start, q_end
    (the passage's offsets inside the claim's text)."""
    spans = claims.select("claim_id", pl.col("start").alias("claim_start")).join(
        quotes, on="claim_id", maintain_order="left_right"
    )
    rows = []
    for claim_id, claim_start, start, end, text in spans.select(
        "claim_id", "claim_start", "start", "end", "text"
    ).iter_rows():
        key = quote_key(text)
        if len(key.split()) >= min_words:
            rows.append(
                {
                    "claim_id": claim_id,
                    "quote_key": key,
                    "q_start": start - claim_start,
                    "q_end": end - claim_start,
                }
            )
    schema = {"claim_id": pl.String, "quote_key": pl.String, "q_start": pl.Int64, "q_end": pl.Int64}
    passages = pl.DataFrame(rows, schema=schema)
    return passages.join(claims, on="claim_id").sort("story", "quote_key", "claim_id")


def quote_groups(keys: list[str], min_similarity: float) -> dict[str, str]:
    """quote_key -> the representative key of its group of near-identical quotes."""
    representative = {k: k for k in keys}
    if len(keys) < 2:
        return representative
    cutoff = min_similarity * 100
    scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.uint8)
    # An outlet that quotes a fragment of a longer statement quotes the same statement: a
    # fragment of FRAGMENT_WORDS words or more found in the longer quote groups with it.
    words = np.array([len(k.split()) for k in keys])
    fragments = process.cdist(
        keys, keys, scorer=fuzz.partial_ratio, score_cutoff=cutoff, dtype=np.uint8
    )
    shorter = np.minimum.outer(words, words)
    scores = np.where(shorter >= FRAGMENT_WORDS, np.maximum(scores, fragments), scores)
    rows, cols = np.nonzero(np.triu(scores, k=1))
    pairs = [(keys[i], keys[j]) for i, j in zip(rows.tolist(), cols.tolist(), strict=True)]
    for group in connected_groups(pairs):
        for key in group:
            representative[key] = group[0]  # groups are sorted: the first key stands for all
    return representative


def attribution_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    min_words = int(rule.params.min_quote_words)
    min_similarity = float(rule.params.min_quote_similarity)
    claims = context.claim_view.filter(
        pl.col("quote").fill_null(False) & pl.col("speaker_key").is_not_null()
    )
    passages = quoted_passages(claims, context.quotes, min_words)
    # Named speakers only: "a senior nurse" or "the ministry" may be the same person as a
    # named one, so an unnamed source never counts as a different speaker.
    named = passages.filter(pl.col("speaker").str.contains(r"^\p{Lu}"))
    found = (
        speaker_conflicts(rule, context, named, min_similarity)
        if rule.params.check_speakers
        else []
    )
    if rule.params.check_strength:
        found += strength_changes(rule, context, passages, min_similarity)
    return findings_frame(found)


def speaker_conflicts(
    rule: Any, context: CheckContext, passages: pl.DataFrame, min_similarity: float
) -> list[dict[str, Any]]:
    """One finding per group of near-identical quotes that copies give to different people."""
    found = []
    for (story,), story_rows in passages.group_by(["story"], maintain_order=True):
        groups = quote_groups(sorted(set(story_rows["quote_key"].to_list())), min_similarity)
        by_group: dict[str, list[dict[str, Any]]] = {}
        for row in story_rows.iter_rows(named=True):
            by_group.setdefault(groups[row["quote_key"]], []).append(row)
        for quote, rows in sorted(by_group.items()):
            support: dict[str, set[str]] = {}
            for row in rows:
                support.setdefault(row["speaker_key"], set()).add(row["copy_root"])
            majority, minority = split_by_support(support)
            if majority is not None:
                # "Brant" for "Tomas Brandt" is the same person misspelt: a spelling finding.
                minority = [m for m in minority if not same_person_misspelt(majority, m)]
            if not minority:
                continue
            found.append(_finding(rule, context, story, quote, rows, majority, minority))
    return found


def same_person_misspelt(a: str, b: str) -> bool:
    """Two speaker keys whose surnames are one edit apart (and first names, where both are
    given, agree): one person, one name spelt wrong."""
    *first_a, last_a = a.split()
    *first_b, last_b = b.split()
    if first_a and first_b and first_a != first_b:
        return False
    return min(len(last_a), len(last_b)) >= 4 and Levenshtein.distance(last_a, last_b) <= 1


class Modality:
    """Masks the modality words of a quote key and reads the strength of each masked slot."""

    def __init__(self, strength: dict[str, str]) -> None:
        self.strength = strength  # phrase (as a quote key) -> "weak" | "strong"
        words = "|".join(re.escape(p) for p in sorted(strength, key=lambda p: (-len(p), p)))
        # Quote keys are words separated by single spaces, so a space is the word boundary.
        self._one = re.compile(rf"(?<!\S)(?:{words})(?!\S)")
        self._run = re.compile(rf"(?<!\S)(?:{words})(?: (?:{words}))*(?!\S)")

    @classmethod
    def from_rule(cls, rule: Any) -> Modality:
        lexicon = load_lexicon("modality", lexicon_dirs(rule))
        strength: dict[str, str] = {}
        for label in ("weak", "strong"):
            for phrase in lexicon.get(label) or ():
                strength.setdefault(quote_key(str(phrase)), label)
        strength.pop("", None)
        return cls(strength)

    def mask(self, key: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """(key with each run of modality words replaced by one slot, (strength, words) of
        each slot). A run is weak when any of its words is ("will likely" hedges "will")."""
        if not self.strength:
            return key, ()
        slots: list[tuple[str, str]] = []

        def slot(match: re.Match[str]) -> str:
            labels = {self.strength[m.group(0)] for m in self._one.finditer(match.group(0))}
            slots.append(("weak" if "weak" in labels else "strong", match.group(0)))
            return _SLOT

        return self._run.sub(slot, key), tuple(slots)


def strength_changes(
    rule: Any, context: CheckContext, passages: pl.DataFrame, min_similarity: float
) -> list[dict[str, Any]]:
    """One finding per speaker and quote whose modality words differ between copies."""
    modality = Modality.from_rule(rule)
    by_story: dict[str, list[dict[str, Any]]] = {}
    for row in passages.iter_rows(named=True):
        masked, slots = modality.mask(row["quote_key"])
        if slots:
            strength = " ".join(label for label, _ in slots)
            words = tuple(w for _, w in slots)
            by_story.setdefault(row["story"], []).append(
                dict(row, masked=masked, strength=strength, modal_words=words)
            )
    found = []
    for story, rows in sorted(by_story.items()):
        groups = quote_groups(sorted({r["masked"] for r in rows}), min_similarity)
        by_quote: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
        for row in rows:
            # Only patterns with as many slots compare: slot by slot, one word against another.
            marker = (row["speaker_key"], groups[row["masked"]], len(row["modal_words"]))
            by_quote.setdefault(marker, []).append(row)
        for (person, masked, _), members in sorted(by_quote.items()):
            support: dict[str, set[str]] = {}
            for row in members:
                support.setdefault(row["strength"], set()).add(row["copy_root"])
            majority, minority = split_by_support(support)
            if minority:
                found.append(
                    _strength_finding(
                        rule, context, story, (person, masked), members, majority, minority
                    )
                )
    return found


def _both_wordings(masked: str, rows: list[dict[str, Any]]) -> str:
    """The masked quote with every slot showing the words the outlets used: "we may/will go".

    Names no side, so the text stays true when reference mode turns the sides around."""
    text = masked
    for index in range(len(rows[0]["modal_words"])):
        used = sorted({row["modal_words"][index] for row in rows})
        text = text.replace(_SLOT, "/".join(used), 1)
    return text


def _strength_finding(
    rule: Any,
    context: CheckContext,
    story: str,
    quote: tuple[str, str],
    rows: list[dict[str, Any]],
    majority: str | None,
    minority: list[str],
) -> dict[str, Any]:
    major_side, minor_side = side_names(majority)
    wording: dict[str, str] = {}
    evidence, seen, shown = [], set(), []
    for row in rows:
        label = row["strength"]
        side = major_side if label == majority else minor_side if label in minority else None
        if side is None or (row["copy_root"], label) in seen:
            continue
        seen.add((row["copy_root"], label))
        shown.append(row)
        span = (row["q_start"], row["q_end"])
        written = row["text"][span[0] : span[1]].strip(_QUOTE_MARKS)
        wording.setdefault(label, written)
        evidence.append(evidence_entry(row, side, written, span, context.copy_outlets))
    person, masked = quote
    speaker = next(r["speaker"] for r in rows if r["strength"] == (majority or minority[0]))
    values = {
        "quote": _both_wordings(masked, shown),
        "speakers": f"{speaker}, in wordings of different strength",
        "majority": wording[majority] if majority else "no majority",
        "minority": "; ".join(wording[m] for m in minority),
    }
    key = f"strength:{person}:{masked[:60]}"
    return make_finding(rule, story, None, key, "strength", evidence, values)


def _finding(
    rule: Any,
    context: CheckContext,
    story: str,
    quote: str,
    rows: list[dict[str, Any]],
    majority: str | None,
    minority: list[str],
) -> dict[str, Any]:
    major_side, minor_side = side_names(majority)
    shown = {r["speaker_key"]: r["speaker"] for r in reversed(rows)}
    evidence, seen = [], set()
    for row in rows:
        person = row["speaker_key"]
        side = major_side if person == majority else minor_side if person in minority else None
        if side is None or (row["copy_root"], person) in seen:
            continue
        seen.add((row["copy_root"], person))
        evidence.append(
            evidence_entry(
                row, side, row["speaker"], (row["q_start"], row["q_end"]), context.copy_outlets
            )
        )
    names = [shown[majority]] if majority else []
    names += [shown[m] for m in minority]
    values = {
        "quote": quote,
        "speakers": " and ".join(names),
        "majority": shown.get(majority or "", "no majority"),
        "minority": ", ".join(shown[m] for m in minority),
    }
    return make_finding(rule, story, None, f"quote:{quote[:60]}", quote, evidence, values)


ATTRIBUTION = CheckType(
    "attribution",
    AttributionParams,
    attribution_check,
    frozenset({"quote", "speakers"}),
    lexicons=("modality",),
)
