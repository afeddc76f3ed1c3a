"""The gate's result: the blocking findings (the built-in verdict, checker.gate.verdict) and
one row per expectation (pandera-style failures as data).

Built from GX's result JSON alone, so it can be tested and rendered without importing GX.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import polars as pl

from checker.errors import Problems
from checker.gate.suites import SEVERITY_KEY
from checker.runner import EXIT_FAIL, EXIT_OK
from checker.severity import at_or_above, from_great_expectations, parse_severity

OUTCOME_SCHEMA = pl.Schema(
    {
        "suite": pl.String,
        "table": pl.String,
        "expectation": pl.String,
        "column": pl.String,
        "result": pl.String,  # pass / fail
        "severity": pl.String,  # on our scale
        "observed": pl.String,
        "blocking": pl.Boolean,  # failed at or above --fail-on
    }
)
_SAMPLE = 3  # unexpected values quoted in `observed`


@dataclass
class GateResult:
    """What `run_gate` decided, with the material every output format needs."""

    outcomes: pl.DataFrame  # OUTCOME_SCHEMA
    findings: pl.DataFrame  # after the baseline: statuses new / baselined
    fail_on: str
    blocking: pl.DataFrame | None = None  # new findings at or above fail_on (None: none)
    gx_results: list[dict] = field(default_factory=list)  # GX's JSON, one per suite
    seconds: float = 0.0
    gx_import_seconds: float = 0.0  # importing great-expectations
    gx_validate_seconds: float = 0.0  # its context, suites and validation
    problems: Problems = field(default_factory=Problems)  # expectations that could not run

    @property
    def blocking_findings(self) -> pl.DataFrame:
        return self.blocking if self.blocking is not None else self.findings.clear()

    @property
    def passed(self) -> bool:
        """No blocking finding and no expectation failed at or above the threshold."""
        return self.blocking_findings.is_empty() and not bool(self.outcomes["blocking"].any())

    @property
    def exit_code(self) -> int:
        return EXIT_OK if self.passed else EXIT_FAIL

    def results_json(self) -> dict:
        """GX's validation results, wrapped with our verdict (gate-results.json)."""
        return {
            "success": self.passed,
            "fail_on": self.fail_on,
            "blocking_findings": self.blocking_findings["finding_id"].to_list(),
            "results": self.gx_results,
        }


def outcome_rows(
    suite_name: str, table: str, expectations: list[dict], result: dict, fail_on: str
) -> list[dict]:
    """One row per expectation of a suite, in the suite file's order."""
    order = {
        _identity(item.get("type"), item.get("kwargs")): i for i, item in enumerate(expectations)
    }
    rows = []
    for item in result.get("results", []):
        config = item.get("expectation_config", {})
        kwargs = config.get("kwargs", {})
        severity = expectation_severity(config)
        success = bool(item.get("success"))
        rows.append(
            {
                "suite": suite_name,
                "table": table,
                "expectation": config.get("type"),
                "column": _column_label(kwargs),
                "result": "pass" if success else "fail",
                "severity": severity,
                "observed": observed_text(item),
                "blocking": not success and at_or_above(severity, fail_on),
                "_order": order.get(_identity(config.get("type"), kwargs), len(order)),
            }
        )
    rows.sort(key=lambda row: (row["_order"], row["expectation"], row["column"] or ""))
    return [{k: v for k, v in row.items() if k != "_order"} for row in rows]


def outcomes_frame(rows: list[dict]) -> pl.DataFrame:
    return (
        pl.DataFrame(rows, schema=OUTCOME_SCHEMA) if rows else pl.DataFrame(schema=OUTCOME_SCHEMA)
    )


def expectation_severity(config: dict) -> str:
    """meta.checker_severity if set (our full scale), else GX's severity mapped onto ours."""
    override = (config.get("meta") or {}).get(SEVERITY_KEY)
    if override:
        return parse_severity(override).label
    return from_great_expectations(config.get("severity") or "critical").label


def observed_text(item: dict) -> str:
    """A short human summary of what GX saw: the observed value or the unexpected share."""
    error = exception_message(item)
    if error is not None:
        return f"error: {error}"
    result = item.get("result") or {}
    if "observed_value" in result:
        return _short(result["observed_value"])
    if "unexpected_count" in result:
        text = f"{result['unexpected_count']} of {result.get('element_count', '?')} unexpected"
        sample = result.get("partial_unexpected_list") or []
        if sample:
            text += " e.g. " + ", ".join(_short(value) for value in sample[:_SAMPLE])
        return text
    return ""


def exception_message(item: dict) -> str | None:
    """Why GX could not run an expectation (a missing column...), or None if it ran.

    GX reports it either flat ({"raised_exception": true, "exception_message": ...}) or, for
    a failed metric, as one such entry per metric id."""
    info = item.get("exception_info") or {}
    entries = [info, *(v for v in info.values() if isinstance(v, dict))]
    for entry in entries:
        message = entry.get("exception_message")
        if entry.get("raised_exception") or (entry is not info and message):
            return " ".join(str(message or "unknown error").split())
    return None


def _column_label(kwargs: dict) -> str | None:
    if "column" in kwargs:
        return str(kwargs["column"])
    if "column_A" in kwargs:
        return f"{kwargs['column_A']}, {kwargs.get('column_B')}"
    if "column_list" in kwargs:
        return ", ".join(map(str, kwargs["column_list"]))
    return None


def expectation_index(expectations: list[dict], config: dict) -> int | None:
    """The position in the suite file of the expectation a GX result came from."""
    wanted = _identity(config.get("type"), config.get("kwargs"))
    return next(
        (
            i
            for i, item in enumerate(expectations)
            if _identity(item.get("type"), item.get("kwargs")) == wanted
        ),
        None,
    )


def _identity(kind: object, kwargs: object) -> str:
    """Matches a result back to its expectation: GX adds batch_id and may reorder results."""
    plain = {k: v for k, v in (kwargs or {}).items() if k != "batch_id"}
    return json.dumps([kind, plain], sort_keys=True, default=str)


def _short(value: object, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"
