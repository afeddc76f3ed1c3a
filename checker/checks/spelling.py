"""The `spelling` check: one person's name spelled two ways across a story's outlets.

Candidates are the distinct full names of a story ("Tomas Brant", "Tomas Brandt"): its
speakers, and the people claims name without quoting them ("Tomas Brandt scored twice"): the
mentions table's names, which the extract stage reads from runs of capitalised words with
titles, owners and sentence openers cut off. Names
whose keys are within `max_edit_distance` edits (rapidfuzz cdist over the story's distinct
names, one matrix per story) and that share a first name or initial are one person, and so
are two names of one first name whose surnames sound alike (Metaphone: "Nick Haag" / "Nick
Hague"), a few more edits apart. Accepted
variants never fire: listed aliases, case/hyphen/dot variants (equal name keys), initials
("J. Vance" / "JD Vance") and short forms of first names from the `name_variants` lexicon.
The spelling most independent copies use is the majority; one finding per person. Two names
that differ only by a derivational ending ("Ruritania" / "Ruritanian") are two words,
not two spellings; transliterations ("Petrovskyy" / "Petrovsky") are shown apart at info severity; a
finding whose misspellings all sit inside a longer name's finding ("Ode Bran" inside "Lina
Ode Bran") is that finding again and is dropped. One-word misspellings ("Brant" for Brandt)
come from spelling_words.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import polars as pl
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from checker.checks.context import CheckContext
from checker.checks.dates import lexicon_dirs, side_names, split_by_support
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.checks.spelling_words import mentioned_words, rows_by_word, word_conflicts
from checker.errors import CheckerError
from checker.graph import connected_groups
from checker.lexicons import load_lexicon
from checker.names import lexicon_aliases, name_key, sound_alike
from checker.ruleset.params import SpellingParams
from checker.ruleset.registry import CheckType


def first_name_map(rule: Any) -> dict[str, str]:
    """Short or long first-name form -> its canonical form ("bob" -> "robert")."""
    try:
        data = load_lexicon("name_variants", lexicon_dirs(rule)).get("first_names") or {}
    except CheckerError:  # a rule pack without the lexicon simply has no variants
        data = {}
    mapping: dict[str, str] = {}
    for canonical, forms in data.items():
        target = name_key(str(canonical))
        for form in forms or ():
            mapping.setdefault(name_key(str(form)), target)
    return mapping


def accepted_key(key: str, aliases: Mapping[str, str], first_names: Mapping[str, str]) -> str:
    """The key every acceptable spelling of a name shares: alias target, long first name."""
    key = aliases.get(key, key)
    parts = key.split(" ")
    if len(parts) > 1:
        parts[0] = first_names.get(parts[0], parts[0])
    return " ".join(parts)


MISSPELT_FIRST_LENGTH = 5  # first names this long may be one slip apart and still one person


def _same_first(a: str, b: str, swaps: tuple[tuple[str, str], ...] = ()) -> bool:
    """Same first name, an initial that opens the other's first name, or (when the surnames
    are the same) one first name misspelt: one letter changed or two swapped, in names of
    five letters or more ("Sunita"/"Suinta", "Gerald"/"Gerard"); "Ana"/"Ava" stay apart."""
    first_a, *rest_a = a.split(" ")
    first_b, *rest_b = b.split(" ")
    if first_a == first_b:
        return True
    shorter, longer = sorted((first_a, first_b), key=len)
    if len(shorter) <= 2 and longer.startswith(shorter):
        return True
    return (
        rest_a == rest_b
        and len(shorter) >= MISSPELT_FIRST_LENGTH
        and len(shorter) == len(longer)
        and first_a[0] == first_b[0]
        and OSA.distance(first_a, first_b) == 1
        and transliterated(first_a, swaps) != transliterated(first_b, swaps)  # Sergey/Sergei
    )


SOUNDING_EXTRA_EDITS = 2  # more edits allowed when only the surnames differ, and by sound


def _surname_by_sound(a: str, b: str) -> bool:
    """Same first name, surnames that sound alike ("Nick Haag" / "Nick Hague")."""
    first_a, *rest_a = a.split(" ")
    first_b, *rest_b = b.split(" ")
    return (
        first_a == first_b
        and len(rest_a) == len(rest_b) > 0
        and rest_a[:-1] == rest_b[:-1]
        and sound_alike(rest_a[-1], rest_b[-1])
    )


def _initials_only(a: str, b: str) -> bool:
    """ "j vance" / "jd vance": the difference is all in an initial, an accepted short form."""
    first_a, *rest_a = a.split(" ")
    first_b, *rest_b = b.split(" ")
    return rest_a == rest_b and min(len(first_a), len(first_b)) <= 2


@lru_cache(maxsize=8)
def _variants(dirs: tuple[Any, ...]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    try:
        data = load_lexicon("name_variants", dirs)
    except CheckerError:  # a rule pack without the lexicon simply has no variants
        data = {}
    endings = tuple(sorted({str(e) for e in data.get("derivation_endings") or []}, key=len))
    swaps = tuple((str(a), str(b)) for a, b in (data.get("transliteration_swaps") or {}).items())
    return endings, swaps


def derived(a: str, b: str, endings: tuple[str, ...]) -> bool:
    """Two keys whose last words are one stem with derivational endings: other words."""
    *head_a, last_a = a.split(" ")
    *head_b, last_b = b.split(" ")
    if head_a != head_b or not endings:
        return False
    for ending_a in endings:
        if not last_a.endswith(ending_a):
            continue
        stem = last_a[: len(last_a) - len(ending_a)] if ending_a else last_a
        if len(stem) >= 4 and any(last_b == stem + ending_b for ending_b in endings):
            return True
    return False


def transliterated(key: str, swaps: tuple[tuple[str, str], ...]) -> str:
    """The key with alphabet-dependent letters swapped ("Petrovskyy" -> "petrovskii" ->
    "petrovski"); other doubled letters stay, as dropping one is a misspelling ("Halen")."""
    for old, new in swaps:
        key = key.replace(old, new)
    return re.sub(r"i+", "i", key)


def person_groups(
    keys: list[str],
    max_distance: int,
    endings: tuple[str, ...] = (),
    swaps: tuple[tuple[str, str], ...] = (),
) -> list[list[str]]:
    """Connected groups of name keys within `max_distance` edits sharing a first name."""
    if len(keys) < 2:
        return []
    cutoff = max_distance + SOUNDING_EXTRA_EDITS
    distances = process.cdist(
        keys, keys, scorer=Levenshtein.distance, score_cutoff=cutoff, dtype=np.int32
    )
    # cdist marks pairs beyond the cutoff as cutoff + 1; keep the upper triangle only.
    rows, cols = np.nonzero(np.triu(distances <= cutoff, k=1))
    pairs = [
        (keys[i], keys[j])
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        if len(keys[i].split(" ")) == len(keys[j].split(" "))
        and (
            (distances[i, j] <= max_distance and _same_first(keys[i], keys[j], swaps))
            or _surname_by_sound(keys[i], keys[j])
        )
        and not _initials_only(keys[i], keys[j])
        and not derived(keys[i], keys[j], endings)
    ]
    return connected_groups(pairs)


def mentioned_names(claims: pl.DataFrame, mentions: pl.DataFrame) -> pl.DataFrame:
    """Claims with speaker/speaker_text set to each full name their text mentions (the
    mentions table's names, made in extract)."""
    people = mentions.filter(pl.col("kind") == "name").select(
        "claim_id", pl.col("text").alias("mentioned")
    )
    return (
        claims.join(people, on="claim_id", maintain_order="left_right")
        .with_columns(
            pl.col("mentioned").alias("speaker"), pl.col("mentioned").alias("speaker_text")
        )
        .drop("mentioned")
    )


def _name_rows(claims: pl.DataFrame, mentions: pl.DataFrame, min_length: int) -> pl.DataFrame:
    """story, spelling as written, claim: every full name worth comparing, spoken or named."""
    spoken = claims.filter(pl.col("speaker").is_not_null())
    named = mentioned_names(claims, mentions).select(spoken.columns)
    return (
        pl.concat([spoken, named])
        .unique(["claim_id", "speaker"], keep="first", maintain_order=True)
        .with_columns(
            pl.col("speaker").map_elements(name_key, return_dtype=pl.String).alias("spelling_key")
        )
        .filter(
            # People's names as written open and close with a capital ("Ilario Bendetti");
            # role-like sources ("state-run health ministry") are not names to spell-check.
            pl.col("speaker").str.contains(r"^\p{Lu}\S*(?:\s+\S+)*\s+\p{Lu}\S*$")
            & pl.col("spelling_key").str.contains(" ")
            & (pl.col("spelling_key").str.split(" ").list.last().str.len_chars() >= min_length)
            # A name that ends a text with no closing punctuation may be cut short by its page
            # ("... called President Andriy Kovalen"): no spelling to judge.
            & ~(
                pl.col("text").str.strip_chars().str.ends_with(pl.col("speaker"))
                & pl.col("text").str.strip_chars().str.contains(r"[\p{L}]$")
            )
        )
        .sort("story", "claim_id")
    )


def spelling_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    max_distance = int(rule.params.max_edit_distance)
    min_length = int(rule.params.min_name_length)
    lexicon_name = str(rule.params.variants_lexicon)
    aliases = lexicon_aliases(load_lexicon(lexicon_name, lexicon_dirs(rule)).get("people") or {})
    first_names = first_name_map(rule)
    rows = _name_rows(context.claim_view, context.mentions, min_length)

    endings, swaps = _variants(lexicon_dirs(rule))
    found = []
    covered: dict[str, set[str]] = {}  # story -> words the full-name pass reported
    for (story,), group in rows.group_by(["story"], maintain_order=True):
        # Spellings that are accepted variants of each other collapse into one before comparing.
        accepted = {
            k: accepted_key(k, aliases, first_names) for k in group["spelling_key"].unique().sort()
        }
        claims_by_key: dict[str, list[dict[str, Any]]] = {}
        for row in group.iter_rows(named=True):
            claims_by_key.setdefault(accepted[row["spelling_key"]], []).append(row)
        conflicts = []
        for people in person_groups(sorted(claims_by_key), max_distance, endings, swaps):
            support = {k: {r["copy_root"] for r in claims_by_key[k]} for k in people}
            # A name spelt two ways in one article is misspelt there once.
            majority, minority = split_by_support(support, copies_may_conflict=True)
            if minority:
                conflicts.append((majority, minority))
        covered[story] = {w for _, minority in conflicts for k in minority for w in k.split()}
        for majority, minority in _longest_only(conflicts):
            # Transliterations of the majority's spelling are shown apart, at info.
            reads = transliterated(majority, swaps) if majority else None
            alike = [k for k in minority if transliterated(k, swaps) == reads]
            unlike = [k for k in minority if k not in alike]
            for spellings, severity in ((unlike, None), (alike, "info")):
                if spellings:
                    found.append(
                        _finding(rule, context, story, majority, spellings, claims_by_key, severity)
                    )
    found.extend(_word_findings(rule, context, covered, endings, swaps))
    return findings_frame(found)


def _word_findings(
    rule: Any,
    context: CheckContext,
    covered: Mapping[str, set[str]],
    endings: tuple[str, ...],
    swaps: tuple[tuple[str, str], ...],
) -> list[dict[str, Any]]:
    """One-word misspellings of proper names (spelling_words.py), a finding each."""
    found = []
    words = mentioned_words(context.claim_view, context.mentions)
    for (story,), group in words.group_by(["story"], maintain_order=True):
        pairs = word_conflicts(
            group,
            covered.get(story, set()),
            lambda a, b: derived(a, b, endings),
            lambda a, b: transliterated(a, swaps) == transliterated(b, swaps),
        )
        if not pairs:
            continue
        rows = rows_by_word(group)
        for right, wrong in pairs:
            found.append(_finding(rule, context, story, right, [wrong], rows))
    return found


def _longest_only(
    conflicts: list[tuple[str | None, list[str]]],
) -> list[tuple[str | None, list[str]]]:
    """Drop a conflict whose misspellings all end a longer name's misspellings."""
    kept = []
    for majority, minority in conflicts:
        inside_longer = any(
            other is not minority
            and all(any(o != m and o.endswith(" " + m) for o in other) for m in minority)
            for _, other in conflicts
        )
        if not inside_longer:
            kept.append((majority, minority))
    return kept


def _finding(
    rule: Any,
    context: CheckContext,
    story: str,
    majority: str | None,
    minority: list[str],
    claims_by_key: Mapping[str, list[dict[str, Any]]],
    severity: str | None = None,
) -> dict[str, Any]:
    major_side, minor_side = side_names(majority)
    written: dict[str, str] = {}
    evidence = []
    for key, side in [(majority, major_side), *((k, minor_side) for k in minority)]:
        if key is None:
            continue
        seen: set[str] = set()
        # The spelling most rows write, ties alphabetical: not whichever row comes first.
        forms = Counter(row["speaker"] for row in claims_by_key[key])
        written[key] = min(forms, key=lambda form: (-forms[form], form))
        for row in claims_by_key[key]:
            if row["copy_root"] in seen:
                continue  # one piece of evidence per copy and spelling
            seen.add(row["copy_root"])
            offset = row["text"].find(row["speaker_text"] or row["speaker"])
            length = len(row["speaker_text"] or row["speaker"])
            span = (offset, offset + length) if offset >= 0 else None
            evidence.append(evidence_entry(row, side, row["speaker"], span, context.copy_outlets))
    canonical = written.get(majority or "", "") or written[minority[0]]
    values = {
        "majority": written.get(majority or "", "no majority"),
        "minority": ", ".join(written[k] for k in minority),
        "canonical": canonical,
        "variants": ", ".join(written[k] for k in minority),
    }
    key = f"spelling:{name_key(canonical)}"
    return make_finding(rule, story, None, key, canonical, evidence, values, severity)


# The `variants_lexicon` param names one more (aliases by default).
SPELLING = CheckType(
    "spelling",
    SpellingParams,
    spelling_check,
    frozenset({"canonical", "variants"}),
    lexicons=("name_variants",),
)
