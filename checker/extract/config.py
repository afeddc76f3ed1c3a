"""Everything the extract stage reads from lexicons, loaded and compiled once per run."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError
from checker.extract.attribution import AttributionRules, load_attribution_rules
from checker.extract.mentions import MentionWords, load_mention_words
from checker.extract.patterns import string_list
from checker.extract.people import name_run_pattern
from checker.extract.quantities import QuantityLexicon, load_quantity_lexicon
from checker.extract.sentences import SplitRules, load_split_rules
from checker.extract.stance import StanceRules, load_stance_rules
from checker.extract.tagging import Tagger, load_event_tagger, load_topic_tagger
from checker.extract.times import ZoneLexicon, load_zone_lexicon
from checker.lexicons import load_lexicon


@dataclass(frozen=True)
class ExtractConfig:
    split: SplitRules
    attribution: AttributionRules
    name_runs: re.Pattern[str]  # capitalised runs, read for "Governor Ana Ruiz"
    mentions: MentionWords  # the mentions table's word lists
    stance: StanceRules
    topics: Tagger
    events: Tagger
    quantities: QuantityLexicon
    zones: ZoneLexicon
    boilerplate: re.Pattern[str] | None  # sentences of page furniture, which are not claims


def load_extract_config(rule_dirs: Sequence[str | Path] = ()) -> ExtractConfig:
    attribution = load_attribution_rules(rule_dirs)
    return ExtractConfig(
        split=load_split_rules(rule_dirs),
        attribution=attribution,
        name_runs=name_run_pattern(attribution.words),
        mentions=load_mention_words(attribution.words, rule_dirs),
        stance=load_stance_rules(rule_dirs),
        topics=load_topic_tagger(rule_dirs),
        events=load_event_tagger(rule_dirs),
        quantities=load_quantity_lexicon(rule_dirs),
        zones=load_zone_lexicon(rule_dirs),
        boilerplate=load_boilerplate(rule_dirs),
    )


def load_boilerplate(rule_dirs: Sequence[str | Path] = ()) -> re.Pattern[str] | None:
    """One anchored alternation of the boilerplate lexicon's patterns; errors name the file."""
    source = "rules/lexicons/boilerplate.yaml"
    patterns = string_list(load_lexicon("boilerplate", rule_dirs), "patterns", source)
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise CheckerError(source, f"invalid pattern: {exc}") from exc
