"""The `role` check: one person given roles that cannot both be true across outlets.

Roles come from claims.speaker_role and, for people named with a title but not quoted
("Former U.S. President Donald Trump met ..."), from a per-story regex over claim texts built
from the roles lexicon's titles and the story's known speaker names. Two roles conflict when
one marks a past office ("former", "ex-") and the other does not, or when their titles (from
the lexicon) are unrelated: neither title's words contain the other's ("chief executive" vs
"chief financial officer"; "envoy" and "special envoy" agree). A missing role never conflicts.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from checker.checks.context import CheckContext
from checker.checks.dates import side_names, split_by_support
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.checks.spelling import lexicon_dirs
from checker.lexicons import load_lexicon
from checker.match.aliases import name_key
from checker.ruleset.registry import register_check

# English words that turn an office into a past one: grammar, not story data.
_PAST = re.compile(r"\b(?:former|ex|onetime|one-time|erstwhile|then)\b|\bex-", re.IGNORECASE)
# Words that may stand before a title in an appositive: "Former U.S.", "Israeli", "ex-".
_ROLE_WORD = r"(?:[A-Z][\w.'’-]*|former|ex-\w+)"


def role_titles(rule: Any) -> list[str]:
    """Title keys from the roles lexicon, longest first so "vice president" wins."""
    titles = load_lexicon("roles", lexicon_dirs(rule)).get("titles") or []
    return sorted({name_key(str(t)) for t in titles}, key=lambda t: (-len(t), t))


def titles_in(role: str, titles: list[str]) -> frozenset[str]:
    """The lexicon titles a role names, longest match first, no overlaps."""
    text = f" {name_key(role)} "
    found = set()
    for title in titles:
        marker = f" {title} "
        if marker in text:
            found.add(title)
            text = text.replace(marker, " | ")
    return frozenset(found)


def role_reading(role: str, titles: list[str]) -> tuple[bool, frozenset[str]]:
    """(is a past office, titles named): what is compared between outlets."""
    return bool(_PAST.search(role)), titles_in(role, titles)


def _compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Titles agree when one side names none, or some title's words contain the other's."""
    if not a or not b:
        return True
    return any(set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split())
               for x in a for y in b)


def conflict_label(reading: tuple[bool, frozenset[str]]) -> str:
    past, titles = reading
    label = " / ".join(sorted(titles)) or "role"
    return f"former {label}" if past else label


def appositive_roles(claims: pl.DataFrame, titles: list[str]) -> pl.DataFrame:
    """claim rows with speaker/speaker_role filled from "<title words> <Full Name>" in the text.

    One regex per story over the names its speakers already have: cheap, and it only ever
    attaches roles to people the extract stage knows.
    """
    title_alt = "|".join(r"\s+".join(map(re.escape, t.split())) for t in titles)
    frames = []
    named = claims.filter(pl.col("speaker").is_not_null() & pl.col("speaker").str.contains(" "))
    for (story,), people in named.group_by(["story"], maintain_order=True):
        names = sorted(set(people["speaker"].to_list()), key=lambda n: (-len(n), n))
        name_alt = "|".join(re.escape(n) for n in names)
        pattern = re.compile(
            rf"((?:{_ROLE_WORD}\s+){{0,4}}?(?i:{title_alt}))\.?\s+({name_alt})(?!\w)"
        )
        rows = []
        for row in claims.filter(pl.col("story") == story).iter_rows(named=True):
            for match in pattern.finditer(row["text"]):
                rows.append(
                    dict(row, speaker=match.group(2), speaker_role=match.group(1),
                         speaker_text=match.group(0))
                )
        if rows:
            frames.append(pl.DataFrame(rows, schema=claims.schema, strict=False))
    return pl.concat(frames) if frames else claims.clear()


@register_check("role")
def role_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    titles = role_titles(rule)
    claims = context.claim_view
    from_text = appositive_roles(claims, titles).drop("speaker_key").join(
        context.speakers, on=["story", "speaker"], how="left"
    )
    roles = (
        pl.concat([claims.select(from_text.columns), from_text])
        .filter(pl.col("speaker_key").is_not_null() & pl.col("speaker_role").is_not_null())
        .unique(["claim_id", "speaker_key", "speaker_role"], maintain_order=True)
        .sort("story", "speaker_key", "claim_id")
    )
    found = []
    for (story, person), group in roles.group_by(["story", "speaker_key"], maintain_order=True):
        rows = list(group.iter_rows(named=True))
        readings = {id(r): role_reading(r["speaker_role"], titles) for r in rows}
        support: dict[str, set[str]] = {}
        label_of: dict[str, tuple[bool, frozenset[str]]] = {}
        for row in rows:
            label = conflict_label(readings[id(row)])
            label_of[label] = readings[id(row)]
            support.setdefault(label, set()).add(row["copy_root"])
        majority, minority = split_by_support(support)
        if majority is not None:
            minority = [m for m in minority if _conflicts(label_of[majority], label_of[m])]
        elif not any(_conflicts(label_of[a], label_of[b]) for a in support for b in support):
            minority = []
        if not minority:
            continue
        found.append(
            _finding(rule, context, story, person, rows, readings, majority, minority)
        )
    return findings_frame(found)


def _conflicts(a: tuple[bool, frozenset[str]], b: tuple[bool, frozenset[str]]) -> bool:
    if a[0] != b[0]:
        return True
    return not _compatible(a[1], b[1])


def _finding(
    rule: Any,
    context: CheckContext,
    story: str,
    person: str,
    rows: list[dict[str, Any]],
    readings: dict[int, tuple[bool, frozenset[str]]],
    majority: str | None,
    minority: list[str],
) -> dict[str, Any]:
    major_side, minor_side = side_names(majority)
    evidence, seen = [], set()
    for row in rows:
        label = conflict_label(readings[id(row)])
        side = major_side if label == majority else minor_side if label in minority else None
        if side is None or (row["copy_root"], label) in seen:
            continue
        seen.add((row["copy_root"], label))
        offset = row["text"].find(row["speaker_role"])
        span = (offset, offset + len(row["speaker_role"])) if offset >= 0 else None
        evidence.append(
            evidence_entry(row, side, row["speaker_role"], span, context.copy_outlets)
        )
    speaker = sorted((r["speaker"] for r in rows), key=lambda n: (-len(n), n))[0]
    written = {conflict_label(readings[id(r)]): r["speaker_role"] for r in reversed(rows)}
    values = {
        "speaker": speaker,
        "majority": written.get(majority or "", "no majority"),
        "minority": ", ".join(written[m] for m in minority),
        "roles": ", ".join(sorted(set(written.values()))),
    }
    return make_finding(rule, story, None, f"role:{person}", speaker, evidence, values)
