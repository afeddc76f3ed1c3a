"""The HTML report: index.html and one self-contained page per story (always written).

Templates ship with the package and autoescape every value; the only markup not escaped by
Jinja is the page's own CSS/JS and the JSON index, which is escaped for <script> context here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

import jinja2
import polars as pl
from markupsafe import Markup

from checker.report.index_page import input_problems, ranked_stories, top_outlets
from checker.report.order import ordered_findings
from checker.report.registry import ReportInput, register_format
from checker.report.story_page import story_view
from checker.report.view import SEVERITIES_HIGH_FIRST, story_header, story_partitions, story_slug
from checker.resources import templates_dir


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def script_json(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no '<' can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def render_story(
    story: str, tables: Mapping[str, pl.DataFrame], header: dict[str, Any] | None = None
) -> str:
    """One story page; `tables` may be the whole run's or just the story's partition."""
    view = story_view(story, tables, header)
    return (
        environment()
        .get_template("story.html")
        .render(view=view, severities=SEVERITIES_HIGH_FIRST, index_json=script_json(view["index"]))
    )


def render_index(headers: list[dict[str, Any]]) -> str:
    """index.html from every story's header (story_header): stories by departing findings."""
    totals = {s: sum(r["by_severity"].get(s, 0) for r in headers) for s in SEVERITIES_HIGH_FIRST}
    return (
        environment()
        .get_template("index.html")
        .render(
            rows=ranked_stories(headers),
            severities=SEVERITIES_HIGH_FIRST,
            totals=totals,
            outlets=top_outlets(headers),
            problems=input_problems(headers),
        )
    )


@register_format("html", "index.html and stories/<story>.html", always=True)
def render_html(report: ReportInput) -> dict[str, str]:
    # who departs is worked out once for the run, then the tables are split once: each page
    # reads only its own rows (per-story work on the whole run's tables is quadratic)
    ordered = {**report.tables, "findings": ordered_findings(report.tables["findings"])}
    parts = story_partitions(ordered)
    headers = {story: story_header(story, tables) for story, tables in parts.items()}
    files = {"index.html": render_index(list(headers.values()))}
    for story, tables in parts.items():
        files[f"stories/{story_slug(story)}.html"] = render_story(story, tables, headers[story])
        report.advance(1)
    return files
