"""Many documents in one file: JSON Lines, JSON, CSV and Parquet with a `text` column.

Columns the documents table models (outlet, url, title, published, story, role, language) are
taken as metadata; any other column is kept in `extra`. A bad record costs that record only.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl

from checker.errors import CheckerError, Problems
from checker.ingest.cleanup import clean_text
from checker.ingest.decode import decode_bytes
from checker.ingest.frontmatter import record_fields, split_known
from checker.ingest.model import Record, Source

TEXT_COLUMN = "text"

# Article bodies are longer than the csv module's default 128 KiB field limit.
csv.field_size_limit(64 * 1024 * 1024)


def read_jsonl(source: Source, problems: Problems) -> list[Record]:
    text = decode_bytes(source.data, source.name, problems)
    records: list[Record] = []
    index = 0
    # split on "\n" only: JSON strings may hold raw U+2028 or U+0085, which splitlines() breaks on
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.error(
                source.name, f"not valid JSON: {exc.msg} (column {exc.colno})", line_number
            )
        else:
            if isinstance(row, dict):
                records.append(_record(row, index, source, line_number))
            else:
                problems.error(
                    source.name, f"expected a JSON object, found {_kind(row)}", line_number
                )
        index += 1  # a bad line keeps its index, so fixing it does not renumber the rest
    return records


def read_json(source: Source, problems: Problems) -> list[Record]:
    text = decode_bytes(source.data, source.name, problems)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CheckerError(source.name, f"not valid JSON: {exc.msg}", exc.lineno) from exc
    rows = _json_records(data)
    if rows is None:
        raise CheckerError(
            source.name,
            f"expected a list of records (objects with a {TEXT_COLUMN!r} field) or one record, "
            f"found {_kind(data)}",
        )
    records = []
    for index, row in enumerate(rows):
        if isinstance(row, dict):
            records.append(_record(row, index, source, None, label=f"record {index + 1}"))
        else:
            problems.error(
                source.name, f"record {index + 1}: expected an object, found {_kind(row)}"
            )
    return records


def read_csv(source: Source, problems: Problems) -> list[Record]:
    text = decode_bytes(source.data, source.name, problems)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [name.strip() for name in reader.fieldnames or []]
    _require_text_column(columns, source.name, line=1)
    reader.fieldnames = columns
    records = []
    start = reader.line_num + 1
    try:
        for index, row in enumerate(reader):
            row.pop(None, None)  # cells beyond the header have no column name
            records.append(_record(row, index, source, start))
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.error(source.name, f"unreadable CSV from here on: {exc}", start)
    return records


def read_parquet(source: Source, problems: Problems) -> list[Record]:
    try:
        frame = pl.read_parquet(io.BytesIO(source.data))
    except Exception as exc:  # polars raises several error types for corrupt files
        raise CheckerError(source.name, f"cannot read Parquet: {exc}") from exc
    _require_text_column(frame.columns, source.name)
    return [
        _record(row, index, source, None, label=f"row {index + 1}")
        for index, row in enumerate(frame.iter_rows(named=True))
    ]


def _json_records(data: Any) -> list[Any] | None:
    """The records a JSON document holds: a list, one record, or {"anything": [records]}."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if TEXT_COLUMN in data:
            return [data]
        lists = [value for value in data.values() if isinstance(value, list)]
        if len(lists) == 1 and all(isinstance(item, dict) for item in lists[0]):
            return lists[0]
    return None


def _require_text_column(columns: Iterable[str], source: str, line: int | None = None) -> None:
    columns = list(columns)
    if TEXT_COLUMN not in columns:
        have = ", ".join(columns) if columns else "none"
        raise CheckerError(source, f"no {TEXT_COLUMN!r} column (columns: {have})", line)


def _record(
    row: Mapping[str, Any], index: int, source: Source, line: int | None, label: str | None = None
) -> Record:
    raw_text = row.get(TEXT_COLUMN)
    fields = {key: value for key, value in row.items() if key != TEXT_COLUMN}
    known, extra = split_known(fields)
    return Record(
        text=clean_text(raw_text) if isinstance(raw_text, str) else "",
        index=index,
        body_line=line,
        meta_line=line,
        label=label,
        extra={key: value for key, value in extra.items() if value not in (None, "")},
        **record_fields(known),
    )


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string"}
    return names.get(type(value), type(value).__name__)
