"""Hostile inputs that used to escape as tracebacks, stall a run or mix output folders (issue 15).

Each case runs through the real entry point (`checker.cli.main`) next to a good story and
asserts the exit code, the one message naming the culprit, and that the good story's findings
are exactly those of a run without the hostile input.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from checker.cli import main
from checker.output_folder import output_folder
from checker.tables_io import MARKER

GOOD_STORY = "bus-crash"
GOOD = {
    "north-star": "Twelve people died when the bus left the mountain road on Friday.",
    "valley-post": "Police said 12 people died in the crash, the regional hospital added.",
    "ridge-courier": "The bus crash on the mountain road killed 12 people, police said.",
    "hill-herald": "Officials said 21 people died after the coach plunged off the road.",
}


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["checker", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return int(exited.value.code or 0)


def article(folder: Path, name: str, outlet: str, text: str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\noutlet: {outlet}\n{extra}---\n{text}\n", encoding="utf-8")
    return path


def good_story(root: Path, name: str = GOOD_STORY, figures: tuple[str, str] = ("12", "21")):
    """Four outlets, one of which gives another death toll: a major finding and two infos."""
    folder = root / name
    for outlet, text in GOOD.items():
        text = text.replace("12", figures[0]).replace("21", figures[1])
        article(folder, f"{outlet}.md", outlet, text)
    return folder


_PATH_BOUND = ("doc_id", "claim_id", "claim_ids", "fact_id")  # hash where the files are


def story_findings(out: Path, story: str = GOOD_STORY) -> list[dict]:
    """The story's findings in findings.json, without the ids that hash the files' paths
    (each test has its own folder); finding ids, messages, values and sides all stay."""

    def portable(value: object) -> object:
        if isinstance(value, dict):
            return {k: portable(v) for k, v in value.items() if k not in _PATH_BOUND}
        if isinstance(value, list):
            return [portable(v) for v in value]
        return value

    document = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    return [portable(f) for f in document["findings"] if f["story"] == story]


@pytest.fixture(scope="module")
def expected_findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The good story's findings from a run of the good story alone."""
    root = tmp_path_factory.mktemp("alone")
    story = good_story(root)
    code = subprocess.run(
        [sys.executable, "-m", "checker.cli", "compare", str(story), "--out", str(root / "out")],
        capture_output=True,
        check=False,
    ).returncode
    assert code == 0
    findings = story_findings(root / "out")
    assert findings, "the good story must have a finding for 'intact' to mean anything"
    return findings


# --- the table: one hostile input beside the good story ------------------------------------


@dataclass(frozen=True)
class Case:
    """`setup(root)` writes the hostile input and returns the extra arguments to compare;
    `check(root, out, stderr)` asserts what else must hold."""

    setup: Callable[[Path], list[str]]
    code: int
    message: str  # a regex one stderr line must match
    intact: bool = True  # the good story's findings are in the output folder, unchanged
    check: Callable[[Path, Path, str], None] | None = None
    config: str = ""  # checker.toml in the working folder
    out: Callable[[Path], Path] = field(default=lambda root: root / "out")


def _out_is_a_file(root: Path) -> Path:
    (root / "out").write_text("keep me\n", encoding="utf-8")
    return root / "out"


def _out_under_a_file(root: Path) -> Path:
    (root / "plain").write_text("a file\n", encoding="utf-8")
    return root / "plain" / "out"


def _file_untouched(root: Path, out: Path, stderr: str) -> None:
    assert (root / "out").read_text(encoding="utf-8") == "keep me\n"


def _long_story(root: Path) -> list[str]:
    name = "s" * 300
    for outlet, figure in (("one", "12"), ("two", "12"), ("three", "21")):
        article(
            root / "long",
            f"{outlet}.md",
            outlet,
            f"Officials said {figure} people died.",
            f"story: {name}\n",
        )
    return [str(root / "long")]


def _long_story_page(root: Path, out: Path, stderr: str) -> None:
    pages = sorted((out / "stories").iterdir())
    assert len(pages) == 2 and all(len(page.name) < 100 for page in pages)
    assert story_findings(out, "s" * 300), "the long-named story is reported too"
    for page in pages:
        assert page.name in (out / "index.html").read_text(encoding="utf-8")


def _bad_names(root: Path) -> list[str]:
    folder = root / "hostile"
    folder.mkdir()
    (folder / "x\nerror: forged.txt: fake.json").write_text("{not json", encoding="utf-8")
    (folder / "red\x1b[31m.json").write_text("{not json", encoding="utf-8")
    article(folder, "fine.md", "fine", "The mayor opened the new bridge on Monday.")
    return [str(folder)]


def _one_line_per_bad_file(root: Path, out: Path, stderr: str) -> None:
    assert "\x1b" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, stderr
    assert any("x\\nerror: forged.txt: fake.json" in line for line in errors)
    assert any("red\\x1b[31m.json" in line for line in errors)
    assert not any(line.startswith("error: forged.txt") for line in stderr.splitlines())


def _stray_byte(root: Path) -> list[str]:
    folder = root / "bridge"
    text = "---\noutlet: east\n---\nJürgen Roth said the bridge opened on Monday.\n"
    folder.mkdir()
    stray = b"A stray \xff byte, then J\xc3\xbcrgen again.\n"  # one invalid byte, then UTF-8
    (folder / "east.md").write_bytes(text.encode("utf-8") + stray)
    article(folder, "west.md", "west", "The bridge opened on Monday, Jürgen Roth said.")
    return [str(folder)]


def _utf8_kept(root: Path, out: Path, stderr: str) -> None:
    import polars as pl

    documents = pl.read_parquet(out / "documents.parquet")
    text = documents.filter(pl.col("outlet") == "east")["text"][0]
    assert text.count("Jürgen") == 2 and "Ã" not in text and "ÿ" in text


def _empty_folder(root: Path) -> list[str]:
    (root / "empty").mkdir()
    (root / "empty" / "README.md").write_text("notes, not an article\n", encoding="utf-8")
    return [str(root / "empty")]


def _formula_outlet(root: Path) -> list[str]:
    folder = root / "formula"
    evil = '=HYPERLINK("http://evil.example/x","click")'
    for name, outlet, figure in (("a", "first", "12"), ("b", "second", "12"), ("c", evil, "21")):
        article(folder, f"{name}.md", f"'{outlet}'", f"Officials said {figure} people died.")
    return [str(folder), "--format", "csv"]


def _cells_neutralised(root: Path, out: Path, stderr: str) -> None:
    for name in ("findings.csv", "claims.csv"):
        rows = list(csv.reader(io.StringIO((out / name).read_text(encoding="utf-8"))))
        cells = [cell for row in rows for cell in row]
        texts = [cell for cell in cells if not re.fullmatch(r"-?\d+(\.\d+)?", cell)]
        assert not any(cell[:1] in ("=", "+", "-", "@") for cell in texts), name
        assert any(cell.startswith("'=hyperlink(") for cell in cells), name


def _big_page(root: Path) -> list[str]:
    folder = root / "big"
    article(folder, "huge.md", "huge", "Officials said 12 people died. " * 200)
    article(folder, "small.md", "small", "Officials said 21 people died.")
    return [str(folder)]


def _alias_in_front_matter(root: Path) -> list[str]:
    folder = root / "yaml"
    article(folder, "bomb.md", "bomb", "Officials said 12 people died.", "a: &a [1]\nb: *a\n")
    article(folder, "fine.md", "fine", "Officials said 12 people died.")
    return [str(folder)]


def _unreadable_sub_folder(root: Path) -> list[str]:
    folder = root / "mixed"
    article(folder / "readable", "ok.md", "ok", "Officials said 12 people died.")
    (folder / "locked").mkdir()
    return [str(folder)]


CASES = {
    "out-is-a-file": Case(
        lambda root: [],
        2,
        r"^error: .*out: is a file, not a folder",
        intact=False,
        check=_file_untouched,
        out=_out_is_a_file,
    ),
    "out-under-a-file": Case(
        lambda root: [],
        2,
        r"^error: .*plain.*: cannot create folder",
        intact=False,
        out=_out_under_a_file,
    ),
    "story-of-300-characters": Case(_long_story, 0, r"", check=_long_story_page),
    "newline-and-esc-in-file-names": Case(
        _bad_names,
        2,
        r"^error: .*red\\x1b\[31m\.json:1: not valid JSON",
        check=_one_line_per_bad_file,
    ),
    "stray-0xff-in-utf8": Case(
        _stray_byte,
        0,
        r"^warning: .*east\.md:5: not valid UTF-8: 1 byte\(s\) \(first 0xff\)",
        check=_utf8_kept,
    ),
    "empty-folder-beside-a-good-one": Case(
        _empty_folder, 2, r"^error: .*empty: no articles found in this folder"
    ),
    "formula-as-outlet": Case(_formula_outlet, 0, r"", check=_cells_neutralised),
    "document-over-the-size-cap": Case(
        _big_page,
        2,
        r"^error: .*huge\.md: document is 6\.1 KB, over the 0\.002 MB cap per document "
        r"\(max_document_mb under \[limits\] in checker.toml\)",
        config="[limits]\nmax_document_mb = 0.002\n",
    ),
    "alias-in-front-matter": Case(
        _alias_in_front_matter, 2, r"^error: .*bomb\.md:4: .*YAML aliases are not allowed"
    ),
    "unreadable-sub-folder": Case(
        _unreadable_sub_folder, 2, r"^error: .*mixed/locked: cannot read folder: Permission"
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_beside_a_good_story(
    name: str, tmp_path: Path, monkeypatch, capsys, expected_findings: list[dict]
) -> None:
    case = CASES[name]
    good = good_story(tmp_path)
    extra = case.setup(tmp_path)
    out = case.out(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    (work / "checker.toml").write_text(case.config, encoding="utf-8")
    monkeypatch.chdir(work)
    if name == "unreadable-sub-folder":  # root reads anything: refuse the listing instead
        _refuse_listing(monkeypatch, tmp_path / "mixed" / "locked")
    code = run_main(monkeypatch, "compare", str(good), *extra, "--out", str(out))
    stderr = capsys.readouterr().err
    assert code == case.code, stderr
    assert "Traceback" not in stderr
    if case.message:
        assert any(re.search(case.message, line) for line in stderr.splitlines()), stderr
    if case.intact:
        assert story_findings(out) == expected_findings
    if case.check:
        case.check(tmp_path, out, stderr)


def _refuse_listing(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    real = os.scandir

    def scandir(path=".", *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(os.fsdecode(path)) == folder:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)


# --- cases that need a process, a server or a lock -----------------------------------------


def _alias_bomb(levels: int) -> str:
    """`levels` of nested aliases, nine references each: 9**levels values once expanded."""
    lines = ["l0: &l0 [lol]"]
    for level in range(1, levels + 1):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_a_10_level_alias_bomb_is_refused_under_a_memory_limit(
    tmp_path: Path, expected_findings: list[dict]
) -> None:
    good = good_story(tmp_path)
    bombs = tmp_path / "bombs"
    article(bombs, "front.md", "front", "Officials said 12 people died.", _alias_bomb(10))
    rules = tmp_path / "rules"
    rules.mkdir()  # a rule pack with an alias bomb in a lexicon: refused the same way
    (rules / "lexicons").mkdir()
    (rules / "lexicons" / "stopwords.yaml").write_text(_alias_bomb(10), encoding="utf-8")
    limit = 1536 * 1024 * 1024  # the bomb expanded is billions of values; a run is ~1 GB

    def cap_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    args = [sys.executable, "-m", "checker.cli", "compare", str(good), str(bombs)]
    started = time.monotonic()
    result = subprocess.run(
        [*args, "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        preexec_fn=cap_memory,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert time.monotonic() - started < 60
    [line] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert re.search(
        r"front\.md:4: front matter is not valid YAML: YAML aliases are not "
        r"allowed \(found \*l0\)",
        line,
    ), line
    assert story_findings(tmp_path / "out") == expected_findings

    lexicon = subprocess.run(
        [*args, "--rules", str(rules), "--out", str(tmp_path / "out2")],
        capture_output=True,
        text=True,
        preexec_fn=cap_memory,
        timeout=120,
        check=False,
    )
    assert lexicon.returncode == 2, lexicon.stderr
    assert "stopwords.yaml:2: invalid YAML: YAML aliases are not allowed" in lexicon.stderr
    assert "Traceback" not in lexicon.stderr


class _Drip(BaseHTTPRequestHandler):
    """Headers at once, then one byte of body every 2 seconds."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "60")
        self.end_headers()
        try:
            for _ in range(60):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(2)
        except OSError:
            pass  # the client gave up: that is the point

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def drip_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/slow.html"
    server.shutdown()
    server.server_close()


def test_a_url_that_drips_a_byte_every_2_s_is_cut_off_at_the_deadline(
    tmp_path: Path, monkeypatch, capsys, drip_url: str, expected_findings: list[dict]
) -> None:
    good = good_story(tmp_path)
    monkeypatch.chdir(tmp_path)
    # Silence never lasts the 5 s timeout (a byte comes every 2 s): only the deadline cuts it.
    limits = "[limits]\nurl_deadline_seconds = 3\nurl_timeout_seconds = 5\n"
    (tmp_path / "checker.toml").write_text(limits, "utf-8")
    started = time.monotonic()
    code = run_main(monkeypatch, "compare", str(good), drip_url, "--out", str(tmp_path / "out"))
    elapsed = time.monotonic() - started
    stderr = capsys.readouterr().err
    assert code == 2
    assert f"error: {drip_url}: no complete response within 3 s" in stderr
    assert elapsed < 20  # the pipeline and the 3 s deadline, not 60 bytes x 2 s
    assert story_findings(tmp_path / "out") == expected_findings


def _consistent(out: Path) -> list[str]:
    """Assert the folder is one run's output; return its finding ids."""
    import polars as pl

    ids = [f["finding_id"] for f in json.loads((out / "findings.json").read_text())["findings"]]
    assert sorted(ids) == sorted(pl.read_parquet(out / "findings.parquet")["finding_id"])
    pages = re.findall(r'href="(stories/[^"]+\.html)"', (out / "index.html").read_text())
    # every story page is linked (the input-warnings block may link a story twice)
    assert sorted(set(pages)) == sorted(f"stories/{p.name}" for p in (out / "stories").iterdir())
    on_pages = {i for p in pages for i in re.findall(r'id="f-([0-9a-f]+)"', (out / p).read_text())}
    assert on_pages == set(ids)
    return ids


def _stories(out: Path) -> set[str]:
    return {f["story"] for f in json.loads((out / "findings.json").read_text())["findings"]}


def _explain(out: Path, finding_id: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker.cli", "explain", str(out), finding_id],
        capture_output=True,
        text=True,
        check=False,
    )


def test_sigkill_during_a_run_leaves_the_earlier_output_whole(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    good = good_story(tmp_path)
    out = tmp_path / "out"
    assert run_main(monkeypatch, "compare", str(good), "--out", str(out)) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    finding_id = _consistent(out)[0]
    other = good_story(tmp_path, "other", ("30", "33"))
    # Each report file takes 0.3 s in the killed run, so the kill lands mid-write.
    slowed = (
        "import time, checker.report.writer as w\n"
        "write = w.atomic_write_text\n"
        "w.atomic_write_text = lambda path, text: (time.sleep(0.3), write(path, text))\n"
        "from checker.cli import main\n"
        "main()\n"
    )
    run = subprocess.Popen(
        [sys.executable, "-c", slowed, "compare", str(good), str(other), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while run.poll() is None and time.monotonic() < deadline:
        staged = [p for s in tmp_path.glob(".out.staging-*") for p in s.rglob("*.json")]
        if staged:  # the tables and the first report file are written, the rest are not
            break
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before it could be killed"
    assert [p.name for p in staged] == ["findings.json"]
    run.send_signal(signal.SIGKILL)
    run.wait()
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    explained = _explain(out, finding_id)
    assert explained.returncode == 0 and finding_id in explained.stdout
    # The next run takes the folder over and sweeps what the killed one left beside it.
    assert run_main(monkeypatch, "compare", str(good), str(other), "--out", str(out)) == 0
    assert _consistent(out) and _stories(out) == {GOOD_STORY, "other"}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_a_failure_while_writing_leaves_the_earlier_output_whole(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    import checker.report.writer as writer

    good = good_story(tmp_path)
    out = tmp_path / "out"
    assert run_main(monkeypatch, "compare", str(good), "--out", str(out)) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    calls = []

    def dies_on_the_third_file(path: Path, text: str) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    monkeypatch.setattr(writer, "atomic_write_text", dies_on_the_third_file)
    other = tmp_path / "other"
    article(other, "a.md", "a", "The storm cut power to 40 towns.")
    code = run_main(monkeypatch, "compare", str(good), str(other), "--out", str(out))
    stderr = capsys.readouterr().err
    assert code == 2
    assert re.search(r"^error: .*out/\S+: cannot write: No space left on device$", stderr, re.M)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_two_runs_into_one_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    good = good_story(tmp_path)
    other = good_story(tmp_path, "other", ("30", "33"))
    out = tmp_path / "out"
    assert (
        run_main(monkeypatch, "compare", str(good), str(other), "--out", str(out), "--format", "md")
        == 0
    )
    (out / "README.md").write_text("kept by hand\n", encoding="utf-8")
    assert _consistent(out) and _stories(out) == {GOOD_STORY, "other"}
    assert (out / "stories" / "other.html").exists()

    # One after the other: what the second run did not write is gone (a README stays).
    assert run_main(monkeypatch, "compare", str(good), "--out", str(out)) == 0
    assert _consistent(out) and _stories(out) == {GOOD_STORY}
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "stories/other.html" not in names and "findings.md" not in names
    assert (out / "README.md").read_text(encoding="utf-8") == "kept by hand\n"

    # At the same time: the second run fails at once, before any work, and changes nothing.
    before = (out / "findings.json").read_bytes()
    capsys.readouterr()
    with output_folder(out):  # a run holding the folder
        code = run_main(monkeypatch, "compare", str(other), "--out", str(out))
    stderr = capsys.readouterr().err
    assert code == 2
    assert re.search(r"^error: .*out: another checker run is writing this folder", stderr, re.M)
    assert (out / "findings.json").read_bytes() == before


def test_a_folder_checker_did_not_write_is_never_replaced(tmp_path: Path, monkeypatch, capsys):
    good = good_story(tmp_path)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious\n", encoding="utf-8")
    assert run_main(monkeypatch, "compare", str(good), "--out", str(mine)) == 2
    assert "holds files checker did not write" in capsys.readouterr().err
    assert sorted(p.name for p in mine.iterdir()) == ["thesis.tex"]


def test_output_files_follow_the_umask(tmp_path: Path, monkeypatch) -> None:
    good = good_story(tmp_path)
    old = os.umask(0o022)
    try:
        assert run_main(monkeypatch, "compare", str(good), "--out", str(tmp_path / "out")) == 0
    finally:
        os.umask(old)
    out = tmp_path / "out"
    modes = {p.relative_to(out).as_posix(): p.stat().st_mode & 0o777 for p in out.rglob("*")}
    assert set(modes.values()) == {0o644, 0o755}, modes
    assert modes["findings.json"] == 0o644 and modes["stories"] == 0o755
    assert (out.stat().st_mode & 0o777) == 0o755 and (out / MARKER).is_file()


def test_baseline_create_into_a_folder_is_bad_input(tmp_path: Path, monkeypatch, capsys):
    good = good_story(tmp_path)
    (tmp_path / "folder").mkdir()
    code = run_main(monkeypatch, "baseline", "create", str(good), "--out", str(tmp_path / "folder"))
    stderr = capsys.readouterr().err
    assert code == 2
    assert re.search(r"^error: .*folder: is a folder: --out needs a file name$", stderr, re.M)
    assert "Traceback" not in stderr


SUITE_MISSING_COLUMN = {
    "name": "house",
    "meta": {"checker_table": "documents"},
    "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "outlet"}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "no_such_column"}},
    ],
}


def test_a_suite_naming_a_missing_column_is_bad_input(tmp_path: Path, monkeypatch, capsys):
    pytest.importorskip("great_expectations", reason="the gate extra is not installed")
    good = good_story(tmp_path)
    suite = tmp_path / "house.json"
    suite.write_text(json.dumps(SUITE_MISSING_COLUMN), encoding="utf-8")
    out = tmp_path / "out"
    code = run_main(
        monkeypatch,
        "gate",
        str(good),
        "--suite",
        str(suite),
        "--fail-on",
        "none",
        "--out",
        str(out),
    )
    captured = capsys.readouterr()
    assert code == 2
    [error] = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert error.startswith(
        f"error: {suite}: expectations[1] (expect_column_values_to_not_be_null)"
        " cannot run on table 'documents'"
    )
    assert "no_such_column" in error
    # The rest was gated and reported: the shipped suites and the suite's good expectation.
    assert "gate INCOMPLETE" in captured.out
    rows = [line.split() for line in captured.out.splitlines()]
    assert ["documents", "expect_column_values_to_not_be_null", "outlet", "pass"] in [
        row[:4] for row in rows
    ]
    assert "no_such_column" not in captured.out
    assert (out / "gate-results.json").is_file()


def test_gate_from_a_folder_into_itself_keeps_every_table(tmp_path: Path, monkeypatch, capsys):
    pytest.importorskip("great_expectations", reason="the gate extra is not installed")
    out = tmp_path / "out"
    assert run_main(monkeypatch, "compare", str(good_story(tmp_path)), "--out", str(out)) == 0
    tables = sorted(p.name for p in out.glob("*.parquet"))
    assert run_main(monkeypatch, "gate", "--from", str(out), "--out", str(out)) == 1  # a major
    assert sorted(p.name for p in out.glob("*.parquet")) == tables
    assert (out / "gate.html").is_file()
    assert run_main(monkeypatch, "report", str(out)) == 0  # re-rendered from the tables alone
    assert (out / "gate.html").is_file() and _consistent(out)
