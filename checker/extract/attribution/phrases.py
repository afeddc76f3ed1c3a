"""Reading a speaker phrase at a place in a sentence: forwards from a cue, or a whole segment.

The phrase itself is read by speakers.read_phrase; this module decides which stretch of the
sentence to hand it (a comma segment, the rest of a clause) and joins appositives.
"""

from __future__ import annotations

import re

from checker.extract.speakers import PRONOUN, Speaker, SpeakerWords, combine, read_phrase

TOKEN = re.compile(r"\S+")
# Where a phrase read forwards (after "by", "according to", an inverted verb) must stop.
FORWARD_STOP = re.compile(r"[;:!?()\[\]\"“”«»—]|\s[-–]\s|\bthat\b|\.\s*$")
# What may follow the speaker of an inverted verb: '..., said Smith, ...', 'said Smith on
# Monday', 'said Smith after the match'; not a verb ('..., said officials were ...').
_INVERTED_TAIL = re.compile(
    r"\s*(?:[,.;:!?]|$|(?:on|in|at|after|before|during|following|when|as|from|to|with)\b)",
    re.IGNORECASE,
)


def skip_space(sentence: str, position: int) -> int:
    while position < len(sentence) and sentence[position].isspace():
        position += 1
    return position


def comma_segments(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank stretches of sentence[start:end] between commas, as absolute offsets."""
    segments = []
    position = start
    for index in [*(m.start() for m in re.finditer(",", sentence[start:end])), end - start]:
        a, b = position, start + index
        position = b + 1
        if sentence[a:b].strip():
            segments.append((a, b))
    return segments


def read_segment(sentence: str, start: int, end: int, words: SpeakerWords) -> Speaker | None:
    """sentence[start:end] read as one whole speaker phrase, offsets in the sentence."""
    speaker = read_phrase(sentence[start:end], words, whole=True)
    return speaker.shifted(start) if speaker is not None else None


def read_forward(
    sentence: str, position: int, words: SpeakerWords, inverted: bool = False
) -> Speaker | None:
    """The speaker phrase that starts at `position`, up to the end of its clause."""
    stop = FORWARD_STOP.search(sentence, position)
    end = stop.start() if stop is not None else len(sentence)
    segments = comma_segments(sentence, position, end)[:2]
    if not segments:
        return None
    first = read_phrase(sentence[segments[0][0] : segments[0][1]], words, whole=False)
    if first is None:
        return None
    first = first.shifted(segments[0][0])
    first_end = segments[0][0] + len(sentence[segments[0][0] : segments[0][1]].rstrip())
    if first.end >= first_end and len(segments) > 1:
        second = read_segment(sentence, *segments[1], words)
        joined = combine(first, second, sentence) if second is not None else None
        if joined is not None:
            return joined
    if inverted and not _INVERTED_TAIL.match(sentence[first.end : end]):
        return None  # "..., meanwhile, said officials were ...": not an inverted attribution
    return first


def leading_subject(sentence: str, words: SpeakerWords) -> Speaker | None:
    """The phrase a sentence opens with, when a lower-case verb follows it."""
    lead = read_phrase(sentence, words, whole=False)
    if lead is None or lead.kind == PRONOUN:
        return None
    following = TOKEN.search(sentence, lead.end)
    if following is None or not following.group(0)[:1].islower():
        return None
    return lead
