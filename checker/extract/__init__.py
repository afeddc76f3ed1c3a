"""Extract stage: sentences, claims, quantities, times, quotes and mentions from documents.

extract(documents, rule_dirs) -> {"claims": ..., "quantities": ..., "times": ...,
                                  "quotes": ..., "mentions": ...}
"""

from checker.extract.stage import claim_id, extract

__all__ = ["claim_id", "extract"]
