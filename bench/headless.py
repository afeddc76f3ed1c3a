"""Opening rendered reports in a headless Debian chromium through Selenium.

For the browser tests, the screenshot in docs/ and the page-load benchmark: one place knows the
flags that keep chromium off the network (no background traffic, updates or sync) and give
each browser a profile folder of its own. Selenium is a test dependency, imported on use.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

QUIET_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
)


def find_binary(name: str) -> str | None:
    """Debian's /usr/bin copy first (the one .ci/run installs), else whatever PATH has."""
    path = Path("/usr/bin") / name
    return str(path) if path.exists() else shutil.which(name)


def chromium_available() -> bool:
    return bool(find_binary("chromium") and find_binary("chromedriver"))


def start_chromium(
    width: int = 1280, height: int = 900, extra_flags: Sequence[str] = (), log_console: bool = False
) -> Any:
    """A fresh headless chromium; `driver.profile_dir` is its own profile folder, which the
    caller removes with `stop_chromium`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = find_binary("chromium") or ""
    profile = tempfile.mkdtemp(prefix="checker-chromium-")
    for flag in (*QUIET_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                 *extra_flags):
        options.add_argument(flag)
    if log_console:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(find_binary("chromedriver")))
    driver.profile_dir = profile
    return driver


def stop_chromium(driver: Any) -> None:
    driver.quit()
    shutil.rmtree(driver.profile_dir, ignore_errors=True)
