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

The work is split by responsibility; this module holds `find_attributions` and re-exports the rest:
    rules.py    the lexicon compiled, Attribution and its kinds (SUBJECT, ...)
    phrases.py  reading a speaker phrase forwards or from a comma segment
    subject.py  the subject before a verb, past asides and appositives
    labels.py   speakers before a colon: introduced quotes and headline labels
"""

from __future__ import annotations

import re
from dataclasses import replace

from checker.extract.attribution.labels import introduced_quote
from checker.extract.attribution.phrases import (
    FORWARD_STOP,
    TOKEN,
    leading_subject,
    read_forward,
    skip_space,
)
from checker.extract.attribution.rules import (
    ACCORDING,
    AGENT,
    INTRODUCED,
    INVERTED,
    PARTICIPLE,
    STATEMENT,
    SUBJECT,
    VERB_KEYS,
    WEAK,
    Attribution,
    AttributionRules,
    load_attribution_rules,
)
from checker.extract.attribution.subject import Boundary, clause_boundaries, subject
from checker.extract.patterns import Hit
from checker.extract.quotes import inside
from checker.extract.speakers import PRONOUN, Speaker

__all__ = [
    "ACCORDING",
    "AGENT",
    "INTRODUCED",
    "INVERTED",
    "PARTICIPLE",
    "STATEMENT",
    "SUBJECT",
    "WEAK",
    "Attribution",
    "AttributionRules",
    "find_attributions",
    "load_attribution_rules",
]

_BY = re.compile(r"\s+by\s+", re.IGNORECASE)
_AFTER_PARTICIPLE = re.compile(r"\s*(?:that\b|:|[\"“‘«])", re.IGNORECASE)
_QUOTE_OR_COMMA = frozenset(",\"”’'")
# What a conditional verb ("posted") must be followed by to report words: content ("that", a
# colon, a quote), perhaps after where it appeared ("posted on social media that ...").
_CONTENT_AFTER = re.compile(
    r"\s+(?:(?:on|to|in|via)\s+(?:[^\s,;:]+\s+){1,3}?)?(?:that\b|:|[\"“‘«])", re.IGNORECASE
)
# ... or what it is said of, then the quote ('called the plan "a gamble"', 'hailed the sales
# as "the fastest ramp"').
_OBJECT_THEN_QUOTE = re.compile(r"\s+(?:[^\s,;:\"“‘«.]+\s+){1,8}?(?:as\s+)?[\"“‘«]")
_DOCUMENT_WORDS = 5  # "the passenger manifest released" before "by": longer is not a document


def find_attributions(
    sentence: str, quotes: list[tuple[int, int]], rules: AttributionRules
) -> list[Attribution]:
    """Every attribution in the sentence, in order of their cue; verbs inside quotes ignored."""
    cues = rules.cues.hits(sentence)
    verbs = [
        hit
        for hit in cues
        if hit.key in VERB_KEYS
        and not inside(quotes, hit.start)
        and (hit.key != "conditional" or _reports_content(sentence, hit, quotes))
    ]
    markers = [hit for hit in cues if hit.key not in VERB_KEYS]
    boundaries = clause_boundaries(sentence, markers, verbs)
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
    introduced = introduced_quote(sentence, quotes, rules.words)
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
        speaker = read_forward(sentence, skip_space(sentence, position), rules.words)
        if speaker is None and marker.key == ACCORDING:
            speaker = _document_source(sentence, position, rules)
        if speaker is not None and speaker.kind != PRONOUN:
            found.append(Attribution(speaker, marker.key, marker.start, marker.end))
    return sorted(found, key=lambda a: a.cue_start)


def _document_source(sentence: str, position: int, rules: AttributionRules) -> Speaker | None:
    """ "according to figures released by the health ministry": the source of a document."""
    if rules.document_link is None:
        return None
    stop = FORWARD_STOP.search(sentence, position)
    end = stop.start() if stop is not None else len(sentence)
    comma = sentence.find(",", position, end)
    link = rules.document_link.search(sentence, position, comma if comma >= 0 else end)
    if link is None or len(TOKEN.findall(sentence, position, link.start())) > _DOCUMENT_WORDS:
        return None
    return read_forward(sentence, link.end(), rules.words)


def _reports_content(sentence: str, verb: Hit, quotes: list[tuple[int, int]]) -> bool:
    """ "X posted on X that ...", '"...," X posted', 'X called the plan "a gamble"': the verb
    reports words. "The company posted a loss" does not."""
    return (
        bool(_CONTENT_AFTER.match(sentence, verb.end))
        or bool(_OBJECT_THEN_QUOTE.match(sentence, verb.end))
        or any(end <= verb.start for _, end in quotes)
    )


def _finite(
    sentence: str, verb: Hit, boundaries: list[Boundary], rules: AttributionRules
) -> Attribution | None:
    by = _BY.match(sentence, verb.end)
    if by is not None:  # "as reported by the health ministry"
        speaker = read_forward(sentence, by.end(), rules.words)
        if speaker is None or speaker.kind == PRONOUN:
            return None
        return Attribution(speaker, AGENT, verb.start, verb.end)
    listener = verb.text.lower() in rules.listener_verbs  # "..., told Reuters": not the speaker
    if not listener and sentence[: verb.start].rstrip()[-1:] in _QUOTE_OR_COMMA:
        position = skip_space(sentence, verb.end)
        speaker = read_forward(sentence, position, rules.words, inverted=True)
        if speaker is not None:
            return Attribution(speaker, INVERTED, verb.start, verb.end)
    return subject(sentence, verb, boundaries, rules)


def _participle(
    sentence: str, verb: Hit, found: list[Attribution], rules: AttributionRules
) -> Attribution | None:
    needs_that = verb.text.lower() not in rules.free_participles
    if needs_that and not _AFTER_PARTICIPLE.match(sentence, verb.end):
        return None  # "..., indicating the continued engagement": not someone's words
    if found:  # "Brandt highlighted ..., reporting that": the same speaker goes on
        return replace(found[-1], how=PARTICIPLE, cue_start=verb.start, cue_end=verb.end)
    lead = leading_subject(sentence, rules.words)
    if lead is None:
        return None
    return Attribution(lead, PARTICIPLE, verb.start, verb.end)
