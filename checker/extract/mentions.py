"""The names a claim's text writes, quoted or not, spoken or not: the mentions table.

Two kinds, both read by the spelling check:
- name: the two-word name a run of two or more capitalised words ends with ("Former U.S.
  President Ana Ruiz" -> "Ana Ruiz"), with titles, owners and sentence openers cut off; runs
  that end in an organisation word, a not-a-name word or an abbreviation name nobody. Mostly
  people, but a place may pass ("Tamsin Island"): nothing here tells them apart;
- word: a capitalised word of five letters or more inside a sentence (not opening it or a
  quote) that no word list calls a common word: a title, an organisation word, a stopword.

Runs and words are found with polars over every claim at once; only the distinct runs are
read word by word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from checker.extract.names import clean_name, is_possessive
from checker.extract.speakers import SpeakerWords, is_organisation
from checker.lexicons import load_lexicon
from checker.names import name_key
from checker.schema import TABLES, empty

NAME = "name"
WORD = "word"

# Two or more capitalised words in a row: where full names are in running text.
_CAPITALISED_RUN = r"\b\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’.-]*)+"
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_NAME_WORDS = 2  # first name and surname: what a longer run ends with ("Once Tomas Brandt")
# Capitalised words of five letters or more, whole (a trailing hyphen or apostrophe marks the
# first part of "Marie-Suzanne" or "Hague's", dropped), and those that open the sentence or a
# quote, which are capitalised whatever they are: the rest are proper names.
_CAPITAL_WORD = r"\p{Lu}\p{Ll}{4,}[\-'’]?"
_OPENING_WORD = r"(?:^|(?:^|\s)[\"']|[“‘(]) ?\p{Lu}\p{Ll}{4,}"


@dataclass(frozen=True)
class MentionWords:
    """The word lists mentions are read with (roles.yaml, attribution.yaml, stopwords.yaml)."""

    speaker: SpeakerWords
    openers: frozenset[str]  # words that open sentences ("After", "Once"), lower case
    common: frozenset[str]  # capitalised words that are no name ("Ministry", "President")


def load_mention_words(speaker: SpeakerWords, rule_dirs: Sequence[str | Path] = ()) -> MentionWords:
    openers = frozenset(
        str(w).lower() for w in load_lexicon("stopwords", rule_dirs).get("words") or []
    )
    # Capitalised common words of titles and organisations are no names to spell-check.
    common = (
        frozenset(speaker.not_names)
        | openers
        | frozenset(word for title in speaker.titles for word in title)
        | speaker.organisation_words
    )
    return MentionWords(speaker, openers, common)


def name_in_run(run: str, words: SpeakerWords, openers: frozenset[str]) -> str | None:
    """The name a capitalised run ends with, or None when it names nobody.

    "Former U.S. President Ana Ruiz" -> "Ana Ruiz" (titles cut), "Apple's Omar Haddad" ->
    "Omar Haddad" (owner cut), "After Omar Haddad" -> "Omar Haddad" (opener cut); "On
    Saturday" and "Northern Rowing Federation" (an organisation word) name nobody.
    """
    tokens = clean_name(run).split()
    keys = [t.lower().rstrip(".,") for t in tokens]
    start = 0
    for i, key in enumerate(keys):
        if is_possessive(tokens[i]) or key in words.honorifics:
            start = i + 1
        # A title at the very end is a surname ("Ellen King"), not a title before a name.
        for size in range(min(words.longest, len(keys) - i - 1), 0, -1):
            if tuple(keys[i : i + size]) in words.titles:
                start = max(start, i + size)
                break
    while start < len(keys) and (keys[start] in openers or keys[start] in words.determiners):
        start += 1
    name, name_keys = tokens[start:][-_NAME_WORDS:], keys[start:][-_NAME_WORDS:]
    if len(name) < _NAME_WORDS or any(k in words.not_names for k in name_keys):
        return None
    if _ACRONYM.fullmatch(name[-1]):
        return None  # "PM CEST", "Adjusted EPS": an abbreviation ends no person's name
    joined = " ".join(name)
    return None if is_organisation(joined, words) else joined


def find_mentions(claims: pl.DataFrame, words: MentionWords) -> pl.DataFrame:
    """The mentions table of `claims` (claim_id, start, text), in claim order; inside a claim
    names (in the order their runs are written), then words (by offset), each once."""
    if claims.is_empty():
        return empty("mentions")
    numbered = claims.select(
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("claim_row"),
        "claim_id",
        pl.col("start").alias("claim_start"),
        "text",
    )
    names = _names(numbered, words).with_columns(
        pl.int_range(pl.len(), dtype=pl.Int64).over("claim_row").alias("order")
    )
    located = pl.concat(
        [_spans(names), _spans(_words(numbered, words)).with_columns(order=pl.col("start"))],
        how="diagonal_relaxed",
    ).sort("claim_row", "kind", "order", "mention", nulls_last=True, maintain_order=True)
    return located.select(
        "claim_id",
        "kind",
        pl.col("mention").alias("text"),
        pl.col("mention").map_elements(name_key, return_dtype=pl.String).alias("key"),
        "start",
        "end",
    ).cast(dict(TABLES["mentions"]))


def _names(claims: pl.DataFrame, words: MentionWords) -> pl.DataFrame:
    runs = (
        claims.with_columns(pl.col("text").str.extract_all(_CAPITALISED_RUN).alias("run"))
        .explode("run")
        .filter(pl.col("run").is_not_null())
    )
    names = {
        run: name_in_run(run, words.speaker, words.openers) for run in runs["run"].unique().sort()
    }
    return (
        runs.with_columns(
            pl.lit(NAME).alias("kind"),
            pl.col("run").replace_strict(names, return_dtype=pl.String).alias("mention"),
        )
        .filter(pl.col("mention").is_not_null())
        .unique(["claim_id", "mention"], keep="first", maintain_order=True)
    )


def _words(claims: pl.DataFrame, words: MentionWords) -> pl.DataFrame:
    return (
        claims.with_columns(
            pl.col("text").str.extract_all(_CAPITAL_WORD).alias("hit"),
            pl.col("text")
            .str.extract_all(_OPENING_WORD)
            .list.eval(pl.element().str.extract(r"(\p{Lu}\p{Ll}+)"))
            .alias("opening"),
        )
        .with_columns(pl.col("hit").list.set_difference("opening"))
        .explode("hit")
        .drop_nulls("hit")
        .filter(~pl.col("hit").str.contains(r"[\-'’]$"))
        .unique(["claim_id", "hit"], keep="first", maintain_order=True)
        .filter(~pl.col("hit").str.to_lowercase().is_in(sorted(words.common)))
        .with_columns(pl.lit(WORD).alias("kind"), pl.col("hit").alias("mention"))
    )


def _spans(mentions: pl.DataFrame) -> pl.DataFrame:
    """claim_row, claim_id, kind, mention, start, end: each mention with its document offsets."""
    spans = [
        _first_place(text, written, claim_start)
        for text, written, claim_start in mentions.select(
            "text", "mention", "claim_start"
        ).iter_rows()
    ]
    return mentions.select("claim_row", "claim_id", "kind", "mention").with_columns(
        pl.Series("start", [span[0] if span else None for span in spans], dtype=pl.Int32),
        pl.Series("end", [span[1] if span else None for span in spans], dtype=pl.Int32),
    )


def _first_place(text: str, written: str, claim_start: int) -> tuple[int, int] | None:
    """Document offsets of the first whole-word place `written` stands in the claim's text;
    None when the name was tidied (a possessive cut, a curly apostrophe made straight)."""
    found = re.search(rf"(?<!\w){re.escape(written)}(?!\w)", text)
    if found is None:
        return None
    return claim_start + found.start(), claim_start + found.end()
