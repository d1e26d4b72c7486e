"""The load generator's client (bench/stclient.py) gets the same script runs as a browser: the same page under the
same filter shows as many charts, tables and download buttons, and the same headings, in Chromium as over the
protocol. When Streamlit's protocol changes, the load figures would stop meaning anything; this test says so."""

from __future__ import annotations

import pytest
from helpers import choose_wijk, open_page, settle
from playwright.sync_api import expect

from bench import stclient

CASES = [("woonoverlast", "Meerzicht"), ("criminaliteit", None), ("overzicht", None)]


def over_protocol(base: str, page: str, wijk: str | None) -> stclient.Run:
    async def visit():
        session = stclient.Session(base)
        await session.connect()
        try:
            run = await session.run(page=page if page != "overzicht" else "")
            if wijk:
                run = await session.run(widgets={"Wijk": wijk}, query=f"wijk={wijk}")
            return run, session
        finally:
            await session.close()

    return stclient.run_blocking(visit())


@pytest.mark.parametrize(("path", "wijk"), CASES)
def test_the_protocol_client_gets_what_the_browser_gets(server, page, path, wijk):
    run, session = over_protocol(server.url, path, wijk)
    open_page(page, server.url, "" if path == "overzicht" else path)
    if wijk:
        choose_wijk(page, wijk)
    settle(page)
    # Streamlit draws a chart once it comes into view: scroll the page through, as a reader would, before counting.
    for _ in range(40):
        at_end = page.evaluate("""() => { const m = document.querySelector('[data-testid="stMain"]');
            m.scrollBy(0, m.clientHeight); return m.scrollTop + m.clientHeight >= m.scrollHeight - 2; }""")
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")  # drawn
        if at_end:
            break
    main = page.locator('[data-testid="stMain"]')
    # Counted as soon as they are drawn (a busy machine draws them later than the scroll ends), up to 15 s.
    expect(main.locator('[data-testid="stVegaLiteChart"]')).to_have_count(run.elements.get("vega_lite_chart", 0), timeout=15000)
    expect(main.locator('[data-testid="stTable"]')).to_have_count(run.elements.get("table", 0), timeout=15000)
    in_browser = page.locator('[data-testid="stDownloadButton"]').count()
    # The buttons inside a closed 'Downloaden' menu are not in the browser's page until it opens; those of the
    # tables and the report buttons are.
    assert 0 < in_browser <= run.elements.get("download_button", 0)
    shown = [t.strip() for t in main.locator("h1, h2, h3").all_inner_texts()]
    sent = [h for h in run.headings if h != "Filters"]  # the sidebar's heading is not in the main part
    assert shown == sent and len(sent) >= 2
    assert session.widgets["Wijk"].value == (wijk or session.widgets["Wijk"].options[0])
