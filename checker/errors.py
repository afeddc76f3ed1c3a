"""Problems with inputs: collected, reported once each, never fatal to the rest of the run."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# C0/C1 controls, DEL, and the bidi and zero-width format characters: a file name or record
# holding them could forge a second message line, move the cursor or reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def printable(text: object) -> str:
    """`text` with every control character escaped (`\\n`, `\\x1b`, `\\u202e`): safe for a
    terminal and always one line."""
    return _UNPRINTABLE.sub(_escape, str(text))


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _where(source: str, line: int | None) -> str:
    return printable(f"{source}:{line}" if line else source)


class CheckerError(Exception):
    """Bad input or usage that stops one source (or, at the top level, the command)."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.message = message
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        return f"{_where(self.source, self.line)}: {printable(self.message)}"


@dataclass(frozen=True, order=True)
class Problem:
    """One message about one source. Errors make the run exit 2; warnings do not."""

    source: str
    message: str
    line: int | None = None
    level: str = "error"  # error / warning

    def render(self) -> str:
        return f"{self.level}: {_where(self.source, self.line)}: {printable(self.message)}"


@dataclass
class Problems:
    """Collects problems from every stage of a run, in the order they were found."""

    items: list[Problem] = field(default_factory=list)

    def error(self, source: str, message: str, line: int | None = None) -> None:
        self.items.append(Problem(source, message, line, "error"))

    def warning(self, source: str, message: str, line: int | None = None) -> None:
        self.items.append(Problem(source, message, line, "warning"))

    def add(self, exc: CheckerError) -> None:
        self.error(exc.source, exc.message, exc.line)

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def has_errors(self) -> bool:
        return any(p.level == "error" for p in self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
