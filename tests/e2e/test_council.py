"""Ready for the council and the phone: every page on a 390 px phone (no sideways scroll, every chart whole and
showing its marks), printing without sidebar and chrome, the PDF report and chart images as downloaded, the
Dutch tab titles, and 'Kopieer link'."""

from __future__ import annotations

import io
import re

import numpy as np
import pypdf
import pytest
from fixtures import source_years
from helpers import ARTIFACTS, PAGES, chart_download, open_page, problems, sources
from PIL import Image

from ivb.site import PAGES as SITE_PAGES

PHONE = {"width": 390, "height": 844}
TITLES = {p.url_path: p.title for p in SITE_PAGES}


def coloured_pixels(png: bytes) -> int:
    """Pixels in a clear colour: the marks of a chart (lines, bars, areas), not its black text or grey grid."""
    hsv = np.asarray(Image.open(io.BytesIO(png)).convert("HSV"))
    return int(((hsv[..., 1] > 90) & (hsv[..., 2] > 60)).sum())


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    yield opened
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_reads_on_a_phone_without_sideways_scrolling_and_every_chart_shows_its_marks(server, phone, path):
    open_page(phone, server.url, path, "wijk=Meerzicht" if path == "wijkprofiel" else "")
    assert problems(phone) == []
    widths = phone.evaluate("""() => { const main = document.querySelector('[data-testid="stMain"]');
        return {page: document.documentElement.scrollWidth, main: main.scrollWidth, box: main.clientWidth}; }""")
    assert widths["page"] <= PHONE["width"] and widths["main"] <= widths["box"], f"the page scrolls sideways: {widths}"
    for table in phone.locator('[data-testid="stTable"]').all():  # a wide table scrolls inside its own box
        box = table.bounding_box()
        assert box is None or box["x"] + box["width"] <= PHONE["width"] + 1
    charts = phone.locator('[data-testid="stVegaLiteChart"]')
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        graphic = chart.locator("canvas, svg").first
        graphic.wait_for()  # drawn once in view
        box = graphic.bounding_box()
        assert box and box["width"] > 200 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, \
            f"chart {index} on {path} does not fit the phone: {box}"
        assert coloured_pixels(chart.screenshot()) > 150, f"chart {index} on {path} shows no marks"
    height = phone.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    tall = min(height + 50, 16_000)
    phone.set_viewport_size({"width": PHONE["width"], "height": tall})
    phone.wait_for_function("h => window.innerHeight === h", arg=tall)  # the page laid out at its full height
    (ARTIFACTS / "phone").mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=ARTIFACTS / "phone" / f"{path or 'overzicht'}.png", full_page=True)


@pytest.mark.parametrize("path", ["", "criminaliteit", "colofon"])
def test_every_tab_names_its_page(server, page, path):
    open_page(page, server.url, path)
    assert page.title() == f"{TITLES[path]} · IVB Zoetermeer"
    assert page.evaluate("document.documentElement.lang") == "nl"


def test_printing_shows_the_content_without_sidebar_or_buttons_and_charts_within_a4(server, browser):
    context = browser.new_context(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    printed = context.new_page()
    try:
        open_page(printed, server.url, "criminaliteit")
        printed.emulate_media(media="print")
        printed.locator('[data-testid="stSidebar"]').wait_for(state="hidden")  # the print style has taken hold
        for hidden in ('[data-testid="stSidebar"]', '[data-testid="stHeader"]', '[data-testid="stDownloadButton"]',
                       '[data-testid="stPopover"]', ".ivb-copy"):
            assert all(not e.is_visible() for e in printed.locator(hidden).all()), f"{hidden} is printed"
        assert printed.locator("h1").first.is_visible()
        for chart in printed.locator('[data-testid="stVegaLiteChart"]').all():
            box = chart.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 794, box
        pdf = printed.pdf(format="A4", print_background=True)
        (ARTIFACTS / "print-criminaliteit.pdf").write_bytes(pdf)
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        text = "\n".join(p.extract_text() for p in reader.pages)
        assert len(reader.pages) > 2, "the print stops after the first screen"
        assert "Heel Zoetermeer: kadernota en jaarverslag" in text and "Filters" not in text
    finally:
        context.close()


def test_the_report_downloads_as_a_pdf_of_this_page_and_this_filter(server, page):
    data = sources(server.data_dir)
    first, last = source_years(data)
    cases = data["woonoverlast"]
    latest = max(cases["jaar"])  # the report shows the latest year of tabel 5.1, as the page does
    meerzicht = cases[(cases["jaar"] == latest) & (cases["wijk"] == "Meerzicht")]
    counts = {status: [int(n) for n, s in zip(meerzicht["aantal"], meerzicht["status"]) if s == status]
              for status in ("lopend", "afgerond")}
    lopend, afgerond = (str(sum(n)) if n else "–" for n in counts.values())  # a status the table lacks: no figure, no 0
    open_page(page, server.url, "woonoverlast", "wijk=Meerzicht")
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Download rapport (PDF)").click()
    assert info.value.suggested_filename == f"ivb_rapport-woonoverlast_zoetermeer-meerzicht_{first}-{last}.pdf"
    reader = pypdf.PdfReader(info.value.path())
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert f"Wijk Meerzicht, {first}-{last}" in text and f"Concrete casussen {latest}, wijk Meerzicht" in text
    total = sum(map(int, meerzicht["aantal"]))
    assert (f"In {latest} waren er in de wijk Meerzicht {total} concrete casussen woonoverlast: {lopend} lopend en "
            f"{afgerond} afgerond.") in " ".join(text.split())  # the wijk's cases of tabel 5.1, as the page says


def test_a_chart_downloads_as_png_and_svg_with_its_title_filter_and_source(server, page):
    open_page(page, server.url, "veiligheidsbeleving", "jaar=2016&jaar=2024")
    name, png = chart_download(page, "rapportcijfers", "Grafiek als PNG")
    assert name == "ivb_rapportcijfers_zoetermeer_2016-2024.png" and png.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(png)).width >= 1200  # twice the drawing width: sharp on a slide
    name, svg = chart_download(page, "rapportcijfers", "Grafiek als SVG")
    text = svg.decode("utf-8")
    assert name.endswith(".svg") and "Rapportcijfers voor veiligheid" in text
    assert "Selectie: heel Zoetermeer, 2016-2024" in text and "Bron: " in text
    ticks = re.findall(r">(\d+[.,]\d+)<", text)  # the axis labels with decimals
    assert ticks and all("," in tick for tick in ticks), ticks  # a Dutch decimal comma, never a point


def test_kopieer_link_copies_the_address_of_this_view(server, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    opened = context.new_page()
    try:
        open_page(opened, server.url, "criminaliteit", "wijk=Meerzicht&jaar=2016&jaar=2024")
        opened.locator(".ivb-copy", has_text="Kopieer link").click()
        opened.wait_for_function("document.querySelector('.ivb-copy').innerText.includes('gekopieerd')")
        copied = opened.evaluate("navigator.clipboard.readText()")
        assert copied == opened.url and "wijk=Meerzicht" in copied and "jaar=2016" in copied
    finally:
        context.close()


def test_citeer_dit_cijfer_gives_figure_year_area_source_and_link_to_copy(server, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    opened = context.new_page()
    try:
        open_page(opened, server.url, "", "jaar=2016&jaar=2024")
        opened.locator(".st-key-cite-woninginbraken button").first.click()
        body = opened.locator('[data-testid="stPopoverBody"]').last
        body.locator(".ivb-copy").click()
        opened.wait_for_function("document.querySelector('[data-testid=\"stPopoverBody\"] .ivb-copy').innerText.includes('gekopieerd')")
        copied = opened.evaluate("navigator.clipboard.readText()")
        # The latest year with both a realisatie and a begroting of woninginbraken, as the sources have them.
        label, year, realisatie, begroting, source = latest_target(sources(server.data_dir), "woninginbraken")
        assert copied.startswith(f"{label}, heel Zoetermeer, {year}: {realisatie} (begroting {begroting}; doel gehaald: ")
        assert f"Bron: {source}" in copied and "jaar=2016&jaar=2024" in copied
    finally:
        context.close()


def latest_target(data: dict, indicator: str) -> tuple[str, str, str, str, str]:
    """Label, year, realisatie and begroting (whole numbers) and the realisatie's source title of ``indicator``'s latest
    year with both, read from the sources."""
    values = data["waarden"].query("indicator_id == @indicator and gebied == 'Zoetermeer' and categorie == ''")
    both = values.pivot_table(index="jaar", columns="type", values=["waarde", "bron_id"], aggfunc="first").dropna()
    year = max(both.index)
    title = data["bronnen"].set_index("bron_id").loc[both.loc[year, ("bron_id", "realisatie")], "titel"]
    label = data["indicatoren"].set_index("indicator_id").loc[indicator, "label"]
    return (label, year, f"{float(both.loc[year, ('waarde', 'realisatie')]):.0f}", f"{float(both.loc[year, ('waarde', 'begroting')]):.0f}",
            title)


def test_a_term_links_to_its_explanation_on_the_begrippenlijst(server, page):
    open_page(page, server.url, "woonoverlast")
    link = page.locator('a[href="begrippenlijst#woonoverlast"]').first
    assert link.is_visible()
    open_page(page, server.url, "begrippenlijst")
    assert page.locator("#woonoverlast").count() == 1 and "team Woonoverlast" in page.inner_text("body")
