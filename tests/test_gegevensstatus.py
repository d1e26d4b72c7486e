"""The Gegevensstatus tells how far the figures reach and how fresh they are: per source its years, provisional years,
retrieval day and notes; a year grid that shows a missing year as missing; every note under the page of its figure;
and "Laatst bijgewerkt" under every page from the same source dates.

The numbers and dates of the invented data set (tests/fixtures.py) are invented; the rest reads data/."""

from __future__ import annotations

import pytest
from fixtures import INVENTED, open_app, open_folded, write_invented
from test_pages import chart_rows

from ivb.markup import unmark
from ivb.queries import documents
from ivb.site import topic_page
from ivb.sources.build import BuildError, build

PAGE = "pages/gegevensstatus.py"


def _grid_table(at, title_word: str):
    """The table under the grid chart whose heading holds ``title_word`` (its fold opened, as a reader would)."""
    tables = [t.value for t in open_folded(at).table]
    grids = [t for t in tables if "Jaren met cijfer" in t.columns]
    assert len(grids) == 2, [list(t.columns) for t in tables]
    return grids[0] if title_word == "documenten" else grids[1]


def _row(table, label: str) -> dict:
    rows = table[table["Cijfer"] == label]
    assert len(rows) == 1, f"{label} not once in the grid"
    return rows.iloc[0].to_dict()


def test_the_grid_marks_a_year_missing_when_its_row_is_removed_from_the_source(tmp_path, monkeypatch):
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "whole")))
    before = _row(_grid_table(open_app(PAGE), "documenten"), "Geregistreerde misdrijven")
    assert before["2014"] == "ja" and before["2015"] == "ja" and before["Jaren met cijfer"] == 2

    waarden = "".join(line for line in INVENTED["waarden"].splitlines(keepends=True)
                      if not line.startswith("misdrijven_totaal,2015,"))
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "gap", waarden=waarden)))
    at = open_app(PAGE)
    assert not at.exception and not at.error
    after = _row(_grid_table(at, "documenten"), "Geregistreerde misdrijven")
    assert after["2014"] == "ja" and after["2015"] == "–" and after["Jaren met cijfer"] == 1
    # The chart draws the same: the cell of 2015 says the figure is missing.
    cells = chart_rows(at.get("vega_lite_chart")[0])
    cells = cells[cells["label"] == "Geregistreerde misdrijven"]
    assert dict(zip(cells["jaar"], cells["status"]))[2015] == "ontbreekt"
    # A year covered only by an average over a period says so (invented: handhaving_meldingen 2014-2015).
    assert _row(_grid_table(at, "documenten"), "Meldingen handhaving")["2014"] == "gemiddelde"


def test_every_source_with_its_years_provisional_years_retrieval_day_and_notes(invented):
    at = open_app(PAGE)
    assert not at.exception and not at.error
    sources = next(t.value for t in at.table if "Opgehaald op" in t.value.columns)
    police = sources[sources["Bron"] == "Verzonnen misdrijven"].iloc[0]
    assert police["Soort"] == "Open data" and police["Jaren met cijfers"] == "2012, 2015 en 2024"
    assert police["Voorlopige jaren"] == "2024" and police["Opgehaald op"] == "30 juni 2021"
    nota = sources[sources["Bron"] == "Verzonnen nota A"].iloc[0]
    assert nota["Periode"] == "2014-2015" and nota["Opgehaald op"] == "15 januari 2020" and nota["Voorlopige jaren"] == "–"
    notes = documents.quality_notes()
    for title in ("Verzonnen nota A", "Verzonnen verslag B"):
        expected = int((notes["bron"] == title).sum())
        assert int(sources.loc[sources["Bron"] == title, "Kanttekeningen"].iloc[0]) == expected


def test_every_note_stands_under_the_page_that_shows_its_figure_with_a_link_to_it():
    at = open_app(PAGE)
    assert not at.exception and not at.error
    notes = documents.quality_notes()
    assert len(notes) > 0
    subheaders = [unmark(h.value) for h in at.subheader]
    captions = [c.value for c in at.caption]
    shown = [t.value for t in at.table if "Keuze van het dashboard" in t.value.columns]
    for page in dict.fromkeys(topic_page(o) for o in notes["onderwerp"]):
        assert page is not None
        mine = notes[[topic_page(o) == page for o in notes["onderwerp"]]]
        assert f"{page.title} ({len(mine)})" in subheaders
        assert any(f"]({page.url_path})" in c for c in captions), f"no link to {page.url_path}"
    listed = [text for table in shown for text in table["Wat er staat"]]
    assert sorted(listed) == sorted(notes["omschrijving"]), "every note once"


def test_a_chosen_wijk_does_not_narrow_the_status_and_the_reader_is_told_so():
    whole = open_app(PAGE)
    at = open_app(PAGE, wijk="Seghwaert")
    assert not at.exception and not at.error
    told = [i.value for i in at.info]
    assert any("het filter op de wijk Seghwaert en de jaren gelden hier niet" in t for t in told), told
    assert [t.value.to_dict() for t in at.table] == [t.value.to_dict() for t in whole.table]


def test_the_footer_and_the_status_page_say_when_the_data_were_updated_and_the_newest_source_came_in(invented):
    # The footer is drawn by app.py under every page (AppTest shows it on the page a link opens; the browser
    # screenshots show it under the others).
    footer = [c.value for c in open_app().caption if "Laatst bijgewerkt" in c.value]
    assert len(footer) == 1 and "de nieuwste bron is opgehaald op 30 juni 2021" in footer[0], footer
    lead = [m.value for m in open_app(PAGE).markdown if "Laatst bijgewerkt" in m.value]
    assert len(lead) == 1 and "30 juni 2021" in lead[0]


def test_a_retrieval_day_that_is_not_a_date_stops_the_build_and_says_where(tmp_path):
    target = write_invented(tmp_path / "d")
    bronnen = target / "bronnen" / "GM0637" / "bronnen.csv"
    bronnen.write_text(bronnen.read_text(encoding="utf-8").replace("2021-03-01", "1-3-2021"), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(target / "bronnen", target)
    assert "bronnen.csv, regel 3, kolom 'opgehaald_op': '1-3-2021' is geen datum" in str(caught.value)


def test_the_footer_date_says_onbekend_instead_of_breaking_a_page_when_the_tables_cannot_be_read(tmp_path, monkeypatch):
    from ivb.views.cite import newest_source

    monkeypatch.setenv("IVB_DATA_DIR", str(tmp_path / "leeg"))  # no build at all
    assert newest_source() == "onbekend"
