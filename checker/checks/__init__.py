"""The check stage: every enabled rule runs its check type's code over the run's tables.

Each check module declares its check type (checker.ruleset.registry.CheckType) next to its
code; BUILTIN_TYPES is the one list of them, which the registry reads the first time it is
used, exactly as it reads an extension's `checker.checks` entry points. When some document is
a reference, every rule's findings go through reference mode (checker.checks.reference).
"""

from __future__ import annotations

import polars as pl

from checker.checks import attribution, coverage, dates, quantity, role, spelling, stance, timezone
from checker.checks.confidence import with_confidence
from checker.checks.context import CheckContext
from checker.checks.reference import ReferenceMode
from checker.progress import Advance, no_advance
from checker.ruleset.model import RuleSet
from checker.ruleset.registry import CHECK_TYPES, CheckType
from checker.schema import conform, empty

BUILTIN_TYPES: tuple[CheckType, ...] = (
    quantity.QUANTITY,
    quantity.DURATION,
    stance.STANCE,
    attribution.ATTRIBUTION,
    role.ROLE,
    spelling.SPELLING,
    timezone.TIMEZONE,
    dates.DATE,
    coverage.COVERAGE,
)

__all__ = ["BUILTIN_TYPES", "CheckContext", "run_checks"]


def run_checks(
    rules: RuleSet, context: CheckContext, advance: Advance = no_advance
) -> pl.DataFrame:
    """Findings of every enabled rule, in a stable order."""
    reference_mode = ReferenceMode.of(context)
    frames = []
    for rule in rules:
        advance()
        check_type = CHECK_TYPES.get(rule.extends)
        if not rule.enabled or check_type is None:
            continue
        if reference_mode is not None:
            frames.append(reference_mode.run(rule, check_type.run))
        else:
            frames.append(conform(check_type.run(rule, context), "findings"))
    if not frames:
        return empty("findings")
    findings = pl.concat(frames).unique("finding_id", keep="first", maintain_order=True)
    return with_confidence(findings).sort("story", "check", "key", "finding_id")
