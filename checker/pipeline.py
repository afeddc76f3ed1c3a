"""The whole run, stage after stage: ingest, extract, match, check.

Each stage takes and returns tables; this module only wires them and hands the problems of
every stage back to the caller (the CLI turns them into messages and exit codes).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from checker.errors import Problems
from checker.progress import Reporter, stage_of

if TYPE_CHECKING:
    from checker.rulepack import RulePack
    from checker.ruleset.config import Config

TABLE_ORDER = (
    "documents",
    "claims",
    "quantities",
    "times",
    "quotes",
    "mentions",
    "speakers",
    "matches",
    "facts",
    "findings",
)


def run_pipeline(
    sources: Sequence[str],
    story: str | None = None,
    rule_dirs: Sequence[Path] = (),
    reference: Sequence[str] = (),
    problems: Problems | None = None,
    reporter: Reporter | None = None,
) -> dict[str, pl.DataFrame]:
    """Every table of a run, from sources to findings; `reporter` (checker.progress) shows
    how far each stage got."""
    from checker.ingest import ingest
    from checker.ruleset.config import load_config

    problems = problems if problems is not None else Problems()
    config = load_config()
    pack = _load_pack(rule_dirs, config)
    documents = ingest(
        list(sources),
        story=story,
        problems=problems,
        reference=list(reference),
        reporter=reporter,
        limits=config.limits,
    )
    return _run_stages(documents, pack, reporter)


def run_from_documents(
    documents: pl.DataFrame,
    rule_dirs: Sequence[Path] = (),
    reporter: Reporter | None = None,
) -> dict[str, pl.DataFrame]:
    """Every table of a run that starts from a documents table (benchmarks, distributed runs)."""
    return _run_stages(documents, _load_pack(rule_dirs), reporter)


def _load_pack(rule_dirs: Sequence[Path], config: Config | None = None) -> RulePack:
    from checker.rulepack import RulePack

    return RulePack.load(rule_dirs, config)


def _run_stages(
    documents: pl.DataFrame, pack: RulePack, reporter: Reporter | None = None
) -> dict[str, pl.DataFrame]:
    """Extract, match and check, each handed the one rule pack of the run."""
    from checker.checks import CheckContext, run_checks
    from checker.checks.reference import detach_references
    from checker.extract import extract
    from checker.match import match

    # With a reference in a story, every candidate speaks for itself: a rewrite that changed
    # one figure is a near-copy of its source, and folding it in would hide the change.
    staged = detach_references(documents)
    extract_advance = stage_of(reporter, "extract", documents.height)
    extracted = extract(documents, advance=extract_advance, config=pack.extract_config)
    # match reports as one step: its blocks are scored in one pass per story.
    advance = stage_of(reporter, "match", 1)
    matched = match(
        extracted["claims"],
        extracted["quantities"],
        staged,
        settings=pack.match_settings,
        times=extracted["times"],
    )
    advance()
    context = CheckContext.from_tables({"documents": staged, **extracted, **matched})
    findings = run_checks(pack.rules, context, stage_of(reporter, "checks", len(pack.rules)))
    tables = {"documents": documents, **extracted, **matched, "findings": findings}
    return {name: tables[name] for name in TABLE_ORDER}
