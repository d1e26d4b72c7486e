"""Small Streamlit helpers the pages share: the sidebar filters, notices, tables and errors."""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ivb import config, db, export, formatting
from ivb.indicators import LOWER_IS_BETTER, goal_label
from ivb.tables import year_table

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


NAVIGATION_KEY = "_ivb_navigation"


def document_language() -> None:
    """Mark the page as Dutch for browsers and screen readers (WCAG 3.1.1).

    Streamlit serves <html lang="en"> and has no setting for it; a constant one-line script
    in the sidebar corrects it. Nothing from a URL or a file goes into this script.
    """
    with st.sidebar:
        st.html("<script>document.documentElement.lang = 'nl';</script>", unsafe_allow_javascript=True)


def mark_navigation() -> None:
    """Called by app.py after st.navigation, so a page knows it runs inside the app."""
    st.session_state[NAVIGATION_KEY] = True


def ensure_navigation() -> None:
    """Rerun through app.py when Streamlit ran a page file on its own.

    With a pages/ folder next to app.py, Streamlit starts in its old multipage mode and,
    until some session has run app.py, serves a deep link (/woonoverlast) by running the
    page file alone: no st.navigation, no filters. Switching that mode off and rerunning
    sends the same URL through app.py. The flag is Streamlit's own (PagesManager), the
    one st.navigation sets; tests/test_pages.py checks it still exists.
    """
    if st.session_state.get(NAVIGATION_KEY):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def filters() -> Filters:
    """The current filter values (whole city and every year when a filter is not set)."""
    ensure_navigation()
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
            f"De cijfers hieronder bestaan alleen voor heel {config.GEMEENTE}; "
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


def chart_block(
    title: str,
    data: pd.DataFrame,
    draw,
    toelichting: str,
    topic: str,
    years: tuple[int | None, int | None],
    wijk: str | None = None,
    table_of=None,
    **draw_options,
) -> None:
    """One visual, always in the same order: title, chart, toelichting, source, downloads, table.

    ``draw`` turns ``data`` into an Altair chart; the downloads carry exactly ``data``; ``wijk``
    is named in the file name only when the data was narrowed to that wijk.
    """
    st.header(title)
    if data.empty:
        st.info("Geen cijfers voor deze selectie.")
        return
    spec = _chart_spec(draw.__name__, data, tuple(sorted(draw_options.items())))
    st.vega_lite_chart(spec=spec, width="stretch", alt=f"{title}. {toelichting}")
    st.caption(plain(toelichting))
    if "bron" in data.columns:
        places = data["vindplaats"] if "vindplaats" in data.columns else [""] * len(data)
        source("; ".join(dict.fromkeys(f"{b}, {v}".rstrip(", ") for b, v in zip(data["bron"], places))))
    downloads(topic, data, wijk, years)
    with st.expander("Tabel bij deze grafiek"):
        table((table_of or (lambda d: year_table(d, all_years=True)))(data))


@st.cache_data(show_spinner=False, max_entries=256)
def _chart_spec(draw_name: str, data: pd.DataFrame, options: tuple) -> dict:
    # Building and validating an Altair chart costs tens of milliseconds; the same data draws the
    # same chart, so the spec is kept per data (Streamlit hashes the frame) and per chart function.
    from ivb import charts

    return getattr(charts, draw_name)(data, **dict(options)).to_dict()


def police_query(name: str, *args):
    """A police query, cached until the police or wijkcodes Parquet file changes (a rebuild or import)."""
    return _police_query(name, args, db.data_version("politie_misdrijven", "wijkcodes"))


@st.cache_data(show_spinner=False, max_entries=256)
def _police_query(name: str, args: tuple, version: tuple):
    # version is part of the key only: a rebuilt file has a new mtime and size, so never a stale answer.
    if name not in ("police_loaded", "police_wijk_trend", "police_city_trend", "police_years", "police_wijken_compared"):
        raise ValueError(name)
    return getattr(db, name)(*args)


# (label, variant, builder, mime, help) of each download a block can offer.
_DOWNLOADS = {
    "csv": ("CSV downloaden", "csv", export.csv_plain, "text/csv", None),
    "excel": ("CSV voor Excel (NL)", "excel", export.csv_excel_nl, "text/csv",
              "Puntkomma als scheidingsteken en een decimale komma, zoals Nederlandse Excel verwacht."),
    "parquet": ("Parquet", "parquet", export.parquet_bytes, "application/vnd.apache.parquet", None),
}


def _download_buttons(frame: pd.DataFrame, topic: str, wijk: str | None, years: tuple, variants: tuple[str, ...],
                      key: str, labels: dict[str, str] | None = None) -> None:
    """One button per variant. The file is built when it is clicked, not on every rerun of the page."""
    columns = st.columns([1] * len(variants) + [max(1, 4 - len(variants))])
    for column, variant in zip(columns, variants):
        label, kind, builder, mime, help_text = _DOWNLOADS[variant]
        column.download_button(
            (labels or {}).get(variant, label), functools.partial(builder, frame), export.file_name(topic, wijk, *years, kind),
            mime=mime, key=f"{key}-{variant}-{topic}", on_click="ignore", icon=":material/download:", help=help_text,
        )


def downloads(topic: str, data: pd.DataFrame, wijk: str | None, years: tuple[int | None, int | None]) -> None:
    """The two CSV downloads of exactly ``data``: plain and for Dutch Excel."""
    _download_buttons(export.chart_frame(data), topic, wijk, years, ("csv", "excel"), key="chart")


def whole_table(name: str, description: str, frame: pd.DataFrame) -> None:
    """One published table: what it holds, the rows, and downloads as CSV (both variants) and Parquet."""
    with st.expander(f"{name} ({len(frame)} rijen): {description}"):
        table(frame)
        _download_buttons(frame, name, None, (None, None), ("csv", "excel", "parquet"), key="table", labels={"csv": "CSV"})


def figures(title: str, values: pd.DataFrame, note: str | None = None) -> None:
    """Single figures without a trend, as a small table with their source."""
    st.header(title)
    if note:
        st.caption(note)
    table(year_table(values), "Geen cijfers in de gekozen jaren.")


def verdict_tiles(verdicts: pd.DataFrame) -> None:
    """A tile per effect indicator: latest realisatie, begroting, difference and doel gehaald in words."""
    columns = st.columns(max(1, len(verdicts)))
    for column, row in zip(columns, verdicts.itertuples()):
        verschil = ("+" if row.verschil > 0 else "") + formatting.value(row.verschil, row.eenheid)
        with column:
            st.metric(
                row.label,
                formatting.value(row.realisatie, row.eenheid),
                delta=f"{verschil} t.o.v. begroting {formatting.value(row.begroting, row.eenheid)}",
                delta_color="inverse" if row.richting == LOWER_IS_BETTER else "normal",
                border=True,
                help=f"Doelstelling {row.doelstelling}. Bron: {row.bron}, {row.vindplaats}.",
            )
            mark = {True: ":material/check_circle:", False: ":material/cancel:"}.get(row.doel_gehaald, ":material/help:")
            st.markdown(f"{mark} **Doel gehaald in {row.jaar}: {goal_label(row.doel_gehaald).lower()}**")


POLICE_SOURCE = ("Politie, geregistreerde misdrijven per wijk en buurt (CBS-tabel 47018NED, open data, CC BY 4.0), "
                 "ingelezen met python -m ivb import-politie.")


def police_section(f: Filters) -> None:
    """Police open data: the chosen wijk's trend (or the city's), and the wijken compared in a peiljaar."""
    from ivb import charts

    if not police_query("police_loaded"):
        st.info(
            "Er zijn nog geen politiecijfers per wijk ingelezen. De databeheerder leest ze in met "
            "python -m ivb import-politie (zie de README); tot dan staan hieronder alleen de cijfers voor heel Zoetermeer.",
            icon=":material/info:",
        )
        return
    years = (f.jaar_van, f.jaar_tot)
    if f.wijk:
        chart_block(
            f"Misdrijven in {f.wijk} (politie)", police_query("police_wijk_trend", f.wijk, *years), charts.trend,
            "Geregistreerde misdrijven per jaar in deze wijk: alle misdrijven en de vier High Impact Crimes. "
            "'ca.' betekent dat een deel geheimgehouden is (kleine aantallen).",
            "politie-misdrijven", years, wijk=f.wijk,
        )
    else:
        chart_block(
            "Misdrijven in heel Zoetermeer (politie)", police_query("police_city_trend", *years), charts.trend,
            "Geregistreerde misdrijven per jaar in de gemeente: alle misdrijven en de vier High Impact Crimes. "
            "'ca.' betekent dat een deel geheimgehouden is (kleine aantallen).",
            "politie-misdrijven", years,
        )
    year = peiljaar(police_query("police_years"), f)
    if year is not None:
        chart_block(
            f"Alle misdrijven per wijk in {year} (politie)", police_query("police_wijken_compared", year), charts.bars,
            "Geregistreerde misdrijven per wijk; wijk- en buurtcodes zijn per jaar aan een wijk gekoppeld (wijkcodes).",
            "politie-wijken", (year, year), table_of=year_table,
        )
    st.caption(plain(POLICE_SOURCE))


def police_next_to_documents() -> None:
    """On the data page: where documents and police both give a city total, both and their difference,
    and the wijk and buurt codes that no wijk claims."""
    st.header("Politiecijfers naast de documenten")
    if not db.police_loaded():
        st.caption("Nog geen politiecijfers ingelezen (python -m ivb import-politie).")
        return
    st.caption(
        "Waar de kadernota of het jaarverslag en de politie (open data) voor hetzelfde jaar en misdrijf een cijfer "
        "voor heel Zoetermeer geven, staan ze hier naast elkaar. Het dashboard kiest er niet stilzwijgend één."
    )
    compared = db.city_totals_compared()
    table(pd.DataFrame({
        "Jaar": compared["jaar"].astype(str),
        "Misdrijf": compared["misdrijf"],
        "Documenten": [formatting.number(v) for v in compared["documenten"]],
        "Politie": [("ca. " if o else "") + formatting.number(v) for v, o in zip(compared["politie"], compared["onvolledig"])],
        "Verschil (politie - documenten)": [formatting.number(v) for v in compared["verschil"]],
        "Bron documenten": compared["bron"],
    }), "Geen jaar en misdrijf waarvoor beide bronnen een stadscijfer geven.")
    unmapped = db.police_unmapped()
    if not unmapped.empty:
        st.warning(
            f"{len(unmapped)} wijk- of buurtcode(s) horen volgens wijkcodes.csv in dat jaar bij geen wijk; hun cijfers "
            "zijn bewaard maar tellen voor geen wijk mee.", icon=":material/warning:",
        )
        table(unmapped)


def quality_notes(onderwerp: str) -> None:
    """The data-quality notes of one topic, folded away under the figures."""
    notes = db.quality_notes(onderwerp)
    if notes.empty:
        return
    with st.expander(f"Kanttekeningen bij de bronnen ({len(notes)})"):
        for note in notes.itertuples():
            st.markdown(f"- {plain(note.omschrijving)} **Keuze:** {plain(note.keuze)}")


def peiljaar(years: list[int], f: Filters) -> int | None:
    """The latest year with figures inside the chosen range; says so when there is none."""
    inside = [y for y in years if f.jaar_van <= y <= f.jaar_tot]
    if not inside:
        shown = ", ".join(str(y) for y in years) or "geen"
        st.info(f"Er zijn geen cijfers in de gekozen jaren {f.jaar_van}-{f.jaar_tot}. Beschikbaar: {shown}.")
        return None
    return inside[-1]
