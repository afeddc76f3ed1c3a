"""The whole run, stage after stage: ingest, extract, match, check.

Each stage takes and returns tables; this module only wires them and hands the problems of
every stage back to the caller (the CLI turns them into messages and exit codes). With
`engine` options the stages after ingest run story by story (checker.engine): in a process
pool, on a Dask cluster, with the extraction cache; the tables are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from checker.errors import Problems
from checker.progress import Reporter, stage_of

if TYPE_CHECKING:
    from checker.engine import EngineOptions, RunStats
    from checker.engine.cache import ExtractionCache
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
    engine: EngineOptions | None = None,
) -> dict[str, pl.DataFrame]:
    """Every table of a run, from sources to findings; `reporter` (checker.progress) shows
    how far each stage got. `engine` runs the stages story by story (checker.engine)."""
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
    if engine is None:
        return run_stages(documents, pack, reporter)
    return _partitioned(documents, pack, config, rule_dirs, engine, reporter)[0]


def run_from_documents(
    documents: pl.DataFrame,
    rule_dirs: Sequence[Path] = (),
    reporter: Reporter | None = None,
    engine: EngineOptions | None = None,
) -> dict[str, pl.DataFrame]:
    """Every table of a run that starts from a documents table (benchmarks, distributed runs);
    `engine` runs it story by story (checker.engine), with the same tables."""
    from checker.ruleset.config import load_config

    config = load_config()
    pack = _load_pack(rule_dirs, config)
    if engine is None:
        return run_stages(documents, pack, reporter)
    return _partitioned(documents, pack, config, rule_dirs, engine, reporter)[0]


def _partitioned(
    documents: pl.DataFrame,
    pack: RulePack,
    config: Config,
    rule_dirs: Sequence[Path],
    options: EngineOptions,
    reporter: Reporter | None,
) -> tuple[dict[str, pl.DataFrame], RunStats]:
    from checker.engine import make_spec, run_partitioned

    spec = make_spec(pack, config, rule_dirs, options)
    return run_partitioned(documents, spec, options, reporter)


def _load_pack(rule_dirs: Sequence[Path], config: Config | None = None) -> RulePack:
    from checker.rulepack import RulePack

    return RulePack.load(rule_dirs, config)


def run_stages(
    documents: pl.DataFrame,
    pack: RulePack,
    reporter: Reporter | None = None,
    cache: ExtractionCache | None = None,
) -> dict[str, pl.DataFrame]:
    """Extract, match and check, each handed the one rule pack of the run; with `cache`,
    extraction reads and fills the extraction cache (checker.engine.cache)."""
    from checker.checks import CheckContext, run_checks
    from checker.checks.reference import detach_references
    from checker.extract import extract
    from checker.match import match

    # With a reference in a story, every candidate speaks for itself: a rewrite that changed
    # one figure is a near-copy of its source, and folding it in would hide the change.
    staged = detach_references(documents)
    extract_advance = stage_of(reporter, "extract", documents.height)
    if cache is None:
        extracted = extract(documents, advance=extract_advance, config=pack.extract_config)
    else:
        from checker.engine.cache import extract_cached

        extracted = extract_cached(documents, pack.extract_config, cache, extract_advance)
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
