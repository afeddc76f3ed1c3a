"""Disagreement between reported intervals: shared by the quantity and duration checks.

Every value is an interval ("more than 1,200" is (1200, inf)). Within one fact, overlapping
intervals (after tolerance) form a cluster; each cluster is supported by a set of independent
documents. In a cluster too thinly supported to be the majority, the documents that lack a
majority value the rest carry are the minority side of a finding.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process


@dataclass
class Reading:
    """One document's value for a fact."""

    claim_id: str
    start: int  # offset of the value in its document: a claim may hold several values
    copy_root: str
    outlet: str
    low: float
    high: float
    value: float
    text: str
    speaker_key: str | None
    published: object  # datetime or None; compared only when both sides have one


@dataclass
class Cluster:
    readings: list[Reading] = field(default_factory=list)
    low: float = math.inf
    high: float = -math.inf

    @property
    def support(self) -> set[str]:
        return {r.copy_root for r in self.readings}

    def label(self) -> str:
        texts = sorted({r.text for r in self.readings}, key=lambda t: (len(t), t))
        return texts[0] if texts else ""


LOWER_BOUND_REACH = 0.25  # "more than N" reaches N * 1.25 when compared: it reports about N


def widen(
    reading: Reading, relative: float, absolute: float, reach: float = LOWER_BOUND_REACH
) -> tuple[float, float]:
    """Half the tolerance on each side: two readings overlap when within one tolerance. An
    open upper bound is a reported figure, not "anything above": "at least 23" and "at least
    32" disagree, and "over 160 seats" is not 343."""
    slack = max(absolute, relative * abs(reading.value)) / 2
    high = reading.high if math.isfinite(reading.high) else max(reading.low, 0) * (1 + reach)
    return reading.low - slack, high + slack


def _sweep(spans: list[tuple[float, float, Reading]]) -> list[Cluster]:
    """Merge intervals that overlap, in order of their low end."""
    clusters: list[Cluster] = []
    for low, high, reading in spans:
        if clusters and low <= clusters[-1].high:
            current = clusters[-1]
            current.high = max(current.high, high)
        else:
            current = Cluster(low=low, high=high)
            clusters.append(current)
        current.readings.append(reading)
    return clusters


def cluster_readings(
    readings: list[Reading], relative: float, absolute: float, reach: float = LOWER_BOUND_REACH
) -> list[Cluster]:
    """Clusters of readings that can be one value.

    Exact figures are clustered first. A loose one ("about 121 million", "more than 1,600")
    then joins the one cluster it fits; fitting several, it cannot tell them apart and is left
    out, so it never bridges two exact figures that disagree ("84,217,350" and
    "84,216,350"). Loose figures that fit no exact cluster are clustered among themselves.
    """
    spans = sorted(
        ((*widen(r, relative, absolute, reach), r) for r in readings),
        # Content before ids (ids hash file paths): which reading stands for a copy is stable.
        key=lambda item: (item[0], item[1], item[2].outlet, item[2].text, item[2].claim_id),
    )
    exact = _sweep([span for span in spans if span[2].low == span[2].high])
    unplaced = []
    for low, high, reading in spans:
        if reading.low == reading.high:
            continue
        fits = [c for c in exact if low <= c.high and c.low <= high]
        if len(fits) == 1:
            fits[0].readings.append(reading)
        elif not fits:
            unplaced.append((low, high, reading))
    return sorted(exact + _sweep(unplaced), key=lambda c: (c.low, c.high))


@dataclass
class Disagreement:
    majority: list[Cluster]  # empty when no side has a majority (a tie)
    minority: list[Cluster]
    is_update: bool = False


def find_disagreements(
    clusters: list[Cluster], majority_share: float, growing: bool
) -> list[Disagreement]:
    """One disagreement per minority cluster whose documents miss a majority value."""
    if len(clusters) < 2:
        return []
    voices = set().union(*(c.support for c in clusters))
    needed = max(2, math.ceil(majority_share * len(voices)))
    majority = [c for c in clusters if len(c.support) >= needed]
    if not majority:
        return _dispute(clusters)
    if len(majority) == 2 and not (majority[0].support & majority[1].support):
        # Two camps, neither carrying the other's value: a dispute, not "four issues to one"
        # told by every outlet (there the same documents carry both values).
        return _dispute(majority)
    found = []
    for cluster in clusters:
        if cluster in majority:
            continue
        # Judge each document on its own: one that also carries every majority value is likely
        # using the number in another context ("the two sides"); the others still disagree.
        conflicting = {
            root for root in cluster.support if any(root not in m.support for m in majority)
        }
        if not conflicting:
            continue
        missed = [m for m in majority if conflicting - m.support and commensurable(cluster, m)]
        if not missed:
            continue
        minority = Cluster(
            readings=[r for r in cluster.readings if r.copy_root in conflicting],
            low=cluster.low,
            high=cluster.high,
        )
        found.append(
            Disagreement(
                majority=missed,
                minority=[minority],
                is_update=growing and all(is_growth(minority, m) for m in missed),
            )
        )
    return found


MAX_RATIO = 20.0  # figures further apart than this are of different things, unless a slip


def _digits(value: float) -> str:
    """The significant digits of a figure: 3.18 billion and 3.18 trillion share "318"."""
    return f"{abs(value):.6e}".split("e")[0].replace(".", "").rstrip("0")


def commensurable(a: Cluster, b: Cluster) -> bool:
    """Could two clusters be tellings of one figure? Within a factor of MAX_RATIO, or the same
    digits at another scale (a billion written for a trillion). "343 seats" against "three
    seats", or "eight minutes" against "five years", are figures of different things that
    their frames failed to tell apart."""
    for x in a.readings:
        for y in b.readings:
            low, high = sorted((abs(x.value), abs(y.value)))
            if low > 0 and high / low <= MAX_RATIO:
                return True
            if low > 0 and _digits(x.value) == _digits(y.value):
                return True
    return False


CHANGED_DIGIT_DIGITS = 4  # digits a figure needs before one changed digit marks a miscopy
NEAR_COPY_DIGITS = 3  # significant digits a figure needs before a one-digit slip is telling


_WRITTEN_NUMBER = re.compile(r"\d[\d,.]*")


def _written_digits(text: str) -> str:
    """The significant digits of the first number written in a figure's text: "121347491"
    for "84,217,350 miles", "318" for "$3.18 trillion", "" for "two hours"."""
    match = _WRITTEN_NUMBER.search(text)
    return re.sub(r"\D", "", match.group()).strip("0") if match else ""


def near_copies(a: Reading, b: Reading) -> bool:
    """Two figures that are one figure miscopied, read in the digits as written (a converted
    unit hides them): one digit but the last changed in four digits or more (84,217,350 and
    84,216,350), two neighbouring digits swapped (3,152 and 3,125), or the same digits at
    another scale (3.18 billion and 3.18 trillion). Figures of different things rarely share
    all that, so such a pair is one fact told wrong, even when no side has a majority."""
    da, db = _written_digits(a.text), _written_digits(b.text)
    if a.value == b.value or min(len(da), len(db)) < NEAR_COPY_DIGITS:
        return False
    if da == db:
        return True  # another scale
    if len(da) != len(db):
        return False
    differ = [i for i, (x, y) in enumerate(zip(da, db, strict=True)) if x != y]
    if len(differ) == 1:
        # A last digit that differs is rounding or a count that moved on ("43.5" and "43.7");
        # in three digits one changed is as often two different figures ("115 mph" at landfall
        # and "175 mph" a day before) as one miscopied.
        return len(da) >= CHANGED_DIGIT_DIGITS and differ[0] < len(da) - 1
    first, *rest = differ
    return rest == [first + 1] and da[first] == db[first + 1] and da[first + 1] == db[first]


def near_copy_clusters(a: Cluster, b: Cluster) -> bool:
    return any(near_copies(x, y) for x in a.readings for y in b.readings)


def _dispute(clusters: list[Cluster]) -> list[Disagreement]:
    """No side has a majority: two values, each held by documents the other lacks, are a
    dispute reported once; a scatter of three or more values with no majority is figures of
    different things that happen to share a frame, not one fact told two ways."""
    if len(clusters) != 2 or not commensurable(*clusters):
        return []
    first, second = clusters
    shared = first.support & second.support
    sides = [
        Cluster([r for r in c.readings if r.copy_root not in shared], c.low, c.high)
        for c in clusters
    ]
    if not all(side.readings for side in sides):
        return []
    return [Disagreement(majority=[], minority=sides)]


def same_source(a: set[str | None], b: set[str | None], cutoff: float) -> bool:
    """Do two sets of speaker keys share a source? Unnamed bodies are written many ways
    ("provincial disaster agency", "the provincial disaster risk office"), so near matches count."""
    named_a, named_b = sorted(a - {None}), sorted(b - {None})
    if not named_a or not named_b:
        return False
    scores = process.cdist(named_a, named_b, scorer=fuzz.token_set_ratio, score_cutoff=cutoff)
    return bool(scores.any())


def is_growth(earlier_or_later: Cluster, other: Cluster, source_cutoff: float = 60.0) -> bool:
    """A count that grew over time from one source: lower value strictly earlier, same source."""
    lower, higher = sorted((earlier_or_later, other), key=lambda c: c.high)
    lower_speakers = {r.speaker_key for r in lower.readings}
    higher_speakers = {r.speaker_key for r in higher.readings}
    if not same_source(lower_speakers, higher_speakers, source_cutoff):
        return False
    lower_times = [r.published for r in lower.readings if r.published is not None]
    higher_times = [r.published for r in higher.readings if r.published is not None]
    if not lower_times or not higher_times:
        return False
    return max(lower_times) < min(higher_times)
