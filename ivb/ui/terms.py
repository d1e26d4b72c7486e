"""Links from a text to the Begrippenlijst: under a chart, tile or paragraph, the terms it uses, each once a page."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ivb.content.begrippenlijst import terms_in
from ivb.markup import unmark

if TYPE_CHECKING:
    from ivb.ui.screen import Screen

PAGE = "begrippenlijst"


def line(text: str, screen: Screen) -> str | None:
    """'Begrippen: ...' with a link to each term of ``text`` not yet linked on this page (now counted as linked), or
    None. A caption under a chart takes it as its last line: one element less on every run."""
    new = [t for t in terms_in(unmark(text)) if t.anchor not in screen.linked]
    if not new or screen.glossary:
        return None
    screen.linked.update(t.anchor for t in new)
    # Streamlit opens every Markdown link in a new tab; the reader's view stays where it was, and the line says so.
    return "Begrippen (opent een nieuw tabblad): " + " · ".join(f"[{t.name}]({PAGE}#{t.anchor})" for t in new)


def links(text: str, screen: Screen) -> None:
    """The line of :func:`line` as a caption of its own, when there is one."""
    found = line(text, screen)
    if found:
        st.caption(found)
