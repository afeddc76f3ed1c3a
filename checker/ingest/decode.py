"""Bytes to text: UTF-8 first, a declared charset if any, Windows-1252/Latin-1 as a last resort.

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
    except UnicodeDecodeError as exc:
        text, codec = _decode_legacy(data)
        text = _checked(text, source)
        line = data.count(b"\n", 0, exc.start) + 1
        problems.warning(
            source,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); decoded as {codec}",
            line,
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


def _decode_legacy(data: bytes) -> tuple[str, str]:
    # cp1252 is what "Latin-1" files from Windows editors really are (curly quotes at
    # 0x91-0x94); it leaves five bytes undefined, and Latin-1 decodes anything.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _checked(text: str, source: str) -> str:
    """Reject decoded text that is empty or mostly control characters (binary data)."""
    if not text.strip():
        raise CheckerError(source, "empty file (only whitespace)")
    sample = text[:_SNIFF]
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > _MIN_CONTROLS and controls > _MAX_CONTROL_SHARE * len(sample):
        raise CheckerError(source, "binary file (mostly non-text bytes), not a text document")
    return text
