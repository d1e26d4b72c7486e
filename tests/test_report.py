"""The PDF report and the chart images, made on the server: the PDF opens, is tagged and Dutch, and its text holds
the page's figures; an image carries its title, the filter and its source in the Dutch number format."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest

from ivb import charts
from ivb.content.blocks import Chart
from ivb.filters import Filters
from ivb.queries import documents
from ivb.site import PAGES_BY_NAME, REPORT_PAGES
from ivb.views import cite, images, report, report_html
from ivb.views.specs import chart_spec

CITY = Filters(None, 2012, 2025)
TODAY = dt.date(2026, 12, 2)


def pdf_text(raw: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(raw))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_report_of_woonoverlast_opens_and_holds_the_figures_of_tabel_5_1():
    reader, text = pdf_text(report.pdf((PAGES_BY_NAME["woonoverlast"],), CITY, {}, "http://127.0.0.1/woonoverlast", TODAY))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    assert "Woonoverlast" in text and "Heel Zoetermeer, 2012-2025" in text and "2 december 2026" in text
    # jaarverslag 2024, tabel 5.1: 210 casussen, 142 lopend, 68 afgerond; Meerzicht the most lopende, 31
    assert "210" in text and "142 lopend" in text and "68 afgerond" in text and "Meerzicht" in text and "31" in text
    assert "Bron: Jaarverslag 2024, Programma 5 Veiligheid" in text
    assert re.search(r"Pagina 1 van \d+", text)


def test_the_report_follows_the_filter_and_names_it():
    f = Filters("Meerzicht", 2016, 2024)
    _, text = pdf_text(report.pdf((PAGES_BY_NAME["criminaliteit"],), f, {}, "", TODAY))
    assert "Wijk Meerzicht, 2016-2024" in text
    assert "Woninginbraken tegen de begroting (heel Zoetermeer)" in text
    assert "302" in text and "247" in text  # kadernota tabel 2.1: woninginbraken 2016 and 2017


def test_the_report_is_a_tagged_dutch_pdf_with_a_title_and_alt_text_for_every_chart():
    raw = report.pdf((PAGES_BY_NAME["veiligheidsbeleving"],), CITY, {}, "", TODAY)
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
    assert len(figures) == 2 and all(alt and alt.startswith(("Rapportcijfers", "Inwoners")) for alt in figures)


def test_the_whole_dashboard_report_has_contents_and_every_page_of_figures():
    raw = report.pdf(REPORT_PAGES, CITY, {}, "", TODAY)
    reader, text = pdf_text(raw)
    assert "Inhoud" in text
    for page in REPORT_PAGES:
        assert page.heading in text, page.heading
    assert len(reader.pages) > len(REPORT_PAGES)


def test_a_failing_section_is_named_in_the_report_and_the_rest_still_comes(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("planted fault")

    report._made.clear()  # a report made earlier in this process would be handed out again
    monkeypatch.setattr(documents, "quality_notes", broken)
    _, text = pdf_text(report.pdf((PAGES_BY_NAME["veiligheidsbeleving"],), CITY, {}, "", TODAY))
    assert "kon niet in het rapport worden opgenomen" in text and "Rapportcijfers voor veiligheid" in text
    monkeypatch.undo()  # the fault is gone: the next reader gets a whole report, not the one that failed
    _, again = pdf_text(report.pdf((PAGES_BY_NAME["veiligheidsbeleving"],), CITY, {}, "", TODAY))
    assert "kon niet in het rapport worden opgenomen" not in again


def test_the_report_takes_the_readers_choices_and_ignores_an_unknown_one():
    _, chosen = pdf_text(report.pdf((PAGES_BY_NAME["criminaliteit"],), CITY, {"misdrijf": "Mishandeling"}, "", TODAY))
    assert "Mishandeling: aantal per jaar" in chosen
    _, unknown = pdf_text(report.pdf((PAGES_BY_NAME["criminaliteit"],), CITY, {"misdrijf": "<b>x</b>"}, "", TODAY))
    assert "Diefstal/inbraak woning: aantal per jaar" in unknown


def test_text_from_the_data_is_escaped_in_the_report_html():
    blocks = [Chart("<script>x</script> & co", documents.visual_values("rapportcijfers", 2012, 2025), charts.trend, "t", "r")]
    html = "".join(report_html.block_html(block, CITY, 2) for block in blocks)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_chart_image_carries_its_title_the_filter_and_its_source_in_dutch_numbers():
    values = documents.visual_values("rapportcijfers", 2012, 2025)
    spec = chart_spec(charts.trend, values)
    framed = images.framed(spec, "Rapportcijfers voor veiligheid", "Selectie: heel Zoetermeer, 2012-2025",
                           "Jaarverslag 2024, Programma 5 Veiligheid")
    svg = images.svg(framed)
    for words in ("Rapportcijfers voor veiligheid", "Selectie: heel Zoetermeer, 2012-2025",
                  "Bron: Jaarverslag 2024, Programma 5 Veiligheid"):
        assert words in svg, words
    assert ">7,4<" in svg or ">7,6<" in svg  # axis labels with a decimal comma (kadernota 7,4; jaarverslag 7,6)
    png = images.png(framed)
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    assert spec["width"] == "container"  # the cached spec itself is left alone


def test_a_citation_names_figure_indicator_year_area_source_and_link():
    row = documents.effect_indicators()
    from ivb.indicators import latest_verdicts

    verdict = next(latest_verdicts(row).query("indicator_id == 'woninginbraken'").itertuples())
    text = cite.verdict_citation(verdict, "https://example.org/?jaar=2024", TODAY)
    assert text.startswith("Woninginbraken, heel Zoetermeer, 2024: 89 (begroting 180; doel gehaald: ja). "
                           "89 ligt onder de begroting van 180 (lager is beter). Bron:")
    assert "Bron: Jaarverslag 2024, Programma 5 Veiligheid" in text and "https://example.org/?jaar=2024" in text
    assert "2 december 2026" in text


def test_the_reports_verdict_table_gives_the_reason_with_each_verdict():
    from ivb.content.blocks import Verdicts
    from ivb.indicators import latest_verdicts

    html = report_html.block_html(Verdicts(latest_verdicts(documents.effect_indicators()), {}), CITY, 2)
    assert "<th>Waarom</th>" in html.replace(' scope="col"', "")
    assert "89 ligt onder de begroting van 180 (lager is beter)." in html
