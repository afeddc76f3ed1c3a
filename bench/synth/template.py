"""The tiny template language of bench/vocab.yaml: `{key}` or `{key:form}` placeholders.

Rendering keeps per-article state, so one article writes each fact the same way throughout,
introduces each person once with role and full name, and records where every fact, person,
quote speaker and stance clause first appears (the truth file cites those spans).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from random import Random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.synth.story import Story

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([a-z_]+))?\}")


def template_keys(template: str) -> set[str]:
    return {match.group(1) for match in PLACEHOLDER.finditer(template)}


def fill_entities(template: str, entities: Mapping[str, str]) -> str:
    """Fill a template that may only refer to entities (used while a story is being drawn)."""
    def value(match: re.Match[str]) -> str:
        if match.group(1) not in entities:
            raise KeyError(f"unknown entity {match.group(1)!r} in {template!r}")
        return entities[match.group(1)]

    return PLACEHOLDER.sub(value, template)


def capitalize_first(sentence: str) -> str:
    for i, char in enumerate(sentence):
        if char.isalpha():
            return sentence[:i] + char.upper() + sentence[i + 1 :]
        if char not in "\"'“‘(":
            return sentence
    return sentence


@dataclass
class RenderState:
    """What one article has written so far."""

    story: Story
    rng: Random
    mentioned: set[str] = field(default_factory=set)
    chosen_forms: dict[tuple[str, str], str] = field(default_factory=dict)
    # track key ("fact:deaths", "person:envoy", "quote:0", ...) -> (surface, sentence)
    first_seen: dict[str, tuple[str, str]] = field(default_factory=dict)

    def _fact(self, key: str, form: str) -> str:
        if (key, form) not in self.chosen_forms:
            self.chosen_forms[key, form] = self.rng.choice(self.story.facts[key].forms(form))
        return self.chosen_forms[key, form]

    def _person(self, key: str, form: str) -> str:
        person = self.story.people[key]
        if form == "last":  # headlines: a surname that does not count as the introduction
            return person.last
        if key in self.mentioned:
            return person.last
        self.mentioned.add(key)
        return person.mention

    def render(self, template: str, local: Mapping[str, str] | None = None,
               track: tuple[str, str] | None = None, record: bool = True) -> str:
        """Render one sentence and, if `record`, note first appearances of what it mentions.

        `local` holds `speaker` (a person key), `quote` and `clause`. `track` is (track key,
        local name): e.g. ("quote:0", "speaker") also records the speaker's mention as written
        in this sentence under "quote:0".
        """
        local = local or {}
        spans: list[tuple[str, str]] = []

        def value(match: re.Match[str]) -> str:
            key, form = match.group(1), match.group(2) or ""
            if key in ("quote", "clause"):
                text = local[key]
                spans.append((key, text))
                return text
            if key == "speaker":
                key = local["speaker"]
                text = self._person(key, form)
                spans.append(("speaker", text))
                spans.append((f"person:{key}", text))
                return text
            if key in self.story.people:
                text = self._person(key, form)
                if form != "last":
                    spans.append((f"person:{key}", text))
                return text
            if key in self.story.facts:
                text = self._fact(key, form)
                spans.append((f"fact:{key}", text))
                return text
            if key in self.story.entities:
                return self.story.entities[key]
            raise KeyError(f"unknown placeholder {key!r} in {template!r}")

        sentence = capitalize_first(PLACEHOLDER.sub(value, template))
        if record:
            for key, text in spans:
                if key in local:
                    if track is not None and key == track[1]:
                        self.first_seen.setdefault(track[0], (text, sentence))
                else:
                    self.first_seen.setdefault(key, (text, sentence))
        return sentence
