"""Scale benchmark: `checker compare` end to end, in fresh processes, as a user runs it.

    python bench/bench_scale.py [--articles 2000] [--jobs N] [--work DIR]
                                [--skip-real] [--skip-dask] [--skip-cache] [--memory 20000]

Figures, each measured within this one run so that ratios hold on a busy machine:
- speed: the generator's corpus (--articles, 10 a story) and a corpus of real coverage
  (bench/real_derived.py, 1,823 articles in 200 stories): articles/s with `--jobs 1` and with
  `--jobs N` (default every core), the ratio, and whether findings.json is byte-identical;
- dask: the generated corpus on a LocalCluster of N single-threaded workers against the local
  engine, findings.json compared;
- cache: a cold run (empty cache) against a rerun where 5% of the articles are new, findings
  compared with a run without the cache;
- memory (--memory M): peak memory of the whole process tree (the command and its workers,
  sampled from /proc every 50 ms) at --articles and at M articles.
Every run is `python -m checker compare` with `--no-cache` unless the cache is measured.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` (and `checker`) importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import generate_corpus, write_corpus
from bench.real_derived import write_real_derived
from checker.engine import cpu_count


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    findings: bytes

    def rate(self, articles: int) -> float:
        return articles / self.seconds


def tree_rss_kb(root: int) -> int:
    """Resident memory of `root` and every process under it, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def compare(corpus: Path, out: Path, *options: str) -> Run:
    """One `checker compare` in a fresh process: wall time, peak tree memory, findings.json."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "checker", "compare", str(corpus), "--out", str(out), "-q"]
    started = time.perf_counter()
    process = subprocess.Popen([*command, *options])
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if code not in (0, 1):
        raise SystemExit(f"checker compare exited {code}: {' '.join(command + list(options))}")
    return Run(seconds, peak / 1024, (out / "findings.json").read_bytes())


def generated(root: Path, articles: int) -> Path:
    out = root / f"generated-{articles}"
    if not out.exists():
        docs, truth = generate_corpus(articles // 10, 10, 1)
        write_corpus(docs, truth, out)
    return out


def real(root: Path) -> Path:
    out = root / "real-derived"
    if not out.exists():
        write_real_derived(out)
    return out


def count(corpus: Path) -> int:
    return sum(1 for p in corpus.rglob("*") if p.suffix in {".txt", ".md"})


def speed(label: str, corpus: Path, work: Path, jobs: int) -> None:
    articles = count(corpus)
    one = compare(corpus, work / "out-j1", "--no-cache", "--jobs", "1")
    many = compare(corpus, work / f"out-j{jobs}", "--no-cache", "--jobs", str(jobs))
    print(
        f"{label:<14} {articles:>6} articles  --jobs 1: {one.seconds:6.1f} s "
        f"{one.rate(articles):6.1f} articles/s  --jobs {jobs}: {many.seconds:6.1f} s "
        f"{many.rate(articles):6.1f} articles/s  ratio {one.seconds / many.seconds:4.2f}x  "
        f"peak {one.peak_mb:4.0f} / {many.peak_mb:4.0f} MB  "
        f"findings.json identical: {one.findings == many.findings}",
        flush=True,
    )


def dask(corpus: Path, work: Path, jobs: int) -> None:
    from distributed import LocalCluster

    articles = count(corpus)
    local = compare(corpus, work / "out-local", "--no-cache", "--jobs", str(jobs))
    with LocalCluster(
        n_workers=jobs, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        on_dask = compare(
            corpus, work / "out-dask", "--no-cache", "--engine", "dask", "--scheduler", address
        )
    print(
        f"dask           {articles:>6} articles  local --jobs {jobs}: {local.seconds:6.1f} s "
        f"{local.rate(articles):6.1f} articles/s  dask ({jobs} workers): "
        f"{on_dask.seconds:6.1f} s {on_dask.rate(articles):6.1f} articles/s  "
        f"findings.json identical: {local.findings == on_dask.findings}",
        flush=True,
    )


def cache(corpus: Path, work: Path) -> None:
    """Cold run of the whole corpus against a rerun after 5% of its articles arrived, in two
    layouts: `spread`, one new article in every other story (the worst case: half the stories
    change), and `new stories`, the new articles being whole stories of their own (the usual
    case for a feed: today's articles are mostly today's stories)."""
    articles = sorted(p for p in corpus.rglob("*") if p.suffix in {".txt", ".md"})
    stories = sorted({p.parent for p in articles})
    grouped = [p for p in articles if p.parent in set(stories[:: len(stories) // 10 or 1][:10])]
    for layout, newcomers in (("spread", articles[::20]), ("new stories", grouped)):
        cold, warm, fresh = _rerun(corpus, work, newcomers)
        changed = len({p.parent for p in newcomers})
        print(
            f"cache          {len(articles):>6} articles  cold (empty cache): {cold.seconds:6.1f} s"
            f"  rerun with {len(newcomers)} new ({len(newcomers) / len(articles):.0%}, "
            f"{layout}: {changed} of {len(stories)} stories): {warm.seconds:6.1f} s  "
            f"speed-up {cold.seconds / warm.seconds:4.2f}x  "
            f"findings.json equal to a run without cache: {warm.findings == fresh.findings}",
            flush=True,
        )


def _rerun(corpus: Path, work: Path, newcomers: list[Path]) -> tuple[Run, Run, Run]:
    earlier = work / "earlier"
    shutil.rmtree(earlier, ignore_errors=True)
    shutil.copytree(corpus, earlier)
    for path in newcomers:
        (earlier / path.relative_to(corpus)).unlink()
    for folder in [p for p in earlier.iterdir() if p.is_dir() and not any(p.iterdir())]:
        folder.rmdir()
    cache_dir = work / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cold = compare(corpus, work / "out-cold", "--cache", str(cache_dir))
    shutil.rmtree(cache_dir)
    compare(earlier, work / "out-earlier", "--cache", str(cache_dir))  # yesterday's run
    # today: the same folder with the new articles in it
    for path in newcomers:
        (earlier / path.relative_to(corpus)).parent.mkdir(exist_ok=True)
        shutil.copy2(path, earlier / path.relative_to(corpus))
    warm = compare(earlier, work / "out-warm", "--cache", str(cache_dir))
    fresh = compare(earlier, work / "out-fresh", "--no-cache")
    return cold, warm, fresh


def memory(work: Path, small: int, large: int, jobs: int) -> None:
    runs = {}
    for articles in (small, large):
        corpus = generated(work, articles)
        runs[articles] = compare(corpus, work / "out-mem", "--no-cache", "--jobs", str(jobs))
    a, b = runs[small], runs[large]
    print(
        f"memory         peak of the process tree: {small} articles {a.peak_mb:.0f} MB, "
        f"{large} articles {b.peak_mb:.0f} MB, ratio {b.peak_mb / a.peak_mb:.2f}x  "
        f"({b.rate(large):.1f} articles/s at {large})",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=cpu_count())
    parser.add_argument("--work", type=Path, help="keep corpora and outputs here")
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-cache", action="store_true")
    parser.add_argument("--skip-speed", action="store_true", help="no --jobs 1 / N figures")
    parser.add_argument("--memory", type=int, metavar="M", help="also measure peak memory at M")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"cores: {cpu_count()}  jobs: {args.jobs}  work: {work}", flush=True)
    corpus = generated(work, args.articles)
    if not args.skip_speed:
        speed("generated", corpus, work, args.jobs)
    if not args.skip_real and not args.skip_speed:
        speed("real-derived", real(work), work, args.jobs)
    if not args.skip_dask:
        dask(corpus, work, args.jobs)
    if not args.skip_cache:
        cache(corpus, work)
    if args.memory:
        memory(work, args.articles, args.memory, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
