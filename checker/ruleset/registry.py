"""The registries of check types: what a rule may `extend`, and the code that runs it.

Built-in check types register here exactly as a user's extension would (the datasette idea):
`register_check_type(name, ParamsModel, fields=...)` declares the type, its parameters and the
placeholders its findings fill; `@register_check(name)` attaches the function that runs it.
Rules are data and name a type by its string, so the loader needs only the first half; a
check stage needs both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol, TypeVar

import polars as pl
from pydantic import BaseModel

if TYPE_CHECKING:
    from checker.ruleset.model import Rule

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


class Check(Protocol):
    """What a check type's code looks like.

    It receives one validated rule (`rule.params` is an instance of the type's params model)
    and the run's tables by name ("documents", "claims", "quantities", "times", "matches",
    "facts"), and returns a findings frame (checker.schema.TABLES["findings"]).
    """

    def __call__(self, rule: Rule, tables: Mapping[str, pl.DataFrame]) -> pl.DataFrame: ...


@dataclass(frozen=True)
class CheckType:
    """One registered check type: its name, params model, message placeholders and code."""

    name: str
    params_model: type[BaseModel]
    fields: frozenset[str]
    run: Check | None = None  # attached later by register_check


CHECK_TYPES: dict[str, CheckType] = {}

_CheckFn = TypeVar("_CheckFn", bound=Callable[..., pl.DataFrame])


def register_check_type(
    name: str, params_model: type[BaseModel], fields: Iterable[str] = ()
) -> CheckType:
    """Declare a check type that rules may `extend`.

    `fields` are the message placeholders this type fills besides COMMON_FIELDS; a rule whose
    message uses any other placeholder is rejected when it is loaded.
    """
    if name in CHECK_TYPES:
        raise ValueError(f"check type {name!r} is already registered")
    if not (isinstance(params_model, type) and issubclass(params_model, BaseModel)):
        raise TypeError(f"params model for {name!r} must be a pydantic model class")
    check_type = CheckType(name, params_model, COMMON_FIELDS | frozenset(fields))
    CHECK_TYPES[name] = check_type
    return check_type


def register_check(
    name: str, fn: _CheckFn | None = None
) -> Callable[[_CheckFn], _CheckFn] | _CheckFn:
    """Attach the code that runs check type `name`: `@register_check("quantity")` on a function,
    or `register_check("quantity", fn)`. The type must be registered first."""

    def attach(func: _CheckFn) -> _CheckFn:
        if name not in CHECK_TYPES:
            raise ValueError(f"register the check type {name!r} before its code")
        current = CHECK_TYPES[name]
        if current.run is not None and current.run is not func:
            raise ValueError(f"check type {name!r} already has code: {current.run!r}")
        CHECK_TYPES[name] = replace(current, run=func)
        return func

    return attach if fn is None else attach(fn)


def get_check(name: str) -> Check:
    """The code for check type `name`; an error says whether the type or its code is missing."""
    if name not in CHECK_TYPES:
        raise KeyError(
            f"unknown check type {name!r}: expected one of {', '.join(sorted(CHECK_TYPES))}"
        )
    run = CHECK_TYPES[name].run
    if run is None:
        raise LookupError(f"check type {name!r} has no code registered yet")
    return run


def check_type_names() -> list[str]:
    return sorted(CHECK_TYPES)
