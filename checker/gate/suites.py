"""Suite files: great-expectations' own JSON format, checked for shape before GX sees them.

A suite applies to one frame (see frames.FRAME_NAMES), named by `meta.checker_table` or, failing
that, by the suite's `name`. Any defect is a CheckerError naming the file, so the CLI exits 2.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError
from checker.gate.frames import FRAME_NAMES
from checker.severity import SEVERITY_NAMES

DEFAULT_SUITES_DIR = Path(__file__).resolve().parent / "suites"
TABLE_KEY = "checker_table"  # suite meta: which frame the suite validates
SEVERITY_KEY = "checker_severity"  # expectation meta: our severity, overriding GX's three levels


@dataclass(frozen=True)
class SuiteSpec:
    """A suite file read and checked: its source path, target frame and raw GX JSON."""

    source: str
    table: str
    document: dict


def default_suite_paths() -> list[Path]:
    return sorted(DEFAULT_SUITES_DIR.glob("*.json"))


def load_suites(paths: list[Path] | None) -> list[SuiteSpec]:
    """The shipped suites (in table order), then the user's (in the order given)."""
    shipped = sorted(
        (read_suite(path) for path in default_suite_paths()),
        key=lambda spec: FRAME_NAMES.index(spec.table),
    )
    return [*shipped, *(read_suite(path) for path in paths or [])]


def read_suite(path: Path) -> SuiteSpec:
    source = str(path)
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CheckerError(source, "suite file not found") from None
    except json.JSONDecodeError as exc:
        raise CheckerError(source, f"suite is not valid JSON: {exc.msg}", exc.lineno) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CheckerError(source, f"cannot read suite: {exc}") from exc
    _check_shape(document, source)
    return SuiteSpec(source=source, table=_target_table(document, source), document=document)


def _check_shape(document: object, source: str) -> None:
    if not isinstance(document, dict):
        raise CheckerError(source, "a suite must be a JSON object (ExpectationSuite.to_json_dict)")
    if not isinstance(document.get("name"), str) or not document["name"]:
        raise CheckerError(source, 'suite has no "name" string')
    if not isinstance(document.get("meta", {}), dict):
        raise CheckerError(source, '"meta" must be an object')
    expectations = document.get("expectations")
    if not isinstance(expectations, list):
        raise CheckerError(source, 'suite has no "expectations" list')
    for index, item in enumerate(expectations):
        where = f"expectations[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            raise CheckerError(source, f'{where} needs a "type" string')
        if not isinstance(item.get("kwargs", {}), dict):
            raise CheckerError(source, f'{where}: "kwargs" must be an object')
        meta = item.get("meta") or {}
        if not isinstance(meta, dict):
            raise CheckerError(source, f'{where}: "meta" must be an object')
        severity = meta.get(SEVERITY_KEY)
        if severity is not None and str(severity).lower() not in SEVERITY_NAMES:
            raise CheckerError(
                source,
                f"{where}: meta.{SEVERITY_KEY} {severity!r} is not one of "
                f"{', '.join(SEVERITY_NAMES)}",
            )


def _target_table(document: dict, source: str) -> str:
    table = (document.get("meta") or {}).get(TABLE_KEY) or document["name"]
    if table not in FRAME_NAMES:
        raise CheckerError(
            source,
            f"suite applies to unknown table {table!r}: set meta.{TABLE_KEY} to one of "
            f"{', '.join(FRAME_NAMES)}",
        )
    return table
