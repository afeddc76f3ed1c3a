"""Loading rule files and rule packs, collecting every problem before failing.

A rule pack is a folder of `<id>.yaml` files (sub-folders such as `lexicons/` and other
extensions are not rules). The shipped pack loads first, then the config's `rules_dirs`, then
each `--rules DIR` in order; a later file with the same id replaces the earlier rule whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.errors import CheckerError, Problem
from checker.resources import rules_dir
from checker.ruleset.config import Config, apply_config
from checker.ruleset.messages import check_template
from checker.ruleset.model import Rule, RulePackError, RuleSet
from checker.ruleset.params import SeverityParam
from checker.ruleset.registry import CHECK_TYPES
from checker.ruleset.validation import describe_errors
from checker.ruleset.yaml_lines import LocatedYaml, read_located_yaml

RULE_SUFFIX = ".yaml"
# Ids are also TOML keys ([rules.<id>]) and CLI arguments: keep them to a safe alphabet.
RULE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


class RuleHeader(BaseModel):
    """The keys every rule file may have, whatever it extends."""

    model_config = ConfigDict(strict=True, extra="forbid")

    id: str | None = None
    extends: str
    severity: SeverityParam
    message: str = Field(min_length=1)
    description: str = ""
    explanation: str = ""
    enabled: bool = True
    params: dict[str, Any] | None = None


def rule_files(folder: Path) -> list[Path]:
    """The rule files directly in `folder`, in name order (hidden files skipped)."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix == RULE_SUFFIX and path.is_file() and not path.name.startswith(".")
    )


class _FileProblems:
    """Problems for one rule file, each placed on the line of the key it is about."""

    def __init__(self, path: Path, located: LocatedYaml) -> None:
        self.source = str(path)
        self.located = located
        self.items: list[Problem] = []

    def add(self, loc: tuple[str | int, ...], message: str) -> None:
        self.items.append(Problem(self.source, message, self.located.line_of(loc)))

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.line or 0, p.message))


def _validate_header(data: dict[str, Any], problems: _FileProblems) -> RuleHeader | None:
    try:
        return RuleHeader.model_validate(data)
    except ValidationError as exc:
        for loc, message in describe_errors(exc, RuleHeader):
            problems.add(loc, message)
        return None


def _validate_params(extends: str, params: Any, problems: _FileProblems) -> BaseModel | None:
    model = CHECK_TYPES[extends].params_model
    try:
        return model.model_validate(params or {})
    except ValidationError as exc:
        for loc, message in describe_errors(
            exc, model, noun=f"{extends} parameter", prefix=("params",)
        ):
            problems.add(loc, message)
        return None


def load_rule_file(path: Path) -> Rule:
    """Load and validate one rule file; RulePackError lists every problem in it."""
    try:
        located = read_located_yaml(path)
    except CheckerError as exc:
        raise RulePackError([Problem(exc.source, exc.message, exc.line)]) from exc
    problems = _FileProblems(path, located)
    data = located.data
    rule_id = path.stem
    if not RULE_ID.fullmatch(rule_id):
        problems.add(
            (), f"file name {path.name!r} is not a valid rule id: use letters, digits, - and _"
        )
    if data is None:
        problems.items.append(
            Problem(str(path), "empty rule file: it needs extends, severity and message", 1)
        )
        raise RulePackError(problems.sorted())
    if not isinstance(data, dict):
        problems.add((), f"a rule file holds a mapping of keys, not a {type(data).__name__}")
        raise RulePackError(problems.sorted())

    header = _validate_header(data, problems)
    if isinstance(data.get("id"), str) and data["id"] != rule_id:
        problems.add(("id",), f"id {data['id']!r} does not match the file name {rule_id!r}")

    extends = data.get("extends")
    params = None
    if isinstance(extends, str) and extends not in CHECK_TYPES:
        problems.add(
            ("extends",),
            f"unknown check type {extends!r} (expected one of: {', '.join(sorted(CHECK_TYPES))})",
        )
    elif isinstance(extends, str):
        if isinstance(data.get("params"), dict | None):
            params = _validate_params(extends, data.get("params"), problems)
        message = data.get("message")
        if isinstance(message, str):
            try:
                check_template(message, CHECK_TYPES[extends].placeholders)
            except ValueError as exc:
                problems.add(("message",), f"message: {exc}")

    if problems.items or header is None or params is None:
        raise RulePackError(problems.sorted())
    return Rule(
        id=rule_id,
        extends=header.extends,
        severity=header.severity,
        message=header.message,
        params=params,
        source=path,
        description=header.description,
        explanation=header.explanation,
        enabled=header.enabled,
    )


def read_rule_paths(paths: Iterable[Path]) -> tuple[dict[str, Rule], list[Problem], set[str]]:
    """Load rule folders (or single rule files) in order; later ids replace earlier ones.

    Returns the rules by id, every problem found, and the ids of files that failed (so a
    config override for such a rule is not reported a second time as unknown).
    """
    rules: dict[str, Rule] = {}
    problems: list[Problem] = []
    failed: set[str] = set()
    for path in paths:
        if path.is_dir():
            files = rule_files(path)
        elif path.is_file():
            files = [path]
        else:
            problems.append(Problem(str(path), "rules folder not found"))
            continue
        for file in files:
            try:
                rule = load_rule_file(file)
            except RulePackError as exc:
                problems.extend(exc.problems)
                failed.add(file.stem)
                continue
            rules[rule.id] = rule
            failed.discard(rule.id)
    return rules, problems, failed


def load_rules(rule_dirs: Sequence[Path | str] = (), config: Config | None = None) -> RuleSet:
    """The shipped rule pack, then `config.rules_dirs`, then `rule_dirs`, with config applied.

    `config=None` applies no project config (load one with checker.ruleset.load_config).
    Raises RulePackError listing every problem in every file and in the config.
    """
    config = config or Config()
    folders = [rules_dir(), *config.rules_dirs, *(Path(d) for d in rule_dirs)]
    rules, problems, failed = read_rule_paths(folders)
    problems.extend(apply_config(rules, config, skip=failed))
    if problems:
        raise RulePackError(problems)
    ordered = tuple(
        replace(rules[rule_id], lexicon_dirs=tuple(folders)) for rule_id in sorted(rules)
    )
    return RuleSet(ordered, tuple(folders))
