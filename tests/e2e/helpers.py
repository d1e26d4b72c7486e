"""What a browser test does again and again: open a page, wait for Streamlit to finish, read what it shows."""

from __future__ import annotations

import csv
import io
import os
import time
import weakref

from google.protobuf.message import DecodeError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from ivb import config
from ivb.site import PAGES as SITE_PAGES

CHROMIUM = os.environ.get("IVB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ARTIFACTS = config.PROJECT_ROOT / "artifacts" / "e2e"  # gitignored
PAGES = {p.url_path: p.heading for p in SITE_PAGES}  # url path -> the h1 the page shows


IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
TIMEOUT_MS = 60_000


class Runs:
    """The runs the server finished for one browser tab, read from the messages on its websocket (the protocol that
    bench/stclient.py speaks too). A run that ended early for a rerun (st.rerun) does not count: its rerun does."""

    def __init__(self, page) -> None:
        self.finished = 0
        self.socket = None
        page.on("websocket", self._opened)

    def _opened(self, socket) -> None:
        self.socket = socket
        socket.on("framereceived", self._received)
        socket.on("close", lambda closed: setattr(self, "socket", None) if self.socket is closed else None)

    def _received(self, payload) -> None:
        if isinstance(payload, str):
            return
        message = ForwardMsg()
        try:
            message.ParseFromString(payload)
        except DecodeError:
            return
        if message.WhichOneof("type") == "script_finished" and message.script_finished in FINISHED:
            self.finished += 1


_RUNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def runs(page) -> int:
    """How many runs the server has finished for this tab so far: take it before an action, then :func:`settle`."""
    if page not in _RUNS:
        _RUNS[page] = Runs(page)
    return _RUNS[page].finished


def settle(page, since: int | None = None) -> None:
    """Wait until Streamlit has finished a run begun after the count ``since`` (from :func:`runs`, taken before the
    navigation or interaction) with no rerun left to come, and the browser shows it as idle. Without ``since``:
    only until the browser shows the app idle (nothing was asked of the server)."""
    if since is not None:
        watched = _RUNS[page]
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while watched.finished <= since:
            left = deadline - time.monotonic()
            assert left > 0, "the server did not finish the run that the action asked for"
            if watched.socket is None:
                page.wait_for_event("websocket", timeout=left * 1000)  # the tab connects (again)
            else:  # each message is counted as it comes in; wait for the next until the run has finished
                watched.socket.wait_for_event("framereceived", timeout=left * 1000)
    page.wait_for_selector(IDLE)
    page.wait_for_selector("h1")


FILTERS = '[data-testid="stSidebar"] [data-testid="stSelectbox"]'


def open_page(page, base: str, path: str = "", query: str = "") -> None:
    """Open a page and wait until app.py and the page have both run (the sidebar filters come from app.py)."""
    before = runs(page)
    _RUNS[page].socket = None  # the new document opens a websocket of its own: wait for that one
    page.goto(f"{base}/{path}{'?' + query if query else ''}")
    settle(page, before)
    page.wait_for_selector(FILTERS)


# The folds that draw their content only while open, so opening one runs the page (ivb/ui/draw.py: the table and
# downloads under a chart, a whole table on Data en bronnen); Streamlit marks their box with the key.
DRAWN_WHEN_OPEN = ("st-key-tabel-", "st-key-whole-")


def open_fold(page, fold) -> None:
    """Open the expander ``fold`` as a reader clicks it, and wait until its content is there: the run it asks for, or
    (a fold whose content is always drawn) the browser showing it open."""
    drawn_when_open = fold.evaluate("(e, keys) => keys.some(k => e.parentElement.className.includes(k))", list(DRAWN_WHEN_OPEN))
    before = runs(page)
    fold.locator("summary").first.click()
    if drawn_when_open:
        settle(page, before)
    else:
        fold.locator("details[open]").wait_for()


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
    before = runs(page)
    box.press("Enter")
    settle(page, before)


def selected_wijk(page) -> str:
    return page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').input_value()


def year_range(page) -> list[str]:
    """The years the slider shows, once it is drawn (a busy machine draws the sidebar after the page's first widget)."""
    thumbs = page.locator('[data-testid="stSliderThumbValue"]')
    try:
        thumbs.first.wait_for(timeout=10000)
    except Exception:  # noqa: BLE001 - no slider: the caller's assertion says so
        pass
    return [t.strip() for t in thumbs.all_inner_texts()]


def download(page, label: str, index: int = 0) -> tuple[str, bytes]:
    """Click the index-th download button called ``label``; return the file name and bytes."""
    return take_download(page, page.get_by_role("button", name=label).nth(index))


def chart_download(page, topic: str, label: str) -> tuple[str, bytes]:
    """Open the fold 'Tabel en downloads' under the chart whose topic slug is ``topic`` (Streamlit marks a box
    with its key) and take its file called ``label``."""
    fold = page.locator(f".st-key-tabel-{topic}")
    button = fold.get_by_role("button", name=label)
    settle(page)  # not while the page runs: the button would be drawn anew under the click
    if button.count() == 0:
        before = runs(page)
        fold.locator("summary").first.click()  # the fold makes its table and buttons when it opens: a new run
        settle(page, before)
        button.wait_for()
    return take_download(page, button)


def take_download(page, button, attempts: int = 3):
    """Click ``button`` and return (file name, bytes) of the download. A click that lands while Streamlit draws the
    button anew (a run that began just after the page looked idle) is lost, as it would be for a reader, who clicks
    again: so does this, at most ``attempts`` times, settling in between."""
    from playwright.sync_api import TimeoutError as NoDownload

    for attempt in range(1, attempts + 1):
        try:
            with page.expect_download(timeout=60_000) as info:  # the file is made on the click (an image: vl-convert)
                button.click()
            got = info.value
            return got.suggested_filename, open(got.path(), "rb").read()
        except NoDownload:
            if attempt == attempts:
                raise
            settle(page)
    raise AssertionError("unreachable")


def csv_rows(raw: bytes, excel: bool = False) -> list[dict]:
    text = raw.decode("utf-8-sig" if excel else "utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if excel else ","))


def sources(data_dir) -> dict:
    """The sources the server was built from (its data directory's bronnen/), every cell as text: what a test expects
    is read from them, never typed, so a steward's valid update keeps the browser tests green."""
    import pandas as pd
    from fixtures import source_path

    from ivb.sources.schema import TABLES_BY_NAME

    paths = {name: source_path(data_dir / "bronnen", name) for name in TABLES_BY_NAME}  # shared and the gemeente's own
    return {name: pd.read_csv(path, dtype=str, keep_default_na=False) for name, path in paths.items() if path.is_file()}


def csv_number(value: str) -> str:
    """A figure as a download for Dutch Excel writes it: a whole number without decimals, else a decimal comma."""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number).replace(".", ",")
