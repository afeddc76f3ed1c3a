"""The extract stage: documents in, claims, quantities, times, quotes and mentions out.

Per document: claims (claims.py), then per claim its stance, topics, event, normalized text,
quantities, times (with the event each dates and its zone label's offset and season) and
quoted passages. Rows are gathered as column lists and become frames once at the end; the
mentions table is then read from the claims frame in one pass (mentions.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import polars as pl

from checker.extract.claims import ClaimSpan, claim_spans
from checker.extract.config import ExtractConfig, load_extract_config
from checker.extract.mentions import find_mentions
from checker.extract.normalize import normalize
from checker.extract.patterns import text_words
from checker.extract.quantities import find_quantities
from checker.extract.quotes import quote_spans
from checker.extract.stance import score_stance
from checker.extract.tagging import dated_event, event_of, topics_of
from checker.extract.times import (
    TimeMention,
    ZoneLexicon,
    find_times,
    zone_fits_date,
    zone_offset_hours,
)
from checker.extract.times.context import day_context
from checker.progress import Advance
from checker.schema import TABLES

_DOCUMENT_COLUMNS = ("doc_id", "story", "outlet", "text", "published", "language")


def claim_id(doc_id: str, start: int, end: int) -> str:
    """Stable id of a claim: its document and its offsets, nothing that reordering changes."""
    return hashlib.sha1(f"{doc_id}\x1f{start}\x1f{end}".encode()).hexdigest()[:16]


class _Columns:
    """Column lists for one table, turned into a frame with the table's schema."""

    def __init__(self, table: str) -> None:
        self.table = table
        self.columns: dict[str, list] = {name: [] for name in TABLES[table]}

    def add(self, **values: object) -> None:
        for name, column in self.columns.items():
            column.append(values.get(name))

    def frame(self) -> pl.DataFrame:
        return pl.DataFrame(self.columns, schema=TABLES[self.table])


def extract(
    documents: pl.DataFrame,
    rule_dirs: Sequence[str | Path] = (),
    advance: Advance | None = None,
    config: ExtractConfig | None = None,
) -> dict[str, pl.DataFrame]:
    """Claims, quantities, times, quotes and mentions of every document with text
    (duplicates included).

    `advance` (checker.progress) is called once per document, empty ones included. `config`
    is the run's compiled lexicons (checker.rulepack.RulePack.extract_config); without it
    they are loaded from `rule_dirs`.
    """
    if config is None:
        config = load_extract_config(rule_dirs)
    tables = {name: _Columns(name) for name in ("claims", "quantities", "times", "quotes")}
    present = [c for c in _DOCUMENT_COLUMNS if c in documents.columns]
    for document in documents.select(present).iter_rows(named=True):
        text = document.get("text")
        if text and text.strip():
            _extract_document(document, text, config, tables)
        if advance is not None:
            advance()
    frames = {name: columns.frame() for name, columns in tables.items()}
    frames["mentions"] = find_mentions(frames["claims"], config.mentions)
    return frames


def _extract_document(
    document: dict, text: str, config: ExtractConfig, tables: dict[str, _Columns]
) -> None:
    doc_id = document["doc_id"]
    published: datetime | None = document.get("published")
    language = (document.get("language") or "en")[:2].lower()
    for span in claim_spans(text, config):
        cid = claim_id(doc_id, span.start, span.end)
        claim_text = text[span.start : span.end]
        _add_claim(tables["claims"], document, cid, span, claim_text, language, config)
        for q in find_quantities(claim_text, config.quantities):
            tables["quantities"].add(
                claim_id=cid,
                kind=q.kind,
                value=q.value,
                low=q.low,
                high=q.high,
                unit=q.unit,
                qualifier=q.qualifier,
                text=q.text,
                start=span.start + q.start,
                end=span.start + q.end,
                context=q.context,
                names=q.names,
            )
        for t in find_times(claim_text, published, config.zones):
            day = _mention_day(t, published)
            tables["times"].add(
                claim_id=cid,
                kind=t.kind,
                text=t.text,
                local=t.local,
                zone=t.zone,
                utc=t.utc,
                date=t.date,
                start=span.start + t.start,
                end=span.start + t.end,
                context=day_context(claim_text, t.start, t.end),
                dated_event=dated_event(claim_text, t.start, config.events),
                zone_offset=_zone_offset(t.zone, day, config.zones),
                zone_in_use=zone_fits_date(t.zone, day, config.zones) if t.zone else None,
            )
        for start, end in quote_spans(claim_text):
            tables["quotes"].add(
                claim_id=cid,
                start=span.start + start,
                end=span.start + end,
                text=claim_text[start:end],
            )


def _mention_day(mention: TimeMention, published: datetime | None) -> date | None:
    """The day a zone label is read on: the mention's own date, else the publication day."""
    if mention.date and len(mention.date) == 10:
        return date.fromisoformat(mention.date)
    return published.date() if published is not None else None


def _zone_offset(zone: str | None, day: date | None, zones: ZoneLexicon) -> float | None:
    return zone_offset_hours(zone, day, zones) if zone else None


def _add_claim(
    claims: _Columns,
    document: dict,
    cid: str,
    span: ClaimSpan,
    text: str,
    language: str,
    config: ExtractConfig,
) -> None:
    words = text_words(text)  # shared by the four word-gated matchers below
    stance = score_stance(text, config.stance, words)
    speaking = span.speaking
    claims.add(
        claim_id=cid,
        doc_id=document["doc_id"],
        story=document.get("story"),
        outlet=document.get("outlet"),
        sent_idx=span.sent_idx,
        start=span.start,
        end=span.end,
        text=text,
        norm=normalize(text, language),
        speaker=speaking.speaker if speaking else None,
        speaker_text=speaking.text if speaking else None,
        speaker_role=speaking.role if speaking else None,
        quote=span.quote,
        stance=stance.stance,
        stance_cue=stance.cue,
        negated=stance.negated,
        hedged=stance.hedged,
        topics=topics_of(text, config.topics, words),
        event=event_of(text, config.events, words),
    )
