"""Where an evidence entry stands in a finding: the closed set of evidence sides.

Checks write them, reference mode re-reads them, every report format tests them; all of them
import this module, so a side cannot be misspelt in one place and a new one is added here once
(findings.schema.json lists the same values). A `StrEnum` member is its string value, so the
tables, findings.json and the pages carry the same words as plain strings.
"""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    MAJORITY = "majority"  # the value most independent copies give
    MINORITY = "minority"  # a value against the majority; the lone side of a one-article problem
    DISPUTED = "disputed"  # no majority: every party of the dispute
    OPTIMISTIC = "optimistic"  # stance check, topic mode
    PESSIMISTIC = "pessimistic"
    REFERENCE = "reference"  # reference mode: what the reference says
    CANDIDATE = "candidate"  # reference mode: a candidate that departs from it


# The sides a finding reports against: the minority value, the candidate checked against a
# reference, either party of a dispute, a stance's dissent.
OFFENDING_SIDES = frozenset({Side.MINORITY, Side.CANDIDATE, Side.DISPUTED, Side.PESSIMISTIC})

# Display order on the pages: the agreed value first, then who departs from it.
SIDE_ORDER = (
    Side.MAJORITY,
    Side.REFERENCE,
    Side.OPTIMISTIC,
    Side.DISPUTED,
    Side.PESSIMISTIC,
    Side.MINORITY,
    Side.CANDIDATE,
)

# Sides the evidence tables show without a tag next to the outlet: the plain two-sided case.
UNTAGGED_SIDES = frozenset({Side.MAJORITY, Side.MINORITY})
