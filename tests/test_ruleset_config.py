"""Project config (checker.toml or [tool.checker]): turning rules off, severities, params,
thresholds, extra rule folders, and errors that name the config file."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import CheckerError
from checker.ruleset import Config, RulePackError, load_config, load_rules
from checker.severity import Severity

CONFIG = """\
fail_on = "minor"
rules_dirs = ["house"]

[rules.stance-conflict]
enabled = false

[rules.quantity-mismatch]
severity = "critical"
params = { tolerance = { relative = 0.1 }, exclude_kinds = ["vehicles"] }
"""

HOUSE_RULE = """\
extends: role
severity: minor
message: "{speaker}: {majority} against {minority}"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_file_gives_the_empty_config(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config == Config()
    assert config.threshold("major") is Severity.MAJOR
    assert config.threshold("none") is None


def test_checker_toml_disables_a_rule_changes_severity_params_and_threshold(
    tmp_path: Path,
) -> None:
    write(tmp_path / "checker.toml", CONFIG)
    write(tmp_path / "house" / "titles.yaml", HOUSE_RULE)
    config = load_config(tmp_path)
    assert config.source == tmp_path / "checker.toml"
    assert config.threshold("none") is Severity.MINOR  # the file's fail_on beats the default
    assert config.rules_dirs == (tmp_path / "house",)

    shipped = load_rules()
    rules = load_rules(config=config)
    assert shipped.get("stance-conflict").enabled
    assert not rules.get("stance-conflict").enabled
    quantity = rules.get("quantity-mismatch")
    assert quantity.severity is Severity.CRITICAL
    assert quantity.params.tolerance.relative == 0.1
    # merged, not replaced: the shipped file's other params survive
    assert quantity.params.tolerance.absolute == 0.0
    assert quantity.params.exclude_kinds == ["vehicles"]
    assert (
        quantity.params.cumulative_kinds == shipped.get("quantity-mismatch").params.cumulative_kinds
    )
    assert rules.get("titles").extends == "role"
    assert rules.rule_dirs == (*shipped.rule_dirs, tmp_path / "house")


def test_fail_on_none_is_kept_distinct_from_unset(tmp_path: Path) -> None:
    write(tmp_path / "checker.toml", 'fail_on = "none"\n')
    assert load_config(tmp_path).threshold("major") is None


def test_tool_checker_section_of_pyproject_is_read(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.checker]\nfail_on = "critical"\n\n'
        "[tool.checker.rules.coverage-single-source]\nenabled = false\n",
    )
    config = load_config(tmp_path)
    assert config.threshold("none") is Severity.CRITICAL
    assert not load_rules(config=config).get("coverage-single-source").enabled


def test_pyproject_without_a_checker_section_is_no_config(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(tmp_path) == Config()


def test_checker_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.checker]\nfail_on = "critical"\n')
    write(tmp_path / "checker.toml", 'fail_on = "info"\n')
    assert load_config(tmp_path).threshold("none") is Severity.INFO


def test_the_closest_config_upward_is_used(tmp_path: Path) -> None:
    """As ruff and pytest: the working folder, then its parents; a pyproject.toml without a
    [tool.checker] table does not stop the search, and the closest config wins."""
    write(tmp_path / "checker.toml", 'fail_on = "info"\n')
    deep = tmp_path / "site" / "articles" / "story"
    deep.mkdir(parents=True)
    write(tmp_path / "site" / "pyproject.toml", '[project]\nname = "site"\n')
    found = load_config(deep)
    assert found.source == tmp_path / "checker.toml"
    assert found.threshold("none") is Severity.INFO
    write(tmp_path / "site" / "articles" / "checker.toml", 'fail_on = "critical"\n')
    assert load_config(deep).threshold("none") is Severity.CRITICAL
    # rules_dirs stay relative to the file that names them, not to the working folder
    write(tmp_path / "site" / "articles" / "checker.toml", 'rules_dirs = ["house"]\n')
    assert load_config(deep).rules_dirs == (tmp_path / "site" / "articles" / "house",)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('fail_on = "often"\n', "fail_on: unknown threshold 'often'"),
        ("colour = 1\n", "unknown key 'colour'"),
        ('[rules.quantity-mismatch]\nseverity = "worst"\n', "rules.quantity-mismatch.severity"),
        (
            '[rules.quantity-mismatch]\nlevel = "major"\n',
            "unknown key 'rules.quantity-mismatch.level'",
        ),
        ("[rules.quantity-mismatch]\nenabled = 0\n", "rules.quantity-mismatch.enabled"),
        ('rules_dirs = "house"\n', "rules_dirs: Input should be a valid list"),
    ],
)
def test_bad_config_values_name_the_file_and_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path / "checker.toml", text)
    with pytest.raises(RulePackError) as raised:
        load_config(tmp_path)
    assert all(p.source == str(path) for p in raised.value.problems)
    assert fragment in raised.value.render()


def test_bad_param_override_is_validated_with_the_check_types_model(tmp_path: Path) -> None:
    path = write(
        tmp_path / "checker.toml",
        "[rules.quantity-mismatch.params]\ntolerance = { relative = -1 }\nkinds = 3\n",
    )
    with pytest.raises(RulePackError) as raised:
        load_rules(config=load_config(tmp_path))
    messages = [(p.source, p.message) for p in raised.value.problems]
    assert (
        str(path),
        "rules.quantity-mismatch.params.tolerance.relative: Input should be greater than or "
        "equal to 0",
    ) in messages
    assert (
        str(path),
        "rules.quantity-mismatch.params.kinds: expected 'all' or a list of names",
    ) in messages


def test_override_of_unknown_rule_names_the_rule_and_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml", "[tool.checker.rules.quantity-mismatsh]\nenabled = false\n"
    )
    with pytest.raises(RulePackError) as raised:
        load_rules(config=load_config(tmp_path))
    (problem,) = raised.value.problems
    assert problem.source == str(path)
    assert problem.message.startswith("tool.checker.rules.quantity-mismatsh: no such rule")


def test_toml_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "checker.toml", 'fail_on = "major"\n[rules\nenabled = false\n')
    with pytest.raises(CheckerError) as raised:
        load_config(tmp_path)
    assert raised.value.source == str(path)
    assert raised.value.line == 2
    assert "invalid TOML" in raised.value.message
