"""Check-type registry (built-ins register like extensions) and rule message templates."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import polars as pl
import pytest

from checker.ruleset import (
    CHECK_TYPES,
    RulePackError,
    get_check,
    load_rules,
    register_check,
    register_check_type,
    render_message,
)
from checker.ruleset.messages import check_template, template_fields
from checker.ruleset.params import Params
from checker.schema import empty


class HeadlineParams(Params):
    max_words: int = 12


@pytest.fixture
def headline_type() -> Iterator[str]:
    """A user-defined check type, removed again so other tests see only the built-ins."""
    register_check_type("headline", HeadlineParams, fields={"headline"})
    yield "headline"
    del CHECK_TYPES["headline"]


def test_the_nine_built_in_types_are_registered() -> None:
    assert set(CHECK_TYPES) == {
        "quantity",
        "duration",
        "stance",
        "attribution",
        "role",
        "spelling",
        "timezone",
        "date",
        "coverage",
    }
    with pytest.raises(KeyError, match="unknown check type 'nope'"):
        get_check("nope")


def test_an_extension_type_is_usable_by_rules_and_runs_through_the_registry(
    tmp_path: Path, headline_type: str
) -> None:
    (tmp_path / "long-headline.yaml").write_text(
        'extends: headline\nseverity: info\nmessage: "{headline} is long"\nparams: {max_words: 8}\n'
    )

    @register_check(headline_type)
    def run_headline(rule, tables: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
        return empty("findings")

    rule = load_rules([tmp_path]).get("long-headline")
    assert isinstance(rule.params, HeadlineParams) and rule.params.max_words == 8
    assert get_check("headline") is run_headline
    assert get_check("headline")(rule, {}).columns == empty("findings").columns
    with pytest.raises(ValueError, match="already has code"):
        register_check(headline_type, lambda rule, tables: empty("findings"))


def test_registering_twice_or_code_before_type_is_refused(headline_type: str) -> None:
    with pytest.raises(LookupError, match="no code registered"):
        get_check(headline_type)
    with pytest.raises(ValueError, match="already registered"):
        register_check_type(headline_type, HeadlineParams)
    with pytest.raises(ValueError, match="before its code"):
        register_check("unregistered", lambda rule, tables: empty("findings"))


def test_rules_extending_an_unregistered_type_fail_until_it_is_registered(
    tmp_path: Path,
) -> None:
    (tmp_path / "r.yaml").write_text('extends: headline\nseverity: info\nmessage: "x"\n')
    with pytest.raises(RulePackError, match="unknown check type 'headline'"):
        load_rules([tmp_path])


def test_template_fields_and_safety() -> None:
    assert template_fields("{kind}: {majority} against {minority!r} ({share:.0%})") == [
        "kind",
        "majority",
        "minority",
        "share",
    ]
    for unsafe in ["{}", "{0}", "{kind.__class__}", "{values[0]}"]:
        with pytest.raises(ValueError, match="not allowed"):
            template_fields(unsafe)
    with pytest.raises(ValueError):
        template_fields("{kind")
    check_template("{kind} {unit}", CHECK_TYPES["quantity"].fields)
    with pytest.raises(ValueError, match=r"\{speaker\}"):
        check_template("{kind} {speaker}", CHECK_TYPES["quantity"].fields)


def test_render_fills_values_joins_lists_and_shows_missing_fields() -> None:
    text = render_message(
        "{kind}: {majority} ({majority_outlets}) against {minority}; {share:.0%} {absent}",
        {
            "kind": "deaths",
            "majority": 1200,
            "majority_outlets": ["ap", "reuters"],
            "minority": "about 1,150",
            "share": 0.75,
        },
    )
    assert text == "deaths: 1200 (ap, reuters) against about 1,150; 75% {absent}"
    assert render_message("{share:.0%}", {"share": "most"}) == "most"


def test_rule_render_uses_the_rules_own_template() -> None:
    rule = load_rules().get("attribution-conflict")
    assert rule.render({"speakers": ["a", "b"], "quote": "we are making progress"}) == (
        'The same quote is attributed to a, b: "we are making progress"'
    )
