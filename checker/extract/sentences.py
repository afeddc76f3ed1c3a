"""Splitting article text into sentences, as (start, end) character spans.

A regex finds every place a sentence could end (., !, ?, … with any closing quotes); a few
rules then reject the false ones: abbreviations ("U.S.", "Mr.", "p.m."), initials ("J.D. Vance"),
a quote that the sentence carries on past ('"Why?" he asked.'), a next word in lower case.
A line break ends a sentence (headlines and datelines have no full stop) unless the next line
starts in lower case, which is a wrapped line. The word lists live in abbreviations.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.extract.patterns import word_set
from checker.lexicons import load_lexicon

_SOURCE = "lexicons/abbreviations.yaml"

# Terminal punctuation plus any closing quotes or brackets, followed by whitespace or the end.
_CANDIDATE = re.compile(r"(?:[.!?…]+)[\"'”’»)\]]*(?=\s|$)")
_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_WORD_BEFORE = re.compile(r"[^\s\"'“‘«(\[]+$")
_NEXT_WORDS = re.compile(r"\s*[\"'“‘«(\[]*([^\s\"'“‘«(\[]*)")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]$")  # U.S / J.D / a.m / J
_CLOSING_QUOTES = "\"'”’»"
_TERMINAL = ".!?…:;"
_LOOKAHEAD = 60  # characters looked at around a candidate: keeps the splitter linear


@dataclass(frozen=True)
class SplitRules:
    never_final: frozenset[str]
    before_number: frozenset[str]
    may_be_final: frozenset[str]
    final_before_capital: frozenset[str]
    starters: frozenset[str]
    quote_continuations: frozenset[str]


def load_split_rules(rule_dirs: Sequence[str | Path] = ()) -> SplitRules:
    lexicon = load_lexicon("abbreviations", rule_dirs)
    return SplitRules(
        never_final=word_set(lexicon, "never_final", _SOURCE),
        before_number=word_set(lexicon, "before_number", _SOURCE),
        may_be_final=word_set(lexicon, "may_be_final", _SOURCE),
        final_before_capital=word_set(lexicon, "final_before_capital", _SOURCE),
        starters=word_set(lexicon, "sentence_starters", _SOURCE),
        quote_continuations=word_set(lexicon, "quote_continuations", _SOURCE),
    )


def split_sentences(text: str, rules: SplitRules) -> list[tuple[int, int]]:
    """Sentence spans of `text`, in order, each stripped of surrounding whitespace."""
    breaks = sorted(set(_line_breaks(text)) | set(_punctuation_breaks(text, rules)))
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [*breaks, len(text)]:
        span = _strip(text, start, end)
        if span is not None:
            spans.append(span)
        start = end
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _line_breaks(text: str) -> list[int]:
    breaks = []
    for match in _LINE_BREAK.finditer(text):
        last = text[match.start() - 1] if match.start() else ""
        after = text[match.end() : match.end() + 1]
        # A wrapped line: the sentence goes on in lower case and the line did not end it.
        if after.islower() and last and last not in _TERMINAL:
            continue
        breaks.append(match.start())
    return breaks


def _punctuation_breaks(text: str, rules: SplitRules) -> list[int]:
    return [m.end() for m in _CANDIDATE.finditer(text) if _ends_sentence(text, m, rules)]


def _ends_sentence(text: str, match: re.Match[str], rules: SplitRules) -> bool:
    following = text[match.end() : match.end() + _LOOKAHEAD]
    next_match = _NEXT_WORDS.match(following)
    next_word = next_match.group(1) if next_match else ""
    if not following.strip():
        return True
    if "\n" in following[: len(following) - len(following.lstrip())]:
        return True  # the line break ends it anyway
    first = next_word[:1]
    if first.islower():
        return False
    punct = match.group(0)
    if punct[0] in "!?" and punct[-1] in _CLOSING_QUOTES:
        return not _continues_quote(following, rules)
    if punct.rstrip(_CLOSING_QUOTES) != ".":
        return True  # !, ?, an ellipsis
    word = _WORD_BEFORE.search(text, max(0, match.start() - _LOOKAHEAD), match.start())
    if word is None:
        return True
    token = word.group(0).lower()
    if token in rules.never_final:
        return False  # "Mr. Smith", "vs. $540 million"
    if token.isdigit() and _starts_line(text, word.start()):
        return False  # a numbered list item: "1. Sales beat."
    if token in rules.before_number:
        return not first.isdigit()
    if token in rules.final_before_capital:
        return not next_word.strip(".,;:").isupper()  # "11 p.m. Rescuers", not "5 p.m. EST"
    if token in rules.may_be_final or _DOTTED.match(token):
        return next_word.lower().strip(".,;:") in rules.starters
    return True


def _starts_line(text: str, position: int) -> bool:
    line_start = text.rfind("\n", max(0, position - _LOOKAHEAD), position) + 1
    return not text[line_start:position].strip() and (line_start > 0 or position < _LOOKAHEAD)


def _continues_quote(following: str, rules: SplitRules) -> bool:
    words = [w.strip(".,;:!?").lower() for w in following.split(None, 4)[:3]]
    return any(w in rules.quote_continuations for w in words)
