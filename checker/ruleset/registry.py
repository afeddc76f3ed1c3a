"""The check types: what a rule may `extend`, and the code that runs it.

A check type is one typed unit, `CheckType(name, params_model, message_fields, lexicons, run)`,
declared next to its code (checker/checks/<module>.py). The registry fills itself the first
time it is read: the built-in types from the one explicit list `checker.checks.BUILTIN_TYPES`,
then every `checker.checks` entry point of an installed plugin (checker.plugins). So what is
registered never depends on which module happened to be imported first, and built-ins go
through the same `register` an extension's types do (the datasette idea).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import polars as pl
from pydantic import BaseModel

if TYPE_CHECKING:
    from checker.checks.context import CheckContext

# Placeholders every check type's findings can fill in a rule's `message`. A check supplies
# what it knows; a placeholder it leaves out renders visibly as "{name}".
COMMON_FIELDS: frozenset[str] = frozenset(
    {
        "story",  # the story name
        "key",  # the fact key the finding is about
        "kind",  # quantity kind, time kind, ... (check-specific)
        "detail",  # a short generated sentence, for checks with several sub-problems
        "majority",  # the value most outlets give
        "minority",  # the value(s) the other outlets give
        "majority_outlets",
        "minority_outlets",
        "outlets",  # every outlet involved
        "values",  # every distinct value involved
        "count",  # number of outlets involved
    }
)

PLUGIN_GROUP = "checker.checks"


class Check(Protocol):
    """What a check type's code looks like.

    It receives one validated rule (`rule.params` is an instance of the type's params model,
    read by attribute: `rule.params.tolerance`) and the run's tables (CheckContext; also
    readable by name, `context["quantities"]`), and returns a findings frame
    (checker.schema.TABLES["findings"]).
    """

    def __call__(self, rule: Any, context: CheckContext) -> pl.DataFrame: ...


@dataclass(frozen=True)
class CheckType:
    """One check type: everything a rule that extends it needs, in one place.

    `message_fields` are the placeholders its findings fill besides COMMON_FIELDS (a rule whose
    message uses any other is rejected when loaded); `lexicons` names the lexicons its code
    reads (rules/lexicons/<name>.yaml, overridable in any rule folder).
    """

    name: str
    params_model: type[BaseModel]
    run: Check
    message_fields: frozenset[str] = frozenset()
    lexicons: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not (isinstance(self.name, str) and self.name):
            raise ValueError("a check type needs a name")
        if not (isinstance(self.params_model, type) and issubclass(self.params_model, BaseModel)):
            raise TypeError(f"params model for {self.name!r} must be a pydantic model class")
        if not callable(self.run):
            raise TypeError(f"check type {self.name!r} needs a callable run(rule, context)")
        object.__setattr__(self, "message_fields", frozenset(self.message_fields))
        object.__setattr__(self, "lexicons", tuple(self.lexicons))

    @property
    def placeholders(self) -> frozenset[str]:
        """Every placeholder a rule's message may use."""
        return COMMON_FIELDS | self.message_fields


class CheckTypes(Mapping[str, CheckType]):
    """The registry, by name. Reading it loads the built-ins and plugins, once."""

    def __init__(self) -> None:
        self._types: dict[str, CheckType] = {}
        self._loaded = False

    def register(self, check_type: CheckType) -> CheckType:
        """Add a check type; a name may be registered only once."""
        if not isinstance(check_type, CheckType):
            raise TypeError(f"expected a CheckType, got {type(check_type).__name__}")
        self._load()
        if check_type.name in self._types:
            raise ValueError(f"check type {check_type.name!r} is already registered")
        self._types[check_type.name] = check_type
        return check_type

    def unregister(self, name: str) -> None:
        """Remove a check type (tests that register their own clean up with this)."""
        del self._types[name]

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True  # first, so that registering below does not come back here
        from checker.checks import BUILTIN_TYPES
        from checker.plugins import load_plugins

        for check_type in BUILTIN_TYPES:
            self.register(check_type)
        load_plugins(PLUGIN_GROUP, self._register_plugin)

    def _register_plugin(self, name: str, loaded: object) -> None:
        if not isinstance(loaded, CheckType):
            raise TypeError(f"expected a checker CheckType, got {type(loaded).__name__}")
        if loaded.name != name:
            raise ValueError(f"the entry point is named {name!r} but its type {loaded.name!r}")
        self.register(loaded)

    def __getitem__(self, name: str) -> CheckType:
        self._load()
        return self._types[name]

    def __iter__(self) -> Iterator[str]:
        self._load()
        return iter(dict(self._types))

    def __len__(self) -> int:
        self._load()
        return len(self._types)


CHECK_TYPES = CheckTypes()


def register_check_type(check_type: CheckType) -> CheckType:
    """Register a check type that rules may `extend` (an extension may also declare it as a
    `checker.checks` entry point, which registers it without any import)."""
    return CHECK_TYPES.register(check_type)
