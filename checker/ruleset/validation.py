"""Turning pydantic's validation errors into short messages a rule author can act on."""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

Loc = tuple[str | int, ...]


def dotted(loc: Loc) -> str:
    return ".".join(str(part) for part in loc) if loc else "(top level)"


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and Optional[...] so the walk sees the real container or model."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def real_keys(model: type[BaseModel], loc: Loc) -> Loc:
    """The part of `loc` that names keys and indices in the input.

    pydantic appends the union member or validator it tried ("kinds", "list[str]"); those are
    not keys in the user's file, so the walk stops where the model's shape does.
    """
    kept: list[str | int] = []
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        origin = get_origin(current)
        if _is_model(current) and part in current.model_fields:
            current = current.model_fields[part].annotation
        elif origin in (list, tuple) and isinstance(part, int):
            current = get_args(current)[0] if get_args(current) else Any
        elif origin is dict:
            current = get_args(current)[1] if get_args(current) else Any
        else:
            break
        kept.append(part)
    return tuple(kept)


def _known_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model that an unknown key `loc[-1]` was found in."""
    current: Any = model
    for part in real_keys(model, loc[:-1]):
        current = _unwrap(current)
        if _is_model(current):
            current = current.model_fields[part].annotation
        else:
            args = get_args(current)
            current = args[-1] if args else Any
    current = _unwrap(current)
    return sorted(current.model_fields) if _is_model(current) else []


def describe_errors(
    exc: ValidationError, model: type[BaseModel], noun: str = "key", prefix: Loc = ()
) -> Iterator[tuple[Loc, str]]:
    """(location, message) per failing location, in pydantic's order.

    The location is where the error belongs in the input: an unknown key's own path, a
    missing key's path (its line falls back to the parent's), or a bad value's key. `prefix`
    is where `model`'s input sits in the file (("params",) for a rule's parameters).
    """
    merged: dict[Loc, list[str]] = {}
    about_key: set[Loc] = set()  # locations whose message is about the key, not its value
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "missing":
            text = f"missing required {noun} {dotted((*prefix, *loc))!r}"
            about_key.add(loc)
        elif kind == "extra_forbidden":
            known = _known_keys(model, loc)
            text = f"unknown {noun} {dotted((*prefix, *loc))!r}" + (
                f" (expected one of: {', '.join(known)})" if known else ""
            )
            about_key.add(loc)
        else:
            # A value that failed every member of a union gives one error per member:
            # they share the location and are joined into one message below.
            loc = real_keys(model, loc)
            text = str(error["msg"]).removeprefix("Value error, ")
        texts = merged.setdefault(loc, [])
        if text not in texts:
            texts.append(text)
    for loc, texts in merged.items():
        where = (*prefix, *loc)
        if loc in about_key:
            yield where, "; ".join(texts)
        else:
            yield where, f"{dotted(where)}: {', or '.join(texts)}"
