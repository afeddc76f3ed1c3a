"""The story page in a real (headless) chromium: offline, filters, permalinks, hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from test_report_sample import STORY, sample_tables

from checker.report.writer import write_report

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ID = "a1b2c3d4e5f6000"  # the sample's finding ids are this plus 1..4
VISIBLE = (
    "return Array.from(document.querySelectorAll('article.finding'))"
    ".filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id.slice(-1)).sort().join('')"
)


def _page(tmp_path: Path, hostile: bool) -> str:
    write_report(tmp_path, sample_tables(hostile), [], "none")
    return (tmp_path / "stories" / f"{STORY}.html").resolve().as_uri()


@pytest.fixture(scope="module")
def story_url(tmp_path_factory) -> str:
    return _page(tmp_path_factory.mktemp("report"), hostile=False)


def _open(browser, url: str) -> None:
    browser.get("about:blank")
    browser.get(url)


def _console_problems(browser) -> list[dict]:
    return [e for e in browser.get_log("browser") if e["level"] in {"SEVERE", "WARNING"}]


def test_loads_offline_with_no_console_errors(browser, story_url) -> None:
    browser.get_log("browser")  # drop anything from earlier pages
    _open(browser, story_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == STORY
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert _console_problems(browser) == []
    assert browser.execute_script(VISIBLE) == "1234"
    assert browser.find_element(By.ID, "filter-count").text == "4 of 4 findings"
    index = Path(story_url.removeprefix("file://")).parent.parent / "index.html"
    _open(browser, index.as_uri())
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert _console_problems(browser) == []


@pytest.mark.parametrize(
    ("control", "value", "visible"),
    [
        ("filter-severity", "major", "1"),
        ("filter-severity", "info", "4"),
        ("filter-check", "duration", "2"),
        ("filter-rule", "speaker-conflict", "3"),
        ("filter-outlet", "west-wire", "134"),
        ("filter-outlet", "east-echo", "2"),  # named in 1, 2 and 3; departs in 2 only
    ],
)
def test_each_filter_changes_what_is_visible(browser, story_url, control, value, visible) -> None:
    _open(browser, story_url)
    Select(browser.find_element(By.ID, control)).select_by_value(value)
    assert browser.execute_script(VISIBLE) == visible
    assert browser.find_element(By.ID, "filter-count").text == f"{len(visible)} of 4 findings"
    # the state is in the URL: opening that link again reproduces the view
    url = browser.current_url
    assert f"{control.removeprefix('filter-')}={value}" in url
    _open(browser, url)
    assert browser.execute_script(VISIBLE) == visible
    assert Select(browser.find_element(By.ID, control)).first_selected_option.text == value


def test_filters_combine_search_and_reset(browser, story_url) -> None:
    _open(browser, story_url)
    search = browser.find_element(By.ID, "filter-q")
    search.send_keys("REFERENDUM")
    assert browser.execute_script(VISIBLE) == "4"
    search.clear()
    search.send_keys("sea wall")
    assert browser.execute_script(VISIBLE) == "1"
    Select(browser.find_element(By.ID, "filter-severity")).select_by_value("minor")
    assert browser.execute_script(VISIBLE) == ""
    assert browser.find_element(By.ID, "no-match").is_displayed()
    # a fact whose findings are all hidden is hidden with them
    assert not any(s.is_displayed() for s in browser.find_elements(By.CSS_SELECTOR, "section.fact"))
    browser.find_element(By.ID, "filter-reset").click()
    assert browser.execute_script(VISIBLE) == "1234"
    assert browser.execute_script("return location.hash") == ""


def test_keyboard_reaches_the_filters(browser, story_url) -> None:
    _open(browser, story_url)
    search = browser.find_element(By.ID, "filter-q")
    search.click()
    search.send_keys("two hours")
    assert browser.execute_script(VISIBLE) == "2"
    assert browser.execute_script("return document.activeElement.id") == "filter-q"
    labels = browser.execute_script(
        "return Array.from(document.querySelectorAll('.filters select, .filters input'))"
        ".every(e => e.labels && e.labels.length === 1)"
    )
    assert labels is True


def test_permalink_opens_on_its_finding(browser, story_url) -> None:
    _open(browser, f"{story_url}#severity=major")
    assert browser.execute_script(VISIBLE) == "1"
    _open(browser, f"{story_url}#f-{ID}4")
    target = browser.find_element(By.ID, f"f-{ID}4")
    assert target.is_displayed() and "is-target" in target.get_attribute("class")
    assert browser.execute_script(VISIBLE) == "1234"  # filters cleared so the target shows
    in_view = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.top < window.innerHeight && window.scrollY > 0;",
        target,
    )
    assert in_view is True
    assert browser.execute_script("return document.activeElement.id") == f"f-{ID}4"


def test_hostile_document_renders_as_text_and_runs_nothing(browser, tmp_path) -> None:
    browser.get_log("browser")
    _open(browser, _page(tmp_path, hostile=True))
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__pwned=1;alert(1)</script>" in body
    assert "<img src=x onerror=window.__pwned=1>" in body
    assert browser.find_elements(By.CSS_SELECTOR, "main img") == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    # the hostile outlet still works as a filter value
    outlet = Select(browser.find_element(By.ID, "filter-outlet"))
    outlet.select_by_value("west-wire<img src=x onerror=window.__pwned=1>")
    assert browser.execute_script(VISIBLE) == "134"
    _open(browser, browser.current_url)
    assert browser.execute_script(VISIBLE) == "134"
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert _console_problems(browser) == []
