"""The PDF report and the chart images, made on the server: the PDF opens, is tagged and Dutch, and its text holds
the page's figures; an image carries its title, the filter and its source in the Dutch number format.

On the invented data of tests/fixtures.py (every figure there made up), except the report of the whole dashboard,
which needs every page to have figures and checks no figure."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from fixtures import invented_label, invented_years

from ivb.blocks import Chart
from ivb.filters import Filters
from ivb.queries import documents
from ivb.site import PAGES, PAGES_BY_NAME, report_pages
from ivb.views import charts, cite, images, report, report_html

TODAY = dt.date(2026, 12, 2)


def city() -> Filters:
    """Heel Zoetermeer over every year of the invented sources."""
    return Filters(None, *invented_years())


def pdf_text(raw: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(raw))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_report_of_woonoverlast_opens_and_holds_the_figures_of_tabel_5_1(invented):
    reader, text = pdf_text(report.pdf((PAGES_BY_NAME["woonoverlast"],), city(), {}, "http://127.0.0.1/woonoverlast", TODAY))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    first, last = invented_years()
    assert "Woonoverlast" in text and f"Heel Zoetermeer, {first}-{last}" in text and "2 december 2026" in text
    # Invented tabel 5.1 of 2020: Centrum 4 koop and 6 corporatie lopend; Meerzicht 7 koop lopend and 2 corporatie afgerond.
    lines = text.splitlines()
    assert "In 2020 waren er in heel Zoetermeer 19 concrete casussen woonoverlast: 17 lopend en 2 afgerond." in lines
    assert "In 2020 had Centrum de meeste lopende casussen: 10." in lines
    assert {"Centrum 4 6 – 10 10", "Meerzicht 7 – 2 7 9", "Totaal 11 6 2 17 19"} <= set(lines)  # the table, row by row
    assert "Bron: Verzonnen verslag B, tabel 3" in lines
    assert re.search(r"Pagina 1 van \d+", text)


def test_the_report_follows_the_filter_and_names_it(invented):
    f = Filters("Meerzicht", 2015, 2020)
    _, text = pdf_text(report.pdf((PAGES_BY_NAME["criminaliteit"],), f, {}, "", TODAY))
    assert "Wijk Meerzicht, 2015-2020" in text
    assert "Woninginbraken tegen de begroting (heel Zoetermeer)" in text
    # Invented woninginbraken: 30 in 2014 (outside the years), 28 in 2015, 25 in 2020 against a begroting of 30.
    lines = text.splitlines()
    assert "Indicator Soort 2015 2016 2017 2018 2019 2020 Bij benadering" in lines
    assert {"Woninginbraken realisatie 28 – – – – 25 2020", "Woninginbraken begroting – – – – – 30"} <= set(lines)


def test_the_report_is_a_tagged_dutch_pdf_with_a_title_and_alt_text_for_every_chart(invented):
    from fixtures import open_app

    raw = report.pdf((PAGES_BY_NAME["veiligheidsbeleving"],), city(), {}, "", TODAY)
    reader = pypdf.PdfReader(io.BytesIO(raw))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert reader.metadata.title == "Veiligheidsbeleving · IVB Zoetermeer"
    figures = []

    def walk(node):
        node = node.get_object()
        if node.get("/S") == "/Figure":
            figures.append(node.get("/Alt"))
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
            if isinstance(kid, pypdf.generic.IndirectObject) or isinstance(kid, pypdf.generic.DictionaryObject):
                walk(kid)

    walk(root["/StructTreeRoot"])
    on_screen = [c.proto.alt for c in open_app("pages/veiligheidsbeleving.py").get("vega_lite_chart")]
    assert len(figures) == len(on_screen) >= 1  # every chart of the page, each with its alt text
    assert all(alt and alt.startswith("Rapportcijfers") for alt in figures)


def test_the_whole_dashboard_report_has_contents_and_every_page_of_figures():
    years = documents.available_years()  # the real data: every page has figures
    pages = report_pages()  # the pages of the gemeente served (Zoetermeer: documents and wijken curated, so all)
    assert pages == tuple(p for p in PAGES if p.report)
    raw = report.pdf(pages, Filters(None, years[0], years[-1]), {}, "", TODAY)
    reader, text = pdf_text(raw)
    assert "Inhoud" in text
    for page in pages:
        assert page.heading in text, page.heading
    assert len(reader.pages) > len(pages)


def test_a_failing_section_is_named_in_the_report_and_the_rest_still_comes(invented, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("planted fault")

    with monkeypatch.context() as planted:  # the fault only, not the invented data directory
        planted.setattr(documents, "quality_notes", broken)
        _, text = pdf_text(report.pdf((PAGES_BY_NAME["veiligheidsbeleving"],), city(), {}, "", TODAY))
    assert "kon niet in het rapport worden opgenomen" in text and "Rapportcijfers voor veiligheid" in text
    # The fault is gone: the next reader gets a whole report, not the one that failed.
    _, again = pdf_text(report.pdf((PAGES_BY_NAME["veiligheidsbeleving"],), city(), {}, "", TODAY))
    assert "kon niet in het rapport worden opgenomen" not in again


def test_the_report_takes_the_readers_choices_and_ignores_an_unknown_one(invented):
    # The invented open data have two kinds of crime: 1.1.1 (the default choice) and 1.4.5.
    _, chosen = pdf_text(report.pdf((PAGES_BY_NAME["criminaliteit"],), city(), {"misdrijf": "Mishandeling"}, "", TODAY))
    assert "Mishandeling: aantal per jaar" in chosen
    _, unknown = pdf_text(report.pdf((PAGES_BY_NAME["criminaliteit"],), city(), {"misdrijf": "<b>x</b>"}, "", TODAY))
    assert "Diefstal/inbraak woning: aantal per jaar" in unknown


def test_text_from_the_data_is_escaped_in_the_report_html(invented):
    blocks = [Chart("<script>x</script> & co", documents.visual_values("rapportcijfers", *invented_years()), charts.trend, "t", "r")]
    html = "".join(report_html.block_html(block, city(), 2) for block in blocks)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_chart_image_carries_its_title_the_filter_and_its_source_in_dutch_numbers(invented):
    values = documents.visual_values("rapportcijfers", *invented_years())  # invented: 6,5, 7,1 and a begroting of 7,0
    spec = charts.trend(values)
    framed = images.framed(spec, "Rapportcijfers voor veiligheid", "Selectie: heel Zoetermeer, 2012-2024", "Verzonnen nota A")
    svg = images.svg(framed)
    for words in ("Rapportcijfers voor veiligheid", "Selectie: heel Zoetermeer, 2012-2024", "Bron: Verzonnen nota A"):
        assert words in svg, words
    ticks = re.findall(r">(\d+[.,]\d+)<", svg)  # the axis labels with decimals
    assert ticks and all("," in tick for tick in ticks), ticks  # a decimal comma, never a point
    png = images.png(framed)
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    assert spec["width"] == "container"  # the cached spec itself is left alone


def test_a_citation_names_figure_indicator_year_area_source_and_link(invented):
    from ivb.indicators import latest_verdicts

    verdict = next(latest_verdicts(documents.effect_indicators()).query("indicator_id == 'woninginbraken'").itertuples())
    text = cite.verdict_citation(verdict, "https://example.org/?jaar=2020", TODAY)
    # Invented: woninginbraken 2020, 25 from "Verzonnen verslag B" against a begroting of 30.
    assert text.startswith(f"{invented_label('woninginbraken')}, heel Zoetermeer, 2020: 25 (begroting 30; doel gehaald: ja). "
                           "25 ligt onder de begroting van 30 (lager is beter). Bron:")
    assert "Bron: Verzonnen verslag B, p. 5" in text and "https://example.org/?jaar=2020" in text
    assert "2 december 2026" in text


def test_the_reports_verdict_table_gives_the_reason_with_each_verdict(invented):
    from ivb.blocks import Verdicts
    from ivb.indicators import latest_verdicts

    html = report_html.block_html(Verdicts(latest_verdicts(documents.effect_indicators()), {}), city(), 2)
    assert "<th>Waarom</th>" in html.replace(' scope="col"', "")
    assert "25 ligt onder de begroting van 30 (lager is beter)." in html  # invented woninginbraken 2020
    assert "7,1 ligt boven de begroting van 7,0 (hoger is beter)." in html  # invented rapportcijfer 2020
