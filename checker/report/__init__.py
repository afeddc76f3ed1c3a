"""The report stage: every output format is a pure function of the findings table."""
