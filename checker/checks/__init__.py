"""The check stage: every enabled rule runs its check type's code over the run's tables.

Importing this package registers the built-in check types' code, exactly as an extension
would register its own (checker.ruleset.registry). When some document is a reference, every
rule's findings go through reference mode (checker.checks.reference).
"""

from __future__ import annotations

import polars as pl

import checker.ruleset.params  # noqa: F401  (registers the check types before their code)
from checker.checks import attribution, coverage, dates, quantity, role, spelling, stance, timezone  # noqa: F401
from checker.checks.confidence import with_confidence
from checker.checks.context import CheckContext
from checker.checks.reference import ReferenceMode
from checker.progress import Advance, no_advance
from checker.ruleset.model import RuleSet
from checker.ruleset.registry import CHECK_TYPES
from checker.schema import conform, empty


def run_checks(
    rules: RuleSet, context: CheckContext, advance: Advance = no_advance
) -> pl.DataFrame:
    """Findings of every enabled rule whose check type has code, in a stable order."""
    reference_mode = ReferenceMode.of(context)
    frames = []
    for rule in rules:
        advance()
        check_type = CHECK_TYPES.get(rule.extends)
        if not rule.enabled or check_type is None or check_type.run is None:
            continue
        if reference_mode is not None:
            frames.append(reference_mode.run(rule, check_type.run))
        else:
            frames.append(conform(check_type.run(rule, context), "findings"))
    if not frames:
        return empty("findings")
    findings = pl.concat(frames).unique("finding_id", keep="first", maintain_order=True)
    return with_confidence(findings).sort("story", "check", "key", "finding_id")
