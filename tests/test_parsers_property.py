"""Property tests: the quantity and time parsers never crash and keep their span contracts."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract.numbers import scan_numbers
from checker.extract.quantities import find_quantities, load_quantity_lexicon
from checker.extract.times import find_times, load_zone_lexicon

QUANTITIES = load_quantity_lexicon()
ZONES = load_zone_lexicon()

# Fragments that stress the parsers: numbers in every written form, qualifiers, units, cues,
# dates, clocks, zones and punctuation that sits next to numbers in news copy.
_FRAGMENTS = [
    "57,500", "1.5", "4,000,000", "12", "2023", "0", "007", "1.2.3", "3-2", "2–4.8", "$12m",
    "£1.2bn", "€4", "US$", "%", "per cent", "ten", "twenty-one", "one hundred and five", "third",
    "sixtieth", "a dozen", "half a million", "an hour and a half", "half an hour", "several",
    "dozens of", "tens of thousands of", "more than", "just over", "about", "nearly", "up to",
    "between", "and", "to", "from", "or more", "+", "-", "hours", "60-day", "two-hour",
    "year-old", "million", "bn", "m", "k", "deaths", "people", "were killed", "living",
    "hostages", "meeting", "ceasefire", "seats", "5 PM", "17:00", "EST", "ET", "(21:00 GMT)",
    "p.m.", "noon", "October 7,", "Oct.", "7 October", "2025-07-08", "5/6/2024", "Tuesday",
    "next", "last night", "yesterday", "will", "1500 GMT", ",", ".", ";", "(", ")", " ", "\n",
    "İ", "ß", "٣", "²", "½",
]
_fragment_text = st.lists(st.sampled_from(_FRAGMENTS), max_size=14).map(" ".join)
_any_text = st.text(max_size=120)
_published = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1)).map(
        lambda d: d.replace(tzinfo=UTC)
    ),
)


def _check_quantities(sentence: str) -> None:
    for q in find_quantities(sentence, QUANTITIES):
        assert 0 <= q.start < q.end <= len(sentence)
        assert sentence[q.start : q.end] == q.text
        assert not math.isnan(q.value) and not math.isnan(q.low) and not math.isnan(q.high)
        assert q.low <= q.value <= q.high


def _check_times(sentence: str, published: datetime | None) -> None:
    for m in find_times(sentence, published, ZONES):
        assert 0 <= m.start < m.end <= len(sentence)
        assert sentence[m.start : m.end] == m.text
        assert m.kind in ("clock", "date", "weekday", "relative")
        if m.utc is not None:
            assert m.local is not None and len(m.utc) == 5


@settings(max_examples=300, deadline=None)
@given(_any_text)
def test_arbitrary_text_quantities(sentence: str) -> None:
    _check_quantities(sentence)


@settings(max_examples=300, deadline=None)
@given(_fragment_text)
def test_numberish_text_quantities(sentence: str) -> None:
    _check_quantities(sentence)


@settings(max_examples=300, deadline=None)
@given(_any_text, _published)
def test_arbitrary_text_times(sentence: str, published: datetime | None) -> None:
    _check_times(sentence, published)


@settings(max_examples=300, deadline=None)
@given(_fragment_text, _published)
def test_numberish_text_times(sentence: str, published: datetime | None) -> None:
    _check_times(sentence, published)


@settings(max_examples=200, deadline=None)
@given(_fragment_text)
def test_numbers_are_ordered_and_disjoint(sentence: str) -> None:
    spans = scan_numbers(sentence)
    for number in spans:
        assert 0 <= number.start < number.end <= len(sentence)
        assert number.low <= number.value <= number.high
    for first, second in pairwise(spans):
        assert first.end <= second.start
