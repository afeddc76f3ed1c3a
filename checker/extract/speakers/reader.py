"""The speaker phrase reader: a small noun-phrase reader over tokens, driven by word lists.

It reads from the front of a phrase and returns the first speaker it finds:

    "U.S. President Maria Ortega"      -> name Maria Ortega, role "U.S. President"
    "Ortega's Middle East envoy"        -> a role alone ("Middle East envoy")
    "a spokesperson for the ministry"   -> a role described as "ministry spokesperson"
    "a Palestinian source"             -> unnamed source "palestinian source"

Deciding how much may follow the speaker is speakers.read_phrase's job, not this module's.
"""

from __future__ import annotations

from checker.extract.names import clean_name, is_possessive
from checker.extract.speakers.model import NAME, PRONOUN, ROLE, SOURCE, Speaker, SpeakerWords
from checker.extract.speakers.tokens import PhraseTokens, clean_role

HEAD_LOOKAHEAD = 3  # "the state-run health ministry": modifiers allowed before a head
_MAX_MODIFIERS = 4
_DEFINITE = frozenset({"the", "this", "that"})
_COMPLEMENT_LINKS = frozenset({"of", "at", "from", "in", "for"})
_OWNER_LINKS = frozenset({"for", "of"})  # "a spokesperson for the ministry", "head of the agency"


class PhraseReader:
    """Reads one speaker from the front of a tokenised phrase."""

    def __init__(self, tokens: PhraseTokens, words: SpeakerWords) -> None:
        self.t = tokens
        self.w = words

    def phrase_len(self, i: int, table: frozenset[tuple[str, ...]]) -> int:
        """Length of the longest entry of `table` starting at token i, else 0."""
        for size in range(min(self.w.longest, len(self.t) - i), 0, -1):
            if tuple(self.t.key[i : i + size]) in table:
                return size
        return 0

    def head_len(self, i: int) -> int:
        return self.phrase_len(i, self.w.titles) or self.phrase_len(i, self.w.sources)

    def is_name_word(self, i: int) -> bool:
        t = self.t
        return (
            t.is_capitalised(i)
            and t.key[i] not in self.w.not_names
            and t.key[i] not in self.w.honorifics
            and not self.phrase_len(i, self.w.titles)
        )

    def name_end(self, i: int) -> int:
        """End of the run of name words from i (particles allowed inside); i when none."""
        end = i
        j = i
        while j < len(self.t):
            if self.is_name_word(j):
                j += 1
                end = j
                if is_possessive(self.t.raw[j - 1]):
                    break  # "Lindqvist's office": the name stops at the owner
            elif j > i and (
                self.t.low[j] in self.w.particles
                or (self.t.is_capitalised(j) and j + 1 < len(self.t) and self.is_name_word(j + 1))
            ):
                j += 1  # "Mohammed bin Salman", "Port Alvaro General Hospital"
            else:
                break
        return end

    def head_ahead(self, i: int) -> bool:
        """Is a title or source noun reachable from i through a few modifier words?"""
        for j in range(i, min(len(self.t), i + HEAD_LOOKAHEAD + 1)):
            if self.head_len(j):
                return True
            if self.t.low[j] in self.w.stop_words:
                return False
        return False

    def read(self) -> Speaker | None:
        """Read a speaker from the front of the phrase; `end` tells how far it reached."""
        t, w = self.t, self.w
        if not len(t):
            return None
        if t.low[0] in w.person_pronouns or t.low[0] in w.thing_pronouns:
            return self._make(PRONOUN, 0, 1)
        first = 0
        while first < len(t) and t.low[first] in w.determiners:
            first += 1
        owner_end = first
        j = first
        modifiers = 0
        stacked: tuple[int, str] | None = None  # a title that a second title follows
        while j < len(t):
            size = self.phrase_len(j, w.titles)
            if size:
                k = j + size
                title = w.title_key(" ".join(t.key[j:k]))
                name_end = self.name_end(k)
                if name_end > k:
                    if is_possessive(t.raw[name_end - 1]) and self.head_ahead(name_end):
                        j = owner_end = name_end  # "Prime Minister X's office ..."
                        continue
                    role_end = k
                    if stacked is not None and stacked[0] == j and t.is_capitalised(j):
                        # "coast guard spokesperson Commander X": the rank is not the role
                        role_end, title = stacked
                    return self._named(k, name_end, (owner_end, role_end), title, owner_end)
                if k < len(t) and self.head_len(k):
                    stacked = (k, title)
                    j = k  # "foreign ministry spokesperson": the first head is a modifier
                    continue
                owner = self._owner_after(k)
                if owner is not None:  # "a spokesperson for the ministry"
                    return self._owned_role(first, owner_end, k, owner, title)
                return self._unnamed(ROLE, first, owner_end, k, title)
            size = self.phrase_len(j, w.sources)
            if size:
                k = j + size
                if k < len(t) and self.head_len(k):
                    j = k
                    continue
                return self._unnamed(SOURCE, first, owner_end, self._of_complement(k), None)
            if t.key[j] in w.honorifics and self.name_end(j + 1) > j + 1:
                return self._named(j + 1, self.name_end(j + 1), None, None, owner_end)
            if is_possessive(t.raw[j]):
                j = owner_end = j + 1
                continue
            if t.low[j] in w.stop_words:
                return None
            if self.is_name_word(j):
                end = self.name_end(j)
                inner = next((p for p in range(j, end) if self.head_len(p)), None)
                if inner is not None:
                    j = inner  # "U.S. President ...", "Coast Guard spokesperson ..."
                    continue
                if is_possessive(t.raw[end - 1]) or self.head_ahead(end):
                    j = end  # a modifier or owner of a head that follows
                    if is_possessive(t.raw[end - 1]):
                        owner_end = end
                    continue
                if j == owner_end:
                    return self._named(j, end, None, None, owner_end)
                return None
            modifiers += 1  # a lower-case modifier ("foreign", "senior")
            if modifiers > _MAX_MODIFIERS:
                return None
            j += 1
        return None

    def _definite(self, owner_end: int) -> bool:
        """ "the governor", "Apple's chief executive": one known person, not "a spokesperson"."""
        first = self.t.low[0] if len(self.t) else ""
        return first in _DEFINITE or any(is_possessive(r) for r in self.t.raw[:owner_end])

    def _owner_after(self, k: int) -> tuple[int, int] | None:
        """The owner in "for the ministry" / "of Norway's foreign ministry" after a role ending
        at k: (start, end) of the owner's words without their article, or None."""
        t, w = self.t, self.w
        if k + 1 >= len(t) or t.low[k] not in _OWNER_LINKS:
            return None
        start = k + 1
        while start < len(t) and t.low[start] in w.determiners:
            start += 1
        j = start
        while j < len(t) and j - start <= HEAD_LOOKAHEAD:
            size = self.phrase_len(j, w.sources)
            if size:
                return start, j + size
            if self.is_name_word(j):
                end = self.name_end(j)
                if is_possessive(t.raw[end - 1]) or self.head_ahead(end):
                    j = end  # "Norway's foreign ministry", "the Swedish navy"
                    continue
                return start, end  # "the Foreign Ministry", "the Israel Defense Forces"
            if t.low[j] in w.stop_words:
                return None
            j += 1
        return None

    def _owned_role(
        self, first: int, owner_end: int, k: int, owner: tuple[int, int], title: str | None
    ) -> Speaker:
        """ "a spokesperson for the ministry": described as "ministry spokesperson", the way
        other outlets write it, so that both spellings name the same source."""
        words = self.t.low[owner[0] : owner[1]] + self.t.low[first:k]
        return self._make(
            ROLE,
            0,
            owner[1],
            descriptor=" ".join(words),
            role=clean_role(self.t.text(owner_end, k)),
            title=title,
            definite=self._definite(owner_end),
        )

    def _of_complement(self, k: int) -> int:
        """Extend "the foreign ministry" over "of Norway", "staff" over "at the City Hospital"."""
        if k + 1 < len(self.t) and self.t.low[k] in _COMPLEMENT_LINKS:
            start = k + 2 if self.t.low[k + 1] == "the" else k + 1
            end = self.name_end(start) if start < len(self.t) else start
            if end > start:
                return end
        return k

    def _make(self, kind: str, start: int, end: int, **fields: object) -> Speaker:
        a, b = self.t.spans[start][0], self.t.spans[end - 1][1]
        return Speaker(kind, self.t.phrase[a:b], a, b, **fields)  # type: ignore[arg-type]

    def _named(
        self,
        start: int,
        end: int,
        role: tuple[int, int] | None,
        title: str | None,
        owner_end: int,
    ) -> Speaker:
        role_text = self.t.text(*role) if role else ""
        return self._make(
            NAME,
            0,  # as written: with its title, honorific, article and owner
            end,
            name=clean_name(self.t.text(start, end)),
            role=clean_role(role_text) or None,
            title=title,
            titled=start > 0 and (role is not None or self.t.key[start - 1] in self.w.honorifics),
            definite=self._definite(owner_end),
        )

    def _unnamed(
        self, kind: str, first: int, owner_end: int, end: int, title: str | None
    ) -> Speaker:
        descriptor = " ".join(self.t.low[first:end])
        role = clean_role(self.t.text(owner_end, end)) if kind == ROLE else None
        # As written, the article stays: "a Palestinian source".
        return self._make(
            kind,
            0,
            end,
            descriptor=descriptor,
            role=role,
            title=title,
            definite=self._definite(owner_end),
        )
