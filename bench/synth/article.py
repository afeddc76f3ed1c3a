"""One outlet's article about a story: sentences in its own order and wording, plus boilerplate."""

from __future__ import annotations

from dataclasses import dataclass, field
from random import Random

from bench.synth.outlets import Outlet
from bench.synth.story import Story
from bench.synth.template import RenderState, capitalize_first, fill_entities

MIN_SENTENCES, MAX_SENTENCES = 15, 25  # body sentences, boilerplate lines excluded
MIN_WORDS, MAX_WORDS = 250, 450  # the whole text, boilerplate included


@dataclass
class Article:
    title: str
    blocks: list[tuple[str, str]]  # (kind, text); kind: byline / body / ad / read_more / footer
    reporters: tuple[str, str]
    # track key -> (surface, sentence) where it first appears; see RenderState.first_seen
    first_seen: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(text for _, text in self.blocks)


def _word_count(lines: list[str]) -> int:
    return sum(len(line.split()) for line in lines)


def pick_reporters(rng: Random, vocab: dict, story: Story) -> tuple[str, str]:
    """Two bylined reporters who share no first or last name with a person in the story."""
    taken = {name for p in story.people.values() for name in (p.first, p.last)}
    firsts = rng.sample([n for n in vocab["names"]["first"] if n not in taken], 2)
    lasts = rng.sample([n for n in vocab["names"]["last"] if n not in taken], 2)
    return f"{firsts[0]} {lasts[0]}", f"{firsts[1]} {lasts[1]}"


def _core_sentences(state: RenderState, common: dict) -> list[str]:
    """Lede first, then every fact, quote, stance and extra sentence in a shuffled order."""
    story, rng = state.story, state.rng
    spec = story.spec
    items: list[tuple[str, dict[str, str] | None, tuple[str, str] | None]] = [
        (rng.choice(slot), None, None) for slot in spec["core"]
    ]
    items.append((rng.choice(spec["clock"]), None, None))
    extras = spec.get("extras", [])
    items += [(t, None, None) for t in rng.sample(extras, min(len(extras), rng.randint(1, 3)))]
    for position, quote in enumerate(story.quotes):
        local = {"speaker": quote.speaker, "quote": quote.text}
        track = (f"quote:{position}", "speaker")
        items.append((rng.choice(common["quote_templates"]), local, track))
    for role, stance in story.stances.items():
        local = {"speaker": stance.speaker, "clause": stance.clause}
        items.append((rng.choice(common["stance_templates"]), local, (f"stance:{role}", "clause")))
    rng.shuffle(items)
    lede = state.render(rng.choice(spec["lede"]))
    return [lede] + [state.render(template, local, track) for template, local, track in items]


def _add_fillers(state: RenderState, common: dict, sentences: list[str], other_words: int) -> None:
    """Insert filler sentences until the article reaches its drawn length, within the bounds."""
    rng = state.rng
    pool = list(state.story.spec["fillers"]) + list(common["fillers"])
    rng.shuffle(pool)
    target = rng.randint(MIN_WORDS + 30, MAX_WORDS - 30)
    added: list[str] = []
    while pool and len(sentences) < MAX_SENTENCES and (
        len(sentences) < MIN_SENTENCES or _word_count(sentences) + other_words < target
    ):
        filler = state.render(pool.pop(), record=False)
        sentences.insert(rng.randint(1, len(sentences)), filler)  # never before the lede
        added.append(filler)
    while added and len(sentences) > MIN_SENTENCES and (
        _word_count(sentences) + other_words > MAX_WORDS
    ):
        sentences.remove(added.pop())
    if len(sentences) < MAX_SENTENCES and rng.random() < 0.5:
        closer = state.render(rng.choice(common["closers"]), record=False)
        if _word_count(sentences) + other_words + len(closer.split()) <= MAX_WORDS:
            sentences.append(closer)


def _paragraphs(rng: Random, sentences: list[str]) -> list[str]:
    """The lede alone, then paragraphs of one to three sentences."""
    paragraphs = [sentences[0]]
    position = 1
    while position < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[position : position + size]))
        position += size
    return paragraphs


def compose_article(story: Story, outlet: Outlet, rng: Random, vocab: dict) -> Article:
    common = vocab["common"]
    state = RenderState(story, rng)
    title = state.render(rng.choice(story.spec["headlines"]), record=False)
    reporters = pick_reporters(rng, vocab, story)
    names = {"reporter": reporters[0], "reporter2": reporters[1], "outlet_name": outlet.name,
             "year": str(story.event_time.year)}
    byline = fill_entities(rng.choice(common["bylines"]), names)
    footer = fill_entities(rng.choice(common["footers"]), names) if rng.random() < 0.7 else None
    n_ads = rng.choice([0, 1, 1, 2])
    read_more = (f"Read more: {capitalize_first(rng.choice(common['read_more']))}"
                 if rng.random() < 0.4 else None)
    extras = [byline, *(["Advertisement"] * n_ads), read_more or "", footer or ""]

    sentences = _core_sentences(state, common)
    _add_fillers(state, common, sentences, _word_count(extras))
    paragraphs = _paragraphs(rng, sentences)

    inserts: dict[int, list[tuple[str, str]]] = {}
    slots = list(range(1, len(paragraphs)))
    for position in rng.sample(slots, min(n_ads, len(slots))):
        inserts.setdefault(position, []).append(("ad", "Advertisement"))
    if read_more:
        inserts.setdefault(rng.choice(slots), []).append(("read_more", read_more))
    blocks = [("byline", byline)]
    for position, paragraph in enumerate(paragraphs):
        blocks.append(("body", paragraph))
        blocks.extend(inserts.get(position, []))
    if footer:
        blocks.append(("footer", footer))
    return Article(capitalize_first(title), blocks, reporters, state.first_seen)
