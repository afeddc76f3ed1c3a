"""The CI examples in examples/: valid YAML, every `checker` command they run exists and takes
the options given, and the GitHub workflow's commands work end to end on a small corpus."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from checker.cli import app
from checker.report.formats_sarif import SARIF_FILE

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GITHUB = EXAMPLES / "github-actions.yml"
GITLAB = EXAMPLES / "gitlab-ci.yml"
_SHELL_OPERATORS = {"||", "&&", ";", "|", ">", ">>", "<", "&"}


def _github_scripts(document: dict) -> list[str]:
    return [
        step["run"] for job in document["jobs"].values() for step in job["steps"] if "run" in step
    ]


def _gitlab_scripts(document: dict) -> list[str]:
    return [
        line
        for job in document.values()
        if isinstance(job, dict) and "script" in job
        for line in job["script"]
    ]


def _commands(scripts: list[str]) -> list[list[str]]:
    """Every simple command in the scripts, as argv, cut at the first shell operator."""
    commands = []
    for script in scripts:
        for line in script.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            cut = next((i for i, w in enumerate(words) if w in _SHELL_OPERATORS), len(words))
            if words[:cut]:
                commands.append(words[:cut])
    return commands


def _checker_commands(path: Path) -> list[list[str]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    scripts = _github_scripts(document) if path == GITHUB else _gitlab_scripts(document)
    return [argv[1:] for argv in _commands(scripts) if argv[0] == "checker"]


def _parse(argv: list[str]) -> dict:
    """Parse `checker ARGV` as the CLI would, without running it; a usage error raises."""
    group = typer.main.get_command(app)
    command = group.get_command(group.context_class(group), argv[0])
    assert command is not None, f"no command {argv[0]!r}"
    with command.make_context(argv[0], list(argv[1:])) as context:
        return context.params


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_every_checker_command_exists_and_accepts_its_options(path: Path) -> None:
    commands = _checker_commands(path)
    assert [argv[0] for argv in commands] == ["gate", "report"]
    top_help = CliRunner().invoke(app, ["--help"]).output
    for argv in commands:
        assert re.search(rf"^\W*{argv[0]}\s", top_help, re.MULTILINE), argv[0]
        assert _parse(argv)


def test_the_option_check_rejects_what_the_cli_rejects() -> None:
    with pytest.raises(Exception, match="No such option"):
        _parse(["gate", "articles/", "--no-such-option"])
    with pytest.raises(AssertionError, match="no command"):
        _parse(["no-such-command"])


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_the_gate_fails_on_major_and_the_report_writes_markdown_and_sarif(path: Path) -> None:
    gate, report = _checker_commands(path)
    assert gate[gate.index("--fail-on") + 1] == "major"
    out = gate[gate.index("--out") + 1]
    assert report[1] == out
    formats = {report[i + 1] for i, word in enumerate(report) if word == "--format"}
    assert {"md", "sarif"} <= formats


def test_the_install_step_asks_for_an_extra_the_project_defines() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    for path in (GITHUB, GITLAB):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        scripts = _github_scripts(document) if path == GITHUB else _gitlab_scripts(document)
        installs = [
            argv for argv in _commands(scripts) if argv[:4] == ["python", "-m", "pip", "install"]
        ]
        assert installs, path.name
        for argv in installs:
            wanted = re.fullmatch(r"\.\[(\w+)\]", argv[-1])
            assert wanted and wanted.group(1) in extras


def test_github_workflow_uploads_sarif_summary_and_artifact() -> None:
    document = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    steps = [step for job in document["jobs"].values() for step in job["steps"]]
    uses = {step.get("uses", "").split("@")[0]: step for step in steps}
    out = _checker_commands(GITHUB)[0][-1]
    assert uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == f"{out}/{SARIF_FILE}"
    assert uses["actions/upload-artifact"]["with"]["path"].rstrip("/") == out
    assert uses["actions/upload-artifact"]["if"] == "always()"
    assert any(
        f"{out}/findings.md" in step.get("run", "")
        and "$GITHUB_STEP_SUMMARY" in step.get("run", "")
        for step in steps
    )
    assert "security-events" in document["permissions"]


def test_gitlab_job_keeps_the_report_and_the_sarif_always() -> None:
    document = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    [job] = [job for job in document.values() if isinstance(job, dict) and "script" in job]
    out = _checker_commands(GITLAB)[0][-1]
    assert job["artifacts"]["when"] == "always"
    assert f"{out}/" in job["artifacts"]["paths"]
    assert job["artifacts"]["reports"]["junit"] == f"{out}/junit.xml"
    assert job["script"][-1] == "exit $status"


CANDIDATE = (
    "---\noutlet: alpha-news\n---\n"
    "A passenger ferry capsized in heavy seas off the island late on Saturday, officials said.\n"
    "\n"
    "The disaster agency said on Sunday that eight people died when the ferry overturned.\n"
)
SOURCES = {
    "beta.txt": "---\noutlet: beta-post\n---\n"
    "Eleven people died when the ferry overturned, the disaster agency said on Sunday.\n",
    "gamma.txt": "---\noutlet: gamma-post\n---\n"
    "Eleven people died when the boat overturned, the provincial disaster agency said.\n",
    "delta.txt": "---\noutlet: delta-post\n---\n"
    "The disaster agency said on Sunday that 11 people died when the ferry overturned.\n",
}


def test_the_github_commands_run_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "articles" / "ferry").mkdir(parents=True)
    (tmp_path / "sources" / "ferry").mkdir(parents=True)
    (tmp_path / "articles" / "ferry" / "alpha.txt").write_text(CANDIDATE, encoding="utf-8")
    for name, text in SOURCES.items():
        (tmp_path / "sources" / "ferry" / name).write_text(text, encoding="utf-8")
    codes = []
    for argv in _checker_commands(GITHUB):
        run = subprocess.run(
            [sys.executable, "-m", "checker", *argv],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )
        codes.append(run.returncode)
        assert run.returncode in (0, 1), run.stderr
    assert codes == [1, 0]  # the gate fails on the major finding; the report step succeeds
    out = tmp_path / _checker_commands(GITHUB)[0][-1]
    assert "quantity-mismatch" in (out / "findings.md").read_text(encoding="utf-8")
    sarif = json.loads((out / SARIF_FILE).read_text(encoding="utf-8"))
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "quantity-mismatch"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "articles/ferry/alpha.txt"
    assert location["region"]["startLine"] == 6


def test_the_github_workflow_has_the_permissions_cache_and_fork_guard_it_needs() -> None:
    document = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    assert document["permissions"] == {
        "contents": "read",
        "actions": "read",
        "security-events": "write",
    }
    steps = document["jobs"]["gate"]["steps"]
    python = next(s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    upload = next(s for s in steps if "upload-sarif" in str(s.get("uses", "")))
    assert upload["uses"].endswith("@v4")
    assert "head.repo.full_name == github.repository" in upload["if"]  # forks cannot upload
    assert any("--format github" in s.get("run", "") for s in steps)
