"""The report stage: every output format is a pure function of the findings table.

Entry points: writer.write_report (used by `compare`), commands.report_command and
commands.explain_command (mounted by cli.py), registry.register_format (add a format).
"""
