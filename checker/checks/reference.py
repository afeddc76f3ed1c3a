"""Reference mode: in a story with reference documents, only candidates that disagree with a
reference are reported, and the reference's wording is the other side of each finding.

A document is a reference when its role is "reference" (`--reference PATH`, or front matter
`role: reference`); every other document of its story is a candidate. Stories without a
reference are left as the checks found them. For the others, run_checks hands every rule to
ReferenceMode.run, which post-processes the check's findings:

- Copy groups are dissolved first (detach_references): a rewrite that changed one number is
  still a near-duplicate of its source, and folding the two into one voice would hide exactly
  the change reference mode is for. The match stage must see the same documents.
- Each finding's reference entries fix the truth: their position is their side, and on the
  sides that list several competing readings (minority, disputed) also their value. No
  reference entry: dropped (candidate against candidate is out of scope). References at two
  positions: dropped (reference against reference is never reported). Candidate entries at the
  reference's position agree and are dropped, the rest get side "candidate", the reference's
  side "reference"; a finding left with no candidate is dropped. So the checks' majority
  logic may well put a lone reference in the minority: the sides are re-read here. (On a
  minority side a candidate agreeing in other words, "over 20" for "more than 20", reads as
  another value; that needs the reference outvoted and a rewording, and errs towards showing.)
- A finding about one document's own consistency (a weekday that is not the date's, a zone
  conversion that does not add up) has no other side. On a candidate it stays, unless a
  reference has the same finding (same rule and key): then the candidate copied it faithfully.
- Messages: where the check's sides were majority/minority/disputed, its `{majority}` and
  `{minority}` describe sides, so the message is re-rendered with the reference's wording as
  majority and the candidates' as minority; every other value is the one the check rendered
  with (recorded on the way by RecordingRule). Other messages (stance: optimistic/pessimistic)
  are kept as the check wrote them.
- A dispute with no majority is settled by the reference: the finding takes the rule's own
  severity back (the check may have shown a lone dispute as a mere lead).
- Ids: fingerprints are recomputed from the new outlets and values, over the same rule,
  story, key and kind, so they stay stable across runs.
- Coverage is about absence, which evidence sides cannot express: its rules get
  reference_coverage instead (an omission is a fact a reference carries that a full-length
  candidate lacks; single-source is a substantive claim of candidates that no reference makes).
  `min_outlets` and `majority_share` do not apply: the reference is the other voice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import polars as pl

from checker.checks.context import CheckContext
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.ruleset.fingerprint import finding_fingerprint, normalize_value
from checker.schema import conform
from checker.sides import Side

REFERENCE_ROLE = "reference"  # documents.role of a reference (an evidence side is a Side)
# Sides on which a check lists several competing readings: there the value is the position.
_SPLIT_SIDES = frozenset({Side.MINORITY, Side.DISPUTED})
# Checks whose `{majority}` / `{minority}` message values describe these evidence sides.
_MAJORITY_SIDES = frozenset({Side.MAJORITY, Side.MINORITY, Side.DISPUTED})

Rendered = Mapping[tuple[str, str, str], Mapping[str, Any]]


class RecordingRule:
    """A rule as a check sees it, remembering the values each message was rendered with.

    Keyed by (story, key, message): the findings table keeps those, and values that render
    the same message are interchangeable for re-rendering it.
    """

    def __init__(self, rule: Any) -> None:
        self._rule = rule
        self.rendered: dict[tuple[str, str, str], dict[str, Any]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rule, name)

    def render(self, values: Mapping[str, Any]) -> str:
        message = self._rule.render(values)
        self.rendered.setdefault((values.get("story"), values.get("key"), message), dict(values))
        return message


def detach_references(documents: pl.DataFrame) -> pl.DataFrame:
    """`documents` as reference mode counts them: in a story with a reference, every document
    speaks for itself (`duplicate_of` cleared); other stories keep their copy groups.

    Copy groups exist so that a syndicated copy counts once towards a majority, and a copy
    that also carries the majority's value is not in conflict. Against a reference there is
    no majority to count, and a rewrite that changed one number is still a near-duplicate of
    its source (or of another rewrite): grouped, its change would vanish. The match stage must
    see the same documents, or it never compares a rewrite with its source. Idempotent.
    """
    stories = documents.filter(pl.col("role") == REFERENCE_ROLE)["story"].unique()
    if stories.is_empty():
        return documents
    return documents.with_columns(
        pl.when(pl.col("story").is_in(stories.implode()))
        .then(pl.lit(None, dtype=pl.String))
        .otherwise(pl.col("duplicate_of"))
        .alias("duplicate_of")
    )


@dataclass(frozen=True)
class ReferenceMode:
    context: CheckContext  # the run's tables, reference copy groups dissolved
    stories: frozenset[str]  # stories with at least one reference
    references: frozenset[str]  # doc_ids of the reference documents

    @classmethod
    def of(cls, context: CheckContext) -> ReferenceMode | None:
        """Reference mode for this run, or None when no document is a reference."""
        references = context.documents.filter(pl.col("role") == REFERENCE_ROLE)
        if references.is_empty():
            return None
        detached = replace(context, documents=detach_references(context.documents))
        return cls(detached, frozenset(references["story"]), frozenset(references["doc_id"]))

    def run(self, rule: Any, check: Callable[[Any, CheckContext], pl.DataFrame]) -> pl.DataFrame:
        """The rule's findings: as the check found them in stories without a reference,
        judged against the references in the others."""
        if rule.extends == "coverage":
            found = conform(check(rule, self.context), "findings")
            own = found.filter(~pl.col("story").is_in(sorted(self.stories)))
            return pl.concat([own, reference_coverage(rule, self.context, self.stories)])
        recorder = RecordingRule(rule)
        found = conform(check(recorder, self.context), "findings")
        rows = list(found.iter_rows(named=True))
        copied = {
            (row["story"], row["key"]) for row in rows if _own_problem(row) in self.references
        }
        kept = []
        for row in rows:
            if row["story"] not in self.stories:
                kept.append(row)
                continue
            judged = self.judge(rule, row, recorder.rendered, copied)
            if judged is not None:
                kept.append(judged)
        return findings_frame(kept)

    def judge(
        self,
        rule: Any,
        row: dict[str, Any],
        rendered: Rendered,
        copied: set[tuple[str, str]],
    ) -> dict[str, Any] | None:
        """The finding as a candidate's disagreement with the references, or None."""
        evidence = row["evidence"]
        own = _own_problem(row)
        if own is not None:
            if own in self.references or (row["story"], row["key"]) in copied:
                return None
            return _rebuilt(rule, row, [dict(e, side=Side.CANDIDATE) for e in evidence], rendered)
        truths = {_position(e) for e in evidence if e["doc_id"] in self.references}
        if len(truths) != 1:
            return None
        references = [
            dict(e, side=Side.REFERENCE) for e in evidence if e["doc_id"] in self.references
        ]
        candidates = [
            dict(e, side=Side.CANDIDATE)
            for e in evidence
            if e["doc_id"] not in self.references and _position(e) not in truths
        ]
        if not candidates:
            return None
        sides = {e["side"] for e in evidence}
        return _rebuilt(
            rule, row, references + candidates, rendered, rerender=sides <= _MAJORITY_SIDES
        )


def _own_problem(row: Mapping[str, Any]) -> str | None:
    """The doc_id of a finding about one document's own consistency: every entry from that
    document, on one side (a two-sided finding inside one article is a disagreement)."""
    evidence = row["evidence"] or []
    docs = {e["doc_id"] for e in evidence}
    one_side = len({e["side"] for e in evidence}) == 1
    return next(iter(docs)) if len(docs) == 1 and one_side else None


def _position(entry: Mapping[str, Any]) -> tuple[str, str | None]:
    """Where an entry stands: its side, and on sides with several readings its value too."""
    value = normalize_value(entry["value"] or "") if entry["side"] in _SPLIT_SIDES else None
    return entry["side"], value


def _describe(entries: list[dict[str, Any]]) -> str:
    """ "value (outlet, outlet); other value (outlet)": what one side says, and who says it."""
    by_value: dict[str, set[str]] = {}
    for entry in entries:
        by_value.setdefault(entry["value"] or "", set()).update(entry["outlets"] or [])
    return "; ".join(f"{value} ({', '.join(sorted(o))})" for value, o in sorted(by_value.items()))


def _outlet_list(entries: list[dict[str, Any]]) -> str:
    return ", ".join(sorted({o for e in entries for o in e["outlets"] or [e["outlet"]]}))


def _rebuilt(
    rule: Any,
    row: dict[str, Any],
    evidence: list[dict[str, Any]],
    rendered: Rendered,
    rerender: bool = False,
) -> dict[str, Any]:
    """The finding with new evidence: outlets, claim ids, id and (if asked) message follow."""
    evidence = sorted(evidence, key=lambda e: (e["side"], e["outlet"], e["claim_id"]))
    outlets = sorted({o for e in evidence for o in e["outlets"] or [e["outlet"]]})
    values = rendered.get((row["story"], row["key"], row["message"]), {})
    message = row["message"]
    if rerender and values:
        references = [e for e in evidence if e["side"] == Side.REFERENCE]
        candidates = [e for e in evidence if e["side"] == Side.CANDIDATE]
        message = rule.render(
            {
                **values,
                "majority": _describe(references),
                "minority": _describe(candidates),
                "majority_outlets": _outlet_list(references),
                "minority_outlets": _outlet_list(candidates),
            }
        )
    finding_id = finding_fingerprint(
        rule.id,
        row["story"],
        row["key"],
        values.get("kind"),
        outlets,
        [e["value"] or "" for e in evidence],
    )
    severity = row["severity"]
    if any(e["side"] == Side.DISPUTED for e in row["evidence"] or []):
        # A dispute with no majority (perhaps shown as a mere lead) is settled by the
        # reference: the candidate that departs from it drifted, at the rule's severity.
        severity = str(rule.severity)
    return dict(
        row,
        finding_id=finding_id,
        severity=severity,
        message=message,
        outlets=outlets,
        claim_ids=sorted({e["claim_id"] for e in evidence}),
        evidence=evidence,
    )


# --- coverage against the references -------------------------------------------------------


def reference_coverage(rule: Any, context: CheckContext, stories: frozenset[str]) -> pl.DataFrame:
    """Coverage findings of the reference stories, judged against their references."""
    units = _coverage_units(context, stories)
    if rule.params.mode == "single_source":
        return _single_source(rule, context, units)
    return _omissions(rule, context, units, float(rule.params.full_length_share))


def _coverage_units(context: CheckContext, stories: frozenset[str]) -> pl.DataFrame:
    """The story's claims, each with its unit: its statement fact, or the claim alone.

    Statement facts are connected groups of matched claims, so each claim is in one at most.
    """
    statements = context.facts.filter(pl.col("key").str.starts_with("statement:")).select(
        "fact_id", "claim_id", pl.col("key").alias("fact_key")
    )
    with_numbers = context.quantities["claim_id"].unique()
    return (
        context.claim_view.filter(pl.col("story").is_in(sorted(stories)))
        .join(statements, on="claim_id", how="left")
        .with_columns(
            pl.coalesce("fact_id", pl.lit("claim:") + pl.col("claim_id")).alias("unit"),
            (pl.col("role") == REFERENCE_ROLE).fill_null(False).alias("is_reference"),
            # What the single-source check calls substantive: a number or a named speaker.
            (
                pl.col("claim_id").is_in(with_numbers.implode()) | pl.col("speaker").is_not_null()
            ).alias("substantive"),
        )
        .sort("story", "unit", "claim_id")
    )


def _full_length_candidates(units: pl.DataFrame, share: float) -> dict[str, set[str]]:
    """story -> candidate copies with at least `share` of the references' median claim count.

    A brief rewrite is not expected to carry every fact of its source."""
    sizes = units.group_by("story", "copy_root", "is_reference").agg(pl.len().alias("n"))
    medians = (
        sizes.filter(pl.col("is_reference")).group_by("story").agg(pl.col("n").median().alias("m"))
    )
    full = sizes.join(medians, on="story").filter(
        ~pl.col("is_reference") & (pl.col("n") >= pl.col("m") * share)
    )
    found: dict[str, set[str]] = {}
    for story, root in full.select("story", "copy_root").iter_rows():
        found.setdefault(story, set()).add(root)
    return found


def _one_per_copy(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first claim of each copy: a copy speaks once in the evidence."""
    first: dict[str, dict[str, Any]] = {}
    for row in rows:
        first.setdefault(row["copy_root"], row)
    return list(first.values())


def _topic(rows: list[dict[str, Any]]) -> str:
    """What a unit is about: its fact's key words, or its claim's text."""
    fact_key = rows[0]["fact_key"]
    return fact_key.removeprefix("statement:") if fact_key else rows[0]["norm"][:60]


def _omissions(rule: Any, context: CheckContext, units: pl.DataFrame, share: float) -> pl.DataFrame:
    """A fact a reference carries and a full-length candidate lacks: one finding per fact."""
    full = _full_length_candidates(units, share)
    # Any claim of an omitting copy stands in for it in the evidence (outlet, URL).
    last_first = units.sort("claim_id", descending=True)
    stand_in = {row["copy_root"]: row for row in last_first.iter_rows(named=True)}
    found = []
    for (story, _unit), group in units.group_by(["story", "unit"], maintain_order=True):
        rows = list(group.iter_rows(named=True))
        references = [r for r in rows if r["is_reference"]]
        if not any(r["substantive"] or r["fact_id"] is not None for r in references):
            continue
        carriers = {r["copy_root"] for r in rows if not r["is_reference"]}
        omitted = sorted(full.get(story, set()) - carriers)
        if not omitted:
            continue
        evidence = [
            evidence_entry(r, Side.REFERENCE, r["text"], None, context.copy_outlets)
            for r in _one_per_copy(references)
        ]
        for root in omitted:
            absent = dict(stand_in[root], text="", speaker=None)
            evidence.append(evidence_entry(absent, Side.CANDIDATE, "", None, context.copy_outlets))
        topic = _topic(rows)
        values = {
            "majority": f"the reference ({', '.join(sorted({r['outlet'] for r in references}))})",
            "minority": ", ".join(sorted({o for r in omitted for o in context.copy_outlets[r]})),
            "topic": topic,
        }
        key = rows[0]["fact_key"] or f"reference:{topic}"
        fact = rows[0]["fact_id"]
        found.append(make_finding(rule, story, fact, key, "omission", evidence, values))
    return findings_frame(found)


def _single_source(rule: Any, context: CheckContext, units: pl.DataFrame) -> pl.DataFrame:
    """A substantive claim that candidates make and no reference does: one finding per fact."""
    found = []
    for (story, _unit), group in units.group_by(["story", "unit"], maintain_order=True):
        rows = list(group.iter_rows(named=True))
        if any(r["is_reference"] for r in rows) or not any(r["substantive"] for r in rows):
            continue
        evidence = [
            evidence_entry(r, Side.CANDIDATE, r["text"], None, context.copy_outlets)
            for r in _one_per_copy(rows)
        ]
        topic = _topic(rows)
        values = {
            "majority": "no reference",
            "minority": ", ".join(sorted({o for e in evidence for o in e["outlets"]})),
            "topic": topic,
        }
        key = f"single:{topic}"
        found.append(
            make_finding(rule, story, rows[0]["fact_id"], key, "single_source", evidence, values)
        )
    return findings_frame(found)
