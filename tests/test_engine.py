"""The story-partitioned engine (checker/engine): a run split by story, in one process, in a
process pool or on Dask, gives the same findings.json, pages and tables as one pass over the
whole corpus, in any input order; the extraction cache changes nothing but the time."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import polars as pl
import pytest

from bench.generate import generate_corpus, write_corpus
from checker.cli import main
from checker.engine import EngineOptions, make_spec, run_partitioned
from checker.ingest import ingest
from checker.pipeline import TABLE_ORDER, run_pipeline, run_stages
from checker.report.writer import write_report
from checker.rulepack import RulePack
from checker.ruleset.config import load_config

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
REAL = ROOT / "tests" / "corpus" / "real"


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["checker", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    return int(exited.value.code or 0)


def report_files(folder: Path) -> dict[str, bytes]:
    """findings.json, index.html and every story page, by relative path."""
    files = [folder / "findings.json", folder / "index.html", *folder.glob("stories/*.html")]
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(files)}


def sorted_table(folder: Path, name: str) -> pl.DataFrame:
    frame = pl.read_parquet(folder / f"{name}.parquet")
    flat = [name for name, dtype in frame.schema.items() if not dtype.is_nested()]
    return frame.sort(flat) if frame.height else frame


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """12 generated stories of 8 articles, with planted discrepancies and syndicated copies."""
    out = tmp_path_factory.mktemp("gen") / "corpus"
    docs, truth = generate_corpus(12, 8, 5)
    write_corpus(docs, truth, out)
    return out


@pytest.fixture(scope="module")
def one_pass(tmp_path_factory: pytest.TempPathFactory, generated: Path) -> Path:
    """The generated corpus the way every run went before the engine: one pass, in memory."""
    out = tmp_path_factory.mktemp("one-pass")
    tables = run_pipeline([str(generated)])
    write_report(out, tables)
    from checker.tables_io import write_tables

    write_tables(out, tables)
    return out


def test_jobs_1_jobs_2_and_one_pass_write_identical_reports(
    generated: Path, one_pass: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_main(monkeypatch, "compare", str(generated), "--out", "j1", "-j", "1") == 0
    assert run_main(monkeypatch, "compare", str(generated), "--out", "j2", "-j", "2") == 0
    expected = report_files(one_pass)
    assert len(expected) == 2 + 12 and b'"findings": [\n' in expected["findings.json"]
    assert report_files(tmp_path / "j1") == expected
    assert report_files(tmp_path / "j2") == expected
    for name in TABLE_ORDER:  # the same rows; streamed tables come in story order
        assert sorted_table(tmp_path / "j2", name).equals(sorted_table(one_pass, name)), name


def test_reversed_input_order_gives_identical_findings(
    generated: Path, one_pass: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    stories = sorted(str(p) for p in generated.iterdir())
    assert run_main(monkeypatch, "compare", *reversed(stories), "--out", "rev", "-j", "2") == 0
    assert report_files(tmp_path / "rev") == report_files(one_pass)


@pytest.mark.parametrize("corpus", [SEEDS, REAL], ids=["seeds", "real"])
def test_partitioned_tables_equal_one_pass_tables_row_for_row(corpus: Path) -> None:
    documents = ingest([str(corpus)])
    pack = RulePack.load([])
    whole = run_stages(documents, pack)
    spec = make_spec(pack, load_config(), [], EngineOptions(jobs=1))
    merged, stats = run_partitioned(documents, spec, EngineOptions(jobs=1))
    assert stats.stories == documents["story"].n_unique() > 1
    for name in TABLE_ORDER:
        assert merged[name].equals(whole[name]), name


def test_a_cached_rerun_extracts_only_new_articles_and_writes_the_same_report(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    shutil.copytree(generated, corpus)
    held_back = sorted(corpus.glob("*/*.txt"))[::16]  # 6 of 96 articles arrive later
    moved = tmp_path / "later"
    moved.mkdir()
    for path in held_back:
        (moved / path.parent.name).mkdir(exist_ok=True)
        path.rename(moved / path.parent.name / path.name)
    cache = ["--cache", str(tmp_path / "cache"), "-v", "-j", "2"]
    assert run_main(monkeypatch, "compare", str(corpus), "--out", "first", *cache) == 0
    assert "extraction cache: 0 articles read, 90 extracted" in capsys.readouterr().err
    for path in held_back:
        (moved / path.parent.name / path.name).rename(path)
    assert run_main(monkeypatch, "compare", str(corpus), "--out", "warm", *cache) == 0
    # the 6 stories that got an article run again, their other 42 articles from the
    # extraction cache; the other 6 stories are read whole from the story cache
    assert (
        "stories: 12 in 2 processes, 6 unchanged (read from the cache); "
        "extraction cache: 42 articles read, 6 extracted"
    ) in capsys.readouterr().err
    cold = ["--no-cache", "-j", "1"]
    assert run_main(monkeypatch, "compare", str(corpus), "--out", "cold", *cold) == 0
    assert report_files(tmp_path / "warm") == report_files(tmp_path / "cold")
    for name in TABLE_ORDER:
        warm, fresh = sorted_table(tmp_path / "warm", name), sorted_table(tmp_path / "cold", name)
        assert warm.equals(fresh), name


def test_a_fully_cached_run_never_calls_the_extractor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cache = ["--cache", str(tmp_path / "cache"), "-j", "1"]
    assert run_main(monkeypatch, "compare", str(SEEDS), "--out", "cold", *cache) == 0

    def never(*args, **kwargs):
        raise AssertionError("ran although the cache holds the result")

    # unchanged stories: not one stage runs
    with monkeypatch.context() as patched:
        patched.setattr("checker.pipeline.run_stages", never)
        assert run_main(monkeypatch, "compare", str(SEEDS), "--out", "stories", *cache) == 0
    # without the story results, every article is still in the extraction cache
    shutil.rmtree(tmp_path / "cache" / "story")
    monkeypatch.setattr("checker.extract.extract", never)
    assert run_main(monkeypatch, "compare", str(SEEDS), "--out", "articles", *cache) == 0
    cold = report_files(tmp_path / "cold")
    assert report_files(tmp_path / "stories") == cold
    assert report_files(tmp_path / "articles") == cold
    for name in TABLE_ORDER:
        stored = pl.read_parquet(tmp_path / "stories" / f"{name}.parquet")
        assert stored.equals(pl.read_parquet(tmp_path / "cold" / f"{name}.parquet")), name


def test_a_changed_lexicon_or_a_broken_entry_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache"
    args = ["--cache", str(cache), "-j", "1", "-v"]
    assert run_main(monkeypatch, "compare", str(SEEDS), "--out", "a", *args) == 0
    capsys.readouterr()
    entries = sorted(cache.glob("extract/*/*.json"))
    assert len(entries) == 34
    stories = sorted(cache.glob("story/*/*/entry.json"))
    assert len(stories) == 5
    rules = tmp_path / "house"
    stance = (ROOT / "rules" / "lexicons" / "stance.yaml").read_text(encoding="utf-8")
    (rules / "lexicons").mkdir(parents=True)
    (rules / "lexicons" / "stance.yaml").write_text(stance + "\n# one more line\n", "utf-8")
    code = run_main(monkeypatch, "compare", str(SEEDS), "--out", "b", *args, "--rules", str(rules))
    assert code == 0
    err = capsys.readouterr().err  # no story and no article is reused
    assert "stories: 5 in this process; extraction cache: 0 articles read, 34 extracted" in err
    assert len(list(cache.glob("extract/*/*.json"))) == 2 * 34  # other keys, nothing overwritten
    assert len(list(cache.glob("story/*/*/entry.json"))) == 2 * 5
    # a story entry that cannot be read is run again (its articles from the extraction cache)
    stories[0].write_text("{not json", encoding="utf-8")
    assert run_main(monkeypatch, "compare", str(SEEDS), "--out", "c", *args) == 0
    err = capsys.readouterr().err
    assert "stories: 5 in this process, 4 unchanged (read from the cache)" in err
    # an extraction entry that cannot be read is extracted again
    shutil.rmtree(cache / "story")
    entries[0].write_text("{not json", encoding="utf-8")
    assert run_main(monkeypatch, "compare", str(SEEDS), "--out", "d", *args) == 0
    assert "extraction cache: 33 articles read, 1 extracted" in capsys.readouterr().err
    # a setting that changes the findings is part of the story key too
    assert run_main(monkeypatch, "compare", str(SEEDS), "--out", "e", *args) == 0
    assert "5 unchanged" in capsys.readouterr().err
    assert (
        run_main(monkeypatch, "compare", str(SEEDS), "--out", "f", *args, "--min-confidence", "0.5")
        == 0
    )
    assert "unchanged" not in capsys.readouterr().err
    for run in ("c", "d", "e"):
        assert report_files(tmp_path / run) == report_files(tmp_path / "a"), run


def test_no_cache_reads_and_writes_no_cache(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert run_main(monkeypatch, "compare", str(SEEDS), "--out", "o", "--no-cache", "-v") == 0
    assert "extraction cache" not in capsys.readouterr().err
    assert not (tmp_path / "xdg").exists()
    assert run_main(monkeypatch, "compare", str(SEEDS), "--out", "p", "-v") == 0
    assert "34 extracted" in capsys.readouterr().err
    assert list((tmp_path / "xdg" / "checker" / "extract").glob("*/*.json"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "spark"], "unknown engine 'spark'"),
        (["--engine", "dask"], "--engine dask needs --scheduler ADDRESS"),
        (["--scheduler", "tcp://127.0.0.1:1"], "only --engine dask uses a scheduler"),
        (["--jobs", "-1"], "expected 0 (every core) or a positive number"),
    ],
)
def test_bad_engine_options_are_one_usage_error(
    args: list[str], message: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_main(monkeypatch, "compare", str(SEEDS), "--out", "o", *args) == 2
    err = capsys.readouterr().err
    assert err.count("error:") == 1 and message in err
    assert not (tmp_path / "o").exists()


def test_a_broken_lexicon_in_a_worker_is_one_error_naming_the_file(
    generated: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    rules = tmp_path / "house"
    (rules / "lexicons").mkdir(parents=True)
    (rules / "lexicons" / "stance.yaml").write_text("positive: [unclosed\n", encoding="utf-8")
    code = run_main(
        monkeypatch, "compare", str(generated), "--out", "o", "-j", "2", "--rules", str(rules)
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("error:") == 1 and "stance.yaml" in err and "Traceback" not in err


def test_dask_on_a_local_cluster_writes_the_local_engine_s_report(
    generated: Path, one_pass: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    monkeypatch.chdir(tmp_path)
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        code = run_main(
            monkeypatch,
            "compare",
            str(generated),
            "--out",
            "dask",
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--cache",
            str(tmp_path / "cache"),
        )
    assert code == 0
    assert report_files(tmp_path / "dask") == report_files(one_pass)


@pytest.mark.parametrize("corpus", [SEEDS, REAL], ids=["seeds", "real"])
def test_findings_json_from_story_rows_is_findings_json_byte_for_byte(corpus: Path) -> None:
    from checker.engine.partition import story_order
    from checker.report.json_findings import (
        findings_json,
        findings_json_pieces,
        findings_rows_json,
    )

    findings = run_pipeline([str(corpus)])["findings"]
    parts = findings.partition_by("story", as_dict=True)
    blocks = [findings_rows_json(parts[s]) for s in sorted(parts, key=lambda s: story_order(s[0]))]
    by_severity = dict(findings.group_by("severity").len().iter_rows())
    assert findings.height > 10 and len(blocks) > 1
    assert "".join(findings_json_pieces(by_severity, blocks)) == findings_json(findings)
    none = findings.clear()
    assert "".join(findings_json_pieces({}, [])) == findings_json(none)


def test_stories_spread_over_folders_are_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """compare reads one folder at a time and spills per story: a story whose articles sit in
    several folders (each names its story) is still checked as one story."""
    monkeypatch.chdir(tmp_path)
    mixed = tmp_path / "mixed"
    articles = sorted(p for p in SEEDS.glob("*/*") if p.suffix in {".txt", ".md"})
    for index, path in enumerate(articles):  # every story split over both folders
        target = mixed / ("even" if index % 2 == 0 else "odd") / f"{path.parent.name}-{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    expected = tmp_path / "one-pass"
    write_report(expected, run_pipeline([str(mixed)]))
    assert (
        run_main(monkeypatch, "compare", str(mixed), "--out", "out", "--no-cache", "-j", "1") == 0
    )
    assert report_files(tmp_path / "out") == report_files(expected)
    assert len(list((tmp_path / "out").glob("stories/*.html"))) == 5
    assert not (tmp_path / "out" / ".ingest").exists()


def test_an_extract_table_the_extraction_cache_cannot_hold_is_passed_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should extract return a new table, the extraction cache stores nothing and returns
    extract's tables as they are (the story cache holds whatever tables a story has)."""
    import checker.extract as extract_module
    from checker.engine.cache import ExtractionCache, extract_cached

    documents = ingest([str(SEEDS / "cup-final")])
    original = extract_module.extract

    def with_lengths(frame: pl.DataFrame, **kwargs) -> dict[str, pl.DataFrame]:
        tables = original(frame, **kwargs)
        return {**tables, "lengths": frame.select("doc_id", pl.col("text").str.len_chars())}

    monkeypatch.setattr(extract_module, "extract", with_lengths)
    cache = ExtractionCache(tmp_path / "cache", "salt")
    pack = RulePack.load([])
    tables = extract_cached(documents, pack.extract_config, cache)
    assert list(tables) == [*original(documents), "lengths"]
    assert tables["lengths"].height == documents.height
    assert tables["claims"].equals(original(documents)["claims"])
    assert not (tmp_path / "cache").exists()
    assert (cache.stats.hits, cache.stats.misses) == (0, documents.height)
