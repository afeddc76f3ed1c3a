"""Connected groups of pairs: how matched claims become facts, aligned figures become frames
and near-identical names or quotes become one. Neutral ground: match and the checks use it."""

from __future__ import annotations


def connected_groups(pairs: list[tuple[str, str]]) -> list[list[str]]:
    """Connected components of the graph of `pairs` (union-find over the pairs only); each
    group sorted, groups sorted."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for node in parent:
        groups.setdefault(root(node), []).append(node)
    return sorted(sorted(group) for group in groups.values())
