"""Synthetic news stories with planted discrepancies, for benchmarking `checker`.

Modules, in the order data flows: vocab (the YAML word lists) -> story (facts drawn once per
story) -> plant (one outlet's deliberate disagreement) -> template/surface (how an outlet writes
it) -> article (one outlet's text) -> syndicate (near-copies) -> corpus (everything together).
"""
