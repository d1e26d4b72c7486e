"""A page on the screen: :func:`show_page` puts it together (title, report and link buttons, content), each block
drawn by its renderer; :func:`one_build` keeps a run on one build."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator

import streamlit as st

from ivb import blocks as b
from ivb.config import DataDirectoryError
from ivb.queries import core
from ivb.recording import Asked, Failure, Recording
from ivb.site import page_spec
from ivb.ui import downloads, draw, tape, warmup
from ivb.ui.draw_map import map_block
from ivb.ui.screen import Screen
from ivb.ui.sidebar import ensure_navigation, filters
from ivb.ui.text import GENERIC_ERROR, plain

log = logging.getLogger(__name__)

RENDERERS = {
    b.Heading: draw.heading, b.Text: draw.text, b.Notice: draw.notice, b.Bullets: draw.bullets, b.Chart: draw.chart,
    b.Table: draw.data_table, b.Notes: draw.notes, b.Verdicts: draw.verdicts, b.Metrics: draw.metrics,
    b.WijkMap: map_block, b.CameraMap: draw.camera_map, b.WholeTable: draw.whole_table,
}


@contextlib.contextmanager
def one_build() -> Iterator[None]:
    """Every query of the run inside reads the build ``CURRENT`` names as it starts (ivb.queries.core.pinned), so a
    page made while a new build is published shows one build, never two. When ``CURRENT`` cannot be read at all,
    the reader gets our message instead of Streamlit's English error box, and the run ends there."""
    try:
        db = core.database()
    except DataDirectoryError as exc:
        log.error("gegevens onleesbaar: CURRENT %s (%s)", exc.reason, exc.__cause__ or "")  # one line a view
        st.error(str(exc), icon=":material/error:")
        st.stop()
    with core.pinned(db):
        yield


def show_page(file: str) -> None:
    """The page of ``file`` (its ``__file__``): its heading, the report and link buttons, then its content, drawn
    from the recording kept for this filter and these choices (ivb.ui.tape), all from one build. app.py pins the
    build for the whole run; a page file that Streamlit runs on its own (a cold deep link) pins it here."""
    spec = page_spec(file)
    ensure_navigation()  # a page file that Streamlit ran on its own goes through app.py first
    with one_build():
        f = filters()
        st.title(spec.heading)
        screen = Screen(f, RENDERERS, draw.data_section, glossary=spec.url_path == "begrippenlijst")
        downloads.page_tools(spec, screen)
        version = core.database().version()  # each published file's time and size: one look per run
        warmup.ensure(core.database(), version)

        def recorded() -> Recording:
            return tape.tape_for(spec.url_path, spec.content(), f, version)

        play(recorded(), screen, again=recorded)


def play(recorded: Recording, screen: Screen, again: Callable[[], Recording]) -> None:
    """Draw a recording: its blocks, each behind the same guard as a part that reads data, its choices as widgets.

    A widget that gives another value than the recording was made with (the reader's choice was read before the
    widget was drawn) has put its value in the session: ``again()`` then gives the page made with it, whose steps up
    to this choice are the ones already drawn (content asks for a choice before it uses it), and the rest comes
    from that one. No rerun, and nothing that can repeat: each step is drawn once."""
    steps, at = recorded.steps, 0
    while at < len(steps):
        step = steps[at]
        if isinstance(step, Asked):
            if screen.choose(step.option) != step.value:
                steps = again().steps
        elif isinstance(step, Failure):
            st.error(plain(step.message) if step.message else GENERIC_ERROR, icon=":material/error:")
        else:
            with draw.data_section():
                screen.add(step)
        at += 1
