"""Loading rule files and packs: the shipped pack, overrides, and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.resources import rules_dir
from checker.ruleset import CHECK_TYPES, RulePackError, load_rule_file, load_rules
from checker.ruleset.params import CoverageParams, QuantityParams
from checker.severity import Severity

GOOD_RULE = """\
extends: quantity
severity: critical
message: "{kind}: {majority} against {minority}"
params:
  tolerance: {relative: 0.05}
  kinds: [deaths]
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_pack_covers_every_check_type_with_agreed_severities() -> None:
    rules = load_rules()
    assert {rule.extends for rule in rules} == set(CHECK_TYPES)
    severities = {rule.id: rule.severity.label for rule in rules}
    assert severities == {
        "quantity-mismatch": "major",
        "duration-mismatch": "minor",
        "stance-conflict": "info",  # two parties disputing: shown, not an error
        "attribution-conflict": "major",
        "quote-strength": "major",
        "speaker-stance": "major",
        "role-conflict": "major",
        "name-spelling": "minor",
        "timezone-error": "minor",
        "date-mismatch": "major",
        "coverage-gap": "info",
        "coverage-single-source": "info",
    }
    assert [rule.id for rule in rules] == sorted(severities)
    for rule in rules:
        assert rule.enabled and rule.explanation and rule.description
        assert isinstance(rule.params, CHECK_TYPES[rule.extends].params_model)
        assert rule.source == rules_dir() / f"{rule.id}.yaml"
    assert rules.rule_dirs == (rules_dir(),)


def test_shipped_params_are_typed_and_defaults_filled() -> None:
    rules = load_rules()
    quantity = rules.get("quantity-mismatch").params
    assert isinstance(quantity, QuantityParams)
    assert quantity.kinds == "all"
    assert quantity.update_severity is Severity.INFO
    assert quantity.tolerance.absolute == 0.0
    gap, single = rules.get("coverage-gap").params, rules.get("coverage-single-source").params
    assert isinstance(gap, CoverageParams) and isinstance(single, CoverageParams)
    assert (gap.mode, gap.majority_share, gap.min_outlets) == ("omission", 0.6, 3)
    assert single.mode == "single_source"


def test_a_rules_dir_overrides_a_shipped_rule_by_id_and_adds_new_ones(tmp_path: Path) -> None:
    write(tmp_path / "mine", "quantity-mismatch.yaml", GOOD_RULE)
    write(tmp_path / "mine", "hostage-count.yaml", GOOD_RULE.replace("critical", "minor"))
    rules = load_rules([tmp_path / "mine"])
    replaced = rules.get("quantity-mismatch")
    assert replaced.severity is Severity.CRITICAL
    assert replaced.params.kinds == ["deaths"]
    assert replaced.params.tolerance.relative == 0.05
    assert replaced.source == tmp_path / "mine" / "quantity-mismatch.yaml"
    assert rules.get("hostage-count").severity is Severity.MINOR
    assert len(rules) == len(load_rules()) + 1
    assert rules.rule_dirs == (rules_dir(), tmp_path / "mine")


def test_later_rules_dirs_win_over_earlier_ones(tmp_path: Path) -> None:
    write(tmp_path / "a", "x.yaml", GOOD_RULE)
    write(tmp_path / "b", "x.yaml", GOOD_RULE.replace("critical", "info"))
    assert load_rules([tmp_path / "a", tmp_path / "b"]).get("x").severity is Severity.INFO
    assert load_rules([tmp_path / "b", tmp_path / "a"]).get("x").severity is Severity.CRITICAL


def test_lexicons_and_other_files_are_not_rules(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    write(pack / "lexicons", "roles.yaml", "president: [head of state]\n")
    write(pack, "notes.md", "not a rule\n")
    write(pack, "draft.yml", "nor this\n")
    write(pack, ".hidden.yaml", "nor: this\n")
    write(pack, "ok.yaml", GOOD_RULE)
    rules = load_rules([pack])
    assert "ok" in rules
    assert not {"roles", "notes", "draft", ".hidden"} & {rule.id for rule in rules}


def test_disabled_rule_is_listed_but_not_enabled(tmp_path: Path) -> None:
    write(tmp_path, "quiet.yaml", GOOD_RULE + "enabled: false\n")
    rules = load_rules([tmp_path])
    assert not rules.get("quiet").enabled
    assert "quiet" not in {rule.id for rule in rules.enabled()}
    assert "quiet" not in {rule.id for rule in rules.for_check("quantity")}
    assert "quantity-mismatch" in {rule.id for rule in rules.for_check("quantity")}


# (file name, content, line of the offending key, a fragment of the message)
MALFORMED = [
    (
        "unknown-extends.yaml",
        'severity: major\nextends: quantiti\nmessage: "x"\n',
        2,
        "unknown check type 'quantiti'",
    ),
    (
        "no-message.yaml",
        "extends: quantity\nseverity: major\n",
        1,
        "missing required key 'message'",
    ),
    (
        "bad-severity.yaml",
        'extends: quantity\nmessage: "x"\nseverity: severe\n',
        3,
        "unknown severity 'severe'",
    ),
    (
        "param-type.yaml",
        'extends: duration\nseverity: minor\nmessage: "x"\nparams:\n  tolerance:\n'
        '    absolute: "15 minutes"\n',
        6,
        "params.tolerance.absolute: Input should be a valid number",
    ),
    (
        "param-bool-for-int.yaml",
        'extends: coverage\nseverity: minor\nmessage: "x"\nparams:\n  min_outlets: yes\n',
        5,
        "params.min_outlets",
    ),
    (
        "param-range.yaml",
        'extends: coverage\nseverity: minor\nmessage: "x"\nparams:\n  majority_share: 1.5\n',
        5,
        "less than or equal to 1",
    ),
    (
        "param-unknown.yaml",
        'extends: spelling\nseverity: minor\nmessage: "x"\nparams:\n  max_distance: 2\n',
        5,
        "unknown spelling parameter 'params.max_distance'",
    ),
    (
        "kinds-not-list.yaml",
        'extends: quantity\nseverity: minor\nmessage: "x"\nparams:\n  kinds: deaths\n',
        5,
        "expected 'all' or a list of names",
    ),
    (
        "unknown-key.yaml",
        'extends: quantity\nseverity: major\nmessage: "x"\nlevel: error\n',
        4,
        "unknown key 'level'",
    ),
    (
        "id-mismatch.yaml",
        'extends: quantity\nid: something-else\nseverity: major\nmessage: "x"\n',
        2,
        "does not match the file name 'id-mismatch'",
    ),
    (
        "syntax.yaml",
        "extends: quantity\nseverity: [major\nmessage: x\n",
        3,
        "invalid YAML",
    ),
    ("empty.yaml", "", 1, "empty rule file"),
    ("comments-only.yaml", "# nothing here\n", 1, "empty rule file"),
    ("a-list.yaml", "- extends: quantity\n", 1, "a rule file holds a mapping"),
    (
        "duplicate.yaml",
        'extends: quantity\nseverity: major\nmessage: "x"\nseverity: minor\n',
        4,
        "duplicate key 'severity'",
    ),
    (
        "unknown-placeholder.yaml",
        'extends: quantity\nseverity: major\nmessage: "{kind} by {culprit}"\n',
        3,
        "unknown placeholder(s) {culprit}",
    ),
    (
        "unsafe-placeholder.yaml",
        'extends: quantity\nseverity: major\nmessage: "{kind.__class__}"\n',
        3,
        "is not allowed",
    ),
    (
        "message-not-text.yaml",
        "extends: quantity\nseverity: major\nmessage: [a, b]\n",
        3,
        "message: Input should be a valid string",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "line", "fragment"), MALFORMED, ids=[case[0] for case in MALFORMED]
)
def test_malformed_rule_names_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, fragment: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(RulePackError) as raised:
        load_rule_file(path)
    problems = raised.value.problems
    matching = [p for p in problems if fragment in p.message]
    assert matching, [p.message for p in problems]
    assert matching[0].source == str(path)
    assert matching[0].line == line
    assert f"{path}:{line}: " in raised.value.render()


def test_every_problem_in_every_file_is_reported_together(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", 'extends: nope\nseverity: major\nmessage: "x"\n')
    write(
        tmp_path,
        "b.yaml",
        "extends: quantity\nseverity: huge\nparams:\n  max_values: many\n  colour: red\n",
    )
    write(tmp_path, "fine.yaml", GOOD_RULE)
    with pytest.raises(RulePackError) as raised:
        load_rules([tmp_path])
    found = [(Path(p.source).name, p.line) for p in raised.value.problems]
    assert found == [("a.yaml", 1), ("b.yaml", 1), ("b.yaml", 2), ("b.yaml", 4), ("b.yaml", 5)]
    b_messages = " | ".join(p.message for p in raised.value.problems[1:])
    assert "missing required key 'message'" in b_messages
    assert "unknown severity 'huge'" in b_messages
    assert "params.max_values: Input should be a valid integer" in b_messages
    assert "unknown quantity parameter 'params.colour'" in b_messages


def test_missing_rules_dir_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match="rules folder not found"):
        load_rules([tmp_path / "absent"])


def test_invalid_file_name_for_an_id_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "has space.yaml", GOOD_RULE)
    with pytest.raises(RulePackError, match="not a valid rule id"):
        load_rule_file(path)
