"""Extract stage: sentences, claims, quantities and times from documents.

extract(documents, rule_dirs) -> {"claims": ..., "quantities": ..., "times": ...}
"""

from checker.extract.stage import claim_id, extract

__all__ = ["claim_id", "extract"]
