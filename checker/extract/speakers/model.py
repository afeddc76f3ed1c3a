"""What a speaker phrase reads as: the kinds, the Speaker record, and the word lists behind them.

`SpeakerWords` gathers the lists from roles.yaml and attribution.yaml once, so the reader
(reader.py) and later stages (people, spelling) share them. `combine` joins the two
halves of an appositive ("Tim Cook, Apple's chief executive"); `is_organisation` tells a name
like "Harbour Authority" from a person's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.errors import CheckerError
from checker.extract.patterns import word_set
from checker.lexicons import load_lexicon

NAME = "name"  # a proper name, with or without a title
ROLE = "role"  # a title or role with no name ("the Israeli prime minister")
SOURCE = "source"  # an unnamed source ("officials", "Norway's foreign ministry")
PRONOUN = "pronoun"


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
    continuation_verbs: frozenset[str]
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
        continuation_verbs=word_set(attribution, "continuation_verbs", a_src),
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
        name,
        role=role.role or name.role,
        title=role.title or name.title,
        titled=True,
        start=start,
        end=end,
        text=text[start:end],
    )


def is_organisation(name: str, words: SpeakerWords) -> bool:
    return any(part.lower().rstrip(".") in words.organisation_words for part in name.split())
