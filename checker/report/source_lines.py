"""Where a span of a document's cleaned text lies in its source file: line and column.

Where a result points. The documents table holds *cleaned* text (see ingest/cleanup.py):
whitespace squeezed, hard-wrapped lines joined, paragraphs one blank line apart, Markdown
markup rendered away. Counting newlines in it gives wrong lines for most real files, so the
source file is read again and the span is found in it by its letters and digits alone (its
"skeleton"): cleanup only drops or changes whitespace, invisible characters and markup, so the
letters and digits of a sentence appear in the same order in the source. The claim's sentence
is looked up first (the k-th occurrence in the cleaned text is the k-th in the source), then
the value alone; when neither is found (file edited or moved since the run) the result keeps
an estimated line from the cleaned text, without columns, marked `properties.location`
"estimated". Columns count Unicode code points (run.columnKind), 1-based; endColumn is
exclusive, as SARIF defines it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError, Problems

_ALNUM = re.compile(r"[^\W_]")  # str.isalnum() characters, found without a Python loop


@dataclass(frozen=True)
class Region:
    """A SARIF region; `exact` is False when only an estimated start line is known."""

    start_line: int
    start_column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    exact: bool = True

    def to_sarif(self) -> dict[str, int]:
        region = {"startLine": self.start_line}
        if self.start_column is not None:
            region["startColumn"] = self.start_column
        if self.end_line is not None and self.end_column is not None:
            region["endLine"] = self.end_line
            region["endColumn"] = self.end_column
        return region


@dataclass(frozen=True)
class Skeleton:
    """The letters and digits of a text, accents dropped, each with its offset in the text."""

    chars: str
    offsets: list[int]

    @classmethod
    def of(cls, text: str) -> Skeleton:
        chars: list[str] = []
        offsets: list[int] = []
        for match in _ALNUM.finditer(text):
            char, offset = match.group(), match.start()
            if char.isascii():
                chars.append(char)
                offsets.append(offset)
                continue
            # NFD splits "é" into "e" + accent in both texts alike, whichever form each uses
            for part in unicodedata.normalize("NFD", char):
                if part.isalnum():
                    chars.append(part)
                    offsets.append(offset)
        return cls("".join(chars), offsets)

    def index_at(self, offset: int) -> int:
        """Index of the first skeleton character at or after text offset `offset`."""
        return bisect.bisect_left(self.offsets, offset)


def _occurrence(haystack: str, needle: str, ordinal: int) -> int:
    """Start of the `ordinal`-th (0-based) occurrence of `needle`, overlaps counted; -1 if none."""
    position = -1
    for _ in range(ordinal + 1):
        position = haystack.find(needle, position + 1)
        if position < 0:
            return -1
    return position


def _ordinal(haystack: str, needle: str, start: int) -> int:
    """How many occurrences of `needle` begin before index `start`."""
    count, position = 0, haystack.find(needle)
    while 0 <= position < start:
        count += 1
        position = haystack.find(needle, position + 1)
    return count


class SourceLocator:
    """Maps offsets of one document's cleaned text to lines and columns of its source file."""

    def __init__(self, text: str, body_line: int, source: str | None) -> None:
        self.text = text
        self.body_line = body_line
        self.source = source  # the file's body from body_line on, newlines normalized
        self._text_skeleton = Skeleton.of(text)
        self._source_skeleton = Skeleton.of(source) if source is not None else None

    @classmethod
    def for_file(cls, text: str, body_line: int, path: str) -> SourceLocator:
        return cls(text, body_line, read_body(Path(path), body_line))

    def region(self, anchor: tuple[int, int], span: tuple[int, int]) -> Region:
        """The source region of `span` (cleaned-text offsets) inside the sentence `anchor`."""
        mapped = self._map(anchor, span) or self._map(span, span)
        if mapped is None:
            return self._estimate(span[0])
        start, end = mapped
        start_line, start_column = _line_column(self.source or "", start)
        end_line, end_column = _line_column(self.source or "", end)
        return Region(
            self.body_line + start_line,
            start_column,
            self.body_line + end_line,
            end_column,
        )

    def _map(self, anchor: tuple[int, int], span: tuple[int, int]) -> tuple[int, int] | None:
        """Source offsets [start, end) of `span`, found through the skeleton of `anchor`."""
        cleaned, source = self._text_skeleton, self._source_skeleton
        if source is None:
            return None
        first, stop = cleaned.index_at(anchor[0]), cleaned.index_at(anchor[1])
        span_first, span_stop = cleaned.index_at(span[0]), cleaned.index_at(span[1])
        if first >= stop or span_first >= span_stop:
            return None  # nothing but punctuation to look for
        if cleaned.chars == source.chars:
            found = first  # the usual plain-text case: the same letters, one to one
        else:
            needle = cleaned.chars[first:stop]
            found = _occurrence(source.chars, needle, _ordinal(cleaned.chars, needle, first))
            if found < 0:
                return None
        start = source.offsets[found + span_first - first]
        end = source.offsets[found + span_stop - 1 - first] + 1
        return self._widen(start, end, span, cleaned)

    def _widen(
        self, start: int, end: int, span: tuple[int, int], cleaned: Skeleton
    ) -> tuple[int, int]:
        """Take in the span's accents and its leading/trailing signs ("$", "%") where the
        source has them too, since the skeleton only matched letters and digits."""
        source = self.source or ""
        while end < len(source) and unicodedata.combining(source[end]):
            end += 1
        lead = self.text[span[0] : cleaned.offsets[cleaned.index_at(span[0])]]
        if lead and source[max(start - len(lead), 0) : start] == lead:
            start -= len(lead)
        last = cleaned.offsets[cleaned.index_at(span[1]) - 1] + 1
        trail = self.text[last : span[1]]
        if trail and source[end : end + len(trail)] == trail:
            end += len(trail)
        return start, end

    def _estimate(self, offset: int) -> Region:
        """A line counted in the cleaned text: right only for files laid out as cleanup lays
        text out (one-line paragraphs, one blank line between them)."""
        return Region(self.body_line + self.text.count("\n", 0, offset), exact=False)


def read_body(path: Path, body_line: int) -> str | None:
    """The file's text from line `body_line` on (None if it cannot be read any more)."""
    from checker.ingest.decode import decode_bytes

    try:
        text = decode_bytes(path.read_bytes(), str(path), Problems())
    except (OSError, CheckerError):
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as front matter counts
    if body_line < 1 or body_line > len(lines):
        return None
    return "\n".join(lines[body_line - 1 :])


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """(newlines before `offset`, 1-based column of `offset` on its line)."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset), offset - line_start + 1
