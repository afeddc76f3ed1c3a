"""Reading a speaker phrase: who is named, with which role, or which unnamed source.

A small hand-written noun-phrase reader over whitespace tokens, driven by word lists:

    "U.S. President Maria Ortega"      -> name Maria Ortega, role "U.S. President"
    "Ortega's Middle East envoy"        -> a role alone ("Middle East envoy")
    "spokesperson Armand Balilo"       -> name Armand Balilo, role "spokesperson"
    "a Palestinian source involved in the talks" -> unnamed source "palestinian source"
    "Brandt" / "he"                   -> a bare name / a pronoun

Appositives ("Tim Cook, Apple's chief executive") are two phrases joined by `combine`.
Resolving bare surnames and pronouns to people is people.py's job, not this module's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.errors import CheckerError
from checker.extract.names import clean_name, is_possessive, unify_punctuation
from checker.extract.patterns import word_set
from checker.lexicons import load_lexicon

NAME = "name"  # a proper name, with or without a title
ROLE = "role"  # a title or role with no name ("the Israeli prime minister")
SOURCE = "source"  # an unnamed source ("officials", "Norway's foreign ministry")
PRONOUN = "pronoun"

_TOKEN = re.compile(r"\S+")
_EDGE = "\"'“”‘’«»()[]{},;:!?"
_MAX_POSTMODIFIER = 8  # "a source involved in the talks": words allowed after an unnamed head
_HEAD_LOOKAHEAD = 3  # "the state-run health ministry": modifiers allowed before a head
_MAX_MODIFIERS = 4
_DEFINITE = frozenset({"the", "this", "that"})
_COMPLEMENT_LINKS = frozenset({"of", "at", "from", "in", "for"})
_OWNER_LINKS = frozenset({"for", "of"})  # "a spokesperson for the ministry", "head of the agency"


@dataclass(frozen=True)
class SpeakerWords:
    """Word lists the reader needs, from roles.yaml and attribution.yaml."""

    titles: frozenset[tuple[str, ...]]
    sources: frozenset[tuple[str, ...]]
    honorifics: frozenset[str]
    determiners: frozenset[str]
    stop_words: frozenset[str]
    not_names: frozenset[str]
    particles: frozenset[str]
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    organisation_words: frozenset[str]
    title_synonyms: dict[str, str]
    longest: int

    def title_key(self, title: str) -> str:
        """One key per job: "CEO" and "chief executive" -> "chief executive"."""
        key = " ".join(title.lower().rstrip(".").split())
        return self.title_synonyms.get(key, key)


def load_speaker_words(rule_dirs: Sequence[str | Path] = ()) -> SpeakerWords:
    roles = load_lexicon("roles", rule_dirs)
    attribution = load_lexicon("attribution", rule_dirs)
    r_src, a_src = "lexicons/roles.yaml", "lexicons/attribution.yaml"

    def phrases(values: frozenset[str]) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(v.rstrip(".").split()) for v in values)

    titles = phrases(word_set(roles, "titles", r_src))
    sources = phrases(word_set(attribution, "source_nouns", a_src))
    return SpeakerWords(
        titles=titles,
        sources=sources,
        honorifics=frozenset(h.rstrip(".") for h in word_set(roles, "honorifics", r_src)),
        determiners=word_set(attribution, "determiners", a_src),
        stop_words=word_set(attribution, "not_in_speaker", a_src),
        not_names=frozenset(w.lower() for w in word_set(roles, "not_names", r_src)),
        particles=word_set(roles, "name_particles", r_src),
        person_pronouns=word_set(attribution, "person_pronouns", a_src),
        thing_pronouns=word_set(attribution, "thing_pronouns", a_src),
        organisation_words=word_set(attribution, "organisation_words", a_src),
        title_synonyms=_synonyms(roles, r_src),
        longest=max((len(p) for p in titles | sources), default=1),
    )


def _synonyms(lexicon: dict, source: str) -> dict[str, str]:
    value = lexicon.get("title_synonyms") or {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise CheckerError(source, "'title_synonyms' must map titles to titles")
    return {" ".join(k.lower().split()): " ".join(v.lower().split()) for k, v in value.items()}


@dataclass(frozen=True)
class Speaker:
    """A parsed speaker phrase. Offsets are relative to the phrase given to `read_phrase`."""

    kind: str
    text: str  # as written
    start: int
    end: int
    name: str | None = None  # NAME: the name without titles
    role: str | None = None  # NAME or ROLE: the role as written, owner dropped
    descriptor: str | None = None  # ROLE/SOURCE: lower-case description ("palestinian source")
    titled: bool = False  # the name came with a title or honorific: surely a person
    title: str | None = None  # the title matched, lower case ("spokesperson"), for "the X said"
    definite: bool = False  # "the governor" / "Apple's chief executive", not "a spokesperson"

    def shifted(self, offset: int) -> Speaker:
        return replace(self, start=self.start + offset, end=self.end + offset)


class _Tokens:
    """The phrase split on whitespace, with lower-case forms for matching."""

    def __init__(self, phrase: str) -> None:
        self.phrase = phrase
        self.spans: list[tuple[int, int]] = []
        self.raw: list[str] = []
        for match in _TOKEN.finditer(phrase):
            word = match.group(0)
            left = len(word) - len(word.lstrip(_EDGE))
            right = len(word.rstrip(_EDGE))
            if right <= left:
                continue  # a lone quote mark or bracket
            self.spans.append((match.start() + left, match.start() + right))
            self.raw.append(word[left:right])
        # A final full stop belongs to the sentence unless the word is dotted ("U.S.").
        self.low = [
            w if w.count(".") > 1 else w.rstrip(".")
            for w in (unify_punctuation(r).lower() for r in self.raw)
        ]
        self.key = [w.rstrip(".") for w in self.low]  # "gov." and "gov" match alike

    def __len__(self) -> int:
        return len(self.raw)

    def text(self, start: int, end: int) -> str:
        return self.phrase[self.spans[start][0] : self.spans[end - 1][1]] if end > start else ""

    def is_capitalised(self, i: int) -> bool:
        return self.raw[i][:1].isupper()


class _Reader:
    def __init__(self, tokens: _Tokens, words: SpeakerWords) -> None:
        self.t = tokens
        self.w = words

    def phrase_len(self, i: int, table: frozenset[tuple[str, ...]]) -> int:
        """Length of the longest entry of `table` starting at token i, else 0."""
        for size in range(min(self.w.longest, len(self.t) - i), 0, -1):
            if tuple(self.t.key[i : i + size]) in table:
                return size
        return 0

    def head_len(self, i: int) -> int:
        return self.phrase_len(i, self.w.titles) or self.phrase_len(i, self.w.sources)

    def is_name_word(self, i: int) -> bool:
        t = self.t
        return (
            t.is_capitalised(i)
            and t.key[i] not in self.w.not_names
            and t.key[i] not in self.w.honorifics
            and not self.phrase_len(i, self.w.titles)
        )

    def name_end(self, i: int) -> int:
        """End of the run of name words from i (particles allowed inside); i when none."""
        end = i
        j = i
        while j < len(self.t):
            if self.is_name_word(j):
                j += 1
                end = j
                if is_possessive(self.t.raw[j - 1]):
                    break  # "Lindqvist's office": the name stops at the owner
            elif j > i and (
                self.t.low[j] in self.w.particles
                or (self.t.is_capitalised(j) and j + 1 < len(self.t) and self.is_name_word(j + 1))
            ):
                j += 1  # "Mohammed bin Salman", "Port Alvaro General Hospital"
            else:
                break
        return end

    def head_ahead(self, i: int) -> bool:
        """Is a title or source noun reachable from i through a few modifier words?"""
        for j in range(i, min(len(self.t), i + _HEAD_LOOKAHEAD + 1)):
            if self.head_len(j):
                return True
            if self.t.low[j] in self.w.stop_words:
                return False
        return False

    def read(self) -> Speaker | None:
        """Read a speaker from the front of the phrase; `end` tells how far it reached."""
        t, w = self.t, self.w
        if not len(t):
            return None
        if t.low[0] in w.person_pronouns or t.low[0] in w.thing_pronouns:
            return self._make(PRONOUN, 0, 1)
        first = 0
        while first < len(t) and t.low[first] in w.determiners:
            first += 1
        owner_end = first
        j = first
        modifiers = 0
        stacked: tuple[int, str] | None = None  # a title that a second title follows
        while j < len(t):
            size = self.phrase_len(j, w.titles)
            if size:
                k = j + size
                title = w.title_key(" ".join(t.key[j:k]))
                name_end = self.name_end(k)
                if name_end > k:
                    if is_possessive(t.raw[name_end - 1]) and self.head_ahead(name_end):
                        j = owner_end = name_end  # "Prime Minister X's office ..."
                        continue
                    role_end = k
                    if stacked is not None and stacked[0] == j and t.is_capitalised(j):
                        # "coast guard spokesperson Commander X": the rank is not the role
                        role_end, title = stacked
                    return self._named(k, name_end, (owner_end, role_end), title, owner_end)
                if k < len(t) and self.head_len(k):
                    stacked = (k, title)
                    j = k  # "foreign ministry spokesperson": the first head is a modifier
                    continue
                owner = self._owner_after(k)
                if owner is not None:  # "a spokesperson for the ministry"
                    return self._owned_role(first, owner_end, k, owner, title)
                return self._unnamed(ROLE, first, owner_end, k, title)
            size = self.phrase_len(j, w.sources)
            if size:
                k = j + size
                if k < len(t) and self.head_len(k):
                    j = k
                    continue
                return self._unnamed(SOURCE, first, owner_end, self._of_complement(k), None)
            if t.key[j] in w.honorifics and self.name_end(j + 1) > j + 1:
                return self._named(j + 1, self.name_end(j + 1), None, None, owner_end)
            if is_possessive(t.raw[j]):
                j = owner_end = j + 1
                continue
            if t.low[j] in w.stop_words:
                return None
            if self.is_name_word(j):
                end = self.name_end(j)
                inner = next((p for p in range(j, end) if self.head_len(p)), None)
                if inner is not None:
                    j = inner  # "U.S. President ...", "Coast Guard spokesperson ..."
                    continue
                if is_possessive(t.raw[end - 1]) or self.head_ahead(end):
                    j = end  # a modifier or owner of a head that follows
                    if is_possessive(t.raw[end - 1]):
                        owner_end = end
                    continue
                if j == owner_end:
                    return self._named(j, end, None, None, owner_end)
                return None
            modifiers += 1  # a lower-case modifier ("foreign", "senior")
            if modifiers > _MAX_MODIFIERS:
                return None
            j += 1
        return None

    def _definite(self, owner_end: int) -> bool:
        """ "the governor", "Apple's chief executive": one known person, not "a spokesperson"."""
        first = self.t.low[0] if len(self.t) else ""
        return first in _DEFINITE or any(is_possessive(r) for r in self.t.raw[:owner_end])

    def _owner_after(self, k: int) -> tuple[int, int] | None:
        """The owner in "for the ministry" / "of Qatar's foreign ministry" after a role ending
        at k: (start, end) of the owner's words without their article, or None."""
        t, w = self.t, self.w
        if k + 1 >= len(t) or t.low[k] not in _OWNER_LINKS:
            return None
        start = k + 1
        while start < len(t) and t.low[start] in w.determiners:
            start += 1
        j = start
        while j < len(t) and j - start <= _HEAD_LOOKAHEAD:
            size = self.phrase_len(j, w.sources)
            if size:
                return start, j + size
            if self.is_name_word(j):
                end = self.name_end(j)
                if is_possessive(t.raw[end - 1]) or self.head_ahead(end):
                    j = end  # "Qatar's foreign ministry", "the Israeli military"
                    continue
                return start, end  # "the Foreign Ministry", "the Israel Defense Forces"
            if t.low[j] in w.stop_words:
                return None
            j += 1
        return None

    def _owned_role(
        self, first: int, owner_end: int, k: int, owner: tuple[int, int], title: str | None
    ) -> Speaker:
        """ "a spokesperson for the ministry": described as "ministry spokesperson", the way
        other outlets write it, so that both spellings name the same source."""
        words = self.t.low[owner[0] : owner[1]] + self.t.low[first:k]
        return self._make(
            ROLE, 0, owner[1], descriptor=" ".join(words),
            role=clean_role(self.t.text(owner_end, k)), title=title,
            definite=self._definite(owner_end),
        )

    def _of_complement(self, k: int) -> int:
        """Extend "the foreign ministry" over "of Norway", "staff" over "at the City Hospital"."""
        if k + 1 < len(self.t) and self.t.low[k] in _COMPLEMENT_LINKS:
            start = k + 2 if self.t.low[k + 1] == "the" else k + 1
            end = self.name_end(start) if start < len(self.t) else start
            if end > start:
                return end
        return k

    def _make(self, kind: str, start: int, end: int, **fields: object) -> Speaker:
        a, b = self.t.spans[start][0], self.t.spans[end - 1][1]
        return Speaker(kind, self.t.phrase[a:b], a, b, **fields)  # type: ignore[arg-type]

    def _named(
        self,
        start: int,
        end: int,
        role: tuple[int, int] | None,
        title: str | None,
        owner_end: int,
    ) -> Speaker:
        role_text = self.t.text(*role) if role else ""
        return self._make(
            NAME,
            0,  # as written: with its title, honorific, article and owner
            end,
            name=clean_name(self.t.text(start, end)),
            role=clean_role(role_text) or None,
            title=title,
            titled=start > 0 and (role is not None or self.t.key[start - 1] in self.w.honorifics),
            definite=self._definite(owner_end),
        )

    def _unnamed(
        self, kind: str, first: int, owner_end: int, end: int, title: str | None
    ) -> Speaker:
        descriptor = " ".join(self.t.low[first:end])
        role = clean_role(self.t.text(owner_end, end)) if kind == ROLE else None
        # As written, the article stays: "a Palestinian source".
        return self._make(
            kind, 0, end, descriptor=descriptor, role=role, title=title,
            definite=self._definite(owner_end),
        )


def read_phrase(phrase: str, words: SpeakerWords, whole: bool) -> Speaker | None:
    """The speaker a phrase names, or None.

    whole=True: the phrase is everything between a clause boundary and the verb, so nothing
    may follow a name, and only a short post-modifier may follow an unnamed head ("a source
    involved in the talks"). whole=False: read from the front and stop where the speaker ends
    ("according to the coast guard on Sunday").
    """
    tokens = _Tokens(phrase)
    speaker = _Reader(tokens, words).read()
    if speaker is None:
        return None
    if not whole:
        return _unknown_head(speaker, tokens, words)
    rest = len(_TOKEN.findall(phrase[speaker.end :]))
    if rest == 0:
        return speaker
    if speaker.kind in (SOURCE, ROLE) and rest <= _MAX_POSTMODIFIER:
        text = phrase[speaker.start :].rstrip(_EDGE + " ")
        return replace(speaker, text=text, end=speaker.start + len(text))
    return None


def _unknown_head(speaker: Speaker, tokens: _Tokens, words: SpeakerWords) -> Speaker:
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
    if tail == index or tail - index > _HEAD_LOOKAHEAD:
        return speaker
    first = 0
    while tokens.low[first] in words.determiners:
        first += 1
    end = tokens.spans[tail - 1][1]
    descriptor = " ".join(tokens.low[first:tail])
    return Speaker(SOURCE, tokens.phrase[:end], 0, end, descriptor=descriptor)


def clean_role(text: str) -> str:
    """A role as written, tidied: single spaces, ASCII quotes, no edge punctuation."""
    return " ".join(unify_punctuation(text).split()).strip(_EDGE + " ")


def combine(first: Speaker, second: Speaker, text: str) -> Speaker | None:
    """An appositive pair: "Tim Cook" + "Apple's chief executive", or the reverse order.

    Both speakers carry offsets into `text`; the result spans both.
    """
    if first.kind == NAME and second.kind == ROLE:
        name, role = first, second
    elif first.kind == ROLE and second.kind == NAME:
        role, name = first, second
    else:
        return None
    start, end = first.start, second.end
    return replace(
        name, role=role.role or name.role, title=role.title or name.title, titled=True,
        start=start, end=end, text=text[start:end],
    )


def is_organisation(name: str, words: SpeakerWords) -> bool:
    return any(part.lower().rstrip(".") in words.organisation_words for part in name.split())
