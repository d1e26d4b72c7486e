"""What a reader takes from a page: the data and images of a chart, a table's rows, the PDF report of the
page or of the whole dashboard, the link to the view and a citation of a figure.

Every file is made when its button is clicked (Streamlit runs the callable then, outside the page's
run), never on every rerun of the page.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import streamlit as st

from ivb import blocks as b
from ivb import formatting
from ivb.filters import Filters
from ivb.markup import plain, unmark
from ivb.queries.core import Database, database, pinned
from ivb.site import PageSpec, report_pages
from ivb.views import cite, export, images, report

if TYPE_CHECKING:
    from ivb.ui.screen import Screen

ICON = ":material/download:"
CSV_HELP = "Puntkomma als scheidingsteken en een decimale komma, zoals Nederlandse Excel verwacht."
# A constant button; the script in ivb.ui.chrome copies the address of the page (or the text of the citation)
# when it is clicked. Nothing from the data or the link is in this HTML.
COPY_LINK = '<button type="button" class="ivb-copy" data-ivb-copy="link" aria-live="polite">Kopieer link</button>'

COPY_CITATION = ('<button type="button" class="ivb-copy" data-ivb-copy="citation" aria-live="polite">'
                 "Kopieer citaat</button>")


def _csv(download: b.Download, write) -> bytes:
    return write(export.frame_of(download))


def _image(spec: dict, title: str, subtitle: str, source: str, kind: str) -> bytes | str:
    framed = images.framed(spec, title, subtitle, source)
    return images.png(framed) if kind == "png" else images.svg(framed)


def _csv_buttons(download: b.Download, key: str, stretch: bool = False) -> None:
    """The rows as CSV, plain and for Dutch Excel; ``stretch`` fills a menu's width."""
    width = "stretch" if stretch else "content"
    st.download_button("CSV downloaden", functools.partial(_csv, download, export.csv_plain),
                       export.download_name(download, "csv"), mime="text/csv", key=f"{key}-csv", on_click="ignore",
                       icon=ICON, width=width)
    st.download_button("CSV voor Excel (NL)", functools.partial(_csv, download, export.csv_excel_nl),
                       export.download_name(download, "excel"), mime="text/csv", key=f"{key}-excel", on_click="ignore",
                       icon=ICON, help=CSV_HELP, width=width)


def chart_buttons(block: b.Chart, title: str, f: Filters, spec: dict) -> None:
    """The downloads of a chart, under its table: the rows as CSV (plain and for Excel) and the chart as PNG and
    SVG, the image with its title, the filter and its source inside."""
    download = block.download
    key = f"chart-{formatting.slug(block.topic)}"
    with st.container(horizontal=True):
        _csv_buttons(download, key)
        selection = f"Selectie: {f.selection}"
        for kind, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(f"Grafiek als {kind.upper()}",
                               functools.partial(_image, spec, unmark(title), selection, block.source_text, kind),
                               export.download_name(download, kind), mime=mime, key=f"{key}-{kind}", on_click="ignore",
                               icon=":material/image:")


def data_menu(download: b.Download) -> None:
    """One 'Downloaden' menu under a table: its rows as CSV, plain and for Excel. Its buttons are made only while
    it is open (opening it runs the page again): three elements on every run became one."""
    slug = formatting.slug(download.topic)
    menu = st.popover("Downloaden", icon=ICON, key=f"menu-{slug}", on_change="rerun")
    if not menu.open:
        return
    with menu:
        _csv_buttons(download, f"table-{slug}", stretch=True)


def table_buttons(block: b.WholeTable) -> None:
    """A whole published table as CSV (both variants) and Parquet, its columns as the data dictionary names them."""
    name = block.name
    with st.container(horizontal=True):
        st.download_button("CSV", functools.partial(export.csv_plain, block.frame), export.file_name(name, None, [], "csv"),
                           mime="text/csv", key=f"whole-csv-{name}", on_click="ignore", icon=ICON)
        st.download_button("CSV voor Excel (NL)", functools.partial(export.csv_excel_nl, block.frame),
                           export.file_name(name, None, [], "excel"), mime="text/csv", key=f"whole-excel-{name}",
                           on_click="ignore", icon=ICON, help=CSV_HELP)
        st.download_button("Parquet", functools.partial(export.parquet_bytes, block.frame),
                           export.file_name(name, None, [], "parquet"), mime="application/vnd.apache.parquet",
                           key=f"whole-parquet-{name}", on_click="ignore", icon=ICON)


def view_link() -> str:
    """The address of this view: the page and its filters, as the reader's browser shows it."""
    base = st.context.url or ""
    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    return base + ("?" + urlencode(pairs) if pairs else "")


def report_link(base: str, f: Filters, choices: dict) -> str:
    """The address of the view a report shows: the page with the filter and the choices made on it.

    Made when the report is, after the page has run, so a choice made below the button is in it.
    """
    pairs = [("wijk", f.wijk)] if f.wijk else []
    pairs += [("jaar", str(f.jaar_van)), ("jaar", str(f.jaar_tot))] + [(k, str(v)) for k, v in choices.items()]
    return f"{base}?{urlencode(pairs)}" if base else ""


def _report(pages: tuple[PageSpec, ...], f: Filters, choices: dict, base: str, db: Database) -> bytes:
    """The report, from the build of the page it is asked on: Streamlit makes it only on the click, in a thread of its
    own, where the run's build (ivb.queries.core.pinned) is not known."""
    with pinned(db):
        return report.pdf(pages, f, dict(choices), report_link(base, f, choices))


def citation(row) -> None:
    """'Citeer dit cijfer' under a tile: the figure with indicator, year, area, source and the link, to copy."""
    with st.popover("Citeer dit cijfer", icon=":material/format_quote:", key=f"cite-{formatting.slug(row.indicator_id)}"):
        st.markdown(plain(cite.verdict_citation(row, view_link(), dt.date.today())))
        st.html(COPY_CITATION)


def page_tools(spec: PageSpec, screen: Screen) -> None:
    """Under the page title: the report of this page and of the whole dashboard (PDF), and 'Kopieer link'."""
    f = screen.filters
    base = st.context.url or ""
    area = f.wijk
    years = [f.jaar_van, f.jaar_tot]
    db = database()  # the build of this run: the report shows what the page shows, also during a rebuild
    with st.container(horizontal=True, key="ivb-page-tools"):
        if spec.report:
            # The choices on the page (offence, comparison year, map) are made below this button; the dictionary
            # fills while the page runs, before anyone can click.
            st.download_button("Download rapport (PDF)",
                               functools.partial(_report, (spec,), f, screen.choices, base, db),
                               export.file_name(f"rapport-{spec.url_path or 'overzicht'}", area, years, "pdf"),
                               mime="application/pdf", key="report-page", on_click="ignore",
                               icon=":material/picture_as_pdf:")
            st.download_button("Rapport hele dashboard (PDF)",
                               functools.partial(_report, report_pages(), f, screen.choices, base, db),
                               export.file_name("rapport-dashboard", area, years, "pdf"),
                               mime="application/pdf", key="report-all", on_click="ignore",
                               icon=":material/picture_as_pdf:")
        st.html(COPY_LINK)
