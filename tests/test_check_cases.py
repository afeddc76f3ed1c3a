"""Every check type on small real stories, one YAML file of cases per check type.

Each case in tests/cases/checks/<check>.yaml is a tiny story: one short article per outlet. It
runs through the real extract and match stages, then every default rule of the check (with the
case's `params: {rule id: {name: value}}` applied); the case lists the findings it must produce
(check, minority outlets, optionally severity) and the checks that must stay silent. Adding a
case is adding YAML, not a test function.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import yaml

from checker.checks import CheckContext
from checker.checks.findings import offending_outlets
from checker.extract import extract
from checker.match import match
from checker.ruleset.loader import load_rules
from checker.ruleset.registry import CHECK_TYPES
from checker.schema import from_rows

CASES_DIR = Path(__file__).parent / "cases" / "checks"
# Every check type with a case file: adding a case is adding data (a sqlfluff idea).
CHECKS = tuple(sorted(p.stem for p in CASES_DIR.glob("*.yaml")))


def _cases() -> list[Any]:
    params = []
    for check in CHECKS:
        for case in yaml.safe_load((CASES_DIR / f"{check}.yaml").read_text(encoding="utf-8")):
            params.append(pytest.param(check, case, id=f"{check}: {case['name']}"))
    return params


def _documents(case: dict[str, Any]) -> pl.DataFrame:
    rows = []
    for index, doc in enumerate(case["documents"]):
        published = doc.get("published")
        rows.append(
            {
                "doc_id": f"doc{index:02d}",
                "story": "case",
                "outlet": doc["outlet"],
                "url": f"https://{doc['outlet']}.example/{index}",
                "published": datetime.fromisoformat(published) if published else None,
                "text": doc["text"],
                "language": "en",
            }
        )
    return from_rows(rows, "documents")


def run_checks_on(case: dict[str, Any], checks: set[str]) -> pl.DataFrame:
    """Findings of every default rule of `checks` on the case's documents."""
    rules = load_rules()
    documents = _documents(case)
    extracted = extract(documents, list(rules.rule_dirs))
    matched = match(
        extracted["claims"],
        extracted["quantities"],
        documents,
        list(rules.rule_dirs),
        times=extracted["times"],
    )
    context = CheckContext.from_tables({"documents": documents, **extracted, **matched})
    frames = [
        CHECK_TYPES[rule.extends].run(with_case_params(rule, case), context)
        for rule in rules
        if rule.enabled and rule.extends in checks
    ]
    return pl.concat(frames) if frames else pl.DataFrame()


def with_case_params(rule: Any, case: dict[str, Any]) -> Any:
    """The rule with the case's `params: {rule id: {name: value}}` applied and validated."""
    overrides = (case.get("params") or {}).get(rule.id)
    if not overrides:
        return rule
    params = type(rule.params).model_validate({**rule.params.model_dump(), **overrides})
    return replace(rule, params=params)


def finding_kind(key: str) -> str:
    """The kind a figure finding's key names: "quantity:deaths@all" -> "deaths"."""
    return key.split(":", 1)[-1].split("@")[0]


@pytest.mark.parametrize(("check", "case"), _cases())
def test_check_case(check: str, case: dict[str, Any]) -> None:
    # must_find entries may name a severity and a kind; also optional: findings_per_check
    # {check: count}
    wanted = case.get("must_find") or []
    silent = set(case.get("must_not_find") or [])
    findings = run_checks_on(case, {check} | silent | {w["check"] for w in wanted})
    rows = list(findings.iter_rows(named=True)) if findings.height else []
    for expected in wanted:
        hits = [
            row
            for row in rows
            if row["check"] == expected["check"]
            and set(expected["outlets"]) <= offending_outlets(row["evidence"])
            and row["severity"] == expected.get("severity", row["severity"])
            and ("kind" not in expected or finding_kind(row["key"]) == expected["kind"])
        ]
        assert hits, f"no {expected['check']} finding against {expected['outlets']}: " + repr(
            [(r["check"], r["message"]) for r in rows]
        )
    for quiet in silent:
        noisy = [row["message"] for row in rows if row["check"] == quiet]
        assert not noisy, f"{quiet} should stay silent, found {noisy}"
    for counted, number in (case.get("findings_per_check") or {}).items():
        found = [row["message"] for row in rows if row["check"] == counted]
        assert len(found) == number, f"expected {number} {counted} finding(s), found {found}"


def test_findings_are_stable_across_runs() -> None:
    case = yaml.safe_load((CASES_DIR / "spelling.yaml").read_text(encoding="utf-8"))[0]
    first = run_checks_on(case, set(CHECKS))
    second = run_checks_on(case, set(CHECKS))
    assert first["finding_id"].to_list() == second["finding_id"].to_list()
    assert first.height > 0
