"""The dashboard in a real Chromium against a real `streamlit run`: pages, filters in the URL,
downloads, hostile links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from fixtures import source_years
from helpers import (
    ARTIFACTS,
    PAGES,
    chart_download,
    choose_wijk,
    csv_number,
    csv_rows,
    open_page,
    problems,
    runs,
    selected_wijk,
    settle,
    sources,
    year_range,
)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_and_finishes_without_errors(server, page, path):
    open_page(page, server.url, path)
    assert page.locator("h1").first.inner_text() == PAGES[path]
    assert problems(page) == []
    assert page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').count() == 1, "filters missing"
    page.set_viewport_size({"width": 1400, "height": 2600})
    page.screenshot(path=ARTIFACTS / f"{path or 'overzicht'}.png", full_page=True)


def test_choosing_wijk_and_years_changes_the_chart_and_the_url(server, page):
    open_page(page, server.url, "woonoverlast")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    before = chart.screenshot()
    choose_wijk(page, "Meerzicht")
    assert "wijk Meerzicht" in page.locator('[data-testid="stMain"] h2').first.inner_text()
    assert chart.screenshot() != before, "the chart did not change with the wijk"

    open_page(page, server.url, "criminaliteit", "wijk=Meerzicht")
    trend = page.locator('[data-testid="stVegaLiteChart"]').first
    before = trend.screenshot()
    thumb = page.locator('[data-testid="stSidebar"] input[type="range"]').first
    thumb.focus()
    runs_before = runs(page)
    thumb.press("ArrowRight")
    thumb.press("ArrowRight")
    settle(page, runs_before)
    first, last = source_years(sources(server.data_dir))  # the slider spans every year of the sources
    assert year_range(page) == [str(first + 2), str(last)]
    assert trend.screenshot() != before, "the chart did not change with the years"
    query = parse_qs(urlparse(page.url).query)
    assert query["wijk"] == ["Meerzicht"] and query["jaar"] == [str(first + 2), str(last)]


def test_a_copied_link_reopens_the_same_view_on_every_page(server, browser):
    query = "wijk=Meerzicht&jaar=2016&jaar=2024"
    context = browser.new_context()
    fresh = context.new_page()
    try:
        for path in PAGES:
            open_page(fresh, server.url, path, query)
            assert selected_wijk(fresh) == "Meerzicht", path
            assert year_range(fresh) == ["2016", "2024"], path
            assert problems(fresh) == [], path
        runs_before = runs(fresh)
        fresh.locator('[data-testid="stSidebarNav"] a', has_text="Woonoverlast").click()
        settle(fresh, runs_before)
        assert parse_qs(urlparse(fresh.url).query) == {"wijk": ["Meerzicht"], "jaar": ["2016", "2024"]}
        assert "wijk Meerzicht" in fresh.locator('[data-testid="stMain"] h2').first.inner_text()
    finally:
        context.close()


def test_downloaded_csv_holds_the_figures_of_the_documents(server, page):
    data = sources(server.data_dir)
    cases = data["woonoverlast"]
    latest = max(cases["jaar"])  # the page shows the latest year of tabel 5.1
    meerzicht = cases[(cases["jaar"] == latest) & (cases["wijk"] == "Meerzicht")]
    titles = data["bronnen"].set_index("bron_id")["titel"]
    open_page(page, server.url, "woonoverlast", "wijk=Meerzicht")
    name, raw = chart_download(page, "woonoverlast", "CSV downloaden")
    assert name == f"ivb_woonoverlast_zoetermeer-meerzicht_{latest}.csv"
    rows = csv_rows(raw)
    assert {r["Wijk"] for r in rows} == {"Meerzicht"}
    assert sorted((r["Eigendom"], r["Status"], r["Aantal"]) for r in rows) == sorted(
        zip(meerzicht["eigendom"], meerzicht["status"], meerzicht["aantal"]))  # every cell of the wijk in tabel 5.1
    assert {r["Bron"] for r in rows} == set(titles[meerzicht["bron_id"]])
    name, raw = chart_download(page, "woonoverlast", "CSV voor Excel (NL)")
    assert name == f"ivb_woonoverlast_zoetermeer-meerzicht_{latest}_excel-nl.csv" and raw.startswith(b"\xef\xbb\xbf")
    assert sum(int(r["Aantal"]) for r in csv_rows(raw, excel=True)) == sum(int(n) for n in meerzicht["aantal"])

    open_page(page, server.url, "veiligheidsbeleving", "jaar=2016&jaar=2024")
    name, raw = chart_download(page, "rapportcijfers", "CSV voor Excel (NL)")
    assert name == "ivb_rapportcijfers_zoetermeer_2016-2024_excel-nl.csv"
    shown = {(r["Indicatorcode"], r["Jaar"], r["Soort"]): r["Waarde"] for r in csv_rows(raw, excel=True)}
    ratings = data["indicatoren"].query("visual == 'rapportcijfers'")["indicator_id"]
    values = data["waarden"][data["waarden"]["indicator_id"].isin(ratings) & data["waarden"]["jaar"].between("2016", "2024")]
    # Every rapportcijfer of those years, as Dutch Excel reads it (a decimal comma, a whole number without one).
    assert shown == {(i, j, t): csv_number(w) for i, j, t, w in zip(values["indicator_id"], values["jaar"], values["type"],
                                                                       values["waarde"])}


@pytest.mark.parametrize(
    ("query", "what"),
    [("wijk=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "wijk"), ("jaar=%27%20OR%201%3D1", "jaren"), ("wijk=%27%20OR%201%3D1%20--", "wijk")],
)
def test_hostile_link_renders_with_a_notice_and_runs_no_script(server, page, query, what):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_page(page, server.url, "woonoverlast", query)
    warnings = page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
    assert any(f"De link vraagt om de {what} " in w and "kent het dashboard niet" in w for w in warnings), warnings
    assert dialogs == []
    assert page.locator("script", has_text="alert(1)").count() == 0
    assert problems(page) == []
    assert selected_wijk(page) == "Heel Zoetermeer"


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox called ``label`` in the page itself, with the keyboard."""
    box = page.locator(f'[data-testid="stMain"] [data-testid="stSelectbox"] input[aria-label="{label}"]')
    box.click()
    box.fill(option)
    before = runs(page)
    box.press("Enter")
    settle(page, before)


def test_the_comparison_follows_offence_and_year_keeps_them_in_the_url_and_downloads(server, page):
    open_page(page, server.url, "criminaliteit")
    choose(page, "Soort misdrijf", "Mishandeling")
    choose(page, "Vergelijkingsjaar", "2023")
    query = parse_qs(urlparse(page.url).query)
    assert query["misdrijf"] == ["Mishandeling"] and query["vergelijkingsjaar"] == ["2023"]
    assert page.get_by_text("Mishandeling per 1.000 inwoners, 2023").count() == 1
    municipalities = len(sources(server.data_dir)["gemeenten"])  # Zoetermeer and the others of the open data
    assert page.get_by_text(f"laagste van {municipalities}").count() >= 1
    name, raw = chart_download(page, "vergelijking-mishandeling", "CSV downloaden")
    rows = csv_rows(raw)
    assert name == "ivb_vergelijking-mishandeling_zoetermeer_2023.csv"
    assert len(rows) == municipalities and sum(r["Gemeente"] == "Zoetermeer" for r in rows) == 1
    assert {r["Jaar"] for r in rows} == {"2023"} and [int(r["Rang"]) for r in rows] == sorted(int(r["Rang"]) for r in rows)

    fresh = page.context.new_page()
    open_page(fresh, server.url, "criminaliteit", "misdrijf=Mishandeling&vergelijkingsjaar=2023")
    assert fresh.get_by_text("Mishandeling per 1.000 inwoners, 2023").count() == 1
    assert problems(fresh) == []


def test_clicking_a_wijk_on_the_map_opens_its_profile_and_puts_it_in_the_url(server, page):
    open_page(page, server.url, "wijkprofiel")
    area = page.locator('[data-testid="stVegaLiteChart"] path[aria-label*="Wijk: Seghwaert;"]').first
    before = runs(page)
    area.click()
    settle(page, before)
    assert parse_qs(urlparse(page.url).query)["wijk"] == ["Seghwaert"]
    assert selected_wijk(page) == "Seghwaert"  # the same filter as the sidebar
    assert "Wijkprofiel Seghwaert" in [h.inner_text() for h in page.locator('[data-testid="stMain"] h2').all()]
    # Another wijk chosen in the sidebar, then the first one clicked again: the click still counts.
    choose_wijk(page, "Rokkeveen")
    before = runs(page)
    page.locator('[data-testid="stVegaLiteChart"] path[aria-label*="Wijk: Seghwaert;"]').first.click()
    settle(page, before)
    assert selected_wijk(page) == "Seghwaert"
    assert problems(page) == []
