"""How each block (ivb.blocks) looks on the screen: headings, text, notices, charts with their
downloads and table, tables, tiles, notes; and the error guard around every part that reads data."""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ivb import blocks as b
from ivb import formatting
from ivb.indicators import LOWER_IS_BETTER, goal_label
from ivb.queries.core import DataUnavailableError
from ivb.ui import downloads, terms
from ivb.ui.text import GENERIC_ERROR, plain
from ivb.views import export, maps, specs, tables
from ivb.wording import NO_FIGURES

if TYPE_CHECKING:
    from ivb.ui.screen import Screen

log = logging.getLogger(__name__)

ICONS = {"info": ":material/info:", "warning": ":material/warning:"}


@contextlib.contextmanager
def data_section():
    """Run a part that reads data. A missing or unreadable data file is named in a message; any other
    error gets a short generic message. Both go to the server log with their traceback."""
    try:
        yield
    except DataUnavailableError as exc:
        log.error("gegevensbestand niet beschikbaar: %s (%s)", exc.path, exc.reason, exc_info=True)
        st.error(plain(str(exc)), icon=":material/error:")
    except Exception:
        log.exception("fout in een onderdeel van de pagina")
        st.error(GENERIC_ERROR, icon=":material/error:")


def table(frame: pd.DataFrame, empty: str = NO_FIGURES, key: str | None = None) -> None:
    """A display table as a plain HTML table: Dutch number formats, "–" for a gap, readable by a screen
    reader and found with Ctrl+F; the figures underneath stay numbers. Or say that there is nothing. ``key``: the
    frame's digest when the caller keeps it (ivb.views.specs.frame_key)."""
    if frame.empty:
        st.info(empty)
        return
    _styled_table(key or specs.fingerprint(frame), frame)


# Drawing a styled table or a chart (Styler display values, Arrow bytes, the spec as JSON) was most of a warm run.
# The same frame draws the same element: st.cache_data keeps the element's message and replays it in place on
# every later run and session, under a key of the content (the frame or spec is not hashed again by Streamlit).
# Bounded in bytes as well (the pickled messages): with every combination of filters the caches would grow for hours.
@st.cache_data(max_entries=2048, max_size="32MB", show_spinner=False)
def _styled_table(key: str, _frame: pd.DataFrame) -> None:
    # st.table renders cell text as Markdown: text from the sources is escaped, so it shows as written.
    text = [c for c in _frame.columns if _frame[c].dtype == object or pd.api.types.is_string_dtype(_frame[c])]
    st.table(tables.styled(_frame).format(plain, subset=text, na_rep=formatting.MISSING), hide_index=True)


@st.cache_data(max_entries=1024, max_size="48MB", show_spinner=False)
def _vega_chart(key: str, alt_text: str, _block: b.Chart) -> bool:
    """Draw the chart (its spec made only here); False when there is nothing to draw (and 'Geen cijfers' is said)."""
    spec = specs.spec_of(_block)
    if spec is None:
        st.info(NO_FIGURES)
        return False
    st.vega_lite_chart(spec=spec, width="stretch", alt=alt_text)
    return True


def source_line(text: str) -> str:
    """'Bron: ...' as the screen writes it under a table or chart (the text escaped)."""
    return f"Bron: {plain(text)}"


def source(text: str) -> None:
    """A source line under a table."""
    if text:
        st.caption(source_line(text))


def heading(block: b.Heading, screen: Screen) -> None:
    (st.header if block.level <= 2 else st.subheader)(block.text, anchor=block.anchor)


def text(block: b.Text, screen: Screen) -> None:
    if block.kind == "caption":
        st.caption("  \n".join(filter(None, [block.text, terms.line(block.text, screen)])))
        return
    st.markdown(block.text)
    terms.links(block.text, screen)


def notice(block: b.Notice, screen: Screen) -> None:
    (st.warning if block.kind == "warning" else st.info)(block.text, icon=ICONS.get(block.kind))


def bullets(block: b.Bullets, screen: Screen) -> None:
    numbers = block.numbers or [None] * len(block.items)
    st.markdown("\n".join(f"{n}. {item}" if n is not None else f"- {item}" for n, item in zip(numbers, block.items)))


def chart(block: b.Chart, screen: Screen) -> None:
    """One visual, always in the same order: title, lead, chart, toelichting, source, downloads, table."""
    title = block.heading(screen.filters)
    st.header(title)
    if block.lead:
        st.markdown(block.lead)
    if block.data.empty:
        st.info(NO_FIGURES)
        return
    if not _vega_chart(specs.spec_key(block), block.alt_text, block):
        return
    # The toelichting, the source line and the terms in one caption, a line each: fewer elements on every run.
    lines = [block.toelichting, source_line(block.source_text) if block.source_text else None,
             terms.line(" ".join([block.title, block.toelichting]), screen)]
    st.caption("  \n".join(filter(None, lines)))
    # The table and the downloads under one fold, made only while it is open (opening it runs the page again):
    # drawing the table and the menu on every run cost the crime page a fifth of its server time.
    folded = st.expander("Tabel en downloads bij deze grafiek", key=f"tabel-{formatting.slug(block.topic)}", icon=downloads.ICON,
                         on_change="rerun")
    if folded.open:
        with folded:
            table(specs.table_of(block))
            downloads.chart_buttons(block, title, screen.filters, specs.spec_of(block))


def data_table(block: b.Table, screen: Screen) -> None:
    """A table with its title, note, the table itself, its source and its downloads."""
    title = block.heading(screen.filters)
    if title:
        (st.header if block.level <= 2 else st.subheader)(title)
    if block.note:
        st.caption(block.note)
    table(block.frame, block.empty, specs.frame_key(block, block.frame))
    source(block.source or "")
    if block.download is not None and not block.frame.empty:  # no file of nothing under 'Geen cijfers'
        downloads.data_menu(block.download)


def notes(block: b.Notes, screen: Screen) -> None:
    """The data-quality notes of one topic, folded away under the figures: one list, one element (a note per
    element cost a message each on every run)."""
    frame = block.notes
    with st.expander(f"Kanttekeningen bij de bronnen ({len(frame)})"):
        st.markdown("\n".join(f"- {_one_line(what)} **Keuze:** {_one_line(choice)}"
                              for what, choice in zip(frame["omschrijving"], frame["keuze"])))


def _one_line(text: object) -> str:
    """``text`` escaped, on one line: a line break inside a note would end its item of the list."""
    return plain(" ".join(str(text).split()))


def verdicts(block: b.Verdicts, screen: Screen) -> None:
    """A tile per effect indicator: latest realisatie, begroting, difference and doel gehaald in words, the
    note of that indicator under it, and a citation of the figure to copy."""
    frame = block.verdicts
    columns = st.columns(max(1, len(frame)))
    for column, row in zip(columns, frame.itertuples()):
        delta = None
        if not formatting.is_missing(row.verschil):
            verschil = ("+" if row.verschil > 0 else "") + formatting.value(row.verschil, row.eenheid)
            delta = f"{verschil} t.o.v. begroting {formatting.value(row.begroting, row.eenheid)}"
        known = [(what, source) for what, source in (("Realisatie", row.bron_realisatie), ("Begroting", row.bron_begroting))
                 if isinstance(source, str) and source]
        if len(known) == 2 and known[0][1] == known[1][1]:
            known = known[:1]  # one document for both: named once
        sources = " ".join(f"{what}: {source}." for what, source in known)
        with column:
            st.metric(
                plain(row.label),
                formatting.value(row.realisatie, row.eenheid),
                delta=delta,
                delta_color="inverse" if row.richting == LOWER_IS_BETTER else "normal",
                border=True,
                help=plain(f"Doelstelling {row.doelstelling}. {sources}"),
            )
            mark = {True: ":material/check_circle:", False: ":material/cancel:"}.get(row.doel_gehaald, ":material/help:")
            st.markdown(f"{mark} **Doel gehaald in {row.jaar}: {goal_label(row.doel_gehaald).lower()}**")
            st.caption(plain(row.reden))  # why ja, nee or niet vast te stellen: always with the verdict
            if row.indicator_id in block.notes:
                st.caption(plain(block.notes[row.indicator_id]))
            downloads.citation(row)
    terms.links(" ".join(frame["label"]), screen)


def metrics(block: b.Metrics, screen: Screen) -> None:
    for column, item in zip(st.columns(len(block.items)), block.items):
        column.metric(item.label, item.value, border=True, help=item.help or None)


def camera_map(block: b.CameraMap, screen: Screen) -> None:
    st.pydeck_chart(maps.camera_map(block.locations), height=480)
    st.caption(f"Achtergrondkaart: {block.attribution}.")


def whole_table(block: b.WholeTable, screen: Screen) -> None:
    """One published table: what it holds, the rows, and downloads as CSV (both variants) and Parquet."""
    # The rows are drawn only while the expander is open (it reruns the page when opened or closed): seventeen
    # tables with three buttons each were most of the elements of the data page, on every run.
    folded = st.expander(f"{block.title} ({block.size}): {block.description}", key=f"whole-{block.name}",
                         on_change="rerun")
    if not folded.open:
        return
    with folded:
        if block.frame.empty:
            st.info("Deze tabel is nog leeg: de cijfers worden ingelezen zodra de beheerder ze heeft.")
            return
        _whole_frame(specs.frame_key(block, block.frame), block.frame)
        downloads.table_buttons(block)


@st.cache_data(max_entries=256, max_size="32MB", show_spinner=False)
def _whole_frame(key: str, _frame: pd.DataFrame) -> None:
    height = "content" if len(_frame) <= 20 else 600
    shown = _frame.rename(columns={c: export.column_title(c) for c in _frame.columns})
    # Not lazy: a lazily loaded frame is tied to the session that drew it, and this element is replayed to all.
    st.dataframe(shown, hide_index=True, width="stretch", height=height, lazy=False)
