"""GitHub workflow-command annotations: `::error file=F,line=L,col=C,title=T::message`.

Printed to stdout by `compare` and `gate` when `--format github` is asked for (and written to
annotations.txt), so a plain workflow step shows the findings on the changed lines of a pull
request without code scanning or special permissions, as `ruff --output-format github` does.
The places are the SARIF format's (the offending side's sentence, at its line and column);
info findings and baselined ones are left out.
"""

from __future__ import annotations

from typing import Any

from checker.report.formats_sarif import sarif_results, sarif_rules
from checker.report.registry import ReportInput, register_format

ANNOTATIONS_FILE = "annotations.txt"
COMMANDS = {"error": "error", "warning": "warning"}  # SARIF level -> workflow command


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(result: dict[str, Any]) -> str | None:
    """One workflow command for one SARIF result, or None for notes and baselined findings."""
    command = COMMANDS.get(result["level"])
    if command is None or result.get("suppressions"):
        return None
    location = result["locations"][0]["physicalLocation"]
    region = location["region"]
    fields = [f"file={_escape_property(location['artifactLocation']['uri'])}"]
    fields.append(f"line={region['startLine']}")
    if region.get("startColumn"):
        fields.append(f"col={region['startColumn']}")
    if region.get("endLine"):
        fields.append(f"endLine={region['endLine']}")
    fields.append(f"title={_escape_property('checker ' + result['ruleId'])}")
    value = result.get("properties", {}).get("value")
    message = result["message"]["text"] + (f" [here: {value}]" if value else "")
    return f"::{command} {','.join(fields)}::{_escape_data(message)}"


@register_format("github", "annotations.txt: GitHub workflow annotations, also printed to stdout")
def render_github(report: ReportInput) -> dict[str, str]:
    rules = sarif_rules(report.tables["findings"])
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    lines = [line for r in sarif_results(report, rule_index) if (line := annotation(r))]
    return {ANNOTATIONS_FILE: "".join(f"{line}\n" for line in lines)}
