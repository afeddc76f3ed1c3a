"""The strict scorer: a run's findings against labels written by reading the articles.

Labels (`expected.yaml`, format in tests/corpus/real/README.md) name each discrepancy by its
sides: the value as written and every outlet that states it. A finding *opposes* a label when
its evidence puts the rows of one labelled side and the rows of another on different sides of
the finding, and never on the same one. An evidence row belongs to a labelled side when its
outlet (or a copy it stands for) is listed there and the value as written is in the row's
sentence or value.

- recall: labelled discrepancies at `minor` or above that some finding opposes;
- precision: findings at `minor` or above that oppose some labelled discrepancy;
- traps fired: look-alikes that some finding at `minor` or above opposes;
- exact: found labels whose finding has exactly the labelled outlets on each side, and the
  labelled severity.

Run `python -m bench.accuracy` (from the repository root) to score tests/corpus/real and print
the table; `--update-readme` writes it between the README's accuracy markers, where
tests/test_real_corpus.py reads the ratchet from.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REAL_CORPUS = ROOT / "tests" / "corpus" / "real"
README = ROOT / "README.md"
README_START = "<!-- accuracy:start -->"
README_END = "<!-- accuracy:end -->"

SEVERITIES = ("info", "minor", "major", "critical")
LABEL_CHECKS = (
    "quantity",
    "duration",
    "time",
    "date",
    "attribution",
    "role",
    "spelling",
    "stance",
    "coverage",
)
# The tool's check types that may answer a label of each kind.
FINDING_CHECKS: dict[str, frozenset[str]] = {
    **{check: frozenset({check}) for check in LABEL_CHECKS},
    "time": frozenset({"time", "timezone"}),
}
# Sides of a finding on which each value is its own side (both parties' claims, no majority).
SPLIT_BY_VALUE = frozenset({"disputed"})
# Checks that prove an error inside one article (a wrong time-zone conversion): their evidence
# holds the wrong side only; the label does not say which side is right, the arithmetic does.
SELF_EVIDENT = frozenset({"timezone"})
ALLOWED = frozenset({"update", "disputed", "info"})


class LabelError(ValueError):
    """A malformed expected.yaml, named with its file."""


@dataclass(frozen=True)
class LabelSide:
    value: str
    written: tuple[str, ...]  # the value and every other wording, normalised for search
    outlets: frozenset[str]


@dataclass(frozen=True)
class Label:
    story: str
    id: str
    check: str
    fact: str
    severity: str
    sides: tuple[LabelSide, ...]
    allow: str = ""
    note: str = ""

    def describe(self) -> str:
        values = " vs ".join(f"{s.value!r} ({', '.join(sorted(s.outlets))})" for s in self.sides)
        return f"{self.story}/{self.id} [{self.check}, {self.severity}] {self.fact}: {values}"


@dataclass(frozen=True)
class StoryLabels:
    story: str
    domain: str
    discrepancies: tuple[Label, ...]
    traps: tuple[Label, ...]


def normalise(text: str) -> str:
    """Case, quotes, dashes and spacing folded, so a value as written is found in a sentence
    however the pipeline cleaned it."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[\u2018\u2019\u201b\u2032`]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u2033]", '"', text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _side(raw: object, where: str) -> LabelSide:
    if not isinstance(raw, dict):
        raise LabelError(f"{where}: a side must be a mapping with value and outlets")
    value = str(raw.get("value") or "").strip()
    outlets = raw.get("outlets") or []
    also = raw.get("also") or []
    if not value or not isinstance(outlets, list) or not outlets or not isinstance(also, list):
        raise LabelError(f"{where}: a side needs `value` and a non-empty list of `outlets`")
    written = tuple(dict.fromkeys(normalise(w) for w in [value, *map(str, also)] if str(w)))
    return LabelSide(value, written, frozenset(str(o).strip().lower() for o in outlets))


def _label(raw: object, story: str, where: str) -> Label:
    if not isinstance(raw, dict):
        raise LabelError(f"{where}: each entry must be a mapping")
    check = str(raw.get("check") or "")
    if check not in LABEL_CHECKS:
        raise LabelError(f"{where}: unknown check {check!r} (one of {', '.join(LABEL_CHECKS)})")
    severity = str(raw.get("severity") or "minor")
    if severity not in SEVERITIES:
        raise LabelError(f"{where}: unknown severity {severity!r}")
    allow = str(raw.get("allow") or "")
    if allow and allow not in ALLOWED:
        raise LabelError(f"{where}: unknown allow {allow!r} (one of {', '.join(sorted(ALLOWED))})")
    sides = raw.get("sides")
    if not isinstance(sides, list) or len(sides) < 2:
        raise LabelError(f"{where}: needs at least two `sides`")
    return Label(
        story=story,
        id=str(raw.get("id") or where),
        check=check,
        fact=str(raw.get("fact") or ""),
        severity=severity,
        sides=tuple(_side(s, f"{where} side {n}") for n, s in enumerate(sides, start=1)),
        allow=allow,
        note=str(raw.get("note") or ""),
    )


def load_labels(path: Path) -> StoryLabels:
    """One story's labels; a malformed file raises LabelError naming it and the entry."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LabelError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise LabelError(f"{path}: expected a mapping at the top")
    story = str(data.get("story") or path.parent.name)
    parsed: dict[str, tuple[Label, ...]] = {}
    for section in ("discrepancies", "traps"):
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise LabelError(f"{path}: `{section}` must be a list")
        parsed[section] = tuple(
            _label(entry, story, f"{path}: {section} #{number}")
            for number, entry in enumerate(entries, start=1)
        )
    ids = [label.id for labels in parsed.values() for label in labels]
    if len(ids) != len(set(ids)):
        raise LabelError(f"{path}: ids must be unique")
    return StoryLabels(
        story, str(data.get("domain") or ""), parsed["discrepancies"], parsed["traps"]
    )


# ---------------------------------------------------------------- placing evidence on sides


def _row_outlets(row: dict) -> set[str]:
    outlets = {str(o).lower() for o in (row.get("outlets") or []) if o}
    if row.get("outlet"):
        outlets.add(str(row["outlet"]).lower())
    return outlets


def _row_side(row: dict) -> str:
    """The side of the finding a row stands on; disputed rows stand with their own value."""
    side = str(row.get("side") or "")
    if side in SPLIT_BY_VALUE:
        return f"{side}:{normalise(str(row.get('value') or ''))}"
    return side


def _spans(needle: str, haystack: str) -> list[tuple[int, int]]:
    return (
        [(m.start(), m.end()) for m in re.finditer(re.escape(needle), haystack)] if needle else []
    )


def _row_states(row: dict, side: LabelSide) -> bool:
    """The row's outlet is on the labelled side and its value is the labelled one: written in
    the row's value, or written in its sentence where the row's value sits (a sentence naming
    two people states only the one the row is about)."""
    if not _row_outlets(row) & side.outlets:
        return False
    sentence = normalise(str(row.get("sentence") or ""))
    value = normalise(str(row.get("value") or ""))
    value_spans = _spans(value, sentence)
    for written in side.written:
        if written in value:
            return True
        written_spans = _spans(written, sentence)
        if not written_spans:
            continue
        if not value_spans:
            return True  # the row's value is not locatable: the sentence alone decides
        if any(a < d + 2 and c < b + 2 for a, b in written_spans for c, d in value_spans):
            return True
    return False


def placement(finding: dict, label: Label) -> list[set[str]]:
    """For each labelled side, the sides of the finding whose rows state its value."""
    rows = finding.get("evidence") or []
    return [{_row_side(r) for r in rows if _row_states(r, side)} for side in label.sides]


def opposes(finding: dict, label: Label) -> tuple[int, int] | None:
    """The first pair of labelled sides this finding puts on different sides of its evidence
    (each on its own, never lumped with the other), or None."""
    if finding.get("check") not in FINDING_CHECKS[label.check]:
        return None
    if finding.get("story") != label.story:
        return None
    placed = placement(finding, label)
    if finding["check"] in SELF_EVIDENT:
        return _self_evident_pair(placed, label)
    for i in range(len(placed)):
        for j in range(i + 1, len(placed)):
            if placed[i] and placed[j] and not placed[i] & placed[j]:
                return (i, j)
    return None


def _self_evident_pair(placed: list[set[str]], label: Label) -> tuple[int, int] | None:
    """A one-article finding (a conversion proved wrong by arithmetic) answers a label when it
    quotes exactly one labelled side; the side it stands against is the largest other one."""
    quoted = [i for i, sides in enumerate(placed) if sides]
    if len(quoted) != 1:
        return None
    others = [i for i in range(len(label.sides)) if i != quoted[0]]
    other = max(others, key=lambda i: len(label.sides[i].outlets))
    return (min(quoted[0], other), max(quoted[0], other))


def _fires(finding: dict, trap: Label) -> bool:
    pair = opposes(finding, trap)
    if pair is None:
        return False
    if trap.allow == "disputed":
        placed = placement(finding, trap)
        sides = placed[pair[0]] | placed[pair[1]]
        return not all(s.split(":", 1)[0] in SPLIT_BY_VALUE for s in sides)
    return True


def _exact_outlets(finding: dict, label: Label, pair: tuple[int, int]) -> bool:
    """Each of the two labelled sides is exactly the outlets on its side of the finding."""
    placed = placement(finding, label)
    rows = finding.get("evidence") or []
    for index in pair:
        if not placed[index] and finding["check"] in SELF_EVIDENT:
            continue  # the side a one-article finding proves wrong without quoting
        on_side = set().union(*(_row_outlets(r) for r in rows if _row_side(r) in placed[index]))
        if on_side != set(label.sides[index].outlets):
            return False
    return True


# ---------------------------------------------------------------- scores


def at_or_above(severity: str, threshold: str) -> bool:
    return SEVERITIES.index(severity) >= SEVERITIES.index(threshold)


@dataclass
class StoryScore:
    story: str
    domain: str = ""
    outlets: int = 0
    labels: int = 0  # discrepancies at minor or above
    found: int = 0
    exact_outlets: int = 0
    exact_severity: int = 0
    info_labels: int = 0
    info_found: int = 0
    findings: int = 0  # at minor or above
    explained: int = 0
    traps: int = 0
    traps_fired: int = 0
    misses: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)
    by_check: dict[str, list[int]] = field(default_factory=dict)  # check: [labels, found]

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        return self.explained / self.findings if self.findings else 1.0

    def add(self, other: StoryScore) -> None:
        for name in [
            "outlets",
            "labels",
            "found",
            "exact_outlets",
            "exact_severity",
            "info_labels",
            "info_found",
            "findings",
            "explained",
            "traps",
            "traps_fired",
        ]:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for check, (labels, found) in other.by_check.items():
            mine = self.by_check.setdefault(check, [0, 0])
            mine[0] += labels
            mine[1] += found


def score_story(
    findings: Sequence[dict], labels: StoryLabels, threshold: str = "minor"
) -> StoryScore:
    """One story's score; `findings` are findings.json-shaped rows of any story."""
    own = [f for f in findings if f.get("story") == labels.story]
    result = StoryScore(labels.story, labels.domain)
    shown = [f for f in own if at_or_above(str(f["severity"]), threshold)]
    for label in labels.discrepancies:
        required = at_or_above(label.severity, threshold)
        pool = shown if required else own
        hits = [(f, pair) for f in pool if (pair := opposes(f, label))]
        per_check = result.by_check.setdefault(label.check, [0, 0])
        if required:
            result.labels += 1
            per_check[0] += 1
        else:
            result.info_labels += 1
        if not hits:
            if required:
                result.misses.append(label.describe())
            continue
        if not required:
            result.info_found += 1
            continue
        result.found += 1
        per_check[1] += 1
        if any(_exact_outlets(f, label, pair) for f, pair in hits):
            result.exact_outlets += 1
        if any(f["severity"] == label.severity for f, _ in hits):
            result.exact_severity += 1
    for finding in shown:
        result.findings += 1
        if any(opposes(finding, label) for label in labels.discrepancies):
            result.explained += 1
        else:
            result.unexplained.append(
                f"{finding['check']}/{finding['severity']}: {finding.get('message', '')}"
            )
    for trap in labels.traps:
        result.traps += 1
        if any(_fires(f, trap) for f in shown):
            result.traps_fired += 1
            result.fired.append(trap.describe())
    return result


def story_dirs(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if (p / "expected.yaml").is_file())


def outlet_count(story_dir: Path) -> int:
    """Distinct outlets in a story folder, from each article's front matter."""
    outlets = set()
    for path in story_dir.glob("*.txt"):
        head = path.read_text(encoding="utf-8").split("\n---", 1)[0]
        match = re.search(r"^outlet:\s*(\S+)", head, flags=re.MULTILINE)
        if match:
            outlets.add(match.group(1).strip("'\"").lower())
    return len(outlets)


def run_findings(corpus: Path) -> list[dict]:
    """Findings of one `checker` run over every story folder, as findings.json rows."""
    from checker.errors import Problems
    from checker.pipeline import run_pipeline
    from checker.report.json_findings import findings_json

    problems = Problems()
    tables = run_pipeline([str(d) for d in story_dirs(corpus)], problems=problems)
    if problems.has_errors:
        raise LabelError("; ".join(p.render() for p in problems))
    return json.loads(findings_json(tables["findings"]))["findings"]


def score_corpus(
    corpus: Path, findings: Iterable[dict] | None = None
) -> tuple[list[StoryScore], StoryScore]:
    """Per-story scores and their total; runs the pipeline unless findings are given."""
    rows = list(findings) if findings is not None else run_findings(corpus)
    stories = []
    total = StoryScore("all")
    for story_dir in story_dirs(corpus):
        labels = load_labels(story_dir / "expected.yaml")
        result = score_story(rows, labels)
        result.outlets = outlet_count(story_dir)
        stories.append(result)
        total.add(result)
    return stories, total


# ---------------------------------------------------------------- the table


def table(stories: Sequence[StoryScore], total: StoryScore) -> str:
    """The README's accuracy table (markdown), one row a story and the total last."""
    lines = [
        "| story | domain | outlets | recall | precision | traps fired | exact outlets "
        "| exact severity | info found |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in [*stories, total]:
        name = "**all**" if s is total else s.story
        lines.append(
            f"| {name} | {s.domain} | {s.outlets} | {s.recall:.2f} ({s.found}/{s.labels}) "
            f"| {s.precision:.2f} ({s.explained}/{s.findings}) | {s.traps_fired}/{s.traps} "
            f"| {s.exact_outlets}/{s.found} | {s.exact_severity}/{s.found} "
            f"| {s.info_found}/{s.info_labels} |"
        )
    return "\n".join(lines)


def by_check_table(total: StoryScore) -> str:
    rows = [
        f"| {check} | {found}/{labels} |"
        for check, (labels, found) in sorted(total.by_check.items())
    ]
    return "\n".join(["| check | found |", "|---|---|", *rows])


def read_readme_table(readme: Path = README) -> dict[str, tuple[float, float]]:
    """(recall, precision) per story and for `all`, as recorded in the README."""
    text = readme.read_text(encoding="utf-8")
    block = text.split(README_START, 1)[1].split(README_END, 1)[0]
    recorded = {}
    pattern = r"^\| (\*\*all\*\*|[\w-]+) \|[^|]*\|[^|]*\| ([\d.]+) \([^)]*\) \| ([\d.]+) "
    for match in re.finditer(pattern, block, flags=re.MULTILINE):
        recorded[match.group(1).strip("*")] = (float(match.group(2)), float(match.group(3)))
    return recorded


def update_readme(text_block: str, readme: Path = README) -> None:
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    readme.write_text(f"{head}{README_START}\n{text_block}\n{README_END}{tail}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REAL_CORPUS)
    parser.add_argument("--findings", type=Path, help="score a saved findings.json, not a run")
    parser.add_argument("--details", action="store_true", help="list misses, extras, traps")
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args(argv)
    try:
        findings = None
        if args.findings:
            findings = json.loads(args.findings.read_text(encoding="utf-8"))["findings"]
        stories, total = score_corpus(args.corpus, findings)
    except LabelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    block = table(stories, total)
    print(block)
    print()
    print(by_check_table(total))
    if args.details:
        for s in stories:
            print(f"\n## {s.story}")
            for kind, items in (
                ("missed", s.misses),
                ("unexplained", s.unexplained),
                ("trap fired", s.fired),
            ):
                for item in items:
                    print(f"- {kind}: {item}")
    if args.update_readme:
        update_readme(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
