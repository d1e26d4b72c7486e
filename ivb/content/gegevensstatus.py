"""Gegevensstatus: how far the figures can be trusted and how fresh they are. Per source its period, publisher,
the years it gives, which are provisional, when it was taken in and how many notes it has; per indicator which
years have a figure (a grid, as chart and as table); and every note on the sources, under the page that shows the
figure it is about. The filters do not narrow this page: it is about the data as a whole."""

from __future__ import annotations

import pandas as pd

from ivb import gemeente
from ivb.blocks import Chart, Download, Heading, Notice, Out, Table, Text
from ivb.content.data_bronnen import notes_table
from ivb.markup import plain
from ivb.queries import documents, status
from ivb.site import PAGES, topic_page
from ivb.views import status_chart as view
from ivb.views.cite import freshness

GRID_SOURCE = "De gepubliceerde tabellen van dit dashboard (Data en bronnen)"


def content(out: Out) -> None:
    out.add(Text("Hoe ver reiken de cijfers, en hoe vers zijn ze? Per bron de periode, de jaren met cijfers, welke jaren "
                 "nog voorlopig zijn en wanneer de cijfers zijn opgehaald; per cijfer welke jaren er zijn en welke "
                 "ontbreken; en elke kanttekening bij de bronnen, bij de pagina waar het cijfer staat."))
    out.add(Text(f"**{freshness()}** Per bron staat hieronder wanneer hij is opgehaald.", "lead"))
    if out.filters.wijk:
        out.add(Notice(f"Deze pagina gaat over alle gegevens van het dashboard: het filter op de wijk {plain(out.filters.wijk)} "
                       "en de jaren gelden hier niet.", screen_only=True))
    with out.section():
        _sources(out)
    out.add(Heading("Welke jaren een cijfer hebben", anchor="jaren"))
    out.add(Text("Een jaar zonder cijfer blijft leeg: het dashboard vult niets aan en trekt geen lijn over een "
                 "ontbrekend jaar. 'Gemiddelde over periode': de bron geeft voor die jaren alleen een gemiddelde, "
                 "geen cijfer per jaar."))
    if gemeente.current().documents:
        with out.section():
            cells = status.document_grid()
            out.add(Chart("Cijfers uit de beleidsdocumenten per jaar", cells, view.grid, _grid_note(cells, "documenten"),
                          "gegevensstatus-documenten", table_of=view.grid_table, source=GRID_SOURCE,
                          lead=_grid_lead(cells)))
    with out.section():
        cells = status.open_data_grid()
        out.add(Chart(f"Open data van politie en CBS voor {plain(gemeente.name())} per jaar", cells, view.grid,
                      _grid_note(cells, "open data"), "gegevensstatus-open-data", table_of=view.grid_table,
                      source=GRID_SOURCE, lead=_grid_lead(cells)))
    if gemeente.current().documents:
        with out.section():
            _notes(out)


def _sources(out: Out) -> None:
    sources = status.source_status()
    shown = view.source_table(sources)
    out.add(Table(shown, title="Per bron",
                  note="'Opgehaald op': de dag waarop de cijfers van de bron in het dashboard zijn opgenomen. "
                       "'Voorlopige jaren': de uitgever kan die cijfers nog herzien. 'Kanttekeningen': waar de bron "
                       "zichzelf tegenspreekt of onduidelijk is; ze staan onderaan deze pagina.",
                  download=Download("gegevensstatus-bronnen", shown, source="Dit dashboard, tabellen bronnen en "
                                                                           "open_data_bronnen")))


def _grid_lead(cells: pd.DataFrame) -> str | None:
    """The finding of a grid: the years no indicator has, and how many indicators have a single year."""
    if cells.empty:
        return None
    filled = cells[cells["status"].isin([status.FIGURE, status.PROVISIONAL])]
    empty_years = sorted(set(cells["jaar"]) - set(filled["jaar"]))
    per_row = view.years_with_figure(cells)
    parts = []
    if empty_years:
        parts.append(f"Voor {view.year_ranges(empty_years)} heeft geen enkel cijfer een waarde.")
    single = int((per_row == 1).sum())
    if single:
        parts.append(f"{single} van de {len(per_row)} cijfers hebben maar één jaar.")
    complete = int((per_row == cells["jaar"].nunique()).sum())
    if complete:
        parts.append(f"{complete} van de {len(per_row)} cijfers hebben elk jaar een cijfer.")
    provisional = sorted(set(cells.loc[cells["status"] == status.PROVISIONAL, "jaar"]))
    if provisional:
        parts.append(f"{view.year_ranges(provisional)} {'is' if len(provisional) == 1 else 'zijn'} voorlopig.")
    return " ".join(parts) or None


def _grid_note(cells: pd.DataFrame, what: str) -> str:
    years = sorted(set(cells["jaar"])) if not cells.empty else []
    span = f"{years[0]}-{years[-1]}" if years else "geen jaren"
    return (f"Een rij per cijfer uit de {what}, een kolom per jaar ({span}); de kleur zegt wat dat jaar heeft, grijs is "
            "geen cijfer. De tabel zegt hetzelfde in woorden ('ja', 'voorlopig', '–' voor geen cijfer), met de pagina "
            "van elk cijfer.")


def _notes(out: Out) -> None:
    notes = documents.quality_notes()
    out.add(Heading("Kanttekeningen per pagina", anchor="kanttekeningen"))
    out.add(Text(f"{len(notes)} kanttekeningen bij de bronnen: wat er staat, welke waarde het dashboard gebruikt en "
                 "op welke pagina het cijfer staat. Alle samen staan als de tabel 'Kanttekeningen bij de bronnen' op Data en "
                 "bronnen, om te downloaden."))
    pages = [topic_page(o) for o in notes["onderwerp"]]
    for page in [p for p in PAGES if p in pages]:
        mine = notes[[p == page for p in pages]]
        out.add(Heading(f"{plain(page.title)} ({len(mine)})", level=3))
        out.add(Text(f"Het cijfer staat op de pagina [{plain(page.title)}]({page.url_path}).", "caption", screen_only=True))
        out.add(Table(notes_table(mine).drop(columns="Onderwerp")))
    loose = notes[[p is None for p in pages]]
    if not loose.empty:
        out.add(Heading(f"Zonder eigen pagina ({len(loose)})", level=3))
        out.add(Table(notes_table(loose)))
