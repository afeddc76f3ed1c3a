"""The rule engine: declarative YAML rules, their check types, config and finding identity.

    from checker.ruleset import load_config, load_rules
    rules = load_rules(["my-rules"], config=load_config())
    for rule in rules.for_check("quantity"):
        rule.params.tolerance.relative   # typed, validated, config applied

Check types (registry.py) are declared next to their code in checker/checks and read from
one list there, plus any plugin's `checker.checks` entry points, the first time the registry
is used.
"""

from checker.ruleset.config import Config, RuleOverride, load_config
from checker.ruleset.fingerprint import finding_fingerprint
from checker.ruleset.loader import load_rule_file, load_rules
from checker.ruleset.messages import render_message
from checker.ruleset.model import Rule, RulePackError, RuleSet
from checker.ruleset.registry import CHECK_TYPES, Check, CheckType, register_check_type

__all__ = [
    "CHECK_TYPES",
    "Check",
    "CheckType",
    "Config",
    "Rule",
    "RuleOverride",
    "RulePackError",
    "RuleSet",
    "finding_fingerprint",
    "load_config",
    "load_rule_file",
    "load_rules",
    "register_check_type",
    "render_message",
]
