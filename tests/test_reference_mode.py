"""Reference mode through the real pipeline: small articles written into tmp_path, one of them
the reference (`reference=[path]`, as `compare --reference PATH` passes it, or `role:
reference` in its front matter); only candidates that disagree with it may be reported.

The story is invented: port strike talks. The changed candidates carry one discrepancy of each
kind against the reference: a number (arrests), a duration, a weekday, a "former" role, a
misspelt name, a quote given to another speaker and a quote made stronger ("may" -> "will").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from checker.pipeline import run_pipeline

STORY = "port-talks"

REFERENCE = """\
Negotiators for the dockworkers' union and the Halvern Port Authority met for two hours on \
Tuesday in a bid to end the strike, mediators said.

Police arrested 12 protesters outside the port gates during the talks.

Union leader Dario Vossberg said the talks had been constructive. "We may reach a deal before \
the weekend if the authority moves on pensions," Vossberg told reporters.

Port Authority Chair Helena Marquardt said 4,200 workers were covered by the contract. \
"Nobody wants this strike to last another month," Marquardt said.

Mediator Ottilie Branson said the two sides would meet again on Thursday.
"""

# Every fact of the reference, in other words.
AGREEING = """\
Shipping lines have diverted vessels to other harbours along the coast while the dispute \
drags on.

Union and port authority negotiators met on Tuesday for two hours, trying to end the \
dockworkers' strike, according to mediators.

During the talks, police arrested 12 protesters at the port gates.

"We may reach a deal before the weekend if the authority moves on pensions," union leader \
Dario Vossberg told reporters, calling the talks constructive.

"Nobody wants this strike to last another month," said Port Authority Chair Helena \
Marquardt, adding that 4,200 workers were covered by the contract.

Mediator Ottilie Branson said the two sides would meet again on Thursday.
"""

# Three independent rewrites with the same changes; the first also leaves out the mediator
# and adds a claim of its own.
CHANGED = {
    "rewritenews": """\
Union and port authority negotiators met on Monday for about an hour, trying to end the \
dockworkers' strike, according to mediators.

During the talks, police arrested 20 protesters at the port gates.

"We will reach a deal before the weekend if the authority moves on pensions," union leader \
Dario Vosberg told reporters, calling the talks constructive.

"Nobody wants this strike to last another month," Vosberg said. Former Port Authority Chair \
Helena Marquardt added that 4,200 workers were covered by the contract.

Port spokesman Anton Leder said 300 containers were stuck on the quay.

Local shop owners near the harbour say business has slowed sharply since the walkout began.
""",
    "quayside-daily": """\
Negotiators for the union and the Halvern Port Authority held talks for about an hour on \
Monday, mediators said, as both sides tried to end the dockworkers' strike.

Police arrested 20 protesters at the port gates while the negotiators met.

Dario Vosberg, the union leader, described the talks as constructive. "We will reach a deal \
before the weekend if the authority moves on pensions," Vosberg told reporters.

Former Port Authority Chair Helena Marquardt said the contract covered 4,200 workers. \
"Nobody wants this strike to last another month," Vosberg said.
""",
    "tidewater": """\
Mediators said union negotiators and the Halvern Port Authority met on Monday for about an \
hour to try to end the dockworkers' strike.

Outside the port gates, police arrested 20 protesters.

"Nobody wants this strike to last another month," Vosberg said, while Former Port Authority \
Chair Helena Marquardt put the number of workers covered by the contract at 4,200.

Union leader Dario Vosberg called the talks constructive and told reporters: "We will reach a \
deal before the weekend if the authority moves on pensions."
""",
}

# check, key prefix, what the reference says, what the changed candidates say instead.
DISCREPANCIES = [
    ("quantity", "quantity:arrests", "12", "20"),
    ("duration", "quantity:meeting_duration", "two hours", "about an hour"),
    ("date", "date:meeting", "Tuesday", "Monday"),
    ("role", "role:", "Port Authority Chair", "Former Port Authority Chair"),
    ("spelling", "spelling:", "Dario Vossberg", "Dario Vosberg"),
    ("attribution", "quote:", "Helena Marquardt", "Dario Vosberg"),
    ("attribution", "strength:", "We may reach", "We will reach"),
]
DISCREPANCY_IDS = [f"{check}-{key}" for check, key, _, _ in DISCREPANCIES]


def write(
    folder: Path,
    outlet: str,
    body: str,
    hour: int,
    role: str | None = None,
    story: str = STORY,
) -> str:
    """One article as a .txt file with front matter; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    role_line = f"role: {role}\n" if role else ""
    path = folder / f"{outlet}.txt"
    path.write_text(
        f"---\noutlet: {outlet}\nurl: https://{outlet}.example/strike\n"
        f"published: 2025-03-12T{hour:02d}:00:00Z\nstory: {story}\n{role_line}---\n{body}",
        encoding="utf-8",
    )
    return str(path)


def findings_of(sources: list[str], reference: list[str] | None = None) -> pl.DataFrame:
    return run_pipeline(sources, reference=reference or [])["findings"]


def sides(finding: dict[str, Any]) -> dict[str, set[str]]:
    """side -> outlets of the entries on it."""
    found: dict[str, set[str]] = {}
    for entry in finding["evidence"]:
        found.setdefault(entry["side"], set()).add(entry["outlet"])
    return found


def the_finding(findings: pl.DataFrame, check: str, key_prefix: str) -> dict[str, Any]:
    rows = findings.filter(
        (pl.col("check") == check) & pl.col("key").str.starts_with(key_prefix)
    ).to_dicts()
    assert len(rows) == 1, (check, key_prefix, findings.select("check", "key", "message").rows())
    return rows[0]


def comparable(findings: pl.DataFrame) -> list[tuple[Any, ...]]:
    """What a finding says: id, message, and who stands where with which value. Not ids that
    hash file paths (doc_id, claim_id), nor which of a copy's sentences a check quotes."""
    return [
        (
            row["finding_id"],
            row["message"],
            tuple(sorted((e["side"], e["outlet"], e["value"]) for e in row["evidence"])),
        )
        for row in findings.iter_rows(named=True)
    ]


@pytest.fixture(scope="module")
def main_run(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    """The reference, a candidate agreeing in other words, one candidate with every change."""
    folder = tmp_path_factory.mktemp("main")
    reference = write(folder, "wireline", REFERENCE, 15)
    candidates = [
        write(folder, "harbourpost", AGREEING, 16),
        write(folder, "rewritenews", CHANGED["rewritenews"], 17),
    ]
    return findings_of(candidates, reference=[reference])


@pytest.fixture(scope="module")
def outvoted_run(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    """One reference against three candidates that all made the same changes."""
    folder = tmp_path_factory.mktemp("outvoted")
    reference = write(folder, "wireline", REFERENCE, 15)
    candidates = [
        write(folder, outlet, body, 16 + index)
        for index, (outlet, body) in enumerate(CHANGED.items())
    ]
    return findings_of(candidates, reference=[reference])


@pytest.mark.parametrize(("check", "key", "said", "changed"), DISCREPANCIES, ids=DISCREPANCY_IDS)
def test_each_discrepancy_is_found_against_the_reference_wording(
    main_run: pl.DataFrame, check: str, key: str, said: str, changed: str
) -> None:
    finding = the_finding(main_run, check, key)
    assert sides(finding) == {"candidate": {"rewritenews"}, "reference": {"wireline"}}
    for entry in finding["evidence"]:
        if entry["side"] == "reference":
            assert said in entry["value"]
            assert entry["sentence"] in REFERENCE  # the reference's own words
        else:
            assert changed in entry["value"]
            assert entry["sentence"] in CHANGED["rewritenews"]
    assert finding["outlets"] == ["rewritenews", "wireline"]


def test_messages_put_the_reference_wording_against_the_candidate(main_run: pl.DataFrame) -> None:
    finding = the_finding(main_run, "quantity", "quantity:arrests")
    assert finding["message"] == "arrests: 12 (wireline) against 20 (rewritenews)"


def test_only_candidates_against_references_are_reported(main_run: pl.DataFrame) -> None:
    assert main_run.height > 0
    for finding in main_run.iter_rows(named=True):
        by_side = sides(finding)
        assert set(by_side) <= {"reference", "candidate"}, finding["message"]
        assert by_side.get("candidate"), finding["message"]
        assert by_side.get("reference", {"wireline"}) == {"wireline"}
        assert "wireline" not in by_side["candidate"]


def test_a_candidate_that_agrees_in_other_words_is_in_no_finding(main_run: pl.DataFrame) -> None:
    involved = {o for outlets in main_run["outlets"].to_list() for o in outlets}
    assert "harbourpost" not in involved


def test_a_fact_the_reference_carries_and_a_candidate_omits_is_an_omission(
    main_run: pl.DataFrame,
) -> None:
    omissions = main_run.filter(pl.col("rule_id") == "coverage-gap").to_dicts()
    mediator = [f for f in omissions if any("Branson" in e["sentence"] for e in f["evidence"])]
    assert len(mediator) == 1, [f["message"] for f in omissions]
    assert sides(mediator[0]) == {"candidate": {"rewritenews"}, "reference": {"wireline"}}
    assert mediator[0]["severity"] == "info"


def test_a_claim_only_a_candidate_makes_is_single_source(main_run: pl.DataFrame) -> None:
    singles = main_run.filter(pl.col("rule_id") == "coverage-single-source").to_dicts()
    containers = [f for f in singles if any("containers" in e["value"] for e in f["evidence"])]
    assert len(containers) == 1, [f["message"] for f in singles]
    assert sides(containers[0]) == {"candidate": {"rewritenews"}}
    assert containers[0]["severity"] == "info"


@pytest.mark.parametrize(("check", "key", "said", "changed"), DISCREPANCIES, ids=DISCREPANCY_IDS)
def test_a_lone_reference_outvoted_by_candidates_is_still_the_truth(
    outvoted_run: pl.DataFrame, check: str, key: str, said: str, changed: str
) -> None:
    finding = the_finding(outvoted_run, check, key)
    assert sides(finding) == {"candidate": set(CHANGED), "reference": {"wireline"}}
    for entry in finding["evidence"]:
        assert (said if entry["side"] == "reference" else changed) in entry["value"]


def test_references_that_disagree_are_never_reported_against_each_other(tmp_path: Path) -> None:
    second_reference = AGREEING.replace("arrested 12", "arrested 15")
    references = [
        write(tmp_path, "wireline", REFERENCE, 15),
        write(tmp_path, "harbourpost", second_reference, 16),
    ]
    candidate = write(tmp_path, "rewritenews", CHANGED["rewritenews"], 17)
    findings = findings_of([candidate], reference=references)
    # The references disagree on the arrests: nobody can be judged on them.
    assert findings.filter(pl.col("check") == "quantity").is_empty()
    # They agree on the rest, so the candidate's other changes stand against both.
    duration = the_finding(findings, "duration", "quantity:meeting_duration")
    assert sides(duration) == {
        "candidate": {"rewritenews"},
        "reference": {"wireline", "harbourpost"},
    }
    for finding in findings.iter_rows(named=True):
        assert sides(finding).get("candidate"), finding["message"]


def test_front_matter_role_works_like_the_reference_option(
    tmp_path: Path, main_run: pl.DataFrame
) -> None:
    sources = [
        write(tmp_path, "wireline", REFERENCE, 15, role="reference"),
        write(tmp_path, "harbourpost", AGREEING, 16),
        write(tmp_path, "rewritenews", CHANGED["rewritenews"], 17),
    ]
    assert comparable(findings_of(sources)) == comparable(main_run)


def test_finding_ids_do_not_depend_on_source_order(tmp_path: Path, main_run: pl.DataFrame) -> None:
    sources = [
        write(tmp_path, "rewritenews", CHANGED["rewritenews"], 17),
        write(tmp_path, "harbourpost", AGREEING, 16),
    ]
    reference = write(tmp_path, "wireline", REFERENCE, 15)
    again = findings_of(list(reversed(sources)), reference=[reference])
    assert again["finding_id"].to_list() == main_run["finding_id"].to_list()


def test_stories_without_a_reference_are_checked_as_before(tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    plain = [
        write(alone, outlet, body, 16 + i, story="no-reference")
        for i, (outlet, body) in enumerate([("harbourpost", AGREEING), *CHANGED.items()])
    ]
    before = findings_of(plain)
    with_reference_story = findings_of(
        [*plain, write(tmp_path / "other", "rewritenews", CHANGED["rewritenews"], 17)],
        reference=[write(tmp_path / "other", "wireline", REFERENCE, 15)],
    )
    assert comparable(with_reference_story.filter(pl.col("story") == "no-reference")) == (
        comparable(before)
    )
    assert before.height > 0
    assert {"majority", "minority"} <= {e["side"] for ev in before["evidence"] for e in ev}


def test_candidates_that_copy_the_reference_exactly_give_no_findings(tmp_path: Path) -> None:
    reference = write(tmp_path, "wireline", REFERENCE, 15)
    copies = [write(tmp_path, outlet, REFERENCE, 16 + i) for i, outlet in enumerate(["a", "b"])]
    findings = findings_of(copies, reference=[reference])
    assert findings.is_empty(), findings["message"].to_list()


def test_a_near_copy_of_the_reference_is_judged_on_its_own(tmp_path: Path) -> None:
    """A rewrite that changed a few words is still a syndicated copy of its source."""
    near_copy = (
        REFERENCE.replace("for two hours on Tuesday", "for about an hour on Monday")
        .replace("arrested 12", "arrested 20")
        .replace("Dario Vossberg", "Dario Vosberg")
        .replace("Port Authority Chair", "Former Port Authority Chair")
        .replace("We may reach", "We will reach")
    )
    reference = write(tmp_path, "wireline", REFERENCE, 15)
    candidates = [
        write(tmp_path, "copydesk", REFERENCE, 16),
        write(tmp_path, "rewritenews", near_copy, 17),
    ]
    findings = findings_of(candidates, reference=[reference])
    for check, key, _said, _changed in DISCREPANCIES:
        if key == "quote:":
            continue  # the near copy keeps the quote's speaker
        assert sides(the_finding(findings, check, key)) == {
            "candidate": {"rewritenews"},
            "reference": {"wireline"},
        }
    assert findings.filter(pl.col("check") == "coverage").is_empty()


STRIKE_START = "The walkout began on {}, March 5, when talks on a new contract collapsed.\n"


@pytest.mark.parametrize(
    ("reference_day", "candidate_day", "reported"),
    [
        pytest.param("Wednesday", "Thursday", True, id="a candidate's own wrong weekday"),
        pytest.param("Thursday", "Thursday", False, id="the reference's wrong weekday copied"),
    ],
)
def test_a_document_that_contradicts_itself_is_reported_unless_it_copied_the_reference(
    tmp_path: Path, reference_day: str, candidate_day: str, reported: bool
) -> None:
    """March 5, 2025 was a Wednesday: a weekday check needs no other side."""
    reference = write(tmp_path, "wireline", REFERENCE + STRIKE_START.format(reference_day), 15)
    candidate = write(tmp_path, "harbourpost", AGREEING + STRIKE_START.format(candidate_day), 16)
    weekday = findings_of([candidate], reference=[reference]).filter(
        pl.col("key") == "weekday:2025-03-05"
    )
    assert weekday.height == (1 if reported else 0), weekday["message"].to_list()
    if reported:
        assert sides(weekday.row(0, named=True)) == {"candidate": {"harbourpost"}}


# A lower bound is a reported figure: a rewrite that turns "at least 23" into "at least 32"
# drifted (a disaster toll), as did "more than $40 million" into "more than $60 million" (a
# company's fine). A later reference that raises the bound is the newer figure, not drift.
@pytest.mark.parametrize(
    ("said", "rewritten"),
    [
        (
            "At least 23 people were killed when the bridge collapsed, police said.",
            "At least 32 people were killed when the bridge collapsed, police said.",
        ),
        (
            "The regulator fined the bank more than $40 million for the failures, it said.",
            "The regulator fined the bank more than $60 million for the failures, it said.",
        ),
    ],
)
def test_a_rewrite_that_raises_a_lower_bound_has_drifted(
    tmp_path: Path, said: str, rewritten: str
) -> None:
    reference = write(tmp_path, "wireline", said, 15)
    candidate = write(tmp_path, "rewritenews", rewritten, 16)
    findings = findings_of([candidate], reference=[reference])
    drift = findings.filter(pl.col("check") == "quantity").to_dicts()
    assert len(drift) == 1, findings.select("check", "message").rows()
    assert sides(drift[0]) == {"candidate": {"rewritenews"}, "reference": {"wireline"}}
    assert drift[0]["severity"] != "info"
