"""What users of ruff, pytest and vale expect of a command line, through the real entry point:
plain help, -q and -v, --format json alone on stdout, shell completion, NO_COLOR, and the
config found from the working folder upward (printed with -v)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from checker import console
from checker.cli import app, main
from checker.progress import progress

# SGR codes that set a colour: 30-37, 90-97 (foreground), 40-47, 100-107 (background), 38;/48;
_COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;|48;)[0-9;]*m")


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["checker", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return int(exited.value.code or 0)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def drifted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three outlets agree on 12 deaths, a fourth says 21: one major finding. The working
    folder is a subfolder, so a config above it is found by the upward search."""
    story = tmp_path / "project" / "bus-crash"
    texts = {
        "north-star": "Twelve people died when the bus left the mountain road on Friday.",
        "valley-post": "Police said 12 people died in the crash, the regional hospital added.",
        "ridge-courier": "The bus crash on the mountain road killed 12 people, police said.",
        "hill-herald": "Officials said 21 people died after the coach plunged off the road.",
    }
    for outlet, text in texts.items():
        write(story / f"{outlet}.txt", f"---\noutlet: {outlet}\n---\n{text}\n")
    work = tmp_path / "project" / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return story


def _commands(group, prefix: tuple[str, ...] = ()):
    context = group.context_class(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        yield (*prefix, name)
        if hasattr(command, "list_commands"):
            yield from _commands(command, (*prefix, name))


def test_help_is_plain_text_without_type_tags(monkeypatch, capsys) -> None:
    every = [(), *_commands(typer.main.get_command(app))]
    assert ("gate",) in every and ("baseline", "create") in every
    for words in every:
        assert run_main(monkeypatch, *words, "--help") == 0
        text = capsys.readouterr().out
        assert "Usage: checker" in text, words
        tags = re.findall(r"<[a-zA-Z][^>]*>", text)
        assert not tags, (words, tags)
        assert "\x1b[" not in text and "╭" not in text, words


def test_quiet_prints_nothing_on_a_clean_exit_code_1(drifted: Path, monkeypatch, capsys) -> None:
    code = run_main(monkeypatch, "compare", str(drifted), "--out", "o", "--fail-on", "major", "-q")
    assert code == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_quiet_keeps_the_annotations(drifted: Path, monkeypatch, capsys) -> None:
    code = run_main(monkeypatch, "compare", str(drifted), "--out", "o", "--format", "github", "-q")
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("::") for line in lines)


def test_verbose_names_the_config_found_upward_and_the_timings(
    drifted: Path, monkeypatch, capsys
) -> None:
    config = write(drifted.parent / "checker.toml", 'fail_on = "critical"\n')
    # the config's fail_on (critical) lets the major finding through
    assert run_main(monkeypatch, "compare", str(drifted), "--out", "o", "-v") == 0
    err = capsys.readouterr().err
    assert f"config: {config}" in err
    took = next(line for line in err.splitlines() if line.startswith("took: "))
    assert [part.split()[0] for part in took[6:].split(", ")] == [
        "ingest",
        "extract",
        "match",
        "checks",
        "tables",
        "report",
    ]
    config.unlink()
    assert run_main(monkeypatch, "compare", str(drifted), "--out", "o", "-v") == 0
    assert "config: none" in capsys.readouterr().err


def test_without_verbose_the_config_and_timings_are_not_printed(
    drifted: Path, monkeypatch, capsys
) -> None:
    write(drifted.parent / "checker.toml", 'fail_on = "critical"\n')
    assert run_main(monkeypatch, "compare", str(drifted), "--out", "o") == 0
    captured = capsys.readouterr()
    assert "config:" not in captured.err + captured.out
    assert "took:" not in captured.err + captured.out


def test_format_json_puts_the_findings_alone_on_stdout(drifted: Path, monkeypatch, capsys) -> None:
    code = run_main(
        monkeypatch, "compare", str(drifted), "--out", "o", "--format", "json", "--fail-on", "major"
    )
    assert code == 1
    captured = capsys.readouterr()
    document = json.loads(captured.out)  # nothing else on stdout
    assert captured.out == Path("o/findings.json").read_text(encoding="utf-8")
    assert "quantity-mismatch" in [f["rule_id"] for f in document["findings"]]
    assert "wrote o/index.html" in captured.err  # the summary moved to stderr


def test_report_format_json_too(drifted: Path, monkeypatch, capsys) -> None:
    assert run_main(monkeypatch, "compare", str(drifted), "--out", "o", "-q") == 0
    assert run_main(monkeypatch, "report", "o", "--format", "json") == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == json.loads(Path("o/findings.json").read_text())
    assert "wrote" in captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "json", "--format", "github"], "json and github both print on stdout"),
        (["-q", "-v"], "--quiet and --verbose cannot be used together"),
    ],
)
def test_conflicting_output_options_are_one_error_line(
    drifted: Path, monkeypatch, capsys, args, message
) -> None:
    assert run_main(monkeypatch, "compare", str(drifted), "--out", "o", *args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert not Path("o").exists()  # refused before any work


def test_gate_quiet_prints_only_why_it_failed(drifted: Path, monkeypatch, capsys) -> None:
    assert run_main(monkeypatch, "gate", str(drifted), "-q") == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 1 and lines[0].split()[:3] == ["X", "major", "quantity-mismatch"]
    assert captured.err == ""
    assert run_main(monkeypatch, "gate", str(drifted), "-q", "--fail-on", "critical") == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_gate_reads_its_threshold_from_the_config(drifted: Path, monkeypatch, capsys) -> None:
    write(drifted.parent / "checker.toml", 'fail_on = "critical"\n')
    assert run_main(monkeypatch, "gate", str(drifted)) == 0
    assert "gate PASSED (--fail-on critical)" in capsys.readouterr().out
    assert run_main(monkeypatch, "gate", str(drifted), "--fail-on", "major") == 1


def test_gate_format_json_on_stdout_and_the_verdict_on_stderr(
    drifted: Path, monkeypatch, capsys
) -> None:
    assert run_main(monkeypatch, "gate", str(drifted), "--out", "g", "--format", "json") == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out) == json.loads(Path("g/findings.json").read_text())
    assert "gate FAILED" in captured.err and "took: pipeline" in captured.err


def test_shell_completion_is_offered_and_completes_commands_and_options(tmp_path) -> None:
    script = Path(sys.executable).with_name("checker")
    shown = subprocess.run(
        [str(script), "--show-completion", "bash"], capture_output=True, text=True, timeout=60
    )
    assert shown.returncode == 0 and "_CHECKER_COMPLETE=complete_bash" in shown.stdout
    env = {**os.environ, "_CHECKER_COMPLETE": "complete_bash", "COMP_CWORD": "2"}
    for words, expected in (("checker com", "compare"), ("checker gate --fa", "--fail-on")):
        env["COMP_WORDS"], env["COMP_CWORD"] = words, str(len(words.split()) - 1)
        done = subprocess.run(
            [str(script)], env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path
        )
        assert done.stdout.split() == [expected], (words, done.stdout, done.stderr)


class TerminalStream(io.StringIO):
    def isatty(self) -> bool:
        return True


def _bar(stream: io.StringIO) -> str:
    with progress(enabled=True, stream=stream) as reporter:
        advance = reporter.stage("extract", 2)
        advance(2)
    return stream.getvalue()


def test_no_color_takes_the_colour_out_of_the_progress_bar(monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert _COLOUR.search(_bar(TerminalStream()))  # a terminal gets colour by default
    monkeypatch.setenv("NO_COLOR", "1")
    bar = _bar(TerminalStream())
    assert "extract" in bar and not _COLOUR.search(bar)


def test_colour_only_on_a_terminal(monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert console.color_allowed(TerminalStream())
    assert not console.color_allowed(io.StringIO())  # a pipe or a CI log
    monkeypatch.setenv("NO_COLOR", "1")
    assert not console.color_allowed(TerminalStream())
