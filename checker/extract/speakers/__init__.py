"""Reading a speaker phrase: who is named, with which role, or which unnamed source.

    "U.S. President Maria Ortega"      -> name Maria Ortega, role "U.S. President"
    "Ortega's Middle East envoy"        -> a role alone ("Middle East envoy")
    "spokesperson Armand Balilo"       -> name Armand Balilo, role "spokesperson"
    "a Palestinian source involved in the talks" -> unnamed source "palestinian source"
    "Brandt" / "he"                   -> a bare name / a pronoun

Appositives ("Tim Cook, Apple's chief executive") are two phrases joined by `combine`.
Resolving bare surnames and pronouns to people is people.py's job, not this module's.

This module decides how much of a phrase the speaker may cover and re-exports the public names:
    model    the kinds (NAME, ROLE, SOURCE, PRONOUN), Speaker, SpeakerWords, combine
    tokens   the phrase as tokens; clean_role
    reader   the noun-phrase reader that finds a speaker at the front of a phrase
"""

from __future__ import annotations

from dataclasses import replace

from checker.extract.speakers.model import (
    NAME,
    PRONOUN,
    ROLE,
    SOURCE,
    Speaker,
    SpeakerWords,
    combine,
    is_organisation,
    load_speaker_words,
)
from checker.extract.speakers.reader import HEAD_LOOKAHEAD, PhraseReader
from checker.extract.speakers.tokens import EDGE, TOKEN, PhraseTokens, clean_role

__all__ = [
    "NAME",
    "PRONOUN",
    "ROLE",
    "SOURCE",
    "Speaker",
    "SpeakerWords",
    "clean_role",
    "combine",
    "is_organisation",
    "load_speaker_words",
    "read_phrase",
]

_MAX_POSTMODIFIER = 8  # "a source involved in the talks": words allowed after an unnamed head


def read_phrase(phrase: str, words: SpeakerWords, whole: bool) -> Speaker | None:
    """The speaker a phrase names, or None.

    whole=True: the phrase is everything between a clause boundary and the verb, so nothing
    may follow a name, and only a short post-modifier may follow an unnamed head ("a source
    involved in the talks"). whole=False: read from the front and stop where the speaker ends
    ("according to the coast guard on Sunday").
    """
    tokens = PhraseTokens(phrase)
    speaker = PhraseReader(tokens, words).read()
    if speaker is None:
        return None
    if not whole:
        return _unknown_head(speaker, tokens, words)
    rest = len(TOKEN.findall(phrase[speaker.end :]))
    if rest == 0:
        return speaker
    if speaker.kind in (SOURCE, ROLE) and rest <= _MAX_POSTMODIFIER:
        text = phrase[speaker.start :].rstrip(EDGE + " ")
        return replace(speaker, text=text, end=speaker.start + len(text))
    return None


def _unknown_head(speaker: Speaker, tokens: PhraseTokens, words: SpeakerWords) -> Speaker:
    """ "the state-run health minstry": a capitalised modifier of a head noun no list knows
    (here misspelt) makes an unnamed source of the whole phrase, not a person "state-run"."""
    if speaker.kind != NAME or speaker.titled:
        return speaker
    index = next((i for i, (a, _) in enumerate(tokens.spans) if a >= speaker.end), len(tokens))
    tail = index
    while tail < len(tokens) and tokens.raw[tail][:1].islower():
        if tokens.low[tail] in words.stop_words:
            return speaker
        tail += 1
    if tail == index or tail - index > HEAD_LOOKAHEAD:
        return speaker
    first = 0
    while tokens.low[first] in words.determiners:
        first += 1
    end = tokens.spans[tail - 1][1]
    descriptor = " ".join(tokens.low[first:tail])
    return Speaker(SOURCE, tokens.phrase[:end], 0, end, descriptor=descriptor)
