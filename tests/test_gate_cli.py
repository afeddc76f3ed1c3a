"""`checker gate` end to end on article files: the whole pipeline, then great-expectations.

A clean corpus passes; one injected contradiction fails the gate and the printed table names
the failing expectation; a baseline accepts it, and a newly injected one fails again.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app

runner = CliRunner()

AGREEING = {
    "north-star": "Twelve people died when the bus left the mountain road on Friday, police "
    "said. Another 30 people were injured in the crash.",
    "valley-post": "Police said 12 people died when the bus left the mountain road. The crash "
    "injured 30 people, the regional hospital said.",
    "ridge-courier": "The bus crash on the mountain road killed 12 people, police said. Thirty "
    "people were injured.",
    "lake-times": "Officials said 12 people died in the bus crash on the mountain road. About "
    "30 people were injured.",
}


def write_article(folder: Path, outlet: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    front = f"---\noutlet: {outlet}\npublished: 2025-05-02T12:00:00Z\n---\n"
    (folder / f"{outlet}.txt").write_text(front + body + "\n", encoding="utf-8")


def gate(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["gate", *args])
    return result.exit_code, result.output


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    story = tmp_path / "bus-crash"
    for outlet, body in AGREEING.items():
        write_article(story, outlet, body)
    return story


def test_clean_then_contradiction_then_baseline_then_new_contradiction(
    corpus: Path, tmp_path: Path
) -> None:
    code, output = gate(str(corpus))
    assert code == 0, output

    write_article(
        corpus,
        "hill-herald",
        "Police said 21 people died when the bus left the "
        "mountain road. Thirty people were injured.",
    )
    code, output = gate(str(corpus))
    assert code == 1, output
    failing = [line for line in output.splitlines() if line.startswith("X ")]
    assert [line.split()[1:3] for line in failing] == [["major", "quantity-mismatch"]], output

    baseline = tmp_path / "baseline.json"
    result = runner.invoke(app, ["baseline", "create", str(corpus), "--out", str(baseline)])
    assert result.exit_code == 0, result.output
    code, output = gate(str(corpus), "--baseline", str(baseline))
    assert code == 0, output

    write_article(
        corpus,
        "coast-wire",
        "Police said 12 people died when the bus left the "
        "mountain road. The crash injured 80 people.",
    )
    code, output = gate(str(corpus), "--baseline", str(baseline))
    assert code == 1, output


def test_malformed_suite_exits_2_naming_its_path(corpus: Path, tmp_path: Path) -> None:
    suite = tmp_path / "broken-suite.json"
    suite.write_text('{"name": "claims", "expectations": [', encoding="utf-8")
    code, output = gate(str(corpus), "--suite", str(suite))
    assert code == 2
    assert str(suite) in output


def test_gate_run_opens_no_network_connection(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        attempts.append(address)
        host = address[0] if isinstance(address, tuple) else str(address)
        if host not in ("127.0.0.1", "::1", "localhost") and not str(address).startswith("/"):
            raise OSError(f"network access attempted: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    code, output = gate(str(corpus))
    assert code == 0, output
    assert not [a for a in attempts if not str(a).startswith(("/", "('127.", "('::1"))]


def test_min_confidence_lets_only_sure_findings_fail_the_gate(corpus: Path) -> None:
    """One outlet's 21 against four that say 12 is sure (0.8): it fails the gate at 0.75 and
    passes at 0.9, where nothing that sure is left."""
    write_article(
        corpus,
        "hill-herald",
        "Police said 21 people died when the bus left the "
        "mountain road. Thirty people were injured.",
    )
    code, output = gate(str(corpus), "--min-confidence", "0.75")
    assert code == 1, output
    code, output = gate(str(corpus), "--min-confidence", "0.9")
    assert code == 0, output
    code, output = gate(str(corpus), "--min-confidence", "1.5")
    assert code == 2, output


def test_without_great_expectations_the_gate_exits_2_with_the_install_hint(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "great_expectations" else real(name, *a),
    )
    code, output = gate(str(corpus))
    assert code == 2
    assert "pip install" in output and "gate" in output
    assert "PASSED" not in output and "Traceback" not in output


def test_a_rejected_input_never_reads_as_a_pass(corpus: Path) -> None:
    (corpus / "broken.json").write_text("{not json", encoding="utf-8")
    code, output = gate(str(corpus))
    assert code == 2
    assert "PASSED" not in output
    assert "broken.json" in output and "INCOMPLETE" in output
