"""One key per person or source within a story, so that claims by the same speaker block together.

"Tomas Brandt", "Brandt" and a misspelt "Tomas Brant" should all key to one person: the
spelling check, not the matcher, decides whether a variant is a mistake. Keys come from three
places, in order: the aliases lexicon (data), a surname that names exactly one full name in the
story, and near-identical spellings found with rapidfuzz.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

# name_key and lexicon_aliases live in checker/names.py (every stage keys names the same way);
# they stay importable from here for match code that already does.
from checker.names import lexicon_aliases, name_key

__all__ = ["lexicon_aliases", "name_key", "speaker_keys"]


def speaker_keys(
    names: Iterable[str], lexicon_map: Mapping[str, str], fuzzy_cutoff: float = 88.0
) -> dict[str, str]:
    """Map each distinct speaker name of one story to the key of the person it names."""
    keys = {name: lexicon_map.get(name_key(name), name_key(name)) for name in sorted(set(names))}
    distinct = sorted(set(keys.values()))
    resolved = {key: key for key in distinct}

    full_names = [key for key in distinct if " " in key]
    for key in distinct:
        if " " in key:
            continue
        owners = [full for full in full_names if full.split(" ")[-1] == key]
        if len(owners) == 1:
            resolved[key] = owners[0]

    # Near-identical full names are one person spelt two ways; the more frequent spelling
    # cannot be known here, so the alphabetically first key represents the group.
    targets = sorted({resolved[key] for key in distinct if " " in resolved[key]})
    if len(targets) > 1:
        scores = process.cdist(
            targets, targets, scorer=fuzz.ratio, score_cutoff=fuzzy_cutoff, dtype="uint8"
        )
        representative = {t: t for t in targets}
        for i, target in enumerate(targets):
            for j in scores[i].nonzero()[0]:
                if j < i and _same_first_initial(targets[j], target):
                    representative[target] = representative[targets[j]]
                    break
        resolved = {key: representative.get(value, value) for key, value in resolved.items()}
    return {name: resolved[key] for name, key in keys.items()}


def _same_first_initial(a: str, b: str) -> bool:
    return a[:1] == b[:1]
