"""Speakers introduced without a verb: a subject or label before a colon.

CFO Marcus Ilesanmi focused on cash: "We turned ..."    the subject introduces a quote
Acme CEO Jo Park: "..."                                  a speaker label before a quote
Coach Lindqvist: We Were Not Good Enough                 a titled headline label
"""

from __future__ import annotations

import re

from checker.extract.attribution.phrases import TOKEN, leading_subject
from checker.extract.attribution.rules import INTRODUCED, Attribution
from checker.extract.quotes import inside
from checker.extract.speakers import NAME, PRONOUN, SOURCE, Speaker, SpeakerWords, read_phrase

_COLON_QUOTE = re.compile(r":\s*[\"“‘«]")
# Where a new clause with its own subject begins: ", and", ", but", ";".
_CLAUSE_JOIN = re.compile(r"(?:,\s+(?:and|but|while|as|then)|;)\s+")
_MIN_HEADLINE_WORDS = 3  # after the colon of a headline label: "A Profile" is no statement
# A headline's speaker label: 'Coach Lindqvist: We Were Not Good Enough' (a capital follows,
# perhaps after a straight single quote, which the quote finder leaves alone: 'Ready').
_LABEL_COLON = re.compile(r":\s+[\"'“‘«]?(?=[^\W\d_])")


def introduced_quote(
    sentence: str, quotes: list[tuple[int, int]], words: SpeakerWords
) -> Attribution | None:
    """'CFO Marcus Ilesanmi focused on cash: "We turned ..."': the subject introduces a quote."""
    colon = _COLON_QUOTE.search(sentence)
    if colon is None:
        return _headline_label(sentence, quotes, words)
    if inside(quotes, colon.start()):
        return None
    lead = _last_clause_subject(sentence[: colon.start()], words) or _label_speaker(
        sentence[: colon.start()], words
    )
    if lead is None or lead.end > colon.start():
        return None
    return Attribution(lead, INTRODUCED, colon.start(), colon.start() + 1)


def _last_clause_subject(before_colon: str, words: SpeakerWords) -> Speaker | None:
    """The subject of the clause the colon ends: in "Captain Ana Ruiz lifted the cup, and coach
    Ben Ode paid tribute: '...'" the coach introduces the quote, not the captain."""
    breaks = list(_CLAUSE_JOIN.finditer(before_colon))
    if breaks:
        start = breaks[-1].end()
        lead = leading_subject(before_colon[start:], words)
        if lead is not None:
            return lead.shifted(start)
    return leading_subject(before_colon, words)


def _headline_label(
    sentence: str, quotes: list[tuple[int, int]], words: SpeakerWords
) -> Attribution | None:
    """'Coach Lindqvist: We Were Not Good Enough': a label before a colon and a capital."""
    colon = _LABEL_COLON.search(sentence)
    if colon is None or inside(quotes, colon.start()):
        return None
    if not sentence[colon.end() : colon.end() + 1].isupper():
        return None  # "The plan had one flaw: cost" is not a speaker's words
    lead = _label_speaker(sentence[: colon.start()], words)
    if lead is None or lead.kind == SOURCE:
        return None  # "Sources: WireWatch, Meridian" is a credit line, not a statement
    if len(TOKEN.findall(sentence, colon.end())) < _MIN_HEADLINE_WORDS:
        return None
    return Attribution(lead, INTRODUCED, colon.start(), colon.start() + 1)


def _label_speaker(label: str, words: SpeakerWords) -> Speaker | None:
    """'Acme chief executive Jo Park: "..."': a speaker label with no verb before the colon.

    The whole label must be the speaker, and a name needs a title: a bare capitalised label
    ("Breaking News:", "Verdict:") is a heading, not a person.
    """
    speaker = read_phrase(label, words, whole=True)
    if speaker is None or speaker.kind == PRONOUN or (speaker.kind == NAME and not speaker.titled):
        return None
    return speaker
