"""Baselines: a file of accepted finding fingerprints, so that CI fails only on new findings.

A finding's `finding_id` survives reordering and unrelated edits (see docs/ARCHITECTURE.md),
so a baseline written today still recognises the same disagreements tomorrow.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from checker.errors import CheckerError
from checker.tables_io import atomic_write_text

BASELINE_VERSION = 1
_ENTRY_KEYS = ("finding_id", "rule_id", "story", "message")


def baseline_document(findings: pl.DataFrame) -> dict:
    """The baseline's JSON content: one entry per fingerprint, sorted so diffs stay small."""
    entries = (
        findings.select(_ENTRY_KEYS)
        .filter(pl.col("finding_id").is_not_null())
        .unique(subset="finding_id", keep="first", maintain_order=True)
        .sort("finding_id")
        .to_dicts()
    )
    return {"schema_version": BASELINE_VERSION, "findings": entries}


def create_baseline(findings: pl.DataFrame, path: Path) -> int:
    """Write every finding's fingerprint to `path` (atomically); returns how many were written."""
    document = baseline_document(findings)
    text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    atomic_write_text(Path(path), text)
    return len(document["findings"])


def load_baseline(path: Path) -> frozenset[str]:
    """The fingerprints in a baseline file; any defect is a CheckerError naming the file."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CheckerError(
            source, "baseline file not found (create one with `checker baseline create`)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CheckerError(source, f"cannot read baseline: {exc}") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CheckerError(source, f"not valid JSON: {exc.msg}", exc.lineno) from exc
    return frozenset(_fingerprints(document, source))


def _fingerprints(document: object, source: str) -> list[str]:
    if not isinstance(document, dict) or not isinstance(document.get("findings"), list):
        raise CheckerError(source, 'not a baseline: expected an object with a "findings" list')
    version = document.get("schema_version")
    if not isinstance(version, int) or version > BASELINE_VERSION:
        raise CheckerError(
            source,
            f"unsupported baseline schema_version {version!r} (this checker reads "
            f"up to {BASELINE_VERSION})",
        )
    ids = []
    for index, entry in enumerate(document["findings"]):
        finding_id = entry.get("finding_id") if isinstance(entry, dict) else None
        if not isinstance(finding_id, str) or not finding_id:
            raise CheckerError(source, f"findings[{index}] has no finding_id string")
        ids.append(finding_id)
    return ids


def apply_baseline(findings: pl.DataFrame, baseline: frozenset[str] | None) -> pl.DataFrame:
    """Mark findings whose fingerprint is in the baseline "baselined" and every other one "new".

    Without a baseline, statuses are kept and only missing ones become "new".
    """
    if baseline is None:
        return findings.with_columns(pl.col("status").fill_null("new"))
    in_baseline = pl.col("finding_id").is_in(sorted(baseline))
    return findings.with_columns(
        pl.when(in_baseline).then(pl.lit("baselined")).otherwise(pl.lit("new")).alias("status")
    )
