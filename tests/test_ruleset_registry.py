"""Check-type registry (built-ins register like extensions) and rule message templates."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from checker.resources import lexicons_dir
from checker.ruleset import (
    CHECK_TYPES,
    CheckType,
    RulePackError,
    load_rules,
    register_check_type,
    render_message,
)
from checker.ruleset.messages import check_template, template_fields
from checker.ruleset.params import Params
from checker.schema import empty


class HeadlineParams(Params):
    max_words: int = 12


def run_headline(rule, context) -> pl.DataFrame:
    return empty("findings")


@pytest.fixture
def headline_type() -> Iterator[CheckType]:
    """A user-defined check type, removed again so other tests see only the built-ins."""
    check_type = register_check_type(
        CheckType("headline", HeadlineParams, run_headline, frozenset({"headline"}))
    )
    yield check_type
    CHECK_TYPES.unregister("headline")


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
    with pytest.raises(KeyError, match="nope"):
        CHECK_TYPES["nope"]


def test_built_in_types_need_no_import_of_the_check_modules() -> None:
    """A fresh interpreter that only imports the registry sees every built-in type with its
    code: what is registered does not depend on which module happened to be imported."""
    script = (
        "import sys\n"
        "from checker.ruleset.registry import CHECK_TYPES\n"
        "assert 'checker.checks' not in sys.modules\n"
        "print(' '.join(f'{n}:{t.run.__module__}' for n, t in sorted(CHECK_TYPES.items())))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == [
        "attribution:checker.checks.attribution",
        "coverage:checker.checks.coverage",
        "date:checker.checks.dates",
        "duration:checker.checks.quantity",
        "quantity:checker.checks.quantity",
        "role:checker.checks.role",
        "spelling:checker.checks.spelling",
        "stance:checker.checks.stance",
        "timezone:checker.checks.timezone",
    ]


def test_the_lexicons_a_type_declares_are_shipped() -> None:
    for check_type in CHECK_TYPES.values():
        for name in check_type.lexicons:
            assert (lexicons_dir() / f"{name}.yaml").is_file(), (check_type.name, name)


def test_an_extension_type_is_usable_by_rules_and_runs_through_the_registry(
    tmp_path: Path, headline_type: CheckType
) -> None:
    (tmp_path / "long-headline.yaml").write_text(
        'extends: headline\nseverity: info\nmessage: "{headline} is long"\nparams: {max_words: 8}\n'
    )
    rule = load_rules([tmp_path]).get("long-headline")
    assert isinstance(rule.params, HeadlineParams) and rule.params.max_words == 8
    assert CHECK_TYPES["headline"] is headline_type
    assert CHECK_TYPES["headline"].run(rule, {}).columns == empty("findings").columns


def test_registering_twice_or_a_malformed_type_is_refused(headline_type: CheckType) -> None:
    with pytest.raises(ValueError, match="already registered"):
        register_check_type(headline_type)
    with pytest.raises(TypeError, match="pydantic model"):
        CheckType("bad", dict, run_headline)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="callable"):
        CheckType("bad", HeadlineParams, "not code")  # type: ignore[arg-type]


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
    check_template("{kind} {unit}", CHECK_TYPES["quantity"].placeholders)
    with pytest.raises(ValueError, match=r"\{speaker\}"):
        check_template("{kind} {speaker}", CHECK_TYPES["quantity"].placeholders)


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
