"""The one module that talks to great-expectations (GX 1.x).

Everything GX needs is built here: an ephemeral context (nothing written to disk, analytics
off, no progress bars), one in-memory pandas asset per frame, and suites built from their JSON.
Polars frames become pandas only at this boundary. Results come back as GX's own JSON dicts,
so the rest of the gate never touches GX objects.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import polars as pl

from checker.errors import CheckerError
from checker.gate.suites import SuiteSpec

# Before the import: GX reads this when it loads, and nothing may leave the machine.
os.environ["GX_ANALYTICS_ENABLED"] = "False"


@dataclass(frozen=True)
class SuiteRun:
    """One suite validated against its frame: GX's result JSON and the suite it came from."""

    spec: SuiteSpec
    result: dict


def validate_suites(
    specs: list[SuiteSpec], frames: dict[str, pl.DataFrame]
) -> tuple[list[SuiteRun], float, float]:
    """Validate each suite against its frame; returns the runs, the seconds spent importing
    GX (most of a small gate's time, and nothing when it is already imported) and the
    seconds spent validating."""
    started = time.perf_counter()
    gx = _import_gx()
    imported = time.perf_counter()
    context = _context(gx)
    suites = bind_suites(context, [build_suite(gx, spec) for spec in specs])
    source = context.data_sources.add_pandas(name="checker")
    batches = {}
    runs = []
    for spec, suite in zip(specs, suites, strict=True):
        if spec.table not in batches:
            asset = source.add_dataframe_asset(name=spec.table)
            definition = asset.add_batch_definition_whole_dataframe(name="whole")
            pandas_frame = frames[spec.table].to_pandas()
            batches[spec.table] = definition.get_batch(batch_parameters={"dataframe": pandas_frame})
        result = batches[spec.table].validate(suite, result_format="SUMMARY")
        runs.append(SuiteRun(spec=spec, result=result.to_json_dict()))
    return runs, imported - started, time.perf_counter() - imported


def build_suite(gx, spec: SuiteSpec):
    """A GX ExpectationSuite from the suite's JSON; an invalid expectation names file and index.

    Why one expectation at a time: GX's ExpectationSuite(expectations=...) logs and skips an
    invalid expectation instead of raising, which would silently weaken the gate.
    """
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    expectations = []
    for index, item in enumerate(spec.document["expectations"]):
        fields = {
            key: item[key]
            for key in ("type", "kwargs", "meta", "severity", "notes")
            if item.get(key) is not None
        }
        try:
            expectation = ExpectationConfiguration(**fields).to_domain_obj()
        except Exception as exc:  # GX raises several unrelated types for bad configurations
            message = " ".join(str(exc).split())
            raise CheckerError(
                spec.source, f"expectations[{index}] ({item['type']}) is invalid: {message}"
            ) from exc
        expectations.append(expectation)
    meta = dict(spec.document.get("meta") or {})
    return gx.ExpectationSuite(name=spec.document["name"], expectations=expectations, meta=meta)


def bind_suites(context, suites: list) -> list:
    """Add each suite to our context so it never resolves through another "current" one.

    Suite names must be unique within a context; a repeated name gets a " (2)" suffix.
    """
    seen: dict[str, int] = {}
    for suite in suites:
        seen[suite.name] = seen.get(suite.name, 0) + 1
        if seen[suite.name] > 1:
            suite.name = f"{suite.name} ({seen[suite.name]})"
        context.suites.add(suite)
    return suites


def _import_gx():
    import great_expectations as gx

    return gx


def _context(gx):
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context
