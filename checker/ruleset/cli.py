"""`checker rules list | show ID | validate [DIR...]`, mounted by checker.cli as `rules`.

Errors print as "file:line: message", one a line, on stderr; bad rules exit 2
(docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, NoReturn

import typer
import yaml

from checker.errors import CheckerError, Problem
from checker.resources import rules_dir
from checker.ruleset.config import apply_config, load_config
from checker.ruleset.loader import load_rules, read_rule_paths
from checker.ruleset.model import Rule, RulePackError, RuleSet, where
from checker.runner import EXIT_BAD_INPUT

rules_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    help="List, show and validate rules (rules/<id>.yaml and --rules folders).",
)

RulesOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules", metavar="DIR", help="Extra rule folder; later folders override earlier ones."
    ),
]


def _fail(problems: Sequence[Problem]) -> NoReturn:
    for problem in problems:
        typer.echo(f"{where(problem)}: {problem.message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def _load(extra: list[Path] | None) -> RuleSet:
    """Shipped rules + the project config's folders + --rules, with the config applied."""
    try:
        return load_rules(extra or (), config=load_config())
    except RulePackError as exc:
        _fail(exc.problems)
    except CheckerError as exc:
        _fail([Problem(exc.source, exc.message, exc.line)])


def _display_path(path: Path) -> str:
    """Relative to the working folder when inside it, so the table stays narrow."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


@rules_app.command("list")
def list_rules(rules: RulesOpt = None) -> None:
    """Every rule: id, check type, severity, enabled, and the file it comes from."""
    rows = [("id", "extends", "severity", "enabled", "source")]
    for rule in _load(rules):
        rows.append(
            (
                rule.id,
                rule.extends,
                rule.severity.label,
                "yes" if rule.enabled else "no",
                _display_path(rule.source),
            )
        )
    typer.echo(_table(rows))


def _resolved(rule: Rule) -> dict[str, object]:
    return {
        "severity": rule.severity.label,
        "enabled": rule.enabled,
        "params": rule.params.model_dump(mode="json"),
    }


@rules_app.command("show")
def show_rule(
    rule_id: Annotated[str, typer.Argument(metavar="ID", hidden=True)], rules: RulesOpt = None
) -> None:
    """A rule's YAML as written, then what takes effect after defaults and project config.

    ID: a rule id (the rule file's name), as `checker rules list` shows it."""
    ruleset = _load(rules)
    if rule_id not in ruleset:
        known = ", ".join(rule.id for rule in ruleset)
        typer.echo(f"no rule {rule_id!r}; known rules: {known}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    rule = ruleset.get(rule_id)
    typer.echo(f"# {_display_path(rule.source)}")
    typer.echo(rule.source.read_text(encoding="utf-8").rstrip("\n"))
    typer.echo("\n# resolved (defaults filled, project config applied)")
    typer.echo(yaml.safe_dump(_resolved(rule), sort_keys=False, allow_unicode=True).rstrip("\n"))


@rules_app.command("validate")
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="DIR", hidden=True),
    ] = None,
) -> None:
    """Check rule files; print "N rules OK" or every problem as file:line: message (exit 2).

    DIR: rule folders or files; default the shipped rules, the config's rules_dirs and the
    project config itself."""
    problems: list[Problem] = []
    if paths:
        loaded, problems, _failed = read_rule_paths(paths)
    else:
        try:
            config = load_config()
        except RulePackError as exc:
            _fail(exc.problems)
        except CheckerError as exc:
            _fail([Problem(exc.source, exc.message, exc.line)])
        loaded, problems, failed = read_rule_paths([rules_dir(), *config.rules_dirs])
        problems.extend(apply_config(loaded, config, skip=failed))
    if problems:
        _fail(problems)
    typer.echo(f"{len(loaded)} rules OK")
