"""The `role` check: one person given roles that cannot both be true across outlets.

Roles come from claims.speaker_role and, for people named with a title but not quoted
("Former Governor Ana Ruiz met ..."), from a per-story regex over claim texts built
from the roles lexicon's titles and the story's names: its known speakers, and full names
written right after a title even when that person is never quoted ("The winner came from
Captain Ana Ruiz"); such a person is keyed by the name itself. Two roles conflict when
one marks a past office ("former", "ex-") and the other does not, or when both are offices one
person cannot hold at once (the lexicon's exclusive titles: "vice president" against "deputy
prime minister"); other titles may be held together or name one job ("coach" / "manager",
"CEO" / "founder"). A missing role never conflicts.
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
from checker.names import name_key
from checker.ruleset.params import RoleParams
from checker.ruleset.registry import CheckType

# English words that turn an office into a past one: grammar, not story data.
_PAST = re.compile(r"\b(?:former|ex|onetime|one-time|erstwhile|then)\b|\bex-", re.IGNORECASE)
# Words that may stand before a title in an appositive: "Former U.S.", "Israeli", "ex-".
# "former" up to three lower-case words before a title: "former coast guard spokesperson".
_PAST_BEFORE = re.compile(r"(?i:\b(?:former|ex-|onetime)\s*)(?:[a-z][\w.'’-]*\s+){0,3}$")
_ROLE_WORD = r"(?:[A-Z][\w.'’-]*|former|ex-\w+)"
_TITLE_REACH = 120  # characters before a name that may hold its title and up to 4 more words
# A run of capitalised words ("Civil Protection Chief Petra Varga"): the name is what follows
# its last title word. Names have two or three words here; a lone surname is too ambiguous.
_CAPITAL_RUN = r"(?:[A-Z][\w'’.-]*\s+){1,6}[A-Z][\w'’-]*"
_NAME_WORDS = (2, 3)


def role_titles(rule: Any) -> list[str]:
    """Title keys from the roles lexicon, longest first so "vice president" wins; with the
    trailing titles ("rescue chief"), which only this check reads."""
    lexicon = load_lexicon("roles", lexicon_dirs(rule))
    titles = [*(lexicon.get("titles") or []), *trailing_titles(rule)]
    return sorted({name_key(str(t)) for t in titles}, key=lambda t: (-len(t), t))


def trailing_titles(rule: Any) -> frozenset[str]:
    """Titles only this check reads: "chief" ends "Rescue Chief" but not "Chief Data Officer"."""
    words = load_lexicon("roles", lexicon_dirs(rule)).get("trailing_titles") or []
    return frozenset(name_key(str(t)) for t in words)


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


def titled_names(
    claims: pl.DataFrame, titles: list[str], not_names: frozenset[str]
) -> pl.DataFrame:
    """story, speaker: full names written right after a title, quoted or not.

    Capitalised runs are pulled out in one vectorized pass; only their few distinct texts are
    split in Python. A run's name is the words after its last title word, so titles written in
    capitals ("Chief Executive Officer") never pass for a name.
    """
    title_words = {word for title in titles for word in title.split()}
    runs = (
        claims.select("story", pl.col("text").str.extract_all(_CAPITAL_RUN).alias("run"))
        .explode("run")
        .drop_nulls("run")
        .unique(maintain_order=True)
    )
    rows = []
    for story, run in runs.iter_rows():
        name = name_after_title(run, title_words, not_names)
        if name is not None:
            rows.append({"story": story, "speaker": name})
    return pl.DataFrame(rows, schema={"story": pl.String, "speaker": pl.String}).unique(
        maintain_order=True
    )


def name_after_title(run: str, title_words: set[str], not_names: frozenset[str]) -> str | None:
    """The full name after the last title word of a capitalised run, if it is one."""
    words = run.split()
    keys = [name_key(w) for w in words]
    last_title = max((i for i, k in enumerate(keys) if k in title_words), default=None)
    if last_title is None:
        return None
    name_words = words[last_title + 1 :]
    name_words[-1:] = [re.sub(r"['’]s$", "", w) for w in name_words[-1:]]
    if not _NAME_WORDS[0] <= len(name_words) <= _NAME_WORDS[1]:
        return None
    if any(name_key(w) in not_names or "." in w for w in name_words):
        return None  # "Captain Ana Ruiz Monday", initials and abbreviations are not kept
    return " ".join(name_words)


def appositive_roles(
    claims: pl.DataFrame,
    titles: list[str],
    not_names: frozenset[str] = frozenset(),
    trailing: frozenset[str] = frozenset(),
) -> pl.DataFrame:
    """claim rows with speaker/speaker_role filled from "<title words> <Full Name>" in the text.

    One regex per story over the story's names: its speakers' (a speaker read as "Rescue Chief
    Ana Ruiz", its trailing title taken for a name, counts as "Ana Ruiz") and the full names
    written after a title anywhere in its claims.
    """
    title_alt = "|".join(r"\s+".join(map(re.escape, t.split())) for t in titles)
    frames = []
    # The regex runs only on claims that hold one of the story's names and some title word:
    # polars finds those in one vectorized pass (Aho-Corasick), per story partition.
    title_words = sorted({word for title in titles for word in title.split()})
    # "Vice President Ana Whitfield", and the appositive "The Governor, Ana Whitfield,":
    # a comma between a title and a name still names its holder.
    title_before = re.compile(rf"((?:{_ROLE_WORD}\s+){{0,4}}?(?i:{title_alt}))[.,]?\s+$")
    with_title = claims.filter(
        pl.col("text").str.contains_any(title_words, ascii_case_insensitive=True)
    )
    speakers = claims.filter(pl.col("speaker").str.contains(" ")).select("story", "speaker")
    misread = speakers["speaker"].unique().sort()
    cleaned = [name_after_title(n, set(trailing), not_names) or n for n in misread]
    named = pl.concat(
        [
            speakers.with_columns(pl.col("speaker").replace_strict(misread, cleaned)),
            titled_names(with_title, titles, not_names),
        ]
    ).sort("story", "speaker")
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
                    dict(
                        row,
                        speaker=name,
                        speaker_role=text[role_start:role_end],
                        speaker_text=text[role_start:name_end],
                    )
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


def role_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    titles, forms = role_titles(rule), title_forms(rule)
    exclusive = exclusive_titles(rule, forms)
    not_names = frozenset(
        name_key(str(w)) for w in load_lexicon("roles", lexicon_dirs(rule)).get("not_names") or []
    )
    claims = context.claim_view
    from_text = appositive_roles(claims, titles, not_names, trailing_titles(rule))
    from_text = from_text.drop("speaker_key").join(
        context.speakers, on=["story", "speaker"], how="left"
    )
    # A person named with a title but never quoted has no key yet: the name is the key.
    unkeyed = from_text.filter(pl.col("speaker_key").is_null())["speaker"].unique().sort()
    from_text = from_text.with_columns(
        pl.coalesce(
            "speaker_key",
            pl.col("speaker").replace_strict(
                unkeyed, [name_key(n) for n in unkeyed], default=None, return_dtype=pl.String
            ),
        ).alias("speaker_key")
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
        for conflict in [*past_conflicts(rows), *title_conflicts(rows, exclusive)]:
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
        if len(set().union(*support.values())) < 2:
            continue  # one copy naming both is its own muddle, not outlets disagreeing
        majority, minority = split_by_support(support)
        if majority is not None and not majority.startswith("former "):
            # A copy that calls a serving official "former" errs even where it also gives the
            # present title elsewhere (a lead against an embedded quote): other copies agree.
            minority = sorted({*minority, *(k for k in support if k.startswith("former "))})
        past_claims = frozenset(r["claim_id"] for r in holders if r["past"])
        if minority and past_claims not in reported:
            reported.add(past_claims)
            conflicts.append((f"past:{title}", by_label, majority, minority))
    return conflicts


def exclusive_titles(rule: Any, forms: dict[str, str]) -> frozenset[str]:
    """Offices one person cannot hold at once, in canonical form."""
    words = load_lexicon("roles", lexicon_dirs(rule)).get("exclusive_titles") or []
    return frozenset(forms.get(name_key(str(t)), name_key(str(t))) for t in words)


def title_conflicts(rows: list[dict[str, Any]], exclusive: frozenset[str]) -> list[Conflict]:
    """An exclusive office most copies give against another some copy gives instead.

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
    if majority not in exclusive:
        return []
    odd = [
        m
        for m in minority
        if m in exclusive and not related(majority, m) and (majority, m) not in together
    ]
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


ROLE = CheckType(
    "role",
    RoleParams,
    role_check,
    frozenset({"speaker", "roles"}),
    lexicons=("roles", "name_variants"),
)
