"""Small Streamlit helpers the pages share: the sidebar filters, notices, tables and errors."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ivb import config, db

ALL_CITY = f"Heel {config.GEMEENTE}"
WIJK_KEY = "wijk"
JAAR_KEY = "jaar"


@dataclass(frozen=True)
class Filters:
    """The shared filters as the pages read them; ``wijk`` is None for the whole city."""

    wijk: str | None
    jaar_van: int
    jaar_tot: int


def plain(text: object) -> str:
    """``text`` with Markdown syntax escaped, for text that comes from a file or a URL."""
    # Inline syntax only: emphasis, code, links/images, HTML-looking tags, tables, math.
    return re.sub(r"([\\`*_\[\]<>#|~$])", r"\\\1", str(text))


def _year_range() -> tuple[int, int]:
    return _cached_year_range(str(config.data_dir()))


@st.cache_data(ttl=60, show_spinner=False)
def _cached_year_range(data_dir: str) -> tuple[int, int]:
    # data_dir is part of the cache key, so another data directory never sees these years.
    years = db.available_years()
    return years[0], years[-1]


def sidebar_filters() -> None:
    """Create the wijk and jaar filters once, in the sidebar, bound to the URL.

    Streamlit drops a URL value that is not a valid option; we say so above the page,
    so a reader of a broken or tampered link knows why the view differs from the link.
    """
    wijk_options = [ALL_CITY, *config.WIJKEN]
    raw_wijk = st.query_params.get_all(WIJK_KEY)
    if raw_wijk and not (len(raw_wijk) == 1 and raw_wijk[0] in wijk_options):
        _invalid_link_notice("wijk", raw_wijk, ALL_CITY.lower())
    try:
        first, last = _year_range()
    except db.DataUnavailableError as exc:
        first = last = None
        st.sidebar.error(plain(str(exc)))
    raw_jaar = st.query_params.get_all(JAAR_KEY)
    if first is not None and raw_jaar and not _valid_years(raw_jaar, first, last):
        _invalid_link_notice("jaren", raw_jaar, f"alle jaren ({first}-{last})")
    with st.sidebar:
        st.header("Filters")
        st.selectbox("Wijk", wijk_options, key=WIJK_KEY, bind="query-params")
        if first is not None:
            st.slider("Jaren", min_value=first, max_value=last, value=(first, last), key=JAAR_KEY, bind="query-params")
        st.caption("De filters staan in de link: kopieer de adresbalk om deze weergave te delen.")


def _valid_years(raw: list[str], first: int, last: int) -> bool:
    return len(raw) == 2 and all(r.strip().isdigit() and first <= int(r) <= last for r in raw)


def _invalid_link_notice(what: str, raw: list[str], fallback: str) -> None:
    shown = ", ".join(raw)[:60]
    st.warning(f"De {what} '{plain(shown)}' uit de link is ongeldig en is genegeerd; u ziet {fallback}.", icon=":material/warning:")


def filters() -> Filters:
    """The current filter values (whole city and every year when a filter is not set)."""
    wijk = st.session_state.get(WIJK_KEY, ALL_CITY)
    jaren = st.session_state.get(JAAR_KEY)
    if not jaren:
        try:
            jaren = _year_range()
        except db.DataUnavailableError:
            jaren = (config.FIRST_YEAR, config.LAST_YEAR)
    return Filters(None if wijk in (None, ALL_CITY) else wijk, int(jaren[0]), int(jaren[1]))


def city_only_notice(f: Filters) -> None:
    """Tell the reader that the figures below exist only for the whole city."""
    if f.wijk:
        st.info(
            f"De cijfers op deze pagina bestaan alleen voor heel {config.GEMEENTE}; "
            f"ze gelden niet voor de wijk {f.wijk} apart.",
            icon=":material/info:",
        )


@contextlib.contextmanager
def data_section():
    """Run a block that reads data; a missing or broken data file becomes a clear message."""
    try:
        yield
    except db.DataUnavailableError as exc:
        st.error(plain(str(exc)), icon=":material/error:")


def table(frame: pd.DataFrame, empty: str = "Geen cijfers voor deze selectie.") -> None:
    """Show a display table, or say plainly that there is nothing to show."""
    if frame.empty:
        st.info(empty)
    else:
        # Up to 20 rows the table shows whole; longer ones scroll inside a fixed height.
        height = "content" if len(frame) <= 20 else 600
        st.dataframe(frame, hide_index=True, width="stretch", height=height)


def source(text: str) -> None:
    """A source line under a table or chart."""
    st.caption(f"Bron: {plain(text)}")


def year_block(title: str, values: pd.DataFrame, all_years: bool = False, note: str | None = None) -> None:
    """A titled year table with its sources; ``note`` is a one-line explanation."""
    from ivb.tables import year_table

    st.subheader(title)
    if note:
        st.caption(note)
    table(year_table(values, all_years), "Geen cijfers in de gekozen jaren.")


def quality_notes(onderwerp: str) -> None:
    """The data-quality notes of one topic, folded away under the figures."""
    notes = db.quality_notes(onderwerp)
    if notes.empty:
        return
    with st.expander(f"Kanttekeningen bij de bronnen ({len(notes)})"):
        for note in notes.itertuples():
            st.markdown(f"- {plain(note.omschrijving)} **Keuze:** {plain(note.keuze)}")


def peiljaar(years: list[int], f: Filters) -> tuple[int | None, list[int]]:
    """The latest year with figures inside the chosen range; says so when there is none."""
    inside = [y for y in years if f.jaar_van <= y <= f.jaar_tot]
    if not inside:
        shown = ", ".join(str(y) for y in years) or "geen"
        st.info(f"Er zijn geen cijfers in de gekozen jaren {f.jaar_van}-{f.jaar_tot}. Beschikbaar: {shown}.")
        return None, years
    return inside[-1], years
