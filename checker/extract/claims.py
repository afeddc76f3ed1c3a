"""One article's text into claims: sentences, split into clauses where two people speak,
each with its speaker resolved (surnames to full names, pronouns to the person meant).

Offsets are into the document's text throughout, so a claim's text is always
`text[start:end]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from checker.extract.attribution import Attribution, find_attributions
from checker.extract.config import ExtractConfig
from checker.extract.names import surname
from checker.extract.people import People
from checker.extract.quotes import has_direct_quote, quote_spans, straight_close
from checker.extract.sentences import split_sentences
from checker.extract.speakers import NAME, PRONOUN, ROLE, SpeakerWords

_OPENING_QUOTES = '"“‘«'


PERSON, MAYBE_PERSON, NOT_PERSON = "person", "maybe", "no"


@dataclass(frozen=True)
class Speaking:
    """A resolved speaker: canonical form, as written, role as written, and whether it is a
    person (titled or called he/she), maybe one (an untitled name: "Saltmarsh Lines"), or not
    (an unnamed source or organisation)."""

    speaker: str
    text: str
    role: str | None
    person: str


@dataclass(frozen=True)
class ClaimSpan:
    sent_idx: int
    start: int
    end: int
    speaking: Speaking | None
    quote: bool


@dataclass
class _Sentence:
    index: int
    start: int
    text: str
    quotes: list[tuple[int, int]]
    attributions: list[Attribution]


class _Resolver:
    """Turns speaker phrases into Speaking, in article order (pronouns look backwards)."""

    def __init__(self, people: People, words: SpeakerWords) -> None:
        self.people = people
        self.words = words
        self.last_source: str | None = None  # what "it said" refers to
        self.sources: list[str] = []  # every organisation or unnamed source quoted so far
        self.previous: Speaking | None = None  # the speaker of the claim just before
        self.last_quoted: str | None = None  # the person who spoke the last quote

    def resolve(self, attribution: Attribution, sentence: _Sentence) -> Speaking | None:
        phrase = attribution.speaker
        if phrase.kind == PRONOUN:
            if phrase.text.lower() in self.words.person_pronouns:
                verb = sentence.text[attribution.cue_start : attribution.cue_end].lower()
                continuing = verb in self.words.continuation_verbs
                person = self._person_meant(sentence, sentence.start + phrase.start, continuing)
                return Speaking(person, phrase.text, None, PERSON) if person else None
            if self.last_source is None:
                return None
            return Speaking(self.last_source, phrase.text, None, NOT_PERSON)
        if phrase.kind == NAME and phrase.name:
            if phrase.titled:
                kind = PERSON
            elif self.people.is_person(phrase.name, titled=False):
                kind = MAYBE_PERSON
            else:
                kind = NOT_PERSON
            return Speaking(self.people.full_name(phrase.name), phrase.text, phrase.role, kind)
        if phrase.kind == ROLE and phrase.definite:
            person = self.people.with_title(phrase.title)  # "the governor" named earlier
            if person is not None:
                return Speaking(person, phrase.text, phrase.role, PERSON)
        descriptor = phrase.descriptor or phrase.text.lower()
        if phrase.definite and " " not in descriptor:
            # "the agency said" after "the provincial disaster agency said": the same source
            earlier = next((s for s in reversed(self.sources) if s.endswith(descriptor)), None)
            if earlier is not None:
                return Speaking(earlier, phrase.text, None, NOT_PERSON)
        return Speaking(descriptor, phrase.text, None, NOT_PERSON)

    def _person_meant(
        self, sentence: _Sentence, position: int, continuing: bool = False
    ) -> str | None:
        """Who "he" or "she" is: a person named earlier in the same sentence, else (after a verb
        that carries on, "added") the person quoted last, else the person who spoke in the
        claim just before, else the person named last before the sentence.
        Names inside the sentence's quotes do not count ('"I told Smith," he said')."""
        skip = [(sentence.start + a, sentence.start + b) for a, b in sentence.quotes]
        quoted = " ".join(sentence.text[a:b] for a, b in sentence.quotes)
        previous = (
            self.previous.speaker
            if self.previous is not None and self.previous.person != NOT_PERSON
            else None
        )
        # '"We made progress," Ruiz said. Hale was silent. "More to do," she added': a verb
        # that carries on ("added") points to the last person quoted, not the last named.
        candidates = (
            self.people.last_before(position, skip, since=sentence.start),
            self.last_quoted if continuing else None,
            previous,
            self.people.last_before(sentence.start, skip),
        )
        # No one is the speaker of a quote that names them ('"I look forward to working with
        # Ana Ruiz," he said' is not Ruiz speaking).
        return next((p for p in candidates if p is not None and not _named_in(p, quoted)), None)

    def spoke(self, speaking: Speaking | None, quote: bool = False) -> None:
        self.previous = speaking
        if quote and speaking is not None and speaking.person != NOT_PERSON:
            self.last_quoted = speaking.speaker
        if speaking is not None and speaking.person != PERSON:
            self.last_source = speaking.speaker  # what "it said" may refer to
        if speaking is not None and speaking.person == NOT_PERSON:
            self.sources.append(speaking.speaker.lower())


def claim_spans(text: str, config: ExtractConfig) -> list[ClaimSpan]:
    """The claims of one article, in order, with speakers resolved."""
    words = config.attribution.words
    people = People(words, config.name_runs)
    people.scan_titles(text)
    sentences = []
    for index, (start, end) in enumerate(split_sentences(text, config.split)):
        sentence = text[start:end]
        if config.boilerplate is not None and config.boilerplate.match(sentence):
            continue  # "Advertisement", "Read more: ...", a byline: furniture, not a claim
        quotes = quote_spans(sentence)
        attributions = find_attributions(sentence, quotes, config.attribution)
        for attribution in attributions:
            phrase = attribution.speaker
            if phrase.kind == NAME and phrase.name:
                people.register(phrase.name, start + phrase.start, phrase.titled, phrase.title)
        sentences.append(_Sentence(index, start, sentence, quotes, attributions))
    people.index_mentions(text)

    resolver = _Resolver(people, words)
    spans: list[ClaimSpan] = []
    for sentence in sentences:
        resolved = [
            (attribution, speaking)
            for attribution in sentence.attributions
            if (speaking := resolver.resolve(attribution, sentence)) is not None
        ]
        for start, end, speaking in _clauses(sentence.text, resolved):
            quote = has_direct_quote(
                sentence.text,
                [(max(a, start), min(b, end)) for a, b in sentence.quotes if a < end and b > start],
                config.attribution.min_quote_words,
            )
            if speaking is None and spans:
                speaking = _continued_quote(sentence.text[start:end], quote, text, spans[-1])
            if speaking is not None or not quote:
                # an unattributed piece of a quote keeps "he" pointing at who spoke before it
                resolver.spoke(speaking, quote)
            offset = sentence.start
            spans.append(ClaimSpan(sentence.index, offset + start, offset + end, speaking, quote))
    return _close_quotes(spans, text)


def _close_quotes(spans: list[ClaimSpan], text: str) -> list[ClaimSpan]:
    """A quote that runs over several sentences names its speaker at one end only: its
    unattributed sentences take the speaker of the one that closes it ('"A. B," he said') or
    of the one that opened it ('He said: "A. B."')."""
    for i in range(len(spans) - 2, -1, -1):
        current, following = spans[i], spans[i + 1]
        if (
            current.speaking is None
            and following.speaking is not None
            and following.quote
            and _opens_unclosed_quote(text[current.start : current.end])
        ):
            spans[i] = replace(current, speaking=following.speaking, quote=True)
    for i in range(1, len(spans)):  # and a quote's later sentences keep its first speaker
        previous, current = spans[i - 1], spans[i]
        if (
            current.speaking is None
            and previous.speaking is not None
            and _opens_unclosed_quote(text[previous.start : previous.end])
            and _closes_open_quote(text[current.start : current.end])
        ):
            spans[i] = replace(current, speaking=previous.speaking, quote=True)
    return spans


def _closes_open_quote(clause: str) -> bool:
    """The clause ends a quote it did not open: 'B, and C."' or 'B, and C.”'."""
    stripped = clause.strip()
    if '"' in stripped:
        return stripped.count('"') % 2 == 1 and not stripped.startswith('"')
    return "”" in stripped and "“" not in stripped.split("”")[0]


def _opens_unclosed_quote(clause: str) -> bool:
    """The clause opens a quote and the sentence ends before it closes."""
    if '"' in clause:
        return clause.count('"') % 2 == 1 and straight_close(clause) is None
    return clause.count("“") > clause.count("”") or clause.count("«") > clause.count("»")


def _continued_quote(clause: str, quote: bool, text: str, previous: ClaimSpan) -> Speaking | None:
    """A sentence that is only a quote goes on from the speaker just quoted or introduced."""
    if not quote or clause.lstrip()[:1] not in _OPENING_QUOTES or previous.speaking is None:
        return None
    introduced = text[previous.start : previous.end].rstrip().endswith(":")
    return previous.speaking if (previous.quote or introduced) else None


def _clauses(
    sentence: str, resolved: list[tuple[Attribution, Speaking]]
) -> list[tuple[int, int, Speaking | None]]:
    """Split a sentence where a second speaker's clause begins; one span when there is none."""
    strong = [pair for pair in resolved if not pair[0].weak]
    chosen = strong or resolved[:1]
    if not chosen:
        return [(0, len(sentence), None)]
    cuts: list[tuple[int, Speaking]] = [(0, chosen[0][1])]
    previous = chosen[0][0]
    for attribution, speaking in chosen[1:]:
        if speaking.speaker == cuts[-1][1].speaker:
            previous = attribution
            continue
        start = attribution.clause_start
        if start is None or start < max(previous.cue_end, previous.speaker.end):
            continue  # nested ("X said Y told ...") or not a clause of its own
        cuts.append((start, speaking))
        previous = attribution
    clauses = []
    for i, (start, speaking) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(sentence)
        while start < end and sentence[start].isspace():
            start += 1
        while end > start and sentence[end - 1].isspace():
            end -= 1
        clauses.append((start, end, speaking))
    return clauses


def _named_in(person: str, text: str) -> bool:
    """Does `text` name the person by surname?"""
    last = surname(person)
    return bool(last) and re.search(rf"(?<!\w){re.escape(last)}(?!\w)", text) is not None
