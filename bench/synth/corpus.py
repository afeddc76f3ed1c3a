"""A corpus: stories, every outlet's article about each, and the truth about what was planted."""

from __future__ import annotations

import datetime as dt
from random import Random
from typing import Any

from bench.synth.article import Article, compose_article
from bench.synth.outlets import Outlet, pick_outlets
from bench.synth.plant import MIN_OUTLETS, Plant, choose_plants
from bench.synth.story import Story, build_story
from bench.synth.syndicate import near_copy
from bench.synth.vocab import load_vocab


def _copy_count(rng: Random, articles_per_story: int) -> int:
    """0-2 syndicated copies, never so many that fewer than MIN_OUTLETS originals remain."""
    return min(rng.choice([0, 1, 1, 2]), max(0, articles_per_story - MIN_OUTLETS))


def _minority_view(story: Story, plants: list[Plant], outlet: Outlet) -> Story:
    view = story
    for plant in plants:
        if plant.outlet == outlet.id:
            view = plant.apply(view)
    return view


def _truth_entry(story: Story, plant: Plant, article: Article, outlets: list[str]) -> dict:
    """What was planted, with the minority's text exactly as its article writes it."""
    if plant.track not in article.first_seen:
        raise RuntimeError(f"{story.name}: planted {plant.check} never rendered in {plant.outlet}")
    surface, sentence = article.first_seen[plant.track]
    wanted = plant.minority_text or surface
    text = article.text
    start = text.lower().find(wanted.lower())  # sentence-initial capitals may differ
    if start < 0:
        raise RuntimeError(f"{story.name}: {wanted!r} missing from {plant.outlet}")
    return {
        "story": story.name,
        "check": plant.check,
        "kind": plant.kind,
        "outlets": sorted(outlets),
        "values": {"majority": plant.majority, "minority": plant.minority},
        "subject": plant.subject,
        "unit": plant.unit,
        "qualifiers": (
            {"majority": plant.qualifiers[0], "minority": plant.qualifiers[1]}
            if plant.qualifiers else None
        ),
        "minority_text": text[start : start + len(wanted)],
        "minority_sentence": sentence,
    }


def generate_story(index: int, articles_per_story: int, seed: int,
                   vocab: dict) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Story number `index`: its documents (outlet order) and its truth entries."""
    story = build_story(index, seed, vocab)
    rng = Random(f"{seed}/{index}/outlets")
    outlets = pick_outlets(rng, vocab, articles_per_story)
    originals = outlets[: len(outlets) - _copy_count(rng, articles_per_story)]
    sources = {copy.id: rng.choice(originals) for copy in outlets[len(originals) :]}
    plants = choose_plants(story, [outlet.id for outlet in originals], rng)
    first_published = story.event_time.astimezone(dt.UTC) + dt.timedelta(
        minutes=rng.randint(60, 360))

    articles: dict[str, Article] = {}
    published: dict[str, dt.datetime] = {}
    for outlet in originals:
        article_rng = Random(f"{seed}/{index}/{outlet.id}")
        view = _minority_view(story, plants, outlet)
        articles[outlet.id] = compose_article(view, outlet, article_rng, vocab)
        published[outlet.id] = first_published + dt.timedelta(minutes=rng.randint(0, 18 * 60))
    for outlet in outlets[len(originals) :]:
        source = sources[outlet.id]
        copy_rng = Random(f"{seed}/{index}/{outlet.id}")
        articles[outlet.id] = near_copy(articles[source.id], source, outlet, copy_rng, vocab)
        published[outlet.id] = published[source.id] + dt.timedelta(minutes=rng.randint(20, 300))

    docs = [
        {
            "story": story.name,
            "outlet": outlet.id,
            "published": published[outlet.id],
            "title": articles[outlet.id].title,
            "url": outlet.url(published[outlet.id], articles[outlet.id].title),
            "text": articles[outlet.id].text,
            "copy_of": sources[outlet.id].id if outlet.id in sources else None,
        }
        for outlet in outlets
    ]
    truth = [
        _truth_entry(story, plant, articles[plant.outlet],
                     [plant.outlet, *(c for c, s in sources.items() if s.id == plant.outlet)])
        for plant in plants
    ]
    return docs, sorted(truth, key=lambda entry: (entry["check"], entry["kind"]))


def generate_corpus(n_stories: int, articles_per_story: int,
                    seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Documents and truth for a whole corpus; deterministic for (n, articles, seed).

    A document has story, outlet, published (UTC datetime), title, url, text, and copy_of
    (the outlet it syndicates, else None). Story i is the same whatever n_stories is.
    """
    if n_stories < 0 or articles_per_story < 1:
        raise ValueError("need n_stories >= 0 and articles_per_story >= 1")
    vocab = load_vocab()
    docs: list[dict[str, Any]] = []
    truth: list[dict[str, Any]] = []
    for index in range(n_stories):
        story_docs, story_truth = generate_story(index, articles_per_story, seed, vocab)
        docs.extend(story_docs)
        truth.extend(story_truth)
    return docs, truth
