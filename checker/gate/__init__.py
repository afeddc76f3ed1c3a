"""The CI data-quality gate: great-expectations suites over a run's tables, plus baselines.

Importing this package is cheap: great-expectations is imported only by `checker.gate.engine`,
and only when a gate actually runs.
"""

from __future__ import annotations

from checker.gate.baseline import apply_baseline, create_baseline, load_baseline
from checker.gate.result import GateResult
from checker.gate.run import run_gate

__all__ = ["GateResult", "apply_baseline", "create_baseline", "load_baseline", "run_gate"]
