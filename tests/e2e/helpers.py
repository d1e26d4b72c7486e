"""What a browser test does again and again: open a page, wait for Streamlit to finish, read what it shows."""

from __future__ import annotations

import csv
import io
import os

from ivb import config
from ivb.site import PAGES as SITE_PAGES

CHROMIUM = os.environ.get("IVB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ARTIFACTS = config.PROJECT_ROOT / "artifacts" / "e2e"  # gitignored
PAGES = {p.url_path: p.heading for p in SITE_PAGES}  # url path -> the h1 the page shows


IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def settle(page, pause_ms: int = 400) -> None:
    """Wait until Streamlit has finished the run that the last navigation or interaction started."""
    page.wait_for_timeout(pause_ms)  # let a rerun start before waiting for it to end
    page.wait_for_selector(IDLE)
    page.wait_for_selector("h1")


FILTERS = '[data-testid="stSidebar"] [data-testid="stSelectbox"]'


def open_page(page, base: str, path: str = "", query: str = "") -> None:
    """Open a page and wait until app.py and the page have both run (the sidebar filters come from app.py)."""
    page.goto(f"{base}/{path}{'?' + query if query else ''}")
    page.wait_for_selector(FILTERS)
    settle(page, 800)


def problems(page) -> list[str]:
    """Exceptions and error messages on the page, as text."""
    found = [e.inner_text() for e in page.locator('[data-testid="stException"]').all()]
    found += [e.inner_text() for e in page.locator('[data-testid="stAlertContentError"]').all()]
    if "Traceback (most recent call last)" in page.inner_text("body"):
        found.append("traceback in page")
    return found


def choose_wijk(page, wijk: str) -> None:
    """Pick a wijk in the sidebar selectbox, with the keyboard as a user would."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input')
    box.click()
    box.fill(wijk)
    box.press("Enter")
    settle(page)


def selected_wijk(page) -> str:
    return page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').input_value()


def year_range(page) -> list[str]:
    return [t.strip() for t in page.locator('[data-testid="stSliderThumbValue"]').all_inner_texts()]


def download(page, label: str, index: int = 0) -> tuple[str, bytes]:
    """Click the index-th download button called ``label``; return the file name and bytes."""
    with page.expect_download() as info:
        page.get_by_role("button", name=label).nth(index).click()
    got = info.value
    return got.suggested_filename, open(got.path(), "rb").read()


def chart_download(page, topic: str, label: str) -> tuple[str, bytes]:
    """Open the fold 'Tabel en downloads' under the chart whose topic slug is ``topic`` (Streamlit marks a box
    with its key) and take its file called ``label``."""
    fold = page.locator(f".st-key-tabel-{topic}")
    button = fold.get_by_role("button", name=label)
    if button.count() == 0:
        fold.locator("summary").first.click()  # the fold makes its table and buttons when it opens: a new run
        button.wait_for()
    settle(page)  # not while the page runs: the button would be drawn anew under the click
    with page.expect_download() as info:
        button.click()
    got = info.value
    return got.suggested_filename, open(got.path(), "rb").read()


def csv_rows(raw: bytes, excel: bool = False) -> list[dict]:
    text = raw.decode("utf-8-sig" if excel else "utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if excel else ","))
