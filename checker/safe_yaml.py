"""YAML from files a user hands us (front matter, rules, lexicons): safe types, no aliases.

An alias (`*name`) repeats a node by reference, so a dozen lines of nested aliases expand into
billions of values once anything walks the result (json.dumps, str()). Nothing `checker`
reads needs them, so the loader refuses the first one with a message naming its line.
"""

from __future__ import annotations

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent


class NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that raises on the first alias instead of composing it."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise ComposerError(
                None,
                None,
                f"YAML aliases are not allowed (found *{event.anchor}): write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def load(text: str):  # type: ignore[no-untyped-def]
    """The one YAML document in `text`, as plain data; raises yaml.YAMLError on an alias."""
    return yaml.load(text, Loader=NoAliasLoader)
