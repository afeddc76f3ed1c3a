"""Finding fingerprints: stable across order and formatting, different for different facts."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from checker.ruleset import finding_fingerprint

BASE = dict(
    rule_id="quantity-mismatch",
    story="story-one",
    key="deaths",
    kind="deaths",
    outlets=["wire-a", "paper-b", "site-c"],
    values=[1200, 1150],
)


def test_is_sixteen_hex_digits_and_deterministic() -> None:
    first = finding_fingerprint(**BASE)
    assert re.fullmatch(r"[0-9a-f]{16}", first)
    assert finding_fingerprint(**BASE) == first


def test_order_of_outlets_and_values_does_not_matter() -> None:
    shuffled = dict(BASE, outlets=["site-c", "wire-a", "paper-b"], values=[1150, 1200])
    assert finding_fingerprint(**shuffled) == finding_fingerprint(**BASE)


def test_equivalent_spellings_of_a_value_or_outlet_agree() -> None:
    respelled = dict(BASE, outlets=["WIRE-A", " paper-b", "Site-C"], values=["1,200", 1150.0])
    assert finding_fingerprint(**respelled) == finding_fingerprint(**BASE)
    words = dict(BASE, values=["Three  hours", "just over two hours"])
    assert finding_fingerprint(**words) == finding_fingerprint(
        **dict(BASE, values=["just over two hours", "three hours"])
    )


def test_any_difference_in_what_the_finding_is_about_changes_it() -> None:
    base = finding_fingerprint(**BASE)
    variants = [
        dict(BASE, values=[1200, 1300]),
        dict(BASE, outlets=["wire-a", "paper-b"]),
        dict(BASE, rule_id="duration-mismatch"),
        dict(BASE, story="other story"),
        dict(BASE, key="arrests"),
        dict(BASE, kind="injured"),
    ]
    prints = {finding_fingerprint(**variant) for variant in variants}
    assert base not in prints
    assert len(prints) == len(variants)


@given(st.permutations(["ap", "bbc", "cnn", "reuters", "afp"]), st.permutations([1, 2.5, "x"]))
def test_any_permutation_gives_the_same_fingerprint(outlets: list[str], values: list) -> None:
    expected = finding_fingerprint(
        "r", "s", "k", "kind", ["ap", "bbc", "cnn", "reuters", "afp"], [1, 2.5, "x"]
    )
    assert finding_fingerprint("r", "s", "k", "kind", outlets, values) == expected
