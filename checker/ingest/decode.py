"""Bytes to text: a declared charset if any, else UTF-8 with each invalid byte read as
Windows-1252 (Latin-1 for the five bytes cp1252 leaves undefined).

The fallback is per byte, never per file: one stray byte in a UTF-8 file must not turn every
"Jürgen" into "JÃ¼rgen". The warning names the lines that held invalid bytes.

Refuses empty and binary inputs with a message, so that a stray image or archive in a corpus
folder costs one clear problem instead of a garbage document.
"""

from __future__ import annotations

import codecs
import re

from checker.errors import CheckerError, Problems

_SNIFF = 8192  # bytes looked at for NULs and control characters
_MAX_CONTROL_SHARE = 0.05  # text has almost none; binary data decoded as cp1252 has ~12 %
_MIN_CONTROLS = 2  # a stray control character or two does not make a short note binary
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Unicode "Cc" characters other than tab, newlines and form feeds
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_bytes(data: bytes, source: str, problems: Problems, declared: str | None = None) -> str:
    """Decode `data` to str, warning when it had to fall back from UTF-8."""
    if not data.strip():
        raise CheckerError(source, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_UTF16_BOMS):
        return _checked(data.decode("utf-16", errors="replace"), source)
    if b"\x00" in data[:_SNIFF]:
        raise CheckerError(source, "binary file (contains NUL bytes), not a text document")

    declared_codec = _codec_name(declared)
    if declared_codec and declared_codec != "utf-8":
        try:
            return _checked(data.decode(declared_codec), source)
        except UnicodeDecodeError:
            pass  # the declaration lies; fall through to the usual order
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    # surrogateescape keeps each invalid byte as one lone surrogate (U+DC80 + byte) in place
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = [match.start() for match in _ESCAPED.finditer(escaped)]
    lines, line, seen = [], 1, 0
    for offset in bad:  # one pass: line numbers counted between consecutive bad bytes
        line += escaped.count("\n", seen, offset)
        seen = offset
        if not lines or lines[-1] != line:
            lines.append(line)
    text = _checked(_ESCAPED.sub(lambda m: _legacy_char(ord(m.group()) - 0xDC00), escaped), source)
    more = ", ..." if len(lines) > _LINES_SHOWN else ""
    codec = "cp1252"
    if any(ord(escaped[i]) - 0xDC00 in _CP1252_UNDEFINED for i in bad):
        codec += " (latin-1 where cp1252 has no character)"
    problems.warning(
        source,
        f"not valid UTF-8: {len(bad)} byte(s) (first 0x{ord(escaped[bad[0]]) - 0xDC00:02x}) on "
        f"line(s) {', '.join(map(str, lines[:_LINES_SHOWN]))}{more} read as {codec}; "
        "the rest is UTF-8",
        lines[0],
    )
    return text


def declared_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its top, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


_LINES_SHOWN = 10
_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
_ESCAPED = re.compile("[\udc80-\udcff]")  # invalid bytes under surrogateescape


def _legacy_char(byte: int) -> str:
    # cp1252 is what "Latin-1" files from Windows editors really are (curly quotes at
    # 0x91-0x94); it leaves five bytes undefined, and Latin-1 decodes anything.
    raw = bytes([byte])
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _checked(text: str, source: str) -> str:
    """Reject decoded text that is empty or mostly control characters (binary data)."""
    if not text.strip():
        raise CheckerError(source, "empty file (only whitespace)")
    sample = text[:_SNIFF]
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > _MIN_CONTROLS and controls > _MAX_CONTROL_SHARE * len(sample):
        raise CheckerError(source, "binary file (mostly non-text bytes), not a text document")
    return text
