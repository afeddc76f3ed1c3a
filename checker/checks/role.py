"""The `role` check: one person given roles that cannot both be true across outlets.

Roles come from claims.speaker_role and, for people named with a title but not quoted
("Former Governor Ana Ruiz met ..."), from a per-story regex over claim texts built
from the roles lexicon's titles and the story's known speaker names. Two roles conflict when
one marks a past office ("former", "ex-") and the other does not, or when their titles (from
the lexicon) are unrelated: neither title's words contain the other's ("chief executive" vs
"chief financial officer"; "envoy" and "special envoy" agree). A missing role never conflicts.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import polars as pl

from checker.checks.context import CheckContext
from checker.checks.dates import lexicon_dirs, side_names, split_by_support
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.errors import CheckerError
from checker.lexicons import load_lexicon
from checker.match.aliases import name_key
from checker.ruleset.registry import register_check

# English words that turn an office into a past one: grammar, not story data.
_PAST = re.compile(r"\b(?:former|ex|onetime|one-time|erstwhile|then)\b|\bex-", re.IGNORECASE)
# Words that may stand before a title in an appositive: "Former U.S.", "Israeli", "ex-".
# "former" up to three lower-case words before a title: "former coast guard spokesperson".
_PAST_BEFORE = re.compile(r"(?i:\b(?:former|ex-|onetime)\s*)(?:[a-z][\w.'’-]*\s+){0,3}$")
_ROLE_WORD = r"(?:[A-Z][\w.'’-]*|former|ex-\w+)"
_TITLE_REACH = 120  # characters before a name that may hold its title and up to 4 more words


def role_titles(rule: Any) -> list[str]:
    """Title keys from the roles lexicon, longest first so "vice president" wins."""
    titles = load_lexicon("roles", lexicon_dirs(rule)).get("titles") or []
    return sorted({name_key(str(t)) for t in titles}, key=lambda t: (-len(t), t))


def title_forms(rule: Any) -> dict[str, str]:
    """Other words for one office ("ceo" -> "chief executive officer"), from name_variants."""
    try:
        forms = load_lexicon("name_variants", lexicon_dirs(rule)).get("title_forms") or {}
    except CheckerError:  # a rule pack without the lexicon simply has no title forms
        forms = {}
    return {name_key(str(k)): name_key(str(v)) for k, v in forms.items()}


def titles_in(role: str, titles: list[str], forms: dict[str, str]) -> frozenset[str]:
    """The lexicon titles a role names (longest match first, no overlaps), in canonical form."""
    text = f" {name_key(role)} "
    found = set()
    for title in titles:
        marker = f" {title} "
        if marker in text:
            found.add(forms.get(title, title))
            text = text.replace(marker, " | ")
    return frozenset(found)


def is_past(role: str) -> bool:
    return bool(_PAST.search(role))


def related(a: str, b: str) -> bool:
    """One title's words contain the other's: "envoy" / "special envoy" are one office."""
    words_a, words_b = set(a.split()), set(b.split())
    return words_a <= words_b or words_b <= words_a


def appositive_roles(claims: pl.DataFrame, titles: list[str]) -> pl.DataFrame:
    """claim rows with speaker/speaker_role filled from "<title words> <Full Name>" in the text.

    One regex per story over the names its speakers already have: cheap, and it only ever
    attaches roles to people the extract stage knows.
    """
    title_alt = "|".join(r"\s+".join(map(re.escape, t.split())) for t in titles)
    frames = []
    named = claims.filter(pl.col("speaker").is_not_null() & pl.col("speaker").str.contains(" "))
    # The regex runs only on claims that hold one of the story's names and some title word:
    # polars finds those in one vectorized pass (Aho-Corasick), per story partition.
    title_words = sorted({word for title in titles for word in title.split()})
    title_before = re.compile(rf"((?:{_ROLE_WORD}\s+){{0,4}}?(?i:{title_alt}))\.?\s+$")
    with_title = claims.filter(
        pl.col("text").str.contains_any(title_words, ascii_case_insensitive=True)
    )
    by_story = with_title.partition_by("story", as_dict=True)
    for (story,), people in named.group_by(["story"], maintain_order=True):
        if (story,) not in by_story:
            continue
        names = sorted(set(people["speaker"].to_list()), key=lambda n: (-len(n), n))
        name_alt = "|".join(re.escape(n) for n in names)
        names_at = re.compile(rf"(?<!\w)({name_alt})(?!\w)")
        candidates = by_story[(story,)].filter(pl.col("text").str.contains_any(names))
        rows = []
        for row in candidates.iter_rows(named=True):
            text = row["text"]
            for role_start, role_end, name_end, name in _titled_names(text, names_at, title_before):
                if row["speaker"] == name and row["speaker_role"]:
                    continue  # the extract stage already read this person's role here
                past = _PAST_BEFORE.search(text, 0, role_start)
                if past is not None:
                    role_start = past.start()  # "former coast guard spokesperson"
                rows.append(
                    dict(row, speaker=name,
                         speaker_role=text[role_start:role_end],
                         speaker_text=text[role_start:name_end])
                )
        if rows:
            frames.append(pl.DataFrame(rows, schema=claims.schema, strict=False))
    return pl.concat(frames) if frames else claims.clear()


def _titled_names(
    text: str, names_at: re.Pattern[str], title_before: re.Pattern[str]
) -> list[tuple[int, int, int, str]]:
    """(role start, role end, name end, name) for each known name right after a title.

    Names are found first (a plain alternation is fast); the title is then looked for only in
    the few words before each name, instead of trying the title pattern at every position."""
    found = []
    for name in names_at.finditer(text):
        window = max(0, name.start() - _TITLE_REACH)
        title = title_before.search(text, window, name.start())
        if title is not None:
            found.append((title.start(1), title.end(1), name.end(), name.group(1)))
    return found


@register_check("role")
def role_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    titles, forms = role_titles(rule), title_forms(rule)
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
        rows = [
            dict(row, titles=titles_in(role, titles, forms), past=is_past(role))
            for row in group.iter_rows(named=True)
            for role in [row["speaker_role"]]
        ]
        for conflict in [*past_conflicts(rows), *title_conflicts(rows)]:
            found.append(_finding(rule, context, story, person, *conflict))
    return findings_frame(found)


Conflict = tuple[str, dict[str, list[dict[str, Any]]], str | None, list[str]]


def past_conflicts(rows: list[dict[str, Any]]) -> list[Conflict]:
    """Per office, "former X" in some copies against a serving "X" in most others.

    Related titles ("coach" / "head coach") name one office, so the same "former" mentions
    reach every one of them: each set of "former" mentions is reported once, under the most
    specific title that finds it (titles are tried longest first).
    """
    conflicts, reported = [], set()
    for title in sorted({t for r in rows for t in r["titles"]}, key=lambda t: (-len(t), t)):
        holders = [r for r in rows if any(related(title, t) for t in r["titles"])]
        by_label: dict[str, list[dict[str, Any]]] = {}
        for row in holders:
            by_label.setdefault(f"former {title}" if row["past"] else title, []).append(row)
        support = {label: {r["copy_root"] for r in members} for label, members in by_label.items()}
        majority, minority = split_by_support(support)
        past_claims = frozenset(r["claim_id"] for r in holders if r["past"])
        if minority and past_claims not in reported:
            reported.add(past_claims)
            conflicts.append((f"past:{title}", by_label, majority, minority))
    return conflicts


def title_conflicts(rows: list[dict[str, Any]]) -> list[Conflict]:
    """A title most copies give against an unrelated one some copy gives instead.

    Titles one copy gives together ("Commander ..., a coast guard spokesperson") are offices
    the person holds at once, never a conflict; a tie has no majority and is not reported.
    """
    together = {(a, b) for r in rows for a in r["titles"] for b in r["titles"]}
    copies: dict[str, set[str]] = {}
    for row in rows:
        copies.setdefault(row["copy_root"], set()).update(row["titles"])
    together |= {(a, b) for held in copies.values() for a in held for b in held}
    by_title: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        for title in row["titles"]:
            by_title.setdefault(title, []).append(row)
    support = {title: {r["copy_root"] for r in members} for title, members in by_title.items()}
    majority, minority = split_by_support(support)
    if majority is None:
        return []
    odd = [m for m in minority if not related(majority, m) and (majority, m) not in together]
    return [(f"title:{majority}", by_title, majority, odd)] if odd else []


def _finding(
    rule: Any,
    context: CheckContext,
    story: str,
    person: str,
    aspect: str,
    by_label: dict[str, list[dict[str, Any]]],
    majority: str | None,
    minority: list[str],
) -> dict[str, Any]:
    major_side, minor_side = side_names(majority)
    evidence, seen = [], set()
    sides = [(majority, major_side)] if majority else []
    for label, side in [*sides, *((m, minor_side) for m in minority)]:
        if label is None:
            continue
        for row in by_label[label]:
            if (row["copy_root"], label) in seen:
                continue  # one piece of evidence per copy and role
            seen.add((row["copy_root"], label))
            offset = row["text"].find(row["speaker_role"])
            span = (offset, offset + len(row["speaker_role"])) if offset >= 0 else None
            evidence.append(
                evidence_entry(row, side, row["speaker_role"], span, context.copy_outlets)
            )
    labels = [majority] if majority else []
    rows = [r for members in by_label.values() for r in members]
    speaker = sorted((r["speaker"] for r in rows), key=lambda n: (-len(n), n))[0]
    # Each side in the words most of its mentions use ("foreign minister", not one "minister").
    written = {
        label: Counter(m["speaker_role"] for m in members).most_common(1)[0][0]
        for label, members in by_label.items()
    }
    values = {
        "speaker": speaker,
        "majority": written[majority] if majority else "no majority",
        "minority": ", ".join(written[m] for m in minority),
        "roles": ", ".join(sorted({written[label] for label in [*labels, *minority]})),
    }
    return make_finding(rule, story, None, f"role:{person}:{aspect}", speaker, evidence, values)
