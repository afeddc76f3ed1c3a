"""What a loaded rule is, a set of them, and the error that reports a broken rule pack."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from checker.errors import CheckerError, Problem
from checker.ruleset.messages import render_message
from checker.severity import Severity


@dataclass(frozen=True)
class Rule:
    """One validated rule: the YAML file's header plus its typed params.

    `params` is an instance of the params model registered for `extends`, with defaults
    filled and any project-config overrides already applied.
    """

    id: str
    extends: str
    severity: Severity
    message: str
    params: BaseModel
    source: Path
    description: str = ""
    explanation: str = ""
    enabled: bool = True
    # Every folder of the pack, shipped first: where the check finds its lexicons, the same
    # folders extraction reads, so a title added in `--rules U/lexicons` reaches both.
    lexicon_dirs: tuple[Path, ...] = ()

    def render(self, values: Mapping[str, object]) -> str:
        """This rule's message with a finding's values filled in."""
        return render_message(self.message, values)


@dataclass(frozen=True)
class RuleSet:
    """Every rule of a run, sorted by id; disabled rules stay listed but do not run.

    `rule_dirs` are the folders the rules came from, shipped pack first: the same folders
    hold `lexicons/` overrides, so pass them on to checker.lexicons.load_lexicon.
    """

    rules: tuple[Rule, ...]
    rule_dirs: tuple[Path, ...] = ()
    _by_id: dict[str, Rule] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {rule.id: rule for rule in self.rules})

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    def get(self, rule_id: str) -> Rule:
        if rule_id not in self._by_id:
            known = ", ".join(sorted(self._by_id)) or "none"
            raise KeyError(f"no rule {rule_id!r}; known rules: {known}")
        return self._by_id[rule_id]

    def enabled(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.enabled)

    def for_check(self, check: str) -> tuple[Rule, ...]:
        """Enabled rules that extend check type `check`."""
        return tuple(rule for rule in self.rules if rule.enabled and rule.extends == check)


def where(problem: Problem) -> str:
    """'file:line' (or just 'file'), the way editors and CI annotations expect."""
    return f"{problem.source}:{problem.line}" if problem.line else problem.source


class RulePackError(CheckerError):
    """Every problem found while loading rules or config, raised together after loading all."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("RulePackError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = self.problems[0]
        super().__init__(first.source, first.message, first.line)

    def render(self) -> str:
        return "\n".join(f"{where(p)}: {p.message}" for p in self.problems)
