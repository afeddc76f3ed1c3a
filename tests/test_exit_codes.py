"""Exit codes through the real entry point (`checker.cli.main`): 2 (bad input or usage) wins
over 1 (a finding at or above --fail-on), and a bad option is one line, never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checker.cli import main


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["checker", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return int(exited.value.code or 0)


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def drifted(tmp_path: Path) -> Path:
    story = tmp_path / "bus-crash"
    texts = {
        "north-star": "Twelve people died when the bus left the mountain road on Friday.",
        "valley-post": "Police said 12 people died in the crash, the regional hospital added.",
        "ridge-courier": "The bus crash on the mountain road killed 12 people, police said.",
        "hill-herald": "Officials said 21 people died after the coach plunged off the road.",
    }
    for outlet, text in texts.items():
        write(story, f"{outlet}.txt", f"---\noutlet: {outlet}\n---\n{text}\n")
    return story


def test_a_finding_at_the_threshold_exits_1(monkeypatch, drifted: Path, tmp_path: Path) -> None:
    assert run_main(monkeypatch, "compare", str(drifted), "--out", str(tmp_path / "o"),
                    "--fail-on", "major") == 1


def test_bad_input_beats_a_finding(monkeypatch, drifted: Path, tmp_path: Path, capsys) -> None:
    write(drifted, "broken.json", "{not json")
    code = run_main(monkeypatch, "compare", str(drifted), "--out", str(tmp_path / "o"),
                    "--fail-on", "major")
    assert code == 2
    assert "broken.json" in capsys.readouterr().err


def test_an_unknown_threshold_is_one_line_and_exit_2(monkeypatch, drifted: Path, capsys) -> None:
    assert run_main(monkeypatch, "compare", str(drifted), "--fail-on", "bogus") == 2
    err = capsys.readouterr().err
    assert "unknown threshold 'bogus'" in err and "Traceback" not in err


@pytest.mark.parametrize(("threshold", "code"), [("major", 1), ("critical", 0), ("none", 0)])
def test_report_fail_on_sets_the_exit_code_like_compare(
    monkeypatch, drifted: Path, tmp_path: Path, threshold: str, code: int
) -> None:
    out = tmp_path / "o"
    assert run_main(monkeypatch, "compare", str(drifted), "--out", str(out)) == 0
    # the bus crash's 21 against 12 is a major finding: report exits 1 at major, as compare
    assert run_main(monkeypatch, "report", str(out), "--fail-on", threshold) == code
    assert run_main(monkeypatch, "report", str(out), "--fail-on", "bogus") == 2


def test_report_of_a_missing_folder_exits_2(monkeypatch, tmp_path: Path, capsys) -> None:
    assert run_main(monkeypatch, "report", str(tmp_path / "nowhere")) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_version(monkeypatch, capsys) -> None:
    assert run_main(monkeypatch, "--version") == 0
    assert capsys.readouterr().out.startswith("checker ")


def test_statistics_count_findings_per_rule(monkeypatch, drifted: Path, tmp_path, capsys) -> None:
    assert run_main(monkeypatch, "compare", str(drifted), "--out", str(tmp_path / "o"),
                    "--statistics") == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split()[:3] == ["1", "quantity-mismatch", "[quantity]"] for line in lines)


def test_no_path_says_the_demo_corpus_is_used(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.chdir(tmp_path)  # no ./seeds here: the bundled corpus
    assert run_main(monkeypatch, "compare", "--out", str(tmp_path / "o")) == 0
    assert "bundled demo corpus" in capsys.readouterr().err
