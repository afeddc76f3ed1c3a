"""The project config: the closest `checker.toml`, or `[tool.checker]` in a pyproject.toml, from
the working folder upward. It turns rules off, changes their severity and params, sets the default
`--fail-on` and adds rule folders:

    fail_on = "major"
    rules_dirs = ["house-rules"]          # relative to the config file
    [rules.stance-conflict]
    enabled = false
    [rules.quantity-mismatch]
    severity = "critical"
    params = { tolerance = { relative = 0.05 } }   # merged into the rule's params
    [limits]                                       # what one input may cost: checker/limits.py
    max_document_mb = 5
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainValidator, ValidationError

from checker import console
from checker.errors import CheckerError, Problem
from checker.limits import Limits
from checker.ruleset.model import RulePackError
from checker.ruleset.params import SeverityParam
from checker.ruleset.registry import CHECK_TYPES
from checker.ruleset.validation import Loc, describe_errors
from checker.severity import Severity, parse_threshold

if TYPE_CHECKING:
    from checker.ruleset.model import Rule

CONFIG_FILE = "checker.toml"
PYPROJECT_FILE = "pyproject.toml"


def _threshold_name(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a severity name or 'none'")
    limit = parse_threshold(value)
    return "none" if limit is None else limit.label


class RuleOverride(BaseModel):
    """What the config may change about one rule; unset keys keep the rule's own value."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    enabled: bool | None = None
    severity: SeverityParam | None = None
    params: dict[str, Any] = {}


class _ConfigFile(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    fail_on: Annotated[str, PlainValidator(_threshold_name)] | None = None
    rules_dirs: list[str] = []
    rules: dict[str, RuleOverride] = {}
    limits: Limits = Limits()


@dataclass(frozen=True)
class Config:
    """A validated project config; `Config()` is the empty one (no file found)."""

    source: Path | None = None
    fail_on: str | None = None  # "none" or a severity name; None when the file does not say
    rules_dirs: tuple[Path, ...] = ()  # resolved against the config file's folder
    rules: Mapping[str, RuleOverride] = field(default_factory=dict)
    key_prefix: Loc = ()  # where the settings sit in the file: ("tool", "checker") in pyproject
    limits: Limits = field(default_factory=Limits)

    def threshold(self, default: str) -> Severity | None:
        """The `--fail-on` to use when the command line gives none (None: never fail)."""
        return parse_threshold(self.fail_on or default)


def _toml_line(exc: tomllib.TOMLDecodeError) -> int | None:
    found = re.search(r"at line (\d+)", str(exc))
    return int(found.group(1)) if found else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise CheckerError(str(path), f"invalid TOML: {exc}", _toml_line(exc)) from exc
    except OSError as exc:
        raise CheckerError(str(path), f"cannot read: {exc}") from exc


def parse_config(settings: Mapping[str, Any], source: Path, key_prefix: Loc = ()) -> Config:
    """Validate config settings read from `source`; RulePackError lists every problem."""
    try:
        parsed = _ConfigFile.model_validate(dict(settings))
    except ValidationError as exc:
        problems = [
            Problem(str(source), message)
            for _loc, message in describe_errors(exc, _ConfigFile, prefix=key_prefix)
        ]
        raise RulePackError(problems) from exc
    return Config(
        source=source,
        fail_on=parsed.fail_on,
        rules_dirs=tuple(source.parent / d for d in parsed.rules_dirs),
        rules=dict(parsed.rules),
        key_prefix=key_prefix,
        limits=parsed.limits,
    )


def load_config(folder: Path | None = None) -> Config:
    """The project config found from `folder` (default: the working folder) upward, or an
    empty one.

    As ruff and pytest find theirs: the closest folder, going up, that holds a checker.toml
    or a pyproject.toml with a [tool.checker] table; in one folder checker.toml wins. A
    pyproject.toml without that table does not stop the search. `-v` prints the file used.
    """
    start = (folder or Path.cwd()).resolve()
    for candidate in (start, *start.parents):
        config = _config_in(candidate)
        if config is not None:
            console.detail(f"config: {config.source}", once=True)
            return config
    console.detail(f"config: none (no {CONFIG_FILE} or [tool.checker] from {start} up)", once=True)
    return Config()


def _config_in(folder: Path) -> Config | None:
    """The config a folder holds itself, or None."""
    own = folder / CONFIG_FILE
    if own.is_file():
        return parse_config(_read_toml(own), own)
    pyproject = folder / PYPROJECT_FILE
    if pyproject.is_file():
        section = _read_toml(pyproject).get("tool", {}).get("checker")
        if section is None:
            return None
        if not isinstance(section, dict):
            raise CheckerError(str(pyproject), "[tool.checker] must be a table")
        return parse_config(section, pyproject, ("tool", "checker"))
    return None


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Nested tables merge key by key; any other value (lists too) replaces the base."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def apply_config(
    rules: dict[str, Rule], config: Config, skip: set[str] = frozenset()
) -> list[Problem]:
    """Apply the config's per-rule overrides to `rules` in place; return the problems.

    Overrides for ids in `skip` (files that failed to load) are ignored: that failure is
    already reported.
    """
    problems: list[Problem] = []
    source = str(config.source) if config.source else CONFIG_FILE
    for rule_id, override in sorted(config.rules.items()):
        where = ".".join((*map(str, config.key_prefix), "rules", rule_id))
        if rule_id not in rules:
            if rule_id not in skip:
                known = ", ".join(sorted(rules)) or "none"
                problems.append(Problem(source, f"{where}: no such rule (known rules: {known})"))
            continue
        rule = rules[rule_id]
        changes: dict[str, Any] = {}
        if override.enabled is not None:
            changes["enabled"] = override.enabled
        if override.severity is not None:
            changes["severity"] = override.severity
        if override.params:
            model = CHECK_TYPES[rule.extends].params_model
            merged = _merge(rule.params.model_dump(), override.params)
            try:
                changes["params"] = model.model_validate(merged)
            except ValidationError as exc:
                prefix = (*config.key_prefix, "rules", rule_id, "params")
                for _loc, message in describe_errors(
                    exc, model, noun=f"{rule.extends} parameter", prefix=prefix
                ):
                    problems.append(Problem(source, message))
        rules[rule_id] = replace(rule, **changes)
    return problems
