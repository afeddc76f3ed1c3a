"""Every rule parameter a check type declares is read by its code: a parameter that is
validated, documented and set in the shipped rules but never read misleads whoever tunes it."""

from __future__ import annotations

import inspect

import pytest

import checker.checks  # noqa: F401  (attaches each check type's code)
from checker.ruleset.registry import CHECK_TYPES


@pytest.mark.parametrize("name", sorted(CHECK_TYPES))
def test_every_parameter_of_a_check_type_is_read_by_its_module(name: str) -> None:
    check_type = CHECK_TYPES[name]
    assert check_type.run is not None, f"{name} is registered without code"
    source = inspect.getsource(inspect.getmodule(check_type.run))
    unread = [
        field
        for field in check_type.params_model.model_fields
        if f'"{field}"' not in source and f".{field}" not in source
    ]
    assert unread == [], f"{name}: parameters never read: {unread}"
