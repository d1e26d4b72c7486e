"""What a page is drawn on: :class:`Screen` holds the filters, the reader's choices on the page (for the report)
and the terms already linked, and hands each block to its renderer (ivb.ui.page names them). The renderers take the
screen as their second argument, so this module imports none of them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any

from ivb import blocks as b
from ivb.filters import Filters
from ivb.ui.sidebar import choice

Renderers = Mapping[type, Callable[[Any, "Screen"], None]]


class Screen:
    """Draws blocks as they come; keeps the reader's choices (for the report) and the terms already linked."""

    def __init__(self, f: Filters, renderers: Renderers, section: Callable[[], AbstractContextManager[None]],
                 glossary: bool = False) -> None:
        self.filters = f
        self._renderers = renderers
        self._section = section
        self.choices: dict[str, Any] = {}
        self.linked: set[str] = set()
        self.glossary = glossary  # the Begrippenlijst itself links to no terms

    def add(self, block: b.Block) -> None:
        self._renderers[type(block)](block, self)

    def choose(self, option: b.Choice) -> Any:
        value = choice(option)
        self.choices[option.key] = value
        return value

    def section(self):
        return self._section()
