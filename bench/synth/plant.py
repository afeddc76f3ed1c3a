"""Planted discrepancies: one outlet reports one fact differently from every other outlet.

Each planter draws one change for a story and returns a Plant: what the truth file records and
a function that turns the shared story into the minority outlet's view of it. Planters only
touch what every article is sure to mention, so the change is always visible.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from random import Random
from typing import Any

from bench.synth.story import UNIT_OF_TYPE, Fact, Person, Quote, Stance, Story
from bench.synth.template import template_keys

MAX_PLANTS = 3
MIN_OUTLETS = 3  # a minority of one needs at least two outlets against it
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_VOWELS = "aeiou"


@dataclass(frozen=True)
class Plant:
    check: str  # the checker check type that should find it (a rule's `extends`)
    kind: str
    majority: Any
    minority: Any
    track: str  # RenderState.first_seen key that holds the minority's evidence
    apply: Callable[[Story], Story]
    subject: str | None = None  # whose name, role, quote or stance it is
    unit: str | None = None
    minority_text: str | None = None  # known up front for names; else read from the article
    # numbers: the (majority, minority) wording's qualifier, "more than" or "" for none
    qualifiers: tuple[str, str] | None = None
    outlet: str = ""  # the minority outlet (never a syndicated copy)


def guaranteed_keys(spec: dict) -> set[str]:
    """Placeholders that every article renders: in every lede variant or every variant of a slot."""
    keys = set.intersection(*(template_keys(t) for t in spec["lede"]))
    for slot in spec["core"]:
        keys |= set.intersection(*(template_keys(t) for t in slot))
    return keys


def _always_mentioned(story: Story) -> list[str]:
    """People every article names: in guaranteed templates, quoted, or giving a stance."""
    keys = guaranteed_keys(story.spec)
    keys |= {quote.speaker for quote in story.quotes}
    keys |= {stance.speaker for stance in story.stances.values()}
    return [key for key in story.people if key in keys]


def _numeric_values(story: Story) -> set[Any]:
    return {f.value for f in story.facts.values() if f.type in ("count", "money", "percent",
                                                                  "duration")}


# What a qualifier lets a value mean, as factors of it: the plain English reading ("more than
# 60" is anything above 60, "nearly 90" is 81 to 90), which is also how the checker reads it.
QUALIFIER_FACTORS: dict[str, tuple[float, float]] = {
    "": (1.0, 1.0),
    "about": (0.9, 1.1),
    "some": (0.9, 1.1),
    "nearly": (0.9, 1.0),
    "more than": (1.0, math.inf),
    "at least": (1.0, math.inf),
}
# Lengths of time are estimates: two are clearly different only when their intervals stay
# apart by more than a quarter of the value, and by more than a quarter of an hour.
DURATION_SLACK = (0.25, 15.0)  # (relative, absolute minutes)
_ATTEMPTS = 200


def qualified_interval(value: float, qualifier: str) -> tuple[float, float]:
    low, high = QUALIFIER_FACTORS[qualifier]
    return value * low, (math.inf if math.isinf(high) else value * high)


def contradicts(majority: tuple[float, str], minority: tuple[float, str], estimate: bool) -> bool:
    """Can the two (value, qualifier) readings not both be true? With `estimate` (lengths of
    time), each interval first widens by half the slack on either side."""
    spans = []
    for value, qualifier in (majority, minority):
        low, high = qualified_interval(value, qualifier)
        slack = max(DURATION_SLACK[1], DURATION_SLACK[0] * value) / 2 if estimate else 0.0
        spans.append((low - slack, high + slack))
    (low_a, high_a), (low_b, high_b) = spans
    return high_a < low_b or high_b < low_a


def _drawn_number(fact: Fact, rng: Random) -> Any:
    """A different value on the fact's own scale and rounding (not yet checked)."""
    value = fact.value
    if fact.type == "percent":
        return round(value + rng.choice([-1, 1]) * rng.uniform(2.0, 8.0), 1)
    step = int(fact.step)
    factor = rng.uniform(0.55, 0.85) if rng.random() < 0.5 else rng.uniform(1.15, 1.6)
    return int(round(value * factor / step) * step)


def _in_bounds(fact: Fact, alt: Any) -> bool:
    return 0.5 <= alt <= 99.5 if fact.type == "percent" else alt > 0


def _alternative(fact: Fact, qualifier: str, rng: Random, avoid: set[Any]) -> Any | None:
    """A value that, written with `qualifier`, contradicts the fact as the majority writes it;
    None when the qualifier allows none (any "more than" overlaps another "more than")."""
    estimate = fact.check == "duration"
    majority = (fact.value, fact.qualifier)

    def fits(alt: Any) -> bool:
        return alt not in avoid and contradicts(majority, (alt, qualifier), estimate)

    step = max(1, int(fact.step))  # percentages (step 0.1) are drawn below
    if fact.type == "duration":
        pool = [c for c in fact.choices if fits(c)]
    elif (fact.type != "percent" and fact.bounds
          and (fact.bounds[1] - fact.bounds[0]) / step <= 20):  # small counts: 1..4
        low, high = int(fact.bounds[0]), int(fact.bounds[1])
        pool = [v for v in range(low, high + step + 1, step) if fits(v)]
    else:
        for _ in range(_ATTEMPTS):
            alt = _drawn_number(fact, rng)
            if _in_bounds(fact, alt) and fits(alt):
                return alt
        return None
    return rng.choice(pool) if pool else None


def _set_fact(key: str, **changes: Any) -> Callable[[Story], Story]:
    return lambda story: story.with_fact(replace(story.facts[key], **changes))


def _set_person(key: str, **changes: Any) -> Callable[[Story], Story]:
    return lambda story: story.with_person(replace(story.people[key], **changes))


def plant_number(check: str, story: Story, rng: Random) -> Plant | None:
    """A changed number that contradicts the majority's, qualifier included. The minority keeps
    the fact's qualifier when some value allows it, else writes its value plainly: nothing
    contradicts "more than 150 minutes" that is itself "more than" something."""
    candidates = [f for f in story.facts.values()
                  if f.plantable and f.check == check and f.key in guaranteed_keys(story.spec)]
    if not candidates:
        return None
    fact = rng.choice(candidates)
    avoid = _numeric_values(story)
    for qualifier in dict.fromkeys([fact.qualifier, ""]):
        alt = _alternative(fact, qualifier, rng, avoid)
        if alt is not None:
            break
    else:
        return None
    changed = replace(fact, value=alt, qualifier=qualifier)
    return Plant(check, fact.key, fact.truth_value(), changed.truth_value(), f"fact:{fact.key}",
                 _set_fact(fact.key, value=alt, qualifier=qualifier),
                 unit=UNIT_OF_TYPE.get(fact.type),
                 qualifiers=(fact.qualifier, qualifier))


def plant_quantity(story: Story, rng: Random) -> Plant | None:
    return plant_number("quantity", story, rng)


def plant_duration(story: Story, rng: Random) -> Plant | None:
    return plant_number("duration", story, rng)


def plant_weekday(story: Story, rng: Random) -> Plant | None:
    day = story.facts["weekday"].value
    wrong = _WEEKDAYS[(_WEEKDAYS.index(day) + rng.choice([-1, 1])) % 7]  # off by one, as typos are
    return Plant("date", "weekday", day, wrong, "fact:weekday", _set_fact("weekday", value=wrong))


def misspellings(name: str) -> list[str]:
    """Plausible one-edit misspellings, first letter kept: swaps, doubling, vowels, drops."""
    found: set[str] = set()
    for i in range(1, len(name) - 1):
        a, b = name[i], name[i + 1]
        if a != b:
            found.add(name[:i] + b + a + name[i + 2 :])
        if a.lower() not in _VOWELS and a != b and name[i - 1] != a:
            found.add(name[: i + 1] + a + name[i + 1 :])
        if a == b:
            found.add(name[:i] + name[i + 1 :])
        if a in _VOWELS:
            found.update(name[:i] + v + name[i + 1 :] for v in _VOWELS if v != a)
        if len(name) >= 5:
            found.add(name[:i] + name[i + 1 :])
    found.discard(name)
    return sorted(found)


def plant_spelling(story: Story, rng: Random) -> Plant | None:
    person = story.people[rng.choice(_always_mentioned(story))]
    taken = {p.last for p in story.people.values()}
    wrong = rng.choice([m for m in misspellings(person.last) if m not in taken])
    return Plant("spelling", "person_name", person.full, f"{person.first} {wrong}",
                 f"person:{person.key}", _set_person(person.key, last=wrong),
                 minority_text=f"{person.first} {wrong}")


def plant_role(story: Story, rng: Random) -> Plant | None:
    person: Person = story.people[rng.choice(_always_mentioned(story))]
    toggled = replace(person, former=not person.former)
    return Plant("role", "speaker_role", person.role, toggled.role, f"person:{person.key}",
                 _set_person(person.key, former=toggled.former), subject=person.full)


def plant_attribution(story: Story, rng: Random) -> Plant | None:
    position = rng.randrange(len(story.quotes))
    quote = story.quotes[position]
    other = rng.choice([key for key in story.people if key != quote.speaker])

    def give_to_other(view: Story) -> Story:
        return view.with_quote(position, Quote(other, quote.text))

    return Plant("attribution", "quote", story.people[quote.speaker].full,
                 story.people[other].full, f"quote:{position}", give_to_other, subject=quote.text)


def plant_stance(story: Story, rng: Random) -> Plant | None:
    role = rng.choice(sorted(story.stances))
    stance = story.stances[role]
    pool = story.spec["stance"]["negative" if stance.polarity > 0 else "positive"]
    used = {s.clause for s in story.stances.values()}
    clause = rng.choice([c for c in pool if c not in used])

    def flip(view: Story) -> Story:
        return view.with_stance(role, Stance(stance.speaker, clause, -stance.polarity))

    return Plant("stance", "stance", stance.polarity, -stance.polarity, f"stance:{role}", flip,
                 subject=story.people[stance.speaker].full)


PLANTERS: dict[str, Callable[[Story, Random], Plant | None]] = {
    "quantity": plant_quantity,
    "duration": plant_duration,
    "spelling": plant_spelling,
    "attribution": plant_attribution,
    "role": plant_role,
    "date": plant_weekday,
    "stance": plant_stance,
}


def choose_plants(story: Story, outlets: list[str], rng: Random) -> list[Plant]:
    """0-3 discrepancies of different checks, each in a different minority outlet."""
    if len(outlets) < MIN_OUTLETS:
        return []
    wanted = rng.randint(0, MAX_PLANTS)
    minority_outlets = rng.sample(outlets, wanted)
    plants: list[Plant] = []
    for check in rng.sample(sorted(PLANTERS), len(PLANTERS)):
        if len(plants) == wanted:
            break
        plant = PLANTERS[check](story, rng)
        if plant is not None:
            plants.append(replace(plant, outlet=minority_outlets[len(plants)]))
    return plants
