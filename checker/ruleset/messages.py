"""Rule message templates: checked when a rule loads, filled when a check makes a finding.

Templates use Python's `{name}` syntax with an optional format spec ("{share:.0%}"). Only
plain names are allowed: positional fields, attribute access and indexing ("{x.y}", "{x[0]}")
would let a rule file reach into objects, so they are rejected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from string import Formatter

_FORMATTER = Formatter()


def template_fields(template: str) -> list[str]:
    """The placeholder names in a template, in order; ValueError if it is malformed or unsafe."""
    names: list[str] = []
    for _literal, name, _spec, _conversion in _FORMATTER.parse(template):
        if name is None:
            continue
        if not name.isidentifier():
            raise ValueError(
                f"placeholder {{{name}}} is not allowed: use a plain name such as {{kind}}"
            )
        names.append(name)
    return names


def check_template(template: str, allowed: Iterable[str]) -> None:
    """Raise ValueError naming every placeholder outside `allowed` (or a syntax problem)."""
    allowed_set = set(allowed)
    unknown = sorted({name for name in template_fields(template) if name not in allowed_set})
    if unknown:
        raise ValueError(
            f"unknown placeholder(s) {', '.join('{' + n + '}' for n in unknown)}; "
            f"this check type fills {', '.join(sorted(allowed_set))}"
        )


def _as_text(value: object, spec: str, conversion: str | None) -> str:
    if conversion == "r":
        value = repr(value)
    elif conversion in ("s", "a"):
        value = str(value) if conversion == "s" else ascii(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_text(item, spec, None) for item in value)
    try:
        return format(value, spec)
    except (TypeError, ValueError):
        return str(value)  # a spec meant for numbers, given text: still show the value


def render_message(template: str, values: Mapping[str, object]) -> str:
    """Fill a (validated) template. Lists join with ", "; a missing value shows as "{name}"
    so that a check that forgot a field is visible in the report rather than silent."""
    parts: list[str] = []
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        parts.append(literal)
        if name is None:
            continue
        if values.get(name) is None:
            parts.append("{" + name + "}")
        else:
            parts.append(_as_text(values[name], spec or "", conversion))
    return "".join(parts)
