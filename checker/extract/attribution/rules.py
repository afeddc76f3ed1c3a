"""The attribution lexicon (rules/lexicons/attribution.yaml) compiled, and what it yields.

`AttributionRules.cues` finds every cue of a sentence in one pass, keyed by its role:
finite / conditional / participle verbs, clause openers, nested openers, source prepositions
("according to") and statement nouns ("comments").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError
from checker.extract.patterns import PhraseIndex, string_list, word_set
from checker.extract.speakers import Speaker, SpeakerWords, load_speaker_words
from checker.lexicons import load_lexicon

_SOURCE = "lexicons/attribution.yaml"

# How an attribution was read (Attribution.how); the last three are weak: used only when the
# sentence has no attributing verb, and outranked by a strong one when claims are built.
SUBJECT = "subject"
INVERTED = "inverted"
AGENT = "agent"
PARTICIPLE = "participle"
ACCORDING = "according"
STATEMENT = "statement"
INTRODUCED = "introduced"
WEAK = frozenset({ACCORDING, STATEMENT, INTRODUCED})
# Cue keys that are verbs, and those of them that head a clause of their own.
VERB_KEYS = frozenset({"finite", "participle", "conditional"})
FINITE_KEYS = frozenset({"finite", "conditional"})


@dataclass(frozen=True)
class Attribution:
    """One attribution inside a sentence; offsets are relative to the sentence."""

    speaker: Speaker
    how: str  # SUBJECT / INVERTED / AGENT / PARTICIPLE / INTRODUCED / ACCORDING / STATEMENT
    cue_start: int  # the verb, preposition or statement noun
    cue_end: int
    clause_start: int | None = None  # where a new clause starts, if the sentence may split there

    @property
    def weak(self) -> bool:
        return self.how in WEAK


@dataclass(frozen=True)
class AttributionRules:
    words: SpeakerWords
    # keys: finite / conditional / participle / opener / nested / according / statement
    cues: PhraseIndex
    statement_link: re.Pattern[str] | None  # "from", "by" after a statement noun
    document_link: re.Pattern[str] | None  # "by" in "according to figures released by X"
    fillers: frozenset[str]
    free_participles: frozenset[str]  # attribute without a "that": "saying", "adding"
    listener_verbs: frozenset[str]  # "told": the phrase after the verb is the listener
    adverbial_openers: frozenset[str]  # "for" in "X, for his part, said": not the speaker
    min_quote_words: int


def _link_pattern(words: list[str], before: str) -> re.Pattern[str] | None:
    """Link words as one case-blind pattern, `before` then a word then whitespace."""
    if not words:
        return None
    return re.compile(
        before + r"(?:" + "|".join(re.escape(w) for w in words) + r")\s+", re.IGNORECASE
    )


def load_attribution_rules(rule_dirs: Sequence[str | Path] = ()) -> AttributionRules:
    lexicon = load_lexicon("attribution", rule_dirs)

    def words(key: str) -> list[str]:
        return string_list(lexicon, key, _SOURCE)

    if not words("verbs"):
        raise CheckerError(_SOURCE, "'verbs' must list at least one attributing verb")
    statement_link = _link_pattern(words("statement_links"), r"\s+")
    document_link = _link_pattern(words("document_links"), r"\s")
    min_words = lexicon.get("min_quote_words", 3)
    if not isinstance(min_words, int) or min_words < 1:
        raise CheckerError(_SOURCE, "'min_quote_words' must be a positive whole number")
    return AttributionRules(
        words=load_speaker_words(rule_dirs),
        cues=PhraseIndex(
            {
                "finite": words("verbs"),
                "conditional": words("verbs_with_content"),
                "participle": words("participles"),
                "opener": words("clause_openers"),
                "nested": words("nested_openers"),
                ACCORDING: words("source_prepositions"),
                STATEMENT: words("statement_nouns"),
            },
            # Verbs in lower case only: "Notes" or "Reports" opening a name is not a verb.
            case_sensitive_keys=("finite", "conditional", "participle"),
        ),
        statement_link=statement_link,
        document_link=document_link,
        fillers=word_set(lexicon, "subject_fillers", _SOURCE),
        free_participles=word_set(lexicon, "participles_without_that", _SOURCE),
        listener_verbs=word_set(lexicon, "listener_verbs", _SOURCE),
        adverbial_openers=word_set(lexicon, "adverbial_openers", _SOURCE),
        min_quote_words=min_words,
    )
