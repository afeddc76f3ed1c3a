"""A small invented story as report tables (shared by the report tests), plus view unit tests.

Four outlets report a harbour council vote; one is a syndicated copy of another. The findings
cover several checks, rules, severities and sides so filters have something to separate.
`hostile=True` puts script and markup payloads where article text, outlets and titles go.
"""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from checker.report.view import fold_copies, safe_link, sentence_parts, story_slug
from checker.schema import from_rows

STORY = "harbour-vote"
SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
IMG = "<img src=x onerror=window.__pwned=1>"
BREAKOUT = "</script><script>window.__pwned=2</script>"


# When each outlet published: the copy with its original, west-wire a day later.
PUBLISHED = {
    "north-gazette": datetime(2025, 3, 3, 9, 30, tzinfo=UTC),
    "south-post": datetime(2025, 3, 3, 9, 30, tzinfo=UTC),
    "east-echo": datetime(2025, 3, 3, 9, 45, tzinfo=UTC),
    "west-wire": datetime(2025, 3, 4, 8, 0, tzinfo=UTC),
}


def _evidence(outlet, side, value, sentence, copies=None, speaker=None, url=None):
    start = sentence.find(value)
    return {
        "outlet": outlet,
        "outlets": copies or [outlet],
        "side": side,
        "value": value,
        "sentence": sentence,
        "start": start if start >= 0 else None,
        "end": start + len(value) if start >= 0 else None,
        "speaker": speaker,
        "url": url or f"https://{outlet}.example/story",
        "published": PUBLISHED.get(outlet.split("<")[0]),
        "doc_id": f"doc-{outlet}",
        "claim_id": f"c-{outlet}-{value}",
    }


def sample_tables(hostile: bool = False) -> dict[str, pl.DataFrame]:
    bad = f"{SCRIPT}{IMG}" if hostile else ""
    west = f"west-wire{IMG}" if hostile else "west-wire"
    outlets = ["north-gazette", "south-post", "east-echo", west]
    pair = ["north-gazette", "south-post"]
    documents = from_rows(
        [
            {
                "doc_id": f"doc-{o}",
                "story": STORY,
                "outlet": o,
                "url": f"https://{o}.example/story",
                "title": f"Council backs harbour budget {bad}".strip(),
                "published": PUBLISHED[o.split("<")[0]],
                "text": "…",
                "duplicate_of": "doc-north-gazette" if o == "south-post" else None,
            }
            for o in outlets
        ],
        "documents",
    )
    sentence = "The plan sets aside 12 million for repairs to the sea wall."
    findings = [
        {
            "finding_id": "a1b2c3d4e5f60001",
            "rule_id": "quantity-mismatch",
            "check": "quantity",
            "severity": "major",
            "story": STORY,
            "fact_id": "fact-budget",
            "key": "quantity:repair_budget",
            "message": "repair_budget: 12 million against 15 million",
            "explanation": "Outlets give different amounts for the same budget line.",
            "outlets": sorted(outlets),
            "claim_ids": ["c1", "c2", "c3"],
            "evidence": [
                _evidence("north-gazette", "majority", "12 million", sentence, pair),
                _evidence("south-post", "majority", "12 million", sentence, pair),
                _evidence("east-echo", "majority", "12 million", sentence),
                _evidence(
                    west,
                    "minority",
                    "15 million",
                    f"Officials set aside 15 million for the sea wall. {bad}".strip(),
                    url="javascript:window.__pwned=3" if hostile else None,
                ),
            ],
            "status": "new",
        },
        {
            "finding_id": "a1b2c3d4e5f60002",
            "rule_id": "duration-mismatch",
            "check": "duration",
            "severity": "minor",
            "story": STORY,
            "fact_id": "fact-debate",
            "key": "quantity:debate_duration",
            "message": "debate_duration: nearly four hours against two hours",
            "explanation": "The length of the debate differs.",
            "outlets": ["east-echo", "north-gazette", "south-post"],
            "claim_ids": ["c4", "c5"],
            "evidence": [
                _evidence(
                    "north-gazette",
                    "majority",
                    "nearly four hours",
                    "The vote followed a debate that lasted nearly four hours.",
                    pair,
                ),
                _evidence(
                    "east-echo", "minority", "two hours", "After two hours of debate, it passed."
                ),
            ],
            "status": "new",
        },
        {
            "finding_id": "a1b2c3d4e5f60003",
            "rule_id": "speaker-conflict",
            "check": "attribution",
            "severity": "critical",
            "story": STORY,
            "fact_id": "fact-turning-point",
            "key": "statement:district point turning vote",
            "message": "the same quote is given to two people",
            "explanation": "One outlet attributes the mayor's words to a council member.",
            "outlets": ["east-echo", west],
            "claim_ids": ["c6", "c7"],
            "evidence": [
                _evidence(
                    "east-echo",
                    "majority",
                    "the mayor",
                    "The vote was a turning point, the mayor said.",
                    speaker="the mayor",
                ),
                _evidence(
                    west,
                    "disputed",
                    "a council member",
                    f"The vote was a turning point, a council member said.{bad}",
                    speaker=f"a council member{bad}",
                ),
            ],
            "status": "baselined",
        },
        {
            "finding_id": "a1b2c3d4e5f60004",
            "rule_id": "coverage-gap",
            "check": "coverage",
            "severity": "info",
            "story": STORY,
            "fact_id": None,
            "key": "statement:referendum",
            "message": "only one outlet reports the call for a referendum",
            "explanation": "",
            "outlets": [west],
            "claim_ids": ["c8"],
            "evidence": [
                _evidence(west, "candidate", "referendum", "Opponents called for a referendum."),
            ],
            "status": "new",
        },
    ]
    claims = from_rows(
        [
            {
                "claim_id": f"c{i}",
                "doc_id": f"doc-{o}",
                "story": STORY,
                "outlet": o,
                "sent_idx": i,
                "start": 0,
                "end": 10,
                "text": f"claim {i} {bad}".strip(),
                "topics": ["budget"],
                "quote": False,
                "stance": 0,
            }
            for i, o in enumerate(outlets + outlets, start=1)
        ],
        "claims",
    )
    facts = from_rows(
        [
            {
                "fact_id": "fact-turning-point",
                "story": STORY,
                "claim_id": "c3",
                "key": "statement:district point turning vote",
            },
            {
                "fact_id": "fact-turning-point",
                "story": STORY,
                "claim_id": "c4",
                "key": "statement:district point turning vote",
            },
            {"fact_id": "fact-wall", "story": STORY, "claim_id": "c1", "key": "statement:sea wall"},
            {
                "fact_id": "fact-budget",
                "story": STORY,
                "claim_id": "c1",
                "key": "quantity:repair_budget",
            },
        ],
        "facts",
    )
    return {
        "documents": documents,
        "claims": claims,
        "facts": facts,
        "findings": from_rows(findings, "findings"),
    }


def test_copies_are_folded_into_one_row() -> None:
    evidence = sample_tables()["findings"].row(0, named=True)["evidence"]
    rows = fold_copies(evidence)
    assert [(r["outlet"], r["also"]) for r in rows] == [
        ("east-echo", []),
        ("north-gazette", ["south-post"]),
        ("west-wire", []),
    ]
    assert [r["side"] for r in rows] == ["majority", "majority", "minority"]


def test_sentence_parts_use_the_span_or_find_the_value() -> None:
    entry = {"sentence": "It took two hours.", "start": 8, "end": 17, "value": "two hours"}
    assert sentence_parts(entry) == ("It took ", "two hours", ".")
    assert sentence_parts({**entry, "start": None, "end": None}) == ("It took ", "two hours", ".")
    assert sentence_parts({**entry, "start": 50, "end": 90, "value": "x"}) == (
        "It took two hours.",
        "",
        "",
    )


def test_only_http_links_are_clickable() -> None:
    assert safe_link("https://a.example/x") == "https://a.example/x"
    assert safe_link("javascript:alert(1)") is None
    assert safe_link(None) is None


def test_story_slugs_are_safe_and_distinct() -> None:
    assert story_slug("harbour-vote") == "harbour-vote"
    assert "/" not in story_slug("../etc/passwd")
    assert story_slug("a b") != story_slug("a-b")
