"""What pages place on the screen: the page head, chart blocks with their table and downloads, tiles,
tables, notices, and the error guard around every block that reads data."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from ivb import config, export, formatting, tables
from ivb.cache import LRU
from ivb.indicators import LOWER_IS_BETTER, goal_label
from ivb.queries import documents
from ivb.queries.core import DataUnavailableError
from ivb.site import page_spec
from ivb.ui.filters import Filters, chosen_wijk, filters
from ivb.ui.text import GENERIC_ERROR, plain

log = logging.getLogger(__name__)



def page(file: str) -> Filters:
    """The head of the page in ``file`` (its ``__file__``): the heading from the page list; returns the filters."""
    f = filters()
    st.title(page_spec(file).heading)
    return f


@contextlib.contextmanager
def data_section():
    """Run a block that reads data. A missing or unreadable data file is named in a message; any other
    error gets a short generic message. Both go to the server log with their traceback."""
    try:
        yield
    except DataUnavailableError as exc:
        log.error("gegevensbestand niet beschikbaar: %s (%s)", exc.path, exc.reason, exc_info=True)
        st.error(plain(str(exc)), icon=":material/error:")
    except Exception:
        log.exception("fout in een onderdeel van de pagina")
        st.error(GENERIC_ERROR, icon=":material/error:")


def city_label(title: str, wijk: str | None = None) -> str:
    """``title`` marked "(heel Zoetermeer)" when a wijk is chosen but the block shows the city (``wijk`` None)."""
    if wijk or not chosen_wijk() or config.GEMEENTE in title:
        return title
    return f"{title} (heel {config.GEMEENTE})"


def city_only_notice(f: Filters) -> None:
    """Tell the reader that the figures below exist only for the whole city."""
    if f.wijk:
        st.info(
            f"De cijfers op deze pagina bestaan alleen voor heel {config.GEMEENTE}, niet voor de wijk {f.wijk} apart; "
            f"ze staan er als 'heel {config.GEMEENTE}'.",
            icon=":material/info:",
        )


def table(frame: pd.DataFrame, empty: str = "Geen cijfers voor deze selectie.") -> None:
    """A display table as a plain HTML table: Dutch number formats, "–" for a gap, readable by a screen
    reader and found with Ctrl+F; the figures underneath stay numbers. Or say that there is nothing."""
    if frame.empty:
        st.info(empty)
        return
    # st.table renders cell text as Markdown: text from the sources is escaped, so it shows as written.
    text = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    st.table(tables.styled(frame).format(plain, subset=text, na_rep=formatting.MISSING), hide_index=True)


def data_table(frame: pd.DataFrame) -> None:
    """A whole published table as an interactive grid: numbers sort as numbers; long tables scroll inside."""
    height = "content" if len(frame) <= 20 else 600
    st.dataframe(frame, hide_index=True, width="stretch", height=height)


def source(text: str) -> None:
    """A source line under a table or chart."""
    st.caption(f"Bron: {plain(text)}")


def chart_block(
    title: str,
    data: pd.DataFrame,
    draw: Callable[..., alt.TopLevelMixin | None],
    toelichting: str,
    topic: str,
    years: tuple[int | None, int | None],
    wijk: str | None = None,
    table_of: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    lead: str | None = None,
    per_wijk: bool = False,
    **draw_options,
) -> None:
    """One visual, always in the same order: title, lead line, chart, toelichting, source, downloads, table.

    ``draw`` turns ``data`` into an Altair chart; the downloads carry exactly ``data``; ``wijk``
    is named in the file name only when the data was narrowed to that wijk; ``lead`` (Markdown
    written by us, never from a file) states the finding above the chart; ``per_wijk`` says the chart
    compares the wijken (otherwise, with a wijk chosen and ``wijk`` None, the title says "heel Zoetermeer").
    """
    st.header(title if per_wijk else city_label(title, wijk))
    if lead:
        st.markdown(lead)
    if data.empty:
        st.info("Geen cijfers voor deze selectie.")
        return
    spec = chart_spec(draw, data, **draw_options)
    if spec is None:
        st.info("Geen cijfers voor deze selectie.")
        return
    alt_text = " ".join(filter(None, [f"{title}.", (lead or "").replace("**", ""), toelichting]))
    st.vega_lite_chart(spec=spec, width="stretch", alt=alt_text)
    st.caption(plain(toelichting))
    if "bron" in data.columns:
        places = data["vindplaats"] if "vindplaats" in data.columns else [""] * len(data)
        source("; ".join(dict.fromkeys(f"{b}, {v}".rstrip(", ") for b, v in zip(data["bron"], places))))
    downloads(topic, data, wijk, years)
    with st.expander("Tabel bij deze grafiek"):
        table((table_of or functools.partial(tables.year_table, all_years=True))(data))


_specs = LRU(512)


def chart_spec(draw: Callable[..., alt.TopLevelMixin | None], data: pd.DataFrame, **options) -> dict | None:
    """The Vega-Lite spec of ``draw(data, **options)``, kept per chart function, data and options.

    Building and validating an Altair chart costs tens of milliseconds; the same data draws the
    same chart, so every session shares one spec (Streamlit copies it before changing it).
    """
    fingerprint = hashlib.sha1(pd.util.hash_pandas_object(data, index=True).values.tobytes()).hexdigest()
    key = (draw, fingerprint, tuple(data.columns), tuple(sorted(options.items())))

    def compute() -> dict | None:
        chart = draw(data, **options)
        return None if chart is None else chart.to_dict()

    return _specs.get_or_compute(key, compute)


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
        data_table(frame)
        _download_buttons(frame, name, None, (None, None), ("csv", "excel", "parquet"), key="table", labels={"csv": "CSV"})


def figures(title: str, values: pd.DataFrame, topic: str, years: tuple[int, int], note: str | None = None) -> None:
    """Single figures without a trend, as a small table with their source and the two CSV downloads."""
    st.header(city_label(title))
    if note:
        st.caption(note)
    table(tables.year_table(values), "Geen cijfers in de gekozen jaren.")
    if not values.empty:
        downloads(topic, values, None, years)


def verdict_tiles(verdicts: pd.DataFrame, notes: dict[str, str] | None = None) -> None:
    """A tile per effect indicator: latest realisatie, begroting, difference and doel gehaald in words,
    and under it the note of ``notes`` for that indicator (e.g. the police's latest figure)."""
    columns = st.columns(max(1, len(verdicts)))
    for column, row in zip(columns, verdicts.itertuples()):
        verschil = ("+" if row.verschil > 0 else "") + formatting.value(row.verschil, row.eenheid)
        sources = (f"Realisatie: {row.bron_realisatie}." if row.bron_realisatie == row.bron_begroting else
                   f"Realisatie: {row.bron_realisatie}. Begroting: {row.bron_begroting}.")
        with column:
            st.metric(
                plain(row.label),
                formatting.value(row.realisatie, row.eenheid),
                delta=f"{verschil} t.o.v. begroting {formatting.value(row.begroting, row.eenheid)}",
                delta_color="inverse" if row.richting == LOWER_IS_BETTER else "normal",
                border=True,
                help=plain(f"Doelstelling {row.doelstelling}. {sources}"),
            )
            mark = {True: ":material/check_circle:", False: ":material/cancel:"}.get(row.doel_gehaald, ":material/help:")
            st.markdown(f"{mark} **Doel gehaald in {row.jaar}: {goal_label(row.doel_gehaald).lower()}**")
            if notes and row.indicator_id in notes:
                st.caption(plain(notes[row.indicator_id]))


def quality_notes(onderwerp: str) -> None:
    """The data-quality notes of one topic, folded away under the figures."""
    notes = documents.quality_notes(onderwerp)
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
