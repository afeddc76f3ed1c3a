"""`checker rules list | show | validate` through typer's CliRunner on the sub-app."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.resources import rules_dir
from checker.ruleset.cli import rules_app

runner = CliRunner()

GOOD = 'extends: date\nseverity: major\nmessage: "{kind}: {majority} against {minority}"\n'


@pytest.fixture(autouse=True)
def isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so no project config from the checkout leaks in."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_the_shipped_pack_exits_0_and_counts_rules() -> None:
    shipped = sorted(rules_dir().glob("*.yaml"))
    result = runner.invoke(rules_app, ["validate", str(rules_dir())])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{len(shipped)} rules OK"


def test_validate_without_dirs_checks_shipped_rules_and_project_config(tmp_path: Path) -> None:
    result = runner.invoke(rules_app, ["validate"])
    assert result.exit_code == 0, result.output
    (tmp_path / "checker.toml").write_text("[rules.no-such-rule]\nenabled = false\n")
    result = runner.invoke(rules_app, ["validate"])
    assert result.exit_code == 2
    assert "checker.toml: rules.no-such-rule: no such rule" in result.stderr


def test_validate_bad_pack_prints_every_problem_as_file_line_message_and_exits_2(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "good.yaml").write_text(GOOD)
    (pack / "bad-extends.yaml").write_text('extends: dates\nseverity: major\nmessage: "x"\n')
    (pack / "bad-param.yaml").write_text(GOOD + "params:\n  tolerance_days: soon\n")
    result = runner.invoke(rules_app, ["validate", str(pack)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{pack / 'bad-extends.yaml'}:1: unknown check type 'dates' (expected one of: "
        "attribution, coverage, date, duration, quantity, role, spelling, stance, timezone)",
        f"{pack / 'bad-param.yaml'}:5: params.tolerance_days: Input should be a valid integer",
    ]
    assert "rules OK" not in result.stdout


def test_validate_accepts_single_files_and_reports_missing_folders(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(GOOD)
    result = runner.invoke(rules_app, ["validate", str(tmp_path / "one.yaml")])
    assert (result.exit_code, result.stdout.strip()) == (0, "1 rules OK")
    result = runner.invoke(rules_app, ["validate", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "missing: rules folder not found" in result.stderr


def test_list_shows_each_rule_with_config_applied_and_rules_dir_sources(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text(
        '[rules.stance-conflict]\nenabled = false\nseverity = "info"\n'
    )
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "date-mismatch.yaml").write_text(
        GOOD.replace("severity: major", "severity: critical")
    )
    result = runner.invoke(rules_app, ["list", "--rules", "mine"])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.strip().splitlines()]
    assert rows[0] == ["id", "extends", "severity", "enabled", "source"]
    by_id = {row[0]: row[1:] for row in rows[1:]}
    assert by_id["stance-conflict"][:3] == ["stance", "info", "no"]
    assert by_id["date-mismatch"] == ["date", "critical", "yes", "mine/date-mismatch.yaml"]
    assert by_id["quantity-mismatch"][:3] == ["quantity", "major", "yes"]
    assert list(by_id) == sorted(by_id)


def test_list_with_a_broken_rules_dir_exits_2(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "x.yaml").write_text("extends: date\n")
    result = runner.invoke(rules_app, ["list", "--rules", "mine"])
    assert result.exit_code == 2
    assert "x.yaml:1: missing required key 'message'" in result.stderr


def test_show_prints_the_yaml_and_the_resolved_params(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text(
        "[rules.duration-mismatch.params]\ntolerance = { absolute = 30 }\n"
    )
    result = runner.invoke(rules_app, ["show", "duration-mismatch"])
    assert result.exit_code == 0, result.output
    written, resolved = result.stdout.split("# resolved")
    assert written.startswith(f"# {rules_dir() / 'duration-mismatch.yaml'}")
    assert "extends: duration" in written
    assert "absolute: 30.0" in resolved and "relative: 0.1" in resolved
    assert "severity: minor" in resolved


def test_show_unknown_rule_exits_2_listing_known_ids() -> None:
    result = runner.invoke(rules_app, ["show", "no-such-rule"])
    assert result.exit_code == 2
    assert "no rule 'no-such-rule'" in result.stderr and "quantity-mismatch" in result.stderr
