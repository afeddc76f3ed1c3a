"""The report of real coverage (tests/corpus/real) as a reviewer on deadline reads it, in a real
headless chromium: who departs is on the first screen, nothing scrolls sideways on a phone or
a laptop, the who-deviates table filters, a permalink's headline is not under the sticky bar,
and print does not spell out URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MISSING, start_browser
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from bench.headless import chromium_available, stop_chromium
from checker.errors import Problems
from checker.pipeline import run_pipeline
from checker.report.view import story_slug
from checker.report.writer import write_report

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

REAL = Path(__file__).resolve().parents[1] / "corpus" / "real"
STORIES = ("alaska-summit", "astronauts-return")
DEPARTING_ROW = "tr.side-minority, tr.side-disputed, tr.side-pessimistic, tr.side-candidate"
VISIBLE_IDS = (
    "return Array.from(document.querySelectorAll('article.finding'))"
    ".filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id.slice(2))"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    problems = Problems()
    tables = run_pipeline([str(REAL / story) for story in STORIES], problems=problems)
    assert not problems.has_errors, [p.render() for p in problems]
    out = tmp_path_factory.mktemp("real-report")
    write_report(out, tables, [], "none")
    return out


@pytest.fixture(scope="module")
def laptop():
    """1,400 x 900, the window the issue was reviewed in."""
    if not chromium_available():
        pytest.skip(MISSING)
    driver = start_browser(1400, 900)
    try:
        yield driver
    finally:
        stop_chromium(driver)


def _page(report: Path, story: str) -> str:
    return (report / "stories" / f"{story_slug(story)}.html").resolve().as_uri()


def _open(driver, url: str, width: int | None = None) -> None:
    """Open `url`; `width` emulates a narrower screen than chromium's smallest window."""
    driver.get("about:blank")
    if width is None:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    else:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": True},
        )
    driver.get(url)


@pytest.mark.parametrize("story", STORIES)
def test_the_first_departing_row_is_on_the_first_screen(laptop, report, story) -> None:
    _open(laptop, _page(report, story))
    assert laptop.execute_script("return window.innerWidth") == 1400
    top = laptop.execute_script(
        "const row = document.querySelector(arguments[0]);"
        "return row && row.offsetParent !== null"
        " ? row.getBoundingClientRect().top + window.scrollY : null;",
        DEPARTING_ROW,
    )
    assert top is not None and top < 1000, top
    # and before it, the who-deviates table names that row's outlet
    outlets = laptop.execute_script(
        "return Array.from(document.querySelectorAll('#who tbody th > a:first-child'))"
        ".map(e => e.textContent)"
    )
    first_card_departing = json.loads(
        laptop.find_element(By.ID, "finding-index").get_attribute("textContent")
    )[0]["outlets"]
    assert set(first_card_departing) <= set(outlets)


@pytest.mark.parametrize("width", [400, 1400])
@pytest.mark.parametrize("page", [*STORIES, "index"])
def test_nothing_scrolls_sideways(laptop, report, width, page) -> None:
    url = (report / "index.html").as_uri() if page == "index" else _page(report, page)
    _open(laptop, url, width=None if width == 1400 else width)
    widths = laptop.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " window.innerWidth]"
    )
    assert widths[2] == width
    assert widths[0] <= widths[1], widths
    if width == 400:  # the filter bar scrolls away on a phone: it never covers the page
        position = laptop.execute_script(
            "return getComputedStyle(document.getElementById('filters') || document.body).position"
        )
        assert position != "sticky"


def test_a_who_deviates_cell_filters_the_findings(laptop, report) -> None:
    _open(laptop, _page(report, "alaska-summit"))
    cell = laptop.find_element(By.CSS_SELECTOR, "#who a.cell")
    count = int(cell.text)
    outlet = cell.get_attribute("aria-label").split(":")[0]
    cell.click()
    shown = laptop.execute_script(VISIBLE_IDS)
    assert len(shown) == count
    index = {
        item["id"]: item
        for item in json.loads(
            laptop.find_element(By.ID, "finding-index").get_attribute("textContent")
        )
    }
    total = len(index)
    assert all(outlet in index[i]["outlets"] for i in shown)  # it departs in each one
    assert laptop.find_element(By.ID, "filter-outlet").get_attribute("value") == outlet
    assert laptop.find_element(By.ID, "filter-count").text == f"{count} of {total} findings"
    # the findings it selected are brought into view (a smooth scroll: wait for it to start)
    WebDriverWait(laptop, 10).until(lambda d: d.execute_script("return window.scrollY") > 0)


@pytest.mark.parametrize("story", STORIES)
def test_a_permalinked_headline_is_below_the_sticky_bar(laptop, report, story) -> None:
    url = _page(report, story)
    _open(laptop, url)
    last = laptop.execute_script(VISIBLE_IDS)[-1]
    _open(laptop, f"{url}#f-{last}")
    bar, head = laptop.execute_script(
        "const bar = document.getElementById('filters').getBoundingClientRect();"
        "const head = document.getElementById('h-' + arguments[0]).getBoundingClientRect();"
        "return [[bar.top, bar.bottom], [head.top, head.bottom]];",
        last,
    )
    assert bar[0] <= 0 + 1  # the bar is stuck to the top of the window
    assert head[0] >= bar[1], (bar, head)  # the headline starts below it
    assert head[1] <= 900


def test_print_keeps_urls_out_and_hides_the_filters(laptop, report) -> None:
    _open(laptop, _page(report, "astronauts-return"))
    laptop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        after, filters, breaks = laptop.execute_script(
            "const a = document.querySelector('td.outlet a');"
            "return [getComputedStyle(a, '::after').content,"
            " getComputedStyle(document.getElementById('filters')).display,"
            " getComputedStyle(document.querySelector('article.finding')).breakInside];"
        )
    finally:
        laptop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert after in ("none", "normal")
    assert filters == "none"
    assert breaks == "avoid-page"
