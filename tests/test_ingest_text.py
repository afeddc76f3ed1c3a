"""Text cleanup, decoding and date parsing shared by the readers."""

from __future__ import annotations

import codecs
from datetime import UTC, date, datetime

import pytest

from checker.errors import CheckerError, Problems
from checker.ingest.cleanup import clean_text, html_to_text
from checker.ingest.dates import to_utc
from checker.ingest.decode import decode_bytes


def test_clean_text_normalizes_unicode_and_spacing():
    raw = "Cafe\u0301 opens\u00a0at  5\u2009pm.\u200b\r\n\r\n\r\n  Second\tparagraph. \n"
    assert clean_text(raw) == "Café opens at 5 pm.\n\nSecond paragraph."


def test_clean_text_keeps_one_paragraph_a_line_but_joins_wrapped_lines():
    raw = "Headline without a stop\nA sentence that was wrapped\nin the middle.\nNext one."
    assert clean_text(raw) == (
        "Headline without a stop\n\nA sentence that was wrapped in the middle.\n\nNext one."
    )
    assert clean_text(raw, join_wrapped=False).count("\n\n") == 3


def test_html_to_text_drops_scripts_comments_and_keeps_blocks():
    markup = (
        "<div><h2>Title</h2><!-- hidden --><p>One <b>bold</b>\nword.</p>"
        "<script>var x = 1;</script><style>p {}</style><ul><li>a</li><li>b</li></ul>"
        "line<br>break</div>"
    )
    assert html_to_text(markup) == "Title\n\nOne bold word.\n\na\n\nb\n\nline\n\nbreak"


def test_decode_strips_bom_and_reads_utf16():
    problems = Problems()
    assert decode_bytes(codecs.BOM_UTF8 + "héllo".encode(), "f", problems) == "héllo"
    assert decode_bytes("héllo".encode("utf-16"), "f", problems) == "héllo"
    assert list(problems) == []


def test_decode_honours_a_declared_charset_without_warning():
    problems = Problems()
    assert decode_bytes("Grüße".encode("iso-8859-15"), "f", problems, "ISO-8859-15") == "Grüße"
    assert list(problems) == []


def test_decode_falls_back_to_latin1_when_cp1252_cannot():
    problems = Problems()
    assert decode_bytes(b"ok\nbad \x81 byte \xe9", "f", problems) == "ok\nbad \x81 byte é"
    [warning] = list(problems)
    assert (warning.level, warning.line) == ("warning", 2)
    assert "latin-1" in warning.message


def test_decode_refuses_empty_input():
    with pytest.raises(CheckerError, match="empty"):
        decode_bytes(b" \n ", "f", Problems())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-07-08T17:00:00-05:00", datetime(2025, 7, 8, 22, 0, tzinfo=UTC)),
        ("2025-07-08T17:00:00Z", datetime(2025, 7, 8, 17, 0, tzinfo=UTC)),
        ("2025-07-08 17:00", datetime(2025, 7, 8, 17, 0, tzinfo=UTC)),  # naive means UTC
        ("Tue, 08 Jul 2025 17:00:00 +0200", datetime(2025, 7, 8, 15, 0, tzinfo=UTC)),
        ("8 July 2025", datetime(2025, 7, 8, tzinfo=UTC)),
        (date(2025, 7, 8), datetime(2025, 7, 8, tzinfo=UTC)),
        (1751994000, datetime(2025, 7, 8, 17, 0, tzinfo=UTC)),
        ("", None),
        (None, None),
    ],
)
def test_dates_to_utc(value, expected):
    assert to_utc(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("yesterday", "unparseable"),
        ("July 8", "incomplete"),
        ("8 July 2025 5 PM EST", "time zone"),
        (10**12, "Unix time"),
    ],
)
def test_dates_that_cannot_be_read_say_why(value, reason):
    with pytest.raises(ValueError, match=reason):
        to_utc(value)
