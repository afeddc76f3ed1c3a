"""Stance of a claim: optimistic (+1), pessimistic (-1) or neither (0), from cue phrases.

Cues come from stance.yaml. A negator just before a cue ("not going well", "no significant
advancements") or after it through an auxiliary ("progress has not been made") flips it;
`negated` is set then, and when a cue holds its own negator ("no progress"). A verb of hiding
between the negator and the cue takes the negation for itself: in "did not hide his
disappointment" the disappointment stands.
A concessive clause ("Despite optimistic reports from officials, ...") is set aside, so the
attributed content decides. Hedge words set `hedged` without changing the stance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError
from checker.extract.patterns import KeyedPattern, string_list, text_words, word_set
from checker.lexicons import load_lexicon

_SOURCE = "lexicons/stance.yaml"
_WORD = re.compile(r"\w+(?:['’]\w+)*|n['’]t\b")
_CLAUSE_EDGE = re.compile(r"[,;:.!?\"“”()]")
_LOOKBACK = 80  # characters searched for a negator before a cue


@dataclass(frozen=True)
class Stance:
    stance: int  # -1 / 0 / +1
    cue: str | None  # the deciding cue as written, with its negator ("no significant advancements")
    negated: bool
    hedged: bool


@dataclass(frozen=True)
class StanceRules:
    cues: KeyedPattern  # keys: positive / negative
    negators: frozenset[str]
    negation_blockers: frozenset[str]  # "hide": "not hide his disappointment" is not flipped
    window: int
    negated_after: re.Pattern[str] | None
    hedges: KeyedPattern
    concessive: re.Pattern[str] | None
    background: KeyedPattern | None = None  # "had recently said": an earlier mood, not today's


def load_stance_rules(rule_dirs: Sequence[str | Path] = ()) -> StanceRules:
    lexicon = load_lexicon("stance", rule_dirs)
    cues = KeyedPattern(
        {
            "positive": string_list(lexicon, "positive", _SOURCE),
            "negative": string_list(lexicon, "negative", _SOURCE),
        }
    )
    window = lexicon.get("negation_window", 3)
    if not isinstance(window, int) or window < 0:
        raise CheckerError(_SOURCE, "'negation_window' must be a whole number of words")
    negators = word_set(lexicon, "negators", _SOURCE)
    blockers = word_set(lexicon, "negation_blockers", _SOURCE)
    auxiliaries = string_list(lexicon, "auxiliaries", _SOURCE)
    negated_after = None
    if auxiliaries:
        aux = "|".join(re.escape(a) for a in auxiliaries)
        plain = "|".join(re.escape(n) for n in sorted(negators) if n.isalpha())
        negated_after = re.compile(
            rf"\s+(?:(?:{aux})\s+){{1,2}}(?:{plain})\b|\s+(?:{aux})n['’]t\b", re.IGNORECASE
        )
    concessive_words = string_list(lexicon, "concessive", _SOURCE)
    concessive = None
    if concessive_words:
        words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in concessive_words)
        # From a concessive word at the clause start up to and including the next comma.
        concessive = re.compile(rf"(?:^|(?<=[,;]))\s*(?:{words})\b[^,;]*,", re.IGNORECASE)
    return StanceRules(
        cues=cues,
        negators=negators,
        negation_blockers=blockers,
        window=window,
        negated_after=negated_after,
        hedges=KeyedPattern({"hedge": string_list(lexicon, "hedges", _SOURCE)}),
        concessive=concessive,
        background=KeyedPattern({"background": string_list(lexicon, "background", _SOURCE)}),
    )


def score_stance(text: str, rules: StanceRules, words: Iterable[str] | None = None) -> Stance:
    """The stance of one claim's text; `words` are its lower-case words, when known."""
    words = text_words(text) if words is None else words
    hedged = rules.hedges.search(text, words) is not None
    if rules.background is not None and rules.background.search(text, words) is not None:
        return Stance(stance=0, cue=None, negated=False, hedged=hedged)
    scored = _without_concessive(text, rules)
    total = 0
    cues: list[tuple[int, str, bool]] = []  # (polarity after negation, cue as written, negated)
    for hit in rules.cues.hits(scored, words):
        polarity = 1 if hit.key == "positive" else -1
        negator_start = _negator_before(scored, hit.start, rules)
        flipped = negator_start is not None or _negated_after(scored, hit.end, rules)
        if flipped:
            polarity = -polarity
        start = negator_start if negator_start is not None else hit.start
        # "no progress" is a negative cue, not a flipped one, but a negation all the same.
        negated = flipped or _holds_negator(hit.text, rules)
        cues.append((polarity, text[start : hit.end], negated))
        total += polarity
    stance = (total > 0) - (total < 0)
    deciding = next((cue for cue in cues if cue[0] == stance), None) if stance else None
    return Stance(
        stance=stance,
        cue=deciding[1] if deciding else None,
        negated=any(negated for _, _, negated in cues),
        hedged=hedged,
    )


def _without_concessive(text: str, rules: StanceRules) -> str:
    """Blank out concessive clauses, keeping every other character where it was."""
    if rules.concessive is None:
        return text
    return rules.concessive.sub(lambda m: " " * len(m.group(0)), text)


def _negator_before(text: str, position: int, rules: StanceRules) -> int | None:
    """Start of a negator among the `window` words before `position`, within its clause."""
    if rules.window == 0:
        return None
    low = max(0, position - _LOOKBACK)
    edges = list(_CLAUSE_EDGE.finditer(text, low, position))
    if edges:
        low = edges[-1].end()
    words = list(_WORD.finditer(text, low, position))[-rules.window :]
    for index, word in enumerate(words):
        token = word.group(0).lower().replace("’", "'")
        if token in rules.negators or token.endswith("n't"):
            between = (w.group(0).lower() for w in words[index + 1 :])
            if any(w in rules.negation_blockers for w in between):
                return None  # "could not hide his frustration": the negation is the verb's
            return word.start()
    return None


def _holds_negator(cue: str, rules: StanceRules) -> bool:
    return any(w.lower() in rules.negators for w in _WORD.findall(cue))


def _negated_after(text: str, position: int, rules: StanceRules) -> bool:
    return bool(rules.negated_after and rules.negated_after.match(text, position))
