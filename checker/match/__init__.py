"""The match stage: claims of different outlets that state the same fact, grouped into facts.

match(claims, quantities, documents, times=...) -> {"speakers", "matches", "facts"}.
Statement facts come from fuzzy-matched claims (scoring.py), quantity facts from aligned
figure frames (frames.py), day facts from aligned day mentions (days.py, the same frames).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.errors import CheckerError
from checker.lexicons import load_lexicon
from checker.match.aliases import lexicon_aliases, speaker_keys
from checker.match.blocking import PROBE_FRACTION, block_keys, content_words
from checker.match.days import day_kinds, day_readings
from checker.match.facts import quantity_facts, statement_facts
from checker.match.frames import frame_groups
from checker.match.scopes import Scopes
from checker.match.scoring import score_blocks
from checker.schema import conform, from_rows


class MatchingLexicon(BaseModel):
    """rules/lexicons/matching.yaml, validated: a bad value is one error naming the file."""

    model_config = ConfigDict(extra="forbid")

    threshold: float = Field(70, ge=0, le=100)
    max_block: int = Field(400, ge=2)
    rare_words_per_claim: int = Field(3, ge=1)
    probe_fraction: float = Field(PROBE_FRACTION, gt=0, le=1)
    fuzzy_name_cutoff: float = Field(88, ge=0, le=100)
    frame_threshold: float = Field(0.3, gt=0, le=1)
    frame_min_shared: float = Field(0.8, ge=0)

    @classmethod
    def read(cls, rule_dirs: Sequence[str | Path] = ()) -> MatchingLexicon:
        try:
            return cls.model_validate(load_lexicon("matching", rule_dirs))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise CheckerError("lexicons/matching.yaml", f"{where}: {first['msg']}") from exc


@dataclass(frozen=True)
class MatchSettings:
    threshold: float
    max_block: int
    rare_words_per_claim: int
    probe_fraction: float
    fuzzy_name_cutoff: float
    frame_threshold: float
    frame_min_shared: float
    generic_kinds: frozenset[str]
    stopwords: frozenset[str]
    not_names: frozenset[str]
    scopes: Scopes
    aliases: dict[str, str]
    page_date_words: frozenset[str] = frozenset()
    money_units: frozenset[str] = frozenset()
    day_roles: dict[str, str] = field(default_factory=dict)
    anchored_kinds: frozenset[str] = frozenset()

    @classmethod
    def load(cls, rule_dirs: Sequence[str | Path] = ()) -> MatchSettings:
        settings = MatchingLexicon.read(rule_dirs)
        return cls(
            threshold=settings.threshold,
            max_block=settings.max_block,
            rare_words_per_claim=settings.rare_words_per_claim,
            probe_fraction=settings.probe_fraction,
            fuzzy_name_cutoff=settings.fuzzy_name_cutoff,
            frame_threshold=settings.frame_threshold,
            frame_min_shared=settings.frame_min_shared,
            # A figure of a fallback kind ("other", "duration") aligns only through its words;
            # a fallback that is also a lexicon kind ("age") is a kind like any other.
            generic_kinds=generic_kinds(load_lexicon("quantities", rule_dirs)),
            stopwords=frozenset(load_lexicon("stopwords", rule_dirs).get("words", [])),
            scopes=Scopes.from_lexicon(load_lexicon("frames", rule_dirs)),
            not_names=frozenset(
                str(w).lower() for w in load_lexicon("roles", rule_dirs).get("not_names") or ()
            ),
            aliases=lexicon_aliases(load_lexicon("aliases", rule_dirs).get("people", {}) or {}),
            page_date_words=frozenset(
                str(w).lower()
                for w in load_lexicon("frames", rule_dirs).get("page_date_words") or ()
            ),
            money_units=money_units(load_lexicon("quantities", rule_dirs)),
            day_roles=day_roles(load_lexicon("frames", rule_dirs)),
            anchored_kinds=frozenset(
                str(k) for k in load_lexicon("frames", rule_dirs).get("anchored_kinds") or ()
            ),
        )


def day_roles(frames: dict) -> dict[str, str]:
    """Word before a day -> the role it gives the day ("through" -> "until")."""
    return {
        str(word).lower(): str(role)
        for role, words in (frames.get("day_roles") or {}).items()
        for word in words or ()
    }


def money_units(quantities: dict) -> frozenset[str]:
    """Every currency unit of the quantity lexicon: its money units and currency symbols."""
    units = {
        str(name)
        for name, spec in (quantities.get("units") or {}).items()
        if isinstance(spec, dict) and spec.get("family") == "money"
    }
    return frozenset(units | {str(u) for u in (quantities.get("currency_symbols") or {}).values()})


def generic_kinds(quantities: dict) -> frozenset[str]:
    fallbacks = set((quantities.get("fallback_kinds") or {}).values())
    return frozenset(fallbacks - set(quantities.get("kinds") or {}))


def speaker_table(claims: pl.DataFrame, settings: MatchSettings) -> pl.DataFrame:
    """story, speaker, speaker_key: one key per person within each story."""
    mapping: list[dict[str, str]] = []
    named = claims.filter(pl.col("speaker").is_not_null()).select("story", "speaker").unique()
    for (story,), group in named.group_by(["story"], maintain_order=True):
        keys = speaker_keys(
            group["speaker"].to_list(), settings.aliases, settings.fuzzy_name_cutoff
        )
        mapping.extend({"story": story, "speaker": n, "speaker_key": k} for n, k in keys.items())
    return from_rows(sorted(mapping, key=lambda r: (r["story"], r["speaker"])), "speakers")


def copy_roots(claims: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """claim_id -> copy_root: the first document of a syndicated copy, so copies count once."""
    roots = documents.select("doc_id", pl.coalesce("duplicate_of", "doc_id").alias("copy_root"))
    return (
        claims.select("claim_id", "doc_id")
        .join(roots, on="doc_id", how="left")
        .select("claim_id", pl.coalesce("copy_root", "doc_id").alias("copy_root"))
    )


def claim_content(words: pl.DataFrame) -> pl.DataFrame:
    """claim_id, content: a claim's distinct content words, sorted and joined (what is scored)."""
    return (
        words.sort("claim_id", "word")
        .group_by("claim_id", maintain_order=True)
        .agg(pl.col("word").str.join(" ").alias("content"))
    )


def candidate_inputs(
    claims: pl.DataFrame,
    quantities: pl.DataFrame,
    documents: pl.DataFrame,
    settings: MatchSettings,
    speakers: pl.DataFrame | None = None,
    words: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """What the scorer reads: keys (claim_id, story, key, probe) and info (claim_id, outlet,
    copy_root, content). Public so that benchmarks measure blocking on the matcher's own inputs;
    `speakers` and `words` may be passed when the caller has them already."""
    speakers = speakers if speakers is not None else speaker_table(claims, settings)
    words = words if words is not None else content_words(claims, settings.stopwords)
    keyed_claims = claims.join(speakers, on=["story", "speaker"], how="left")
    keys = block_keys(
        keyed_claims,
        quantities,
        settings.stopwords,
        settings.rare_words_per_claim,
        settings.probe_fraction,
        words=words,
    )
    info = (
        claims.select("claim_id", "outlet")
        .join(copy_roots(claims, documents), on="claim_id")
        .join(claim_content(words), on="claim_id")
    )
    return keys, info


def match(
    claims: pl.DataFrame,
    quantities: pl.DataFrame,
    documents: pl.DataFrame,
    rule_dirs: Sequence[str | Path] = (),
    settings: MatchSettings | None = None,
    times: pl.DataFrame | None = None,
) -> dict[str, pl.DataFrame]:
    settings = settings or MatchSettings.load(rule_dirs)
    speakers = speaker_table(claims, settings)
    words = content_words(claims, settings.stopwords)
    keys, info = candidate_inputs(claims, quantities, documents, settings, speakers, words)
    matches, _scored = score_blocks(keys, info, settings.threshold, settings.max_block)
    statements = statement_facts(claims, matches, words)
    roots = copy_roots(claims, documents)
    frames = _frames(quantities, claims, roots, settings, settings.generic_kinds)
    facts = [quantity_facts(frames, claims), statements]
    if times is not None and not times.is_empty():
        dated = day_readings(
            times, settings.stopwords, settings.page_date_words, settings.day_roles
        )
        days = _frames(dated, claims, roots, settings, day_kinds(settings.day_roles))
        facts.append(quantity_facts(days, claims, prefix="date"))
    return {
        "speakers": speakers,
        "matches": conform(matches, "matches"),
        "facts": conform(pl.concat(facts), "facts"),
    }


def _frames(
    readings: pl.DataFrame,
    claims: pl.DataFrame,
    roots: pl.DataFrame,
    settings: MatchSettings,
    generic_kinds: frozenset[str],
) -> pl.DataFrame:
    return frame_groups(
        readings,
        claims,
        roots,
        generic_kinds,
        settings.stopwords | settings.not_names,
        settings.frame_threshold,
        settings.fuzzy_name_cutoff,
        settings.max_block,
        settings.frame_min_shared,
        settings.scopes,
        settings.money_units,
        settings.anchored_kinds,
    )
