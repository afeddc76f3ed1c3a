"""Finding who a sentence attributes its content to, and where.

Patterns, strongest first (word lists in attribution.yaml):
    X said / X noted that ...            the subject before an attributing verb
    "...," said X  /  ..., said X.       the phrase after a verb that follows a quote or comma
    as reported by X                     the agent after a verb and "by"
    X posted on X that ...               a verb that reports words only when content follows
                                         (or a quote precedes: '"...," the club posted')
    X ..., reporting that ...            a participle: the clause's subject
    X focused on cash: "..."             the subject of a sentence that introduces a quote
    Acme CEO Jo Park: "..."              a speaker label alone before a colon and a quote
    Coach Lindqvist: We Were Not ...     a titled headline label before a colon
    according to X                       the source after a preposition (or after "by" in
                                         "according to figures released by X")
    comments from X, indicating that     the source after a statement noun
The patterns from "X focused on cash" down count only when the sentence has no attributing
verb of its own.

Before a verb, asides set off by commas are skipped ("X, 54, said", "X, for his part, said",
"X, who chairs the committee, said"); after "told" the phrase is the listener, never the
speaker ("..., Dana Reyes, told Reuters").

Each Attribution carries the speaker phrase as read by speakers.py (not yet resolved to a
person: "he" and "Brandt" stay as written) and, for a subject that opens a new clause, the
offset where the sentence may be split into two claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.errors import CheckerError
from checker.extract.patterns import Hit, PhraseIndex, string_list, word_set
from checker.extract.quotes import inside
from checker.extract.speakers import (
    NAME,
    PRONOUN,
    SOURCE,
    Speaker,
    SpeakerWords,
    combine,
    load_speaker_words,
    read_phrase,
)
from checker.lexicons import load_lexicon

_SOURCE = "lexicons/attribution.yaml"

SUBJECT = "subject"
INVERTED = "inverted"
AGENT = "agent"
PARTICIPLE = "participle"
ACCORDING = "according"
STATEMENT = "statement"
INTRODUCED = "introduced"
WEAK = frozenset({ACCORDING, STATEMENT, INTRODUCED})
_VERB_KEYS = frozenset({"finite", "participle", "conditional"})
_FINITE_KEYS = frozenset({"finite", "conditional"})

_BY = re.compile(r"\s+by\s+", re.IGNORECASE)
_AFTER_PARTICIPLE = re.compile(r"\s*(?:that\b|:|[\"“‘«])", re.IGNORECASE)
_QUOTE_OR_COMMA = frozenset(",\"”’'")
# Where a phrase read forwards (after "by", "according to", an inverted verb) must stop.
_FORWARD_STOP = re.compile(r"[;:!?()\[\]\"“”«»—]|\s[-–]\s|\bthat\b|\.\s*$")
# What may follow the speaker of an inverted verb: '..., said Smith, ...', 'said Smith on
# Monday', 'said Smith after the match'; not a verb ('..., said officials were ...').
_INVERTED_TAIL = re.compile(
    r"\s*(?:[,.;:!?]|$|(?:on|in|at|after|before|during|following|when|as|from|to|with)\b)",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\S+")
_RELATIVE = re.compile(r"\s*(?:who|which|whose|whom|where)\b", re.IGNORECASE)
# An age in apposition: "Jonah Mbeki, 54, said", "a nurse, aged 31, said".
_AGE = re.compile(r"\s*(?:aged\s+)?\d{1,3}\s*$", re.IGNORECASE)
# What a conditional verb ("posted") must be followed by to report words: content ("that", a
# colon, a quote), perhaps after where it appeared ("posted on social media that ...").
_CONTENT_AFTER = re.compile(
    r"\s+(?:(?:on|to|in|via)\s+(?:[^\s,;:]+\s+){1,3}?)?(?:that\b|:|[\"“‘«])", re.IGNORECASE
)
_PUNCT_BOUNDARY = re.compile(r"[;:()\[\]\"“”«»—]|\s[-–]\s")
_INNER_COORDINATOR = re.compile(r"\s(?:and|but)\s+", re.IGNORECASE)
_COLON_QUOTE = re.compile(r":\s*[\"“‘«]")
_MIN_HEADLINE_WORDS = 3  # after the colon of a headline label: "A Profile" is no statement
_DOCUMENT_WORDS = 5  # "the passenger manifest released" before "by": longer is not a document
# A headline's speaker label: 'Coach Lindqvist: We Were Not Good Enough' (a capital follows,
# perhaps after a straight single quote, which the quote finder leaves alone: 'Ready').
_LABEL_COLON = re.compile(r":\s+[\"'“‘«]?(?=[^\W\d_])")
_COORDINATOR = re.compile(r"\s*(?:and|or)\s+", re.IGNORECASE)


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


def load_attribution_rules(rule_dirs: Sequence[str | Path] = ()) -> AttributionRules:
    lexicon = load_lexicon("attribution", rule_dirs)

    def words(key: str) -> list[str]:
        return string_list(lexicon, key, _SOURCE)

    if not words("verbs"):
        raise CheckerError(_SOURCE, "'verbs' must list at least one attributing verb")
    links = words("statement_links")
    statement_link = None
    if links:
        statement_link = re.compile(
            r"\s+(?:" + "|".join(re.escape(w) for w in links) + r")\s+", re.IGNORECASE
        )
    document_links = words("document_links")
    document_link = None
    if document_links:
        document_link = re.compile(
            r"\s(?:" + "|".join(re.escape(w) for w in document_links) + r")\s+", re.IGNORECASE
        )
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


@dataclass(frozen=True)
class _Boundary:
    start: int
    end: int
    kind: str  # punct / opener / nested


def find_attributions(
    sentence: str, quotes: list[tuple[int, int]], rules: AttributionRules
) -> list[Attribution]:
    """Every attribution in the sentence, in order of their cue; verbs inside quotes ignored."""
    cues = rules.cues.hits(sentence)
    verbs = [
        hit
        for hit in cues
        if hit.key in _VERB_KEYS
        and not inside(quotes, hit.start)
        and (hit.key != "conditional" or _reports_content(sentence, hit, quotes))
    ]
    markers = [hit for hit in cues if hit.key not in _VERB_KEYS]
    boundaries = sorted(
        [_Boundary(m.start(), m.end(), "punct") for m in _PUNCT_BOUNDARY.finditer(sentence)]
        + [_Boundary(h.start, h.end, h.key) for h in markers if h.key in ("opener", "nested")]
        + [_Boundary(h.start, h.end, "nested") for h in verbs if h.key in _FINITE_KEYS],
        key=lambda b: (b.start, b.end),
    )
    found: list[Attribution] = []
    for verb in verbs:
        if verb.key == "participle":
            attribution = _participle(sentence, verb, found, rules)
        else:
            attribution = _finite(sentence, verb, boundaries, rules)
        if attribution is not None:
            found.append(attribution)
    if found:
        return found
    introduced = _introduced_quote(sentence, quotes, rules.words)
    if introduced is not None:
        found.append(introduced)
    for marker in markers:
        if marker.key not in (ACCORDING, STATEMENT) or inside(quotes, marker.start):
            continue
        position = marker.end
        if marker.key == STATEMENT:
            link = rules.statement_link and rules.statement_link.match(sentence, marker.end)
            if not link:
                continue  # "comments" alone, not "comments from X"
            position = link.end()
        speaker = _read_forward(sentence, _skip_space(sentence, position), rules.words)
        if speaker is None and marker.key == ACCORDING:
            speaker = _document_source(sentence, position, rules)
        if speaker is not None and speaker.kind != PRONOUN:
            found.append(Attribution(speaker, marker.key, marker.start, marker.end))
    return sorted(found, key=lambda a: a.cue_start)


def _document_source(sentence: str, position: int, rules: AttributionRules) -> Speaker | None:
    """ "according to figures released by the health ministry": the source of a document."""
    if rules.document_link is None:
        return None
    stop = _FORWARD_STOP.search(sentence, position)
    end = stop.start() if stop is not None else len(sentence)
    comma = sentence.find(",", position, end)
    link = rules.document_link.search(sentence, position, comma if comma >= 0 else end)
    if link is None or len(_TOKEN.findall(sentence, position, link.start())) > _DOCUMENT_WORDS:
        return None
    return _read_forward(sentence, link.end(), rules.words)


def _reports_content(sentence: str, verb: Hit, quotes: list[tuple[int, int]]) -> bool:
    """ "X posted on X that ...", '"...," X posted': the verb reports words. "The company
    posted a loss" does not."""
    return bool(_CONTENT_AFTER.match(sentence, verb.end)) or any(
        end <= verb.start for _, end in quotes
    )


def _skip_space(sentence: str, position: int) -> int:
    while position < len(sentence) and sentence[position].isspace():
        position += 1
    return position


def _introduced_quote(
    sentence: str, quotes: list[tuple[int, int]], words: SpeakerWords
) -> Attribution | None:
    """ 'CFO Marcus Ilesanmi focused on cash: "We turned ..."': the subject introduces a quote."""
    colon = _COLON_QUOTE.search(sentence)
    if colon is None:
        return _headline_label(sentence, quotes, words)
    if inside(quotes, colon.start()):
        return None
    lead = _leading_subject(sentence, words) or _label_speaker(sentence[: colon.start()], words)
    if lead is None or lead.end > colon.start():
        return None
    return Attribution(lead, INTRODUCED, colon.start(), colon.start() + 1)


def _headline_label(
    sentence: str, quotes: list[tuple[int, int]], words: SpeakerWords
) -> Attribution | None:
    """ 'Coach Lindqvist: We Were Not Good Enough': a label before a colon and a capital."""
    colon = _LABEL_COLON.search(sentence)
    if colon is None or inside(quotes, colon.start()):
        return None
    if not sentence[colon.end() : colon.end() + 1].isupper():
        return None  # "The plan had one flaw: cost" is not a speaker's words
    lead = _label_speaker(sentence[: colon.start()], words)
    if lead is None or lead.kind == SOURCE:
        return None  # "Sources: WireWatch, Meridian" is a credit line, not a statement
    if len(_TOKEN.findall(sentence, colon.end())) < _MIN_HEADLINE_WORDS:
        return None
    return Attribution(lead, INTRODUCED, colon.start(), colon.start() + 1)


def _label_speaker(label: str, words: SpeakerWords) -> Speaker | None:
    """ 'Acme chief executive Jo Park: "..."': a speaker label with no verb before the colon.

    The whole label must be the speaker, and a name needs a title: a bare capitalised label
    ("Breaking News:", "Verdict:") is a heading, not a person.
    """
    speaker = read_phrase(label, words, whole=True)
    if speaker is None or speaker.kind == PRONOUN or (speaker.kind == NAME and not speaker.titled):
        return None
    return speaker


def _leading_subject(sentence: str, words: SpeakerWords) -> Speaker | None:
    """The phrase a sentence opens with, when a lower-case verb follows it."""
    lead = read_phrase(sentence, words, whole=False)
    if lead is None or lead.kind == PRONOUN:
        return None
    following = _TOKEN.search(sentence, lead.end)
    if following is None or not following.group(0)[:1].islower():
        return None
    return lead


def _finite(
    sentence: str, verb: Hit, boundaries: list[_Boundary], rules: AttributionRules
) -> Attribution | None:
    by = _BY.match(sentence, verb.end)
    if by is not None:  # "as reported by the health ministry"
        speaker = _read_forward(sentence, by.end(), rules.words)
        if speaker is None or speaker.kind == PRONOUN:
            return None
        return Attribution(speaker, AGENT, verb.start, verb.end)
    listener = verb.text.lower() in rules.listener_verbs  # "..., told Reuters": not the speaker
    if not listener and sentence[: verb.start].rstrip()[-1:] in _QUOTE_OR_COMMA:
        position = _skip_space(sentence, verb.end)
        speaker = _read_forward(sentence, position, rules.words, inverted=True)
        if speaker is not None:
            return Attribution(speaker, INVERTED, verb.start, verb.end)
    return _subject(sentence, verb, boundaries, rules)


def _participle(
    sentence: str, verb: Hit, found: list[Attribution], rules: AttributionRules
) -> Attribution | None:
    needs_that = verb.text.lower() not in rules.free_participles
    if needs_that and not _AFTER_PARTICIPLE.match(sentence, verb.end):
        return None  # "..., indicating the continued engagement": not someone's words
    if found:  # "Brandt highlighted ..., reporting that": the same speaker goes on
        return replace(found[-1], how=PARTICIPLE, cue_start=verb.start, cue_end=verb.end)
    lead = _leading_subject(sentence, rules.words)
    if lead is None:
        return None
    return Attribution(lead, PARTICIPLE, verb.start, verb.end)


def _subject(
    sentence: str, verb: Hit, boundaries: list[_Boundary], rules: AttributionRules
) -> Attribution | None:
    """The speaker before the verb, between the last clause boundary and the verb."""
    region_end = _before_parenthesis(sentence, verb.start)
    boundary = next((b for b in reversed(boundaries) if b.end <= region_end), None)
    region_start = boundary.end if boundary is not None else 0
    region_end = _strip_fillers(sentence, region_start, region_end, rules.fillers)
    segments = _comma_segments(sentence, region_start, region_end)
    while segments and _only_fillers(sentence, *segments[-1], rules.fillers):
        segments.pop()  # "the ministry, however, said"
    # "Smith, who led the talks, said", "Smith, 54, said", "Smith, for his part, said": asides
    # between a speaker and the verb are never the speaker themselves.
    segments = segments[:1] + [s for s in segments[1:] if not _aside(sentence, *s, rules)]
    if not segments:
        return None
    last = len(segments) - 1
    start, end = segments[last]
    coordinator = _COORDINATOR.match(sentence, start, end)
    if coordinator is not None:
        start = coordinator.end()  # "..., and the ministry said"
    speaker = _read_segment(sentence, start, end, rules.words)
    if speaker is None and coordinator is None and _described(sentence, segments, last, rules):
        # "Ruiz, a mother of three, told AFP": a name, then a description no word list knows
        speaker = _read_segment(sentence, *segments[last - 1], rules.words)
        if speaker is not None and speaker.kind == NAME:
            last -= 1
        else:
            speaker = None
    if speaker is None:
        # "more time was needed and a Palestinian source said": a clause joined without a comma
        coordinator = _last_coordinator(sentence, start, end)
        if coordinator is None:
            return None
        speaker = _read_segment(sentence, coordinator.end(), end, rules.words)
        if speaker is None:
            return None
        return Attribution(speaker, SUBJECT, verb.start, verb.end, coordinator.start())
    first_segment = last
    if last > 0 and coordinator is None:
        a, b = segments[last - 1]
        leading = _COORDINATOR.match(sentence, a, b)  # "..., and the company's chief executive,"
        before = _read_segment(sentence, leading.end() if leading else a, b, rules.words)
        joined = combine(before, speaker, sentence) if before is not None else None
        if joined is not None:
            speaker, first_segment = joined, last - 1
    if first_segment > 0:
        # A comma clause: "Talks stalled, the ministry said" may split before the speaker.
        clause_start = segments[first_segment][0] if coordinator is None else coordinator.start()
    elif boundary is None:
        clause_start = 0
    elif boundary.kind == "opener":
        clause_start = boundary.start  # "..., though the foreign ministry indicated"
    elif boundary.kind == "punct":
        clause_start = boundary.end
    else:
        clause_start = None  # "X said that Y told ...": Y's words stay inside X's claim
    return Attribution(speaker, SUBJECT, verb.start, verb.end, clause_start)


def _described(
    sentence: str, segments: list[tuple[int, int]], last: int, rules: AttributionRules
) -> bool:
    """Is the last segment an appositive noun phrase ("a mother of three") after another?"""
    first = _TOKEN.search(sentence, segments[last][0], segments[last][1])
    return last > 0 and first is not None and first.group(0).lower() in rules.words.determiners


def _aside(sentence: str, start: int, end: int, rules: AttributionRules) -> bool:
    """A comma segment that cannot be (part of) a speaker: a relative clause, an age, a
    prepositional phrase ("for his part", "in a statement") or filler words ("however")."""
    if _RELATIVE.match(sentence, start) or _AGE.match(sentence[start:end]):
        return True
    first = _TOKEN.search(sentence, start, end)
    if first is not None and first.group(0).lower() in rules.adverbial_openers:
        return True
    return _only_fillers(sentence, start, end, rules.fillers)


def _only_fillers(sentence: str, start: int, end: int, fillers: frozenset[str]) -> bool:
    return all(t.group(0).lower() in fillers for t in _TOKEN.finditer(sentence, start, end))


def _last_coordinator(sentence: str, start: int, end: int) -> re.Match[str] | None:
    found = list(_INNER_COORDINATOR.finditer(sentence, start, end))
    return found[-1] if found else None


def _before_parenthesis(sentence: str, end: int) -> int:
    """Step back over a parenthesis right before the verb: "the Risk Office (PDRO) said"."""
    stripped = sentence[:end].rstrip()
    if stripped.endswith(")"):
        opening = stripped.rfind("(")
        if opening > 0:
            return opening
    return end


def _strip_fillers(sentence: str, start: int, end: int, fillers: frozenset[str]) -> int:
    """Move `end` back over words between a speaker and its verb ("has also", "on Monday")."""
    tokens = list(_TOKEN.finditer(sentence, start, end))
    while tokens and tokens[-1].group(0).lower().strip(",") in fillers:
        end = tokens.pop().start()
    return end


def _comma_segments(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    segments = []
    position = start
    for index in [*(m.start() for m in re.finditer(",", sentence[start:end])), end - start]:
        a, b = position, start + index
        position = b + 1
        if sentence[a:b].strip():
            segments.append((a, b))
    return segments


def _read_segment(sentence: str, start: int, end: int, words: SpeakerWords) -> Speaker | None:
    speaker = read_phrase(sentence[start:end], words, whole=True)
    return speaker.shifted(start) if speaker is not None else None


def _read_forward(
    sentence: str, position: int, words: SpeakerWords, inverted: bool = False
) -> Speaker | None:
    """The speaker phrase that starts at `position`, up to the end of its clause."""
    stop = _FORWARD_STOP.search(sentence, position)
    end = stop.start() if stop is not None else len(sentence)
    segments = _comma_segments(sentence, position, end)[:2]
    if not segments:
        return None
    first = read_phrase(sentence[segments[0][0] : segments[0][1]], words, whole=False)
    if first is None:
        return None
    first = first.shifted(segments[0][0])
    first_end = segments[0][0] + len(sentence[segments[0][0] : segments[0][1]].rstrip())
    if first.end >= first_end and len(segments) > 1:
        second = _read_segment(sentence, *segments[1], words)
        joined = combine(first, second, sentence) if second is not None else None
        if joined is not None:
            return joined
    if inverted and not _INVERTED_TAIL.match(sentence[first.end : end]):
        return None  # "..., meanwhile, said officials were ...": not an inverted attribution
    return first
