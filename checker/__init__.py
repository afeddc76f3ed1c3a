"""checker: compare how news outlets report the same story and flag where they disagree."""

__version__ = "0.1.0"
