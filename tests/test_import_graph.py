"""Layering, read from the modules' own imports: the CLI and the gate share one runner module
and never import each other's command module the other way round."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "checker"


def imports_of(path: Path) -> set[str]:
    """Every checker module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("checker")}


def test_the_gate_does_not_import_the_cli() -> None:
    for path in sorted((PACKAGE / "gate").glob("*.py")):
        assert "checker.cli" not in imports_of(path), path


def test_exit_codes_and_default_sources_live_in_the_runner_only() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "runner.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "EXIT_BAD_INPUT = " not in text and "def default_sources" not in text, path
