"""How much one input may cost: caps that keep a single hostile file or URL from stalling a run.

Set in `checker.toml` (or `[tool.checker]`) under `[limits]`:

    [limits]
    max_document_mb = 5        # a page or text file's bytes, or one record's text
    url_deadline_seconds = 60  # a whole http(s) request, first byte to last
    url_timeout_seconds = 20   # silence on the connection
    max_url_mb = 32            # a response body

Measured on a text-heavy HTML page: 1 MB takes 1.0 s and 124 MB to read, 4 MB 9.9 s and
259 MB (trafilatura grows faster than the page), so the default cap is 5 MB.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Positive = Annotated[float, Field(gt=0)]
MEGABYTE = 1024 * 1024


class Limits(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    max_document_mb: Positive = 5.0
    url_deadline_seconds: Positive = 60.0
    url_timeout_seconds: Positive = 20.0
    max_url_mb: Positive = 32.0

    @property
    def max_document_bytes(self) -> int:
        return int(self.max_document_mb * MEGABYTE)

    @property
    def max_url_bytes(self) -> int:
        return int(self.max_url_mb * MEGABYTE)


def megabytes(size: int) -> str:
    """A size for a message: "20.0 MB", or "6.1 KB" below a tenth of a megabyte."""
    if size < MEGABYTE / 10:
        return f"{size / 1024:.1f} KB"
    return f"{size / MEGABYTE:.1f} MB"
