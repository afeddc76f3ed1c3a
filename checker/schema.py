"""Every table that travels between stages, in one place.

A stage takes and returns polars frames with exactly these columns (see docs/ARCHITECTURE.md). Bump
SCHEMA_VERSION whenever a column is added, removed or changes type: saved output folders and
findings.json carry it, so a reader can refuse a folder written by an incompatible version.
"""

from __future__ import annotations

import polars as pl

SCHEMA_VERSION = 6  # 2: quantities.context and .names, facts.quantity_start, findings.confidence;
# 3: times.context; 4: findings.evidence.published; 5: times.dated_event, .zone_offset,
# .zone_in_use and the quotes and mentions tables; 6: facts.kind and .scope

_UTC = pl.Datetime("us", "UTC")

EVIDENCE = pl.Struct(
    {
        "outlet": pl.String,
        "outlets": pl.List(pl.String),  # every outlet that ran this same copy
        "side": pl.String,  # a checker.sides.Side value (majority, minority, ...)
        "value": pl.String,
        "sentence": pl.String,
        "start": pl.Int32,  # span of the value inside `sentence`
        "end": pl.Int32,
        "speaker": pl.String,
        "url": pl.String,
        "published": _UTC,  # the document's publication time: an update reads as one
        "doc_id": pl.String,
        "claim_id": pl.String,
    }
)

TABLES: dict[str, pl.Schema] = {
    "documents": pl.Schema(
        {
            "doc_id": pl.String,
            "story": pl.String,
            "outlet": pl.String,
            "role": pl.String,  # reference / candidate / null
            "url": pl.String,
            "title": pl.String,
            "published": _UTC,
            "text": pl.String,
            "path": pl.String,
            "body_line": pl.Int32,  # 1-based line of the source file where `text` starts
            "duplicate_of": pl.String,
            "language": pl.String,
            "extra": pl.String,  # JSON object of metadata keys we do not model
        }
    ),
    "claims": pl.Schema(
        {
            "claim_id": pl.String,
            "doc_id": pl.String,
            "story": pl.String,
            "outlet": pl.String,
            "sent_idx": pl.Int32,
            "start": pl.Int32,  # char offsets into the document's text
            "end": pl.Int32,
            "text": pl.String,
            "norm": pl.String,
            "speaker": pl.String,
            "speaker_text": pl.String,
            "speaker_role": pl.String,
            "quote": pl.Boolean,
            "stance": pl.Int8,
            "stance_cue": pl.String,
            "negated": pl.Boolean,
            "hedged": pl.Boolean,
            "topics": pl.List(pl.String),
            "event": pl.String,
        }
    ),
    "quantities": pl.Schema(
        {
            "claim_id": pl.String,
            "kind": pl.String,
            "value": pl.Float64,
            "low": pl.Float64,  # -inf / +inf for open bounds (null in JSON)
            "high": pl.Float64,
            "unit": pl.String,  # durations are in minutes
            "qualifier": pl.String,
            "text": pl.String,
            "start": pl.Int32,  # char offsets into the document's text
            "end": pl.Int32,
            "context": pl.String,  # window words before, "|", words after: what it counts
            "names": pl.String,  # places or owners its clause names: whom or what it is about
        }
    ),
    "times": pl.Schema(
        {
            "claim_id": pl.String,
            "kind": pl.String,  # clock / date / weekday / relative
            "text": pl.String,
            "local": pl.String,  # as written, normalized to HH:MM for clocks
            "zone": pl.String,  # as written: "EST"
            "utc": pl.String,  # HH:MM in UTC where a zone is given
            "date": pl.String,  # ISO date where known or resolved; "--MM-DD" with no year
            "start": pl.Int32,
            "end": pl.Int32,
            "context": pl.String,  # window words before, "|", words after: what it dates
            "dated_event": pl.String,  # event key of the last trigger before it in its clause
            "zone_offset": pl.Float64,  # hours from UTC the zone label has on the mention's day
            "zone_in_use": pl.Boolean,  # false: a standard-time label on a daylight day or back
        }
    ),
    "quotes": pl.Schema(  # one row per quoted passage of a claim, quote marks included
        {
            "claim_id": pl.String,
            "start": pl.Int32,  # char offsets into the document's text
            "end": pl.Int32,
            "text": pl.String,  # the passage as written
        }
    ),
    "mentions": pl.Schema(  # names a claim's text writes, quoted or not, spoken or not
        {
            "claim_id": pl.String,
            "kind": pl.String,  # name (two words a capitalised run ends with) / word (one)
            "text": pl.String,  # as written, titles, owners and openers cut off
            "key": pl.String,  # checker.names.name_key of text
            "start": pl.Int32,  # first place the claim writes it; null when it was tidied
            "end": pl.Int32,
        }
    ),
    "matches": pl.Schema(
        {"claim_a": pl.String, "claim_b": pl.String, "score": pl.Float64, "method": pl.String}
    ),
    "speakers": pl.Schema(  # match stage: one key per person within a story (aliases, spellings)
        {"story": pl.String, "speaker": pl.String, "speaker_key": pl.String}
    ),
    "facts": pl.Schema(
        {
            "fact_id": pl.String,
            "story": pl.String,
            "claim_id": pl.String,
            "key": pl.String,  # feeds fact and finding ids; read kind and scope from their columns
            "kind": pl.String,  # the figures' kind (`date` for day facts); null for statements
            "scope": pl.String,  # the frame group within the kind; null for statements
            "quantity_start": pl.Int32,  # the figure of a quantity fact; null for statements
        }
    ),
    "findings": pl.Schema(
        {
            "finding_id": pl.String,
            "rule_id": pl.String,
            "check": pl.String,
            "severity": pl.String,
            "confidence": pl.Float64,  # 0-1, from the independent outlets on each side
            "story": pl.String,
            "fact_id": pl.String,
            "key": pl.String,
            "message": pl.String,
            "explanation": pl.String,
            "outlets": pl.List(pl.String),
            "claim_ids": pl.List(pl.String),
            "evidence": pl.List(EVIDENCE),
            "status": pl.String,  # new / baselined
        }
    ),
}


def empty(table: str) -> pl.DataFrame:
    """An empty frame with the table's columns, for stages that found nothing."""
    return pl.DataFrame(schema=TABLES[table])


def conform(frame: pl.DataFrame, table: str) -> pl.DataFrame:
    """Select and order the table's columns, casting each; missing columns become null."""
    schema = TABLES[table]
    columns = [
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in schema.items()
    ]
    return frame.select(columns)


def from_rows(rows: list[dict], table: str) -> pl.DataFrame:
    """Build a table from row dicts (keys missing from a row are null)."""
    if not rows:
        return empty(table)
    return pl.DataFrame(rows, schema=TABLES[table], strict=False)
