"""checker: compare how news outlets report the same story and flag where they disagree."""

__version__ = "0.1.0"
# The name pip knows this project by: `checker` on the package index belongs to another project,
# so the distribution is published and installed as this one; the import package and the
# command stay `checker`.
DISTRIBUTION = "outlet-checker"
