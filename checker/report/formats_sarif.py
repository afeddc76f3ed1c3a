"""SARIF 2.1.0 output (findings.sarif): inline annotations on the articles a pull request adds.

One run, one rule per rule id with findings, one result per offending evidence entry (and per
syndicated copy of it) whose document is a .txt/.md file with a known body line.

Where a result points: see source_lines.py (the source file is read again, because the
documents table holds cleaned text).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

import polars as pl

import checker
from checker.errors import CheckerError
from checker.report.registry import ReportInput, register_format
from checker.report.source_lines import Region, SourceLocator
from checker.report.view import severity_sort_key
from checker.severity import at_or_above
from checker.sides import OFFENDING_SIDES

SARIF_FILE = "findings.sarif"
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "checkerFinding/v1"  # the finding id: the same across runs and edits
EVIDENCE_FINGERPRINT_KEY = "checkerEvidence/v1"  # finding id + file: one alert per file
SOURCE_ROOT = "%SRCROOT%"
# The sides that depart from what the others say; majority/reference/optimistic are the
# yardstick and get no annotation of their own.
# The text reader's suffixes: the only documents with a body_line in a file of their own.
LOCATABLE_SUFFIXES = (".txt", ".text", ".md", ".markdown")
LEVELS = {"critical": "error", "major": "error", "minor": "warning", "info": "note"}


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative to the working folder in posix form where possible."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return candidate.as_uri(), None  # outside the checkout: an absolute file URI
    return quote(PurePath(candidate).as_posix(), safe="/"), SOURCE_ROOT


# --- rules and results -------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One place a result points at: a document and the cleaned-text offsets of the span."""

    document: Mapping[str, Any]
    anchor: tuple[int, int]  # the claim's sentence
    span: tuple[int, int]  # the value inside it (the whole sentence if the check gave none)


def _locatable(documents: pl.DataFrame) -> pl.DataFrame:
    suffix = pl.col("path").str.to_lowercase()
    return documents.filter(
        pl.col("body_line").is_not_null()
        & pl.any_horizontal(suffix.str.ends_with(s) for s in LOCATABLE_SUFFIXES)
    ).with_columns(pl.coalesce("duplicate_of", "doc_id").alias("copy_root"))


class TargetFinder:
    """Evidence entries to the documents and offsets they point at, copies included."""

    def __init__(
        self, findings: pl.DataFrame, documents: pl.DataFrame, claims: pl.DataFrame
    ) -> None:
        evidence = findings.select(pl.col("evidence").explode()).unnest("evidence")
        evidence = evidence.filter(pl.col("side").is_in(list(OFFENDING_SIDES)))
        roots = documents.select("doc_id", pl.coalesce("duplicate_of", "doc_id").alias("root"))
        self.roots = dict(roots.iter_rows())
        wanted_roots = {self.roots.get(d, d) for d in evidence["doc_id"].drop_nulls()}
        located = _locatable(documents).filter(pl.col("copy_root").is_in(list(wanted_roots)))
        self.copies: dict[str, list[dict]] = {}
        for row in located.sort("path", "doc_id").iter_rows(named=True):
            self.copies.setdefault(row["copy_root"], []).append(row)
        claim_ids = evidence["claim_id"].drop_nulls().to_list()
        wanted = claims.filter(pl.col("claim_id").is_in(claim_ids))
        self.claim_starts = dict(wanted.select("claim_id", "start").iter_rows())

    def targets(self, entry: Mapping[str, Any]) -> Iterator[Target]:
        root = self.roots.get(entry["doc_id"], entry["doc_id"])
        sentence = entry["sentence"] or ""
        for document in self.copies.get(root, []):
            if document["doc_id"] == entry["doc_id"]:
                start = self.claim_starts.get(entry["claim_id"])
            else:  # a syndicated copy: the same sentence, wherever it sits in that copy
                found = document["text"].find(sentence) if sentence else -1
                start = found if found >= 0 else None
            if start is None and sentence:
                continue
            yield Target(document, *_offsets(start or 0, sentence, entry))


def _offsets(start: int, sentence: str, entry: Mapping[str, Any]) -> tuple[tuple, tuple]:
    anchor = (start, start + len(sentence))
    if entry["start"] is None or entry["end"] is None or entry["end"] <= entry["start"]:
        return anchor, anchor
    return anchor, (start + entry["start"], start + entry["end"])


def _rule_texts() -> dict[str, Any]:
    """Rule id -> loaded rule, for descriptions; {} if the rule pack cannot be loaded here.

    The findings table carries each rule's explanation but not its one-line description, so
    the shipped pack plus the project config's rule folders are read; a rule that came from
    a `--rules DIR` of the original run falls back to a title made from its id.
    """
    from checker.ruleset.config import load_config
    from checker.ruleset.loader import load_rules

    try:
        return {rule.id: rule for rule in load_rules([], config=load_config())}
    except (CheckerError, OSError, ValueError):
        return {}


def sarif_rules(findings: pl.DataFrame) -> list[dict[str, Any]]:
    """One reportingDescriptor per rule id with findings, sorted by id."""
    if findings.is_empty():
        return []
    known = _rule_texts()
    rules = []
    for rule_id in sorted(set(findings["rule_id"].drop_nulls())):
        rows = findings.filter(pl.col("rule_id") == rule_id).sort("finding_id")
        first = rows.row(0, named=True)
        loaded = known.get(rule_id)
        short = (loaded.description if loaded else "") or rule_id.replace("-", " ").capitalize()
        explanation = first["explanation"] or (loaded.explanation if loaded else "")
        descriptor: dict[str, Any] = {
            "id": rule_id,
            "shortDescription": {"text": " ".join(short.split())},
            "defaultConfiguration": {"level": LEVELS.get(_usual_severity(rows), "warning")},
            "properties": {"check": first["check"], "tags": ["checker", first["check"]]},
        }
        if explanation:
            descriptor["fullDescription"] = {"text": " ".join(explanation.split())}
            descriptor["help"] = {"text": " ".join(explanation.split())}
        rules.append(descriptor)
    return rules


def _usual_severity(rows: pl.DataFrame) -> str:
    """The severity most of a rule's findings carry; a tie goes to the more severe."""
    counts = Counter(rows["severity"].to_list())
    return min(counts, key=lambda s: (-counts[s], severity_sort_key(s)))


def sarif_results(report: ReportInput, rule_index: Mapping[str, int]) -> list[dict[str, Any]]:
    findings = report.tables["findings"]
    finder = TargetFinder(findings, report.tables["documents"], report.tables["claims"])
    locators: dict[str, SourceLocator] = {}
    results: dict[tuple, dict[str, Any]] = {}
    # Findings in the one order (the writer sorted them); a finding's places by file and line.
    for finding in findings.iter_rows(named=True):
        if not at_or_above(finding["severity"], report.sarif_min_severity):
            continue  # info notes stay in the report, out of code scanning
        placed: dict[tuple, dict[str, Any]] = {}
        for entry in finding["evidence"] or []:
            if entry["side"] not in OFFENDING_SIDES:
                continue
            for target in finder.targets(entry):
                document = target.document
                if document["doc_id"] not in locators:
                    locators[document["doc_id"]] = SourceLocator.for_file(
                        document["text"] or "", document["body_line"], document["path"]
                    )
                locator = locators[document["doc_id"]]
                region = (
                    locator.region(target.anchor, target.span)
                    if entry["sentence"]
                    else Region(document["body_line"])
                )  # an omission: the article
                result = _result(finding, entry, document, region, rule_index)
                key = (
                    document["path"],
                    region.start_line,
                    region.start_column or 0,
                    finding["rule_id"],
                    finding["finding_id"],
                )
                placed.setdefault(key, result)  # the same spot twice is one annotation
        for key in sorted(placed):
            results.setdefault(key, placed[key])
    return list(results.values())


def _result(
    finding: Mapping[str, Any],
    entry: Mapping[str, Any],
    document: Mapping[str, Any],
    region: Region,
    rule_index: Mapping[str, int],
) -> dict[str, Any]:
    uri, base = artifact_uri(document["path"])
    artifact = {"uri": uri, **({"uriBaseId": base} if base else {})}
    per_file = hashlib.sha1(f"{finding['finding_id']}\0{uri}".encode()).hexdigest()[:16]
    properties = {
        "story": finding["story"],
        "outlet": document["outlet"],
        "side": entry["side"],
        "value": entry["value"] or "",
        "severity": finding["severity"],
        "location": "source" if region.exact else "estimated",
    }
    result: dict[str, Any] = {
        "ruleId": finding["rule_id"],
        "ruleIndex": rule_index[finding["rule_id"]],
        "level": LEVELS.get(finding["severity"], "warning"),
        "message": {"text": finding["message"] or finding["rule_id"]},
        "locations": [
            {"physicalLocation": {"artifactLocation": artifact, "region": region.to_sarif()}}
        ],
        "partialFingerprints": {
            FINGERPRINT_KEY: finding["finding_id"],
            EVIDENCE_FINGERPRINT_KEY: per_file,
        },
        "baselineState": "unchanged" if finding["status"] == "baselined" else "new",
        "properties": properties,
    }
    if finding["status"] == "baselined":
        result["suppressions"] = [
            {"kind": "external", "justification": "listed in the checker baseline file"}
        ]
    return result


@register_format("sarif", "findings.sarif: SARIF 2.1.0 for code-scanning annotations on .txt/.md")
def render_sarif(report: ReportInput) -> dict[str, str]:
    rules = sarif_rules(report.tables["findings"])
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    driver = {"name": "checker", "version": checker.__version__, "rules": rules}
    log = {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": sarif_results(report, rule_index),
            }
        ],
    }
    return {SARIF_FILE: json.dumps(log, indent=2, ensure_ascii=False) + "\n"}
