"""A story: the facts every outlet reports, drawn once from the vocabulary with a seeded RNG.

A Story is immutable; a planted discrepancy is a modified copy (a "view") that one outlet
renders instead of the shared story.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from random import Random
from typing import Any
from zoneinfo import ZoneInfo

from bench.synth import surface
from bench.synth.template import fill_entities

# Which checker check type a disagreement about a fact of this type belongs to (a rule's
# `extends`, docs/ARCHITECTURE.md).
CHECK_OF_TYPE = {
    "count": "quantity",
    "money": "quantity",
    "percent": "quantity",
    "duration": "duration",
    "weekday": "date",
}
UNIT_OF_TYPE = {"money": "USD", "percent": "percent", "duration": "minutes"}

_FIRST_DAY = dt.date(2022, 1, 1)
_DAY_SPAN = 4 * 365
_CLOCK_HOURS = [*range(6, 12), *range(13, 23)]  # no noon: "12 p.m." reads ambiguously


@dataclass(frozen=True)
class Person:
    key: str
    first: str
    last: str
    title: str
    former: bool

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def role(self) -> str:
        return f"former {self.title}" if self.former else self.title

    @property
    def mention(self) -> str:
        """The first reference in an article: role and full name."""
        return f"{self.role} {self.full}"


@dataclass(frozen=True)
class Fact:
    key: str
    type: str  # count / money / percent / duration / score / weekday / date / clock
    value: Any
    qualifier: str = ""
    noun: tuple[str, str] | None = None
    plantable: bool = True
    step: float = 1
    bounds: tuple[float, float] | None = None
    choices: tuple[Any, ...] = ()
    check_name: str | None = None  # the vocabulary's `check:`, when not the type's default

    @property
    def check(self) -> str | None:
        return self.check_name or CHECK_OF_TYPE.get(self.type)

    def forms(self, form: str = "") -> list[str]:
        """Every way an outlet may write this fact in the requested grammatical form."""
        if self.type == "duration" and form in ("adj", "a_adj"):
            qualifier = surface.adj_qualifier(self.qualifier)
            adjectives = surface.duration_adj_forms(self.value)
            forms = [surface.qualified(f, qualifier) for f in adjectives]
            return [surface.with_article(f) for f in forms] if form == "a_adj" else forms
        if form in ("adj", "a_adj"):
            raise ValueError(f"fact {self.key!r} of type {self.type} has no adjective form")
        noun = self.noun if form == "noun" else None
        if form == "noun" and noun is None:
            raise ValueError(f"fact {self.key!r} has no noun for the 'noun' form")
        return [surface.qualified(f, self.qualifier) for f in self._plain_forms(noun)]

    def _plain_forms(self, noun: tuple[str, str] | None) -> list[str]:
        match self.type:
            case "count":
                return surface.count_forms(self.value, noun)
            case "money":
                return surface.money_forms(self.value)
            case "percent":
                return surface.percent_forms(self.value)
            case "duration":
                return surface.duration_forms(self.value)
            case "score":
                return [self.value, self.value.replace("-", "–")]
            case "weekday":
                return [self.value]
            case "date":
                return surface.date_forms(self.value)
            case "clock":
                return surface.clock_forms(self.value)
        raise ValueError(f"unknown fact type {self.type!r}")

    def truth_value(self) -> Any:
        """The value as the truth file records it: money in dollars, durations in minutes."""
        return self.value * 1_000_000 if self.type == "money" else self.value


@dataclass(frozen=True)
class Quote:
    speaker: str  # person key
    text: str


@dataclass(frozen=True)
class Stance:
    speaker: str  # person key
    clause: str
    polarity: int  # +1 optimistic, -1 pessimistic


@dataclass(frozen=True)
class Story:
    index: int
    name: str
    domain: str
    spec: dict[str, Any] = field(repr=False)  # the domain's templates
    entities: dict[str, str]
    people: dict[str, Person]
    facts: dict[str, Fact]
    quotes: tuple[Quote, ...]
    stances: dict[str, Stance]  # "optimist" / "pessimist"
    event_time: dt.datetime  # local, zone-aware

    def with_fact(self, fact: Fact) -> Story:
        return replace(self, facts={**self.facts, fact.key: fact})

    def with_person(self, person: Person) -> Story:
        return replace(self, people={**self.people, person.key: person})

    def with_quote(self, position: int, quote: Quote) -> Story:
        quotes = list(self.quotes)
        quotes[position] = quote
        return replace(self, quotes=tuple(quotes))

    def with_stance(self, role: str, stance: Stance) -> Story:
        return replace(self, stances={**self.stances, role: stance})


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _pick_entities(rng: Random, vocab: dict, spec: dict) -> dict[str, str]:
    place, place2 = rng.sample(vocab["places"], 2)
    country, country2, country3 = rng.sample(vocab["countries"], 3)
    entities = {"place": place, "place2": place2, "country": country, "country2": country2,
                "country3": country3, "region": rng.choice(vocab["regions"])}
    for name, value in spec.get("entities", {}).items():
        chosen = rng.choice(value) if isinstance(value, list) else value
        if isinstance(chosen, dict):
            entities[name] = fill_entities(chosen["name"], entities)
            for extra, text in chosen.items():
                if extra != "name":
                    entities[f"{name}_{extra}"] = fill_entities(text, entities)
        else:
            entities[name] = fill_entities(chosen, entities)
    return entities


def _pick_people(rng: Random, vocab: dict, spec: dict) -> dict[str, Person]:
    keys = list(spec["people"])
    firsts = rng.sample(vocab["names"]["first"], len(keys))
    lasts = rng.sample(vocab["names"]["last"], len(keys))
    return {
        key: Person(key, first, last, rng.choice(spec["people"][key]["titles"]),
                    bool(spec["people"][key].get("former", False)))
        for key, first, last in zip(keys, firsts, lasts, strict=True)
    }


def _round_to(value: float, step: float) -> float:
    return round(round(value / step) * step, 6)


def _draw_fact(rng: Random, key: str, fs: dict, facts: dict[str, Fact]) -> Fact:
    kind = fs["type"]
    step = fs.get("step", 1)
    bounds = tuple(fs["range"]) if "range" in fs else None
    choices = tuple(fs.get("choices", ()))
    if choices:
        value: Any = rng.choice(choices)
    elif "ratio_of" in fs:  # e.g. the runner-up's votes: a share of the winner's
        base, low, high = fs["ratio_of"]
        value = _round_to(facts[base].value * rng.uniform(low, high), step)
    elif kind == "percent":
        value = round(rng.uniform(*bounds), 1)
    else:
        value = max(bounds[0], _round_to(rng.uniform(*bounds), step))
    if kind in ("count", "money", "duration"):
        value = int(value)
    return Fact(key, kind, value, qualifier=rng.choice(fs.get("qualifiers", [""])),
                noun=tuple(fs["noun"]) if "noun" in fs else None,
                plantable=fs.get("plant", True), step=step, bounds=bounds, choices=choices,
                check_name=fs.get("check"))


def _calendar_facts(rng: Random, vocab: dict) -> tuple[dict[str, Fact], dt.datetime]:
    day = _FIRST_DAY + dt.timedelta(days=rng.randrange(_DAY_SPAN))
    zone = ZoneInfo(rng.choice(vocab["zones"]))
    local = dt.datetime(day.year, day.month, day.day, rng.choice(_CLOCK_HOURS),
                        rng.choice([0, 0, 15, 30, 45]), tzinfo=zone)
    facts = {
        "weekday": Fact("weekday", "weekday", day.strftime("%A")),
        "date": Fact("date", "date", day, plantable=False),
        "clock": Fact("clock", "clock", local, plantable=False),
    }
    return facts, local


def build_story(index: int, seed: int, vocab: dict) -> Story:
    """Story number `index` of the corpus for `seed`; independent of every other story."""
    rng = Random(f"{seed}/{index}/story")
    domains = sorted(vocab["domains"])
    domain = domains[index % len(domains)]  # round robin: every domain in small corpora too
    spec = vocab["domains"][domain]
    entities = _pick_entities(rng, vocab, spec)
    people = _pick_people(rng, vocab, spec)
    facts, event_time = _calendar_facts(rng, vocab)
    for key, fs in spec["facts"].items():
        facts[key] = _draw_fact(rng, key, fs, facts)
    quotes = tuple(Quote(q["speaker"], q["text"])
                   for q in rng.sample(spec["quotes"], rng.randint(2, 3)))
    stance_spec = spec["stance"]
    stances = {
        "optimist": Stance(stance_spec["optimist"], rng.choice(stance_spec["positive"]), 1),
        "pessimist": Stance(stance_spec["pessimist"], rng.choice(stance_spec["negative"]), -1),
    }
    name = f"{index:04d}-{domain}-{slug(entities['place'])}"
    return Story(index, name, domain, spec, entities, people, facts, quotes, stances, event_time)
