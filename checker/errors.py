"""Problems with inputs: collected, reported once each, never fatal to the rest of the run."""

from __future__ import annotations

from dataclasses import dataclass, field


class CheckerError(Exception):
    """Bad input or usage that stops one source (or, at the top level, the command)."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.message = message
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True, order=True)
class Problem:
    """One message about one source. Errors make the run exit 2; warnings do not."""

    source: str
    message: str
    line: int | None = None
    level: str = "error"  # error / warning

    def render(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{self.level}: {where}: {self.message}"


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
