"""The resolved rule pack of a run: built once, handed to extract, match and check.

A run's words and settings all come from the same folders: the shipped `rules/`, then the
config's `rules_dirs`, then each `--rules DIR` (each may hold `lexicons/` overrides). RulePack
resolves those folders once, with the rules, and gives every stage what it reads from them:

- `rules`: every rule, validated, config applied (each carries `lexicon_dirs`, the same
  folders, for the check code that reads lexicons);
- `lexicon_dirs`: the folders, shipped pack first;
- `extract_config`: the extract stage's lexicons, compiled (checker.extract.config);
- `match_settings`: matching.yaml validated, with the match stage's word lists.

The last two are built on first use, so a broken lexicon is reported when the stage that
reads it starts, as before, and a command that only lists rules never loads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.extract.config import ExtractConfig
    from checker.match import MatchSettings
    from checker.ruleset.config import Config
    from checker.ruleset.model import RuleSet


@dataclass(frozen=True)
class RulePack:
    rules: RuleSet

    @classmethod
    def load(cls, rule_dirs: Sequence[Path | str] = (), config: Config | None = None) -> RulePack:
        """The shipped pack, the config's folders, then `rule_dirs`; `config=None` reads the
        project's checker.toml / [tool.checker]. Raises RulePackError listing every problem."""
        from checker.ruleset.config import load_config
        from checker.ruleset.loader import load_rules

        config = config if config is not None else load_config()
        return cls(load_rules(list(rule_dirs), config=config))

    @property
    def lexicon_dirs(self) -> tuple[Path, ...]:
        return self.rules.rule_dirs

    @cached_property
    def extract_config(self) -> ExtractConfig:
        from checker.extract.config import load_extract_config

        return load_extract_config(self.lexicon_dirs)

    @cached_property
    def match_settings(self) -> MatchSettings:
        from checker.match import MatchSettings

        return MatchSettings.load(self.lexicon_dirs)
