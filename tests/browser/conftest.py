"""A headless Debian chromium driven by Selenium, for the report's browser tests.

Skips (with the reason) when chromium or chromedriver is not installed; .ci/run installs both.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.headless import chromium_available, start_chromium, stop_chromium

MISSING = "chromium/chromedriver not installed (see .ci/run)"


def start_browser(width: int = 1280, height: int = 900):
    """A fresh headless chromium with no background traffic and its own profile folder."""
    return start_chromium(width, height, log_console=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not chromium_available():
        pytest.skip(MISSING)
    pytest.importorskip("selenium", reason="selenium not installed (pip install -e '.[test]')")
    driver = start_browser()
    try:
        yield driver
    finally:
        stop_chromium(driver)
