"""Layering, read from the modules' own imports: the CLI and the gate share one runner module
and never import each other's command module the other way round; checks read tables, never
the extract or match stages' code."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "checker"


def module_name(path: Path) -> str:
    """checker/checks/role.py -> checker.checks.role; a package's __init__.py is the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, place: Path | None = None) -> set[str]:
    """Every checker module a file imports, at the top or inside a function.

    `from checker import extract` counts as checker.extract, and relative imports are read
    from the file's own package (or that of `place`, where the file would stand), so no
    spelling of an import slips past."""
    place = place or path
    package = module_name(place).split(".")
    if place.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "checker" or name.startswith("checker.")}


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_gate_does_not_import_the_cli() -> None:
    """The CLI mounts the gate's command; nothing under checker/gate/ imports the CLI back, so
    the two form no cycle."""
    gate = sorted((PACKAGE / "gate").rglob("*.py"))
    assert gate
    for path in gate:
        assert not any(_inside(m, "checker.cli") for m in imports_of(path)), path


def test_exit_codes_and_default_sources_live_in_the_runner_only() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "runner.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "EXIT_BAD_INPUT = " not in text and "def default_sources" not in text, path


def test_checks_read_tables_not_stage_code() -> None:
    """No module under checker/checks/ imports from checker/extract/ or checker/match/: what a
    check needs from the text is a table or column the extract stage makes (quotes, mentions,
    times.dated_event, times.zone_offset, times.zone_in_use), and helpers every stage shares
    live outside the stages (checker/names.py, checker/graph.py)."""
    checks = sorted((PACKAGE / "checks").rglob("*.py"))
    assert len(checks) > 10  # the folder is where this test thinks it is
    for path in checks:
        stage_imports = {
            module
            for module in imports_of(path)
            if _inside(module, "checker.extract") or _inside(module, "checker.match")
        }
        assert not stage_imports, (path.name, sorted(stage_imports))


def test_the_import_reader_sees_every_spelling(tmp_path: Path) -> None:
    """The reader the layering tests rely on catches absolute, `from checker import`, and
    relative imports, inside functions too."""
    probe = PACKAGE / "checks" / "probe.py"  # never written: only its place in the tree counts
    source = tmp_path / "probe.py"
    source.write_text(
        "from checker import extract\n"
        "from ..match.aliases import speaker_keys\n"
        "def f():\n"
        "    import checker.extract.quotes\n"
        "    from .findings import make_finding\n",
        encoding="utf-8",
    )
    found = imports_of(source, probe)
    assert {
        "checker.extract",
        "checker.match.aliases",
        "checker.extract.quotes",
        "checker.checks.findings",
    } <= found
