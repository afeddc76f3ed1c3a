"""Page furniture (rules/lexicons/boilerplate.yaml) never becomes a claim."""

from __future__ import annotations

from datetime import UTC, datetime

from checker.extract import extract
from checker.schema import from_rows

ARTICLE = (
    "By Dana Whitlock | 4 min read\n\n"
    "The bridge reopened on Monday after a two-year repair, the mayor said.\n\n"
    "Advertisement\n\n"
    "Read more: Council approves new budget\n\n"
    "Photo: Crews work on the bridge deck.\n\n"
    "Listen to our hourly bulletins on 97.4 FM.\n\n"
    "Sign up for our morning newsletter.\n\n"
    "Traffic returned to normal within an hour, police said."
)


def test_furniture_lines_are_not_claims_and_real_sentences_are() -> None:
    documents = from_rows(
        [
            {
                "doc_id": "d1",
                "story": "bridge",
                "outlet": "river-post",
                "text": ARTICLE,
                "published": datetime(2025, 6, 3, 9, tzinfo=UTC),
            }
        ],
        "documents",
    )
    claims = extract(documents)["claims"]["text"].to_list()
    assert claims == [
        "The bridge reopened on Monday after a two-year repair, the mayor said.",
        "Traffic returned to normal within an hour, police said.",
    ]
