"""Plugins from installed packages: a reader, a report format and a check type, each found
through its entry point group and used by a real `checker compare`; a broken plugin is one
`error:` line naming it.

The plugin is a real package built and installed by pip (`--target` a folder of tmp_path) and
`checker` runs in a subprocess with that folder on PYTHONPATH, so the test venv is never
changed and no other test sees the plugin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import polars as pl
import pytest

PLUGIN_PYPROJECT = """\
[build-system]
requires = ["setuptools>=70.1"]
build-backend = "setuptools.build_meta"

[project]
name = "checker-shout-plugin"
version = "0.1"

[project.entry-points."checker.readers"]
shout = "checker_shout:read_shout"

[project.entry-points."checker.formats"]
tally = "checker_shout:render_tally"

[project.entry-points."checker.checks"]
shouting = "checker_shout:SHOUTING"
"""

PLUGIN_CODE = '''\
"""A tiny checker plugin: .shout articles, a `tally` report and a `shouting` check type."""

from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.ingest.model import Record
from checker.ruleset.params import Params
from checker.ruleset.registry import CheckType


def read_shout(source, problems):
    """First line: the outlet; the rest: the article."""
    outlet, _, body = source.data.decode("utf-8").partition("\\n")
    return [Record(text=body.strip(), outlet=outlet.strip())]


def render_tally(report):
    """Findings per check, one line each."""
    findings = report.tables["findings"]
    counts = findings.group_by("check").len().sort("check").iter_rows()
    return {"tally.txt": "".join(f"{check} {count}\\n" for check, count in counts)}


class ShoutParams(Params):
    min_words: int = 2


def shouting(rule, context):
    found = []
    for row in context.claim_view.sort("claim_id").iter_rows(named=True):
        if row["text"].isupper() and len(row["text"].split()) >= rule.params.min_words:
            evidence = [evidence_entry(row, "minority", row["text"], None, context.copy_outlets)]
            values = {"minority": row["outlet"]}
            found.append(
                make_finding(rule, row["story"], None, "shout", "shout", evidence, values)
            )
    return findings_frame(found)


SHOUTING = CheckType("shouting", ShoutParams, shouting)
'''

RULE = 'extends: shouting\nseverity: minor\nmessage: "{minority} writes in capitals"\n'
RULE += "params: {min_words: 4}\n"


def _run_checker(*args: str, site: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


def _corpus(root: Path) -> Path:
    story = root / "corpus" / "vote"
    story.mkdir(parents=True)
    (story / "loud.shout").write_text(
        "loudpaper\nTHE COUNCIL APPROVED THE BUDGET ON MONDAY.\n", encoding="utf-8"
    )
    (story / "calm.shout").write_text(
        "calmpaper\nCouncillors passed the spending plan after a long debate.\n", encoding="utf-8"
    )
    return root / "corpus"


def test_a_plugin_package_adds_a_reader_a_format_and_a_check_type(tmp_path: Path) -> None:
    package = tmp_path / "plugin"
    (package / "checker_shout").mkdir(parents=True)
    (package / "pyproject.toml").write_text(PLUGIN_PYPROJECT, encoding="utf-8")
    (package / "checker_shout" / "__init__.py").write_text(PLUGIN_CODE, encoding="utf-8")
    site = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"]
    pip += ["--no-build-isolation", "--target", str(site), str(package)]
    subprocess.run(pip, check=True, capture_output=True, text=True, timeout=300)
    assert list(site.glob("checker_shout_plugin-0.1.dist-info"))
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "capitals.yaml").write_text(RULE, encoding="utf-8")
    out = tmp_path / "out"

    done = _run_checker(
        "compare", str(_corpus(tmp_path)), "--rules", str(rules), "--format", "tally",
        "--out", str(out), site=site, cwd=tmp_path,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    documents = pl.read_parquet(out / "documents.parquet")
    assert sorted(documents["outlet"]) == ["calmpaper", "loudpaper"]  # the reader read both
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    shouted = [f for f in findings if f["check"] == "shouting"]
    assert [(f["rule_id"], f["outlets"], f["message"]) for f in shouted] == [
        ("capitals", ["loudpaper"], "loudpaper writes in capitals")
    ]
    by_check: dict[str, int] = {}
    for finding in findings:
        by_check[finding["check"]] = by_check.get(finding["check"], 0) + 1
    expected = "".join(f"{check} {n}\n" for check, n in sorted(by_check.items()))
    assert (out / "tally.txt").read_text(encoding="utf-8") == expected


def _fake_installed(site: Path, group: str, entry: str) -> None:
    """A distribution as an installer leaves it: its metadata and its entry points."""
    info = site / "broken_plugin-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: broken-plugin\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[{group}]\n{entry}\n", encoding="utf-8")
    (site / "broken_plugin.py").write_text(
        textwrap.dedent(
            """\
            NOT_A_READER = 42
            def render(report):
                return {}
            """
        ),
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("group", "entry", "says"),
    [
        ("checker.checks", "broken = broken_plugin:MISSING", "AttributeError"),
        ("checker.checks", "broken = no_such_module:THING", "ModuleNotFoundError"),
        ("checker.readers", "broken = broken_plugin:NOT_A_READER", "expected a reader function"),
        ("checker.formats", "md = broken_plugin:render", "format 'md' already exists"),
    ],
)
def test_a_broken_plugin_is_one_error_naming_it(
    tmp_path: Path, group: str, entry: str, says: str
) -> None:
    site = tmp_path / "site"
    _fake_installed(site, group, entry)
    story = tmp_path / "corpus" / "vote"
    story.mkdir(parents=True)
    (story / "a.txt").write_text("The council approved the budget on Monday.\n")
    done = _run_checker(
        "compare", str(tmp_path / "corpus"), "--format", "md", "--out", str(tmp_path / "out"),
        site=site, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2
    name = entry.split(" = ")[0]
    lines = done.stderr.strip().splitlines()
    assert "Traceback" not in done.stderr
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith(f"error: plugin {name!r} ({group}: ")
    assert "package broken-plugin 0.1" in errors[0] and says in errors[0]
