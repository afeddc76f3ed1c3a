"""Typed parameters for each built-in check type (each CheckType in checker/checks names its own).

A rule's `params:` mapping is validated by the model registered for its `extends`: unknown
keys and values of the wrong type are errors (strict mode: "0.5" is not a number, `yes` is not
a count). The check's code receives the validated model as `rule.params`.
Fractions (shares, similarities, scores) are all on 0..1; durations are in minutes.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator

from checker.severity import Severity, parse_severity


class Params(BaseModel):
    """Base of every params model: strict types, no unknown keys, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def _severity(value: Any) -> Severity:
    return parse_severity(value)  # SeverityError is a ValueError: pydantic reports it


def _selection(value: Any) -> str | list[str]:
    """`all`, or a list of names (kinds, topics)."""
    if value == "all":
        return "all"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise ValueError("expected 'all' or a list of names")


SeverityParam = Annotated[
    Severity, PlainValidator(_severity), PlainSerializer(lambda s: s.label, return_type=str)
]
Selection = Annotated[str | list[str], PlainValidator(_selection)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


class Tolerance(Params):
    """Two values agree when they differ by at most max(absolute, relative * larger value)."""

    relative: float = Field(0.0, ge=0.0, description="share of the larger value, e.g. 0.1")
    absolute: float = Field(0.0, ge=0.0, description="in the quantity's unit")


class QuantityParams(Params):
    tolerance: Tolerance = Tolerance()
    kinds: Selection = Field("all", description="'all' kinds except durations, or a list")
    exclude_kinds: list[str] = Field(default_factory=list)
    cumulative_kinds: list[str] = Field(
        default_factory=list,
        description="kinds that only grow over time (tolls); a later, higher figure is an update",
    )
    update_severity: SeverityParam = Field(
        Severity.INFO, description="severity when a cumulative count merely grew"
    )
    changing_kinds: list[str] = Field(
        default_factory=list,
        description="kinds that rise and fall over hours (outages): a difference is an update",
    )
    majority_share: float = Field(
        0.5, gt=0.0, le=1.0, description="share of outlets a value needs to be the majority side"
    )
    max_values: int = Field(
        3, ge=2, description="a frame with more distinct values than this is several facts: skipped"
    )
    lone_dispute_severity: SeverityParam = Field(
        Severity.INFO, description="severity of one outlet's value against one other's, no majority"
    )


class DurationParams(Params):
    tolerance: Tolerance = Tolerance(relative=0.25, absolute=1.0)
    kinds: Selection = Field("all", description="'all' kinds measured in minutes, or a list")
    exclude_kinds: list[str] = Field(default_factory=list)
    majority_share: float = Field(
        0.5, gt=0.0, le=1.0, description="share of outlets a value needs to be the majority side"
    )
    max_values: int = Field(
        3, ge=2, description="a frame with more distinct values than this is several facts: skipped"
    )
    lone_dispute_severity: SeverityParam = Field(
        Severity.INFO, description="severity of one outlet's value against one other's, no majority"
    )


class StanceParams(Params):
    mode: Literal["topic", "speaker"] = Field(
        "topic",
        description="topic: optimism against pessimism on one topic; "
        "speaker: one person upbeat in some outlets and downbeat in others",
    )
    topics: Selection = Field("all", description="topic keys from the topics lexicon")
    require_speaker: bool = Field(True, description="compare only claims with a known speaker")
    min_outlets_per_side: int = Field(1, ge=1, description="independent outlets on each side")


class AttributionParams(Params):
    min_quote_similarity: Fraction = Field(
        0.85, description="how alike two quotes must be to count as the same quote"
    )
    min_quote_words: int = Field(3, ge=1, description="shorter quotes are too common to compare")
    check_speakers: bool = Field(True, description="the same quote given to different speakers")
    check_strength: bool = Field(
        True, description="a quote whose modal word changes its strength ('may' -> 'will')"
    )


class RoleParams(Params):
    """No parameters: a "former" office against a serving one, or two exclusive offices
    (roles.yaml), always conflict; an outlet that gives no role never does."""


class SpellingParams(Params):
    max_edit_distance: int = Field(2, ge=1, description="larger differences are different names")
    min_name_length: int = Field(4, ge=1, description="shorter names are skipped")
    variants_lexicon: str = Field(
        "aliases", min_length=1, description="lexicon of accepted spellings, which never fire"
    )


class TimezoneParams(Params):
    check_conversion: bool = Field(True, description="'5 PM EST (21:00 GMT)' must add up")
    check_label_season: bool = Field(True, description="EST in July should be EDT")
    check_disagreement: bool = Field(True, description="outlets give different times")
    tolerance_minutes: int = Field(0, ge=0, description="for disagreement between outlets")


class DateParams(Params):
    check_disagreement: bool = Field(True, description="outlets give different dates")
    check_weekday: bool = Field(True, description="'Tuesday, July 9' must be a Tuesday")
    tolerance_days: int = Field(0, ge=0)


class CoverageParams(Params):
    mode: Literal["omission", "single_source"] = Field(
        "omission",
        description="omission: most outlets carry a fact one leaves out; "
        "single_source: a claim only one outlet has",
    )
    majority_share: float = Field(
        0.6, gt=0.0, le=1.0, description="share of outlets that must carry a fact (omission)"
    )
    min_outlets: int = Field(3, ge=2, description="distinct outlets covering the story")
    full_length_share: float = Field(
        0.6,
        ge=0.0,
        description="a copy with fewer claims than this share of the story's median is a brief, "
        "not expected to carry every fact (omission)",
    )
