"""Suite files: the shipped ones load, and every kind of defect names the file (exit 2)."""

from __future__ import annotations

import json

import pytest

from checker.errors import CheckerError
from checker.gate.frames import FRAME_NAMES
from checker.gate.suites import default_suite_paths, load_suites, read_suite


def test_shipped_suites_cover_the_tables_and_load_in_table_order():
    specs = load_suites(None)
    tables = [spec.table for spec in specs]
    assert {"documents", "quoted_claims", "quantities", "findings"} <= set(tables)
    assert tables == sorted(tables, key=FRAME_NAMES.index)
    assert len(specs) == len(default_suite_paths())


def test_user_suite_table_comes_from_meta_then_name(tmp_path):
    by_meta = tmp_path / "mine.json"
    by_meta.write_text(json.dumps({"name": "anything", "meta": {"checker_table": "claims"},
                                   "expectations": []}))
    by_name = tmp_path / "other.json"
    by_name.write_text(json.dumps({"name": "documents", "expectations": []}))
    specs = load_suites([by_meta, by_name])
    assert [spec.table for spec in specs[-2:]] == ["claims", "documents"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"name": "claims", "expectations": [', "not valid JSON"),
        ('[]', "must be a JSON object"),
        ('{"expectations": []}', 'no "name"'),
        ('{"name": "claims"}', 'no "expectations" list'),
        ('{"name": "claims", "expectations": [{"kwargs": {}}]}', 'expectations[0] needs a "type"'),
        ('{"name": "headlines", "expectations": []}', "unknown table 'headlines'"),
        ('{"name": "claims", "expectations": [{"type": "expect_column_values_to_not_be_null", '
         '"kwargs": {"column": "speaker"}, "meta": {"checker_severity": "fatal"}}]}',
         "checker_severity 'fatal'"),
    ],
)
def test_malformed_suite_names_its_path(tmp_path, content, expected):
    path = tmp_path / "team-suite.json"
    path.write_text(content)
    with pytest.raises(CheckerError) as caught:
        read_suite(path)
    assert caught.value.source == str(path)
    assert expected in caught.value.message


def test_json_syntax_error_carries_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "name": "claims",\n  "expectations": [,]\n}\n')
    with pytest.raises(CheckerError) as caught:
        read_suite(path)
    assert caught.value.line == 3
