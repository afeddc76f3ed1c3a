"""The people one article names: long forms of surnames, and who "he" or "she" is.

News copy names a person in full once ("U.S. President Maria Ortega", "Ortega's Middle East
envoy, Tomas Brandt") and by surname after that, sometimes before it (a headline). So the
whole article is read for full names first; then a surname resolves to the full name, and a
pronoun to the person named last before it (outside the quote it sits next to).
"""

from __future__ import annotations

import bisect
import re

from checker.extract.names import NAME_WORD, canonical_key, clean_name, surname
from checker.extract.speakers import SpeakerWords, is_organisation

# "Mohammed bin Salman" counts 2 (particles are free); longer capitalised runs are headlines.
_MAX_NAME_WORDS = 3
_TITLE_WORDS = 4  # words read before a capitalised run for its title ("coast guard spokesperson")
_LOOKBEHIND = 60


def name_run_pattern(words: SpeakerWords) -> re.Pattern[str]:
    """A run of capitalised words (particles allowed inside): "U.S. President Maria Ortega"."""
    particles = "|".join(map(re.escape, sorted(words.particles)))
    gap = rf"[ \t]+(?:(?:{particles})[ \t]+)?" if particles else r"[ \t]+"
    return re.compile(rf"(?<!\w){NAME_WORD}(?:{gap}{NAME_WORD})*")


class People:
    """Full names seen in one article, and where each person is mentioned."""

    def __init__(self, words: SpeakerWords, name_runs: re.Pattern[str]) -> None:
        self._words = words
        self._name_runs = name_runs
        self._title_starts = frozenset(title[0] for title in words.titles)
        self._full_by_surname: dict[str, tuple[int, str]] = {}  # key -> (position, full name)
        self._single: set[str] = set()  # one-word names known to be people ("President Ortega")
        self._by_title: dict[str, set[str]] = {}  # "governor" -> the names given that title
        self._starts: list[int] = []
        self._mentions: list[tuple[int, int, str]] = []

    def register(self, name: str, position: int, titled: bool, title: str | None = None) -> None:
        """Note a name seen at `position`; full names become the long form of their surname."""
        name = clean_name(name)
        parts = [p for p in name.split() if p.lower() not in self._words.not_names]
        while len(parts) > 1 and self._is_title_word(parts[0]):
            parts.pop(0)  # "Commander Ilario Bendetti" after "spokesperson"
        if not parts or is_organisation(name, self._words):
            return
        if title:
            self._by_title.setdefault(title, set()).add(" ".join(parts))
        if len(parts) == 1:
            if titled:
                self._single.add(parts[0])
            return
        capitalised = [p for p in parts if p[:1].isupper()]
        if len(capitalised) > _MAX_NAME_WORDS:
            return
        key = canonical_key(surname(name))
        seen = self._full_by_surname.get(key)
        if seen is None or position < seen[0]:
            self._full_by_surname[key] = (position, " ".join(parts))

    def scan_titles(self, text: str) -> None:
        """Register every "title + name" in the article, quoted as speaker or not:
        "U.S. President Maria Ortega", "coast guard spokesperson Commander Ilario Bendetti"."""
        for run in self._name_runs.finditer(text):
            before = text[max(0, run.start() - _LOOKBEHIND) : run.start()].split()[-_TITLE_WORDS:]
            if before and run.start() - _LOOKBEHIND > 0:
                before = before[1:]  # the first word may be cut in half
            tokens = before + run.group(0).split()
            keys = [t.lower().rstrip(".,") for t in tokens]
            if self._title_starts.isdisjoint(keys):
                continue  # most capitalised runs have no title near them
            titles = self._titles_before_name(keys, len(before))
            if titles:
                name_start = titles[-1][1]
                if tokens[name_start - 1].endswith(",") and len(tokens) - name_start == 1:
                    continue  # "the envoy, Jonas said": a comma and one word is no name
                name = " ".join(tokens[name_start:])
                for start, end in titles:
                    title = self._words.title_key(" ".join(keys[start:end]))
                    self.register(name, run.start(), titled=True, title=title)

    def _titles_before_name(self, keys: list[str], run_start: int) -> list[tuple[int, int]]:
        """The chain of titles that ends right before the name words at the end of `keys`."""
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(keys):
            size = next(
                (
                    n
                    for n in range(min(self._words.longest, len(keys) - i), 0, -1)
                    if tuple(keys[i : i + n]) in self._words.titles
                ),
                0,
            )
            if size:
                if spans and spans[-1][1] != i:
                    spans = []  # only titles right next to each other form one chain
                spans.append((i, i + size))
                i += size
            else:
                if spans and i < run_start:
                    spans = []  # lower-case words between a title and the name
                i += 1
        if not spans or spans[-1][1] >= len(keys) or spans[-1][1] < run_start:
            return []
        if any(k in self._words.not_names for k in keys[spans[-1][1] :]):
            return []
        return spans

    def _is_title_word(self, word: str) -> bool:
        key = word.lower().rstrip(".")
        return (key,) in self._words.titles or key in self._words.honorifics

    def with_title(self, title: str | None) -> str | None:
        """The one person the article gives this title ("the governor"), else None.

        A shorter title finds a longer one when only one person holds such a title: "the
        envoy" -> "special envoy Tomas Brandt".
        """
        if not title:
            return None
        names = {self.full_name(n) for n in self._by_title.get(title, ())}
        if not names:
            for held, people in self._by_title.items():
                if held.endswith(" " + title):
                    names.update(self.full_name(n) for n in people)
        return names.pop() if len(names) == 1 else None

    def full_name(self, name: str) -> str:
        """ "Brandt" -> "Tomas Brandt" when the article names him in full; else the name."""
        name = clean_name(name)
        if " " in name:
            return name
        seen = self._full_by_surname.get(canonical_key(name))
        return seen[1] if seen is not None else name

    def is_person(self, name: str, titled: bool) -> bool:
        name = clean_name(name)
        if is_organisation(name, self._words):
            return False
        return titled or " " in name or canonical_key(name) in self._full_by_surname

    def index_mentions(self, text: str) -> None:
        """Find every mention of a known person; call after all names are registered."""
        forms: dict[str, str] = {}
        for _, full in self._full_by_surname.values():
            forms[full] = full
            forms[surname(full)] = full
        for single in self._single:
            forms.setdefault(single, self.full_name(single))
        if not forms:
            return
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
        self._mentions = [(m.start(), m.end(), forms[m.group(0)]) for m in pattern.finditer(text)]
        self._starts = [start for start, _, _ in self._mentions]

    def last_before(self, position: int, skip: list[tuple[int, int]], since: int = 0) -> str | None:
        """The person mentioned last in [since, position), ignoring mentions inside `skip`."""
        index = bisect.bisect_left(self._starts, position) - 1
        while index >= 0 and self._starts[index] >= since:
            start, _, person = self._mentions[index]
            if not any(a <= start < b for a, b in skip):
                return person
            index -= 1
        return None
