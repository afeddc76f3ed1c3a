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

import checker
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


def _package_spec(path: Path) -> str:
    """The CHECKER_PACKAGE an example installs, checked to be what its pip step installs."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if path == GITHUB:
        spec, scripts = document["env"]["CHECKER_PACKAGE"], _github_scripts(document)
    else:
        [job] = [job for job in document.values() if isinstance(job, dict) and "script" in job]
        spec, scripts = job["variables"]["CHECKER_PACKAGE"], _gitlab_scripts(document)
    installs = [
        argv for argv in _commands(scripts) if argv[:4] == ["python", "-m", "pip", "install"]
    ]
    assert installs == [["python", "-m", "pip", "install", "$CHECKER_PACKAGE"]], path.name
    return spec


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_the_install_step_names_our_distribution_its_gate_extra_and_a_repository(
    path: Path,
) -> None:
    """pip gets checker by our own distribution name (the index's `checker` is another
    project) with the gate extra, from a git repository at a tag; the command stays checker."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == checker.DISTRIBUTION != "checker"
    assert project["scripts"]["checker"] == "checker.cli:main"
    spec = _package_spec(path)
    found = re.fullmatch(r"([\w.-]+)\[(\w+)\] @ git\+https://\S+\.git@v[\d.]+", spec)
    assert found, spec
    assert found.group(1) == project["name"]
    assert found.group(2) in project["optional-dependencies"]


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


def _ferry_corpus(root: Path) -> None:
    (root / "articles" / "ferry").mkdir(parents=True)
    (root / "sources" / "ferry").mkdir(parents=True)
    (root / "articles" / "ferry" / "alpha.txt").write_text(CANDIDATE, encoding="utf-8")
    for name, text in SOURCES.items():
        (root / "sources" / "ferry" / name).write_text(text, encoding="utf-8")


def _run_checker(argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_the_example_commands_run_end_to_end(path: Path, tmp_path: Path) -> None:
    _ferry_corpus(tmp_path)
    codes = []
    for argv in _checker_commands(path):
        run = _run_checker(argv, tmp_path)
        codes.append(run.returncode)
        assert run.returncode in (0, 1), run.stderr
    # the gate fails on the major finding; the report, re-rendered with the same --fail-on, too
    assert codes == [1, 1]
    out = tmp_path / _checker_commands(path)[0][-1]
    assert "quantity-mismatch" in (out / "findings.md").read_text(encoding="utf-8")
    assert "quantity-mismatch" in (out / "gate.html").read_text(encoding="utf-8")
    sarif = json.loads((out / SARIF_FILE).read_text(encoding="utf-8"))
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "quantity-mismatch"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "articles/ferry/alpha.txt"
    assert location["region"]["startLine"] == 6
    if path == GITLAB:
        assert "quantity-mismatch" in (out / "junit.xml").read_text(encoding="utf-8")


def _readme_ci_commands() -> list[list[str]]:
    """The commands in the README's "Use in CI" section, from its sh blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Use in CI\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    assert blocks, "no sh block in Use in CI"
    return _commands(blocks)


def test_the_readme_ci_commands_are_the_examples_commands() -> None:
    commands = _readme_ci_commands()
    install, *checker_runs = commands
    assert install[:4] == ["python", "-m", "pip", "install"]
    assert install[4] == _package_spec(GITHUB) == _package_spec(GITLAB)
    assert all(argv[0] == "checker" for argv in checker_runs)
    gate, report, baseline, gate_again = (argv[1:] for argv in checker_runs)
    assert gate == _checker_commands(GITHUB)[0] == _checker_commands(GITLAB)[0]
    assert report == _checker_commands(GITHUB)[1]
    for path in (GITHUB, GITLAB):  # the examples' baseline advice is the README's command
        words = [word for word in path.read_text().split() if word != "#"]  # comment marks
        assert " ".join(["checker", *baseline]) in " ".join(words), path.name
    assert gate_again == [*gate[: gate.index("--out")], "--baseline", baseline[-1]]


def test_every_readme_ci_command_runs(tmp_path: Path) -> None:
    """The README's commands in order: the gate fails on the drift, the report is written,
    the baseline accepts it, and the same gate with the baseline passes."""
    _ferry_corpus(tmp_path)
    codes = []
    for argv in _readme_ci_commands()[1:]:  # pip needs the network: its spec is checked above
        run = _run_checker(argv[1:], tmp_path)
        codes.append(run.returncode)
        assert run.returncode in (0, 1), run.stderr
    assert codes == [1, 1, 0, 0]  # report --fail-on major exits 1 like the gate
    baseline = json.loads((tmp_path / "checker-baseline.json").read_text(encoding="utf-8"))
    assert baseline["findings"], baseline


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
    # Current majors (Node 24 runtimes; the Node 20 ones stop running in September 2026).
    majors = {
        str(s["uses"]).split("@")[0]: str(s["uses"]).split("@")[1] for s in steps if "uses" in s
    }
    assert majors == {
        "actions/checkout": "v6",
        "actions/setup-python": "v6",
        "github/codeql-action/upload-sarif": "v4",
        "actions/upload-artifact": "v7",
    }
    assert "head.repo.full_name == github.repository" in upload["if"]  # forks cannot upload
    assert any("--format github" in s.get("run", "") for s in steps)
