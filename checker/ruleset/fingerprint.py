"""Stable identities for findings.

A finding's id must survive re-running on the same articles in another order, re-extraction
that shifts offsets, and unrelated edits: so it hashes only what the finding is about (rule,
story, fact key, kind, which outlets, which values), never claim ids, offsets or file order.
Baselines (`status: baselined`) match findings across runs by this id.
"""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from collections.abc import Iterable

FINGERPRINT_LENGTH = 16


def _text(value: str) -> str:
    """Case, Unicode form and spacing do not change what a value says."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def normalize_value(value: object) -> str | None:
    """One canonical text per value: 12500 == 12500.0 == "12500"; "Two  Hours" == "two hours"."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        number = float(value)
        if math.isnan(number):
            return "nan"
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        if number.is_integer():
            return str(int(number))
        return repr(number)
    text = _text(str(value))
    try:
        return normalize_value(float(text.replace(",", ""))) if text else text
    except ValueError:
        return text


def finding_fingerprint(
    rule_id: str,
    story: str | None,
    key: str | None,
    kind: str | None,
    outlets: Iterable[str],
    values: Iterable[object],
) -> str:
    """sha1 (first 16 hex digits) of a canonical JSON of what the finding is about.

    Outlets and values are de-duplicated and sorted, so their order never matters.
    """
    canonical = {
        "rule": rule_id,
        "story": story,
        "key": key,
        "kind": kind,
        "outlets": sorted({_text(outlet) for outlet in outlets}),
        "values": sorted({v for v in map(normalize_value, values) if v is not None}),
    }
    payload = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]
