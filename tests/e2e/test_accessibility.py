"""WCAG 2.1 AA: axe-core on every page (folded content opened), and the filters and downloads
used with the keyboard alone."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from fixtures import source_years
from helpers import PAGES, open_fold, open_page, runs, settle, sources, year_range

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Violations caused by Streamlit's own markup that we cannot change, each explained in
# docs/ACCESSIBILITY.md. Empty since the navigation became a flat list; keep it that way.
STREAMLIT_CAUSED: dict[str, str] = {}


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_axe_violation(server, page, path):
    from axe_playwright_python.sync_playwright import Axe

    open_page(page, server.url, path, "wijk=Meerzicht")
    assert page.evaluate("document.documentElement.lang") == "nl"  # WCAG 3.1.1: the page is Dutch
    for fold in page.locator('[data-testid="stExpander"]').all():
        open_fold(page, fold)  # a folded table is drawn when it opens: the page runs again
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {v['nodes'][0]['html'][:120]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical") and v["id"] not in STREAMLIT_CAUSED
    ]
    assert serious == []


def focus_by_tab(page, predicate: str, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies the JS ``predicate`` (on document.activeElement)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return !!(e && ({predicate})); }})()"):
            return
    raise AssertionError(f"never reached an element with {predicate} by Tab")


def test_filters_and_downloads_work_with_the_keyboard_alone(server, page):
    open_page(page, server.url, "woonoverlast")
    focus_by_tab(page, "e.getAttribute('aria-label') === 'Wijk'")
    page.keyboard.type("Oosterheem")
    before = runs(page)
    page.keyboard.press("Enter")
    settle(page, before)
    assert parse_qs(urlparse(page.url).query)["wijk"] == ["Oosterheem"]

    data = sources(server.data_dir)
    first, last = source_years(data)  # the slider spans every year of the sources
    focus_by_tab(page, "e.getAttribute('aria-label') === 'Jaren — start'")
    before = runs(page)
    page.keyboard.press("ArrowRight")
    settle(page, before)
    assert year_range(page) == [str(first + 1), str(last)]

    focus_by_tab(page, "e.tagName === 'SUMMARY' && e.innerText.includes('Tabel en downloads')")
    before = runs(page)
    page.keyboard.press("Enter")  # opens the chart's table and downloads, which are made in a new run
    settle(page, before)
    focus_by_tab(page, "e.tagName === 'BUTTON' && e.innerText.includes('CSV downloaden')", limit=10)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    latest = max(data["woonoverlast"]["jaar"])  # the page shows the latest year of tabel 5.1
    assert info.value.suggested_filename == f"ivb_woonoverlast_zoetermeer-oosterheem_{latest}.csv"


def test_a_wide_table_on_a_phone_scrolls_in_a_box_the_keyboard_reaches(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    try:
        open_page(phone, server.url, "criminaliteit")
        open_fold(phone, phone.locator('[data-testid="stExpander"]').first)  # the fold draws its table in a new run
        boxes = phone.locator('[data-testid="stTable"] [role="region"][tabindex="0"]')
        try:  # drawn in the run the fold starts: on a busy machine a moment after the fold opens
            boxes.first.wait_for(timeout=15000)
        except Exception:  # noqa: BLE001 - said by the assertion below
            pass
        assert boxes.count() >= 1, "a table wider than the phone has no focusable scroll box"
        states = []
        for box in boxes.all():  # every scrolling table box: the keyboard reaches it and the arrow key moves it
            box.scroll_into_view_if_needed()
            box.focus()
            phone.keyboard.press("ArrowRight")
            phone.keyboard.press("ArrowRight")
            try:  # the browser scrolls smoothly, and on a busy machine a smooth scroll takes a while to start
                phone.wait_for_function("document.activeElement.scrollLeft > 0", timeout=3000)
            except Exception:
                pass
            states.append(phone.evaluate("(() => { const e = document.activeElement; return [e.scrollLeft, e.scrollWidth, "
                                         "e.clientWidth, e.getAttribute('aria-label')]; })()"))
            if states[-1][0] > 0:
                break
        assert states[-1][0] > 0, f"the arrow key does not scroll any table box: {states}"
    finally:
        context.close()
