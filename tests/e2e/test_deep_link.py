"""A deep link opened on a server that has not served anything yet.

Streamlit runs such a link through its legacy pages/ mode unless ui.sidebar.ensure_navigation
intervenes (the one place the project relies on a Streamlit internal). This test starts its own
server, so no earlier session has run app.py, and fails when a Streamlit upgrade breaks the fix.
"""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlparse

from helpers import ARTIFACTS, open_page, problems, selected_wijk

from ivb import config
from ivb.localserver import LocalServer


def test_a_deep_link_on_a_cold_server_runs_through_the_app_with_its_filters(browser, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(config.DEFAULT_DATA_DIR, data_dir, ignore=shutil.ignore_patterns(".*"))
    server = LocalServer(data_dir, ARTIFACTS / "cold-server.log")
    context = browser.new_context()
    try:
        page = context.new_page()
        open_page(page, server.url, "woonoverlast", "wijk=Meerzicht")  # until the run of app.py that st.rerun asked for
        assert page.locator("h1").first.inner_text() == "Woonoverlast"
        assert selected_wijk(page) == "Meerzicht"
        assert parse_qs(urlparse(page.url).query).get("wijk") == ["Meerzicht"]
        assert "wijk Meerzicht" in page.locator('[data-testid="stMain"] h2').first.inner_text()
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Criminaliteit" in nav and "Data en bronnen" in nav, "the navigation of app.py is missing"
        assert problems(page) == []
    finally:
        context.close()
        server.stop()
