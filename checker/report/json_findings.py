"""findings.json: the findings table as stable, versioned JSON.

Same inputs give byte-identical output: rows are sorted, keys are sorted, no timestamps or
paths of the machine are written.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import polars as pl

from checker.report.order import sort_findings
from checker.schema import SCHEMA_VERSION


def iso_utc(moment: datetime) -> str:
    """A publication time as ISO 8601 in UTC with a Z, to the second: `2025-08-15T14:03:00Z`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(value: Any) -> Any:
    """JSON has no infinity: an open interval bound is written as null (docs/ARCHITECTURE.md).
    Times are ISO 8601 strings in UTC."""
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        return None
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def findings_document(findings: pl.DataFrame) -> dict[str, Any]:
    # The one order of every format (checker/report/order.py); the helper columns it adds
    # are not part of the findings table and stay out of the file.
    rows = sort_findings(findings).to_dicts()
    by_severity: dict[str, int] = {}
    for row in rows:
        by_severity[row["severity"]] = by_severity.get(row["severity"], 0) + 1
    return {
        "schema_version": SCHEMA_VERSION,
        "counts": {"findings": len(rows), "by_severity": dict(sorted(by_severity.items()))},
        "findings": [_clean(row) for row in rows],
    }


def findings_json(findings: pl.DataFrame) -> str:
    document = findings_document(findings)
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


# findings.json in pieces, for runs too big to hold every finding as a dict: each story's
# rows are rendered on their own (in a worker, cached with the story), and the file is the
# document with an empty list, the list filled with the rows of every story in story order.
_EMPTY_LIST = '"findings": []'
_ROW_INDENT = "    "  # a row sits two levels deep: in the document, in its "findings" list


def findings_rows_json(findings: pl.DataFrame) -> str:
    """The findings' rows exactly as findings_json writes them in its list, in the one order,
    joined by ",\\n", without the brackets ("" for none)."""
    rows = sort_findings(findings).to_dicts()
    return ",\n".join(
        _ROW_INDENT
        + json.dumps(_clean(row), ensure_ascii=False, sort_keys=True, indent=2).replace(
            "\n", "\n" + _ROW_INDENT
        )
        for row in rows
    )


def findings_json_pieces(by_severity: dict[str, int], rows: Iterable[str]) -> Iterator[str]:
    """findings.json from the severity counts of every finding and the non-empty row blocks of
    `findings_rows_json`, story after story in the one order: byte for byte findings_json's
    output for the same findings."""
    counts = {
        "findings": sum(by_severity.values()),
        "by_severity": dict(sorted(by_severity.items())),
    }
    document = {"schema_version": SCHEMA_VERSION, "counts": counts, "findings": []}
    head, tail = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2).split(
        _EMPTY_LIST
    )
    opened = False
    for block in rows:
        yield f'{head}"findings": [\n{block}' if not opened else f",\n{block}"
        opened = True
    yield f"\n  ]{tail}\n" if opened else f"{head}{_EMPTY_LIST}{tail}\n"
