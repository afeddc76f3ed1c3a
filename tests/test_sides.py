"""Evidence sides are one closed set (checker/sides.py): the JSON schema lists exactly its
members, the pages rank every one of them, and no check writes a side as a free string."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from checker.report.formats_machine import SCHEMA_FILE
from checker.sides import OFFENDING_SIDES, SIDE_ORDER, UNTAGGED_SIDES, Side

CHECKS = Path(__file__).resolve().parents[1] / "checker" / "checks"


def test_the_findings_schema_lists_exactly_the_sides() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    listed = schema["$defs"]["evidence"]["properties"]["side"]["enum"]
    assert set(listed) - {None} == {side.value for side in Side}


def test_every_side_has_a_display_place_and_the_named_sets_are_sides() -> None:
    assert sorted(SIDE_ORDER) == sorted(Side)
    assert OFFENDING_SIDES.issubset(Side) and UNTAGGED_SIDES.issubset(Side)
    # A member is its plain string in sets and dicts too, where the tables' strings meet it.
    assert "minority" in OFFENDING_SIDES and "majority" not in OFFENDING_SIDES
    assert {side: i for i, side in enumerate(SIDE_ORDER)}["candidate"] == len(SIDE_ORDER) - 1
    assert json.dumps({"side": Side.DISPUTED}) == '{"side": "disputed"}'


def side_arguments(path: Path) -> list[ast.expr]:
    """What a check module passes as an evidence side: the second argument of every
    evidence_entry call and every `side=` keyword."""
    found: list[ast.expr] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            if getattr(node.func, "id", None) == "evidence_entry":
                found += node.args[1:2]
            found += [k.value for k in node.keywords if k.arg == "side"]
    return found


def test_no_check_writes_a_side_as_a_string() -> None:
    given = {path.name: side_arguments(path) for path in sorted(CHECKS.glob("*.py"))}
    assert sum(map(len, given.values())) >= 10  # the scan does see the checks' calls
    literals = {
        name: [arg.lineno for arg in args if isinstance(arg, ast.Constant)]
        for name, args in given.items()
    }
    assert {name: lines for name, lines in literals.items() if lines} == {}
