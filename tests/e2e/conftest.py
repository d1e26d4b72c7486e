"""Browser fixtures: a real `streamlit run` on a free port and Debian's Chromium driven by Playwright.

The server reads a copy of the data directory, so a test may break a Parquet file without
touching data/. Without Chromium the browser tests are skipped with a clear reason, unless
IVB_REQUIRE_BROWSER=1 (CI sets it), which turns a missing browser into a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

from ivb import config
from ivb.localserver import LocalServer


def _browser_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium ontbreekt ({CHROMIUM}); installeer het met 'apt-get install chromium'"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "het Python-pakket playwright ontbreekt"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("IVB_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"Browsertests zijn verplicht (IVB_REQUIRE_BROWSER=1), maar {reason}.")
    skip = pytest.mark.skip(reason=f"browsertests overgeslagen: {reason}")
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[LocalServer]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path_factory.mktemp("e2e") / "data"
    shutil.copytree(config.DEFAULT_DATA_DIR, data_dir, ignore=shutil.ignore_patterns(".*"))
    running = LocalServer(data_dir, ARTIFACTS / "server.log")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="nl-NL")
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    yield opened
    context.close()
