"""Text cleanup shared by every reader: one paragraph a block, blank line between blocks.

Later stages count character offsets into the cleaned text and split sentences on it, so
every reader must produce the same shape: Unicode NFC, single spaces, no invisible characters,
paragraphs separated by exactly one blank line.
"""

from __future__ import annotations

import re
import unicodedata

import lxml.html
from lxml import etree

# One pass of str.translate: invisible characters (zero-width, direction marks, soft hyphen)
# go, control characters other than tab and line breaks become spaces.
_INVISIBLE = "\u200b\u200e\u200f\u2060\ufeff\u00ad"
_CONTROLS = [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]
_SCRUB = {ord(char): None for char in _INVISIBLE} | {code: " " for code in _CONTROLS}
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but a newline, NBSP and thin spaces included
_SENTENCE_END = re.compile(r"""[.!?:;"'”’)\]…]$""")


def clean_text(text: str, *, join_wrapped: bool = True) -> str:
    """Normalize `text`; each line becomes a paragraph unless it is a hard-wrapped continuation.

    With `join_wrapped`, a line that does not end a sentence followed by one starting in lower
    case is taken as one paragraph wrapped at a fixed width (e-mail, old wire copy) and joined.
    Lines that are paragraphs of their own (one paragraph a line, as most exports write them,
    or a headline with no full stop) stay separate.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n").replace("\u2028", "\n")
    text = _SPACES.sub(" ", text.translate(_SCRUB))
    paragraphs: list[list[str]] = []
    previous_blank = True
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            previous_blank = True
            continue
        if not previous_blank and join_wrapped and _continues(paragraphs[-1][-1], line):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        previous_blank = False
    return "\n\n".join(" ".join(lines) for lines in paragraphs)


def _continues(previous: str, line: str) -> bool:
    return not _SENTENCE_END.search(previous) and line[0].islower()


# fmt: off
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)
# fmt: on
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment (feed summary, rendered Markdown), a paragraph a block."""
    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_text(markup)
    for element in list(root.iter(*_DROPPED_TAGS)):
        element.drop_tree()
    pieces: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        is_tag = isinstance(element.tag, str)  # comments and processing instructions are not
        if event == "start":
            if is_tag and (element.tag in _BLOCK_TAGS or element.tag == "br"):
                pieces.append("\n")
            if is_tag and element.text:
                pieces.append(_SPACES.sub(" ", element.text.replace("\n", " ")))
        else:
            if is_tag and element.tag in _BLOCK_TAGS:
                pieces.append("\n")
            if element.tail and element is not root:
                pieces.append(_SPACES.sub(" ", element.tail.replace("\n", " ")))
    return clean_text("".join(pieces), join_wrapped=False)
