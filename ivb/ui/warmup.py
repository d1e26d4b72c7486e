"""Pages made before readers ask for them: after a start and after every new build of the data.

A fresh process, or one that just saw a new build (every kept page hangs on the data version), would make each
page on the first reader's click: a few hundred milliseconds each, and on the evening of a council debate many at
once. So the first run that sees a data version starts one background thread that makes the tape (ivb.ui.tape) of
every page for the whole city and for each wijk, over all years, with the page's default choices, and the charts'
specs and tables with it: what most readers open first. The thread runs at the lowest priority the system gives
(Linux: a nice value per thread), so a reader's run goes first; a reader who asks for a page before it is made
simply makes it, as without warm-up, and never waits for this thread (``ivb.cache.background``).
"""

from __future__ import annotations

import logging
import os
import threading
import time

from ivb import cache
from ivb.filters import Filters
from ivb.run import READY_LINE

log = logging.getLogger(__name__)

START_DELAY = 2.0  # seconds
_started: set[tuple] = set()
_lock = threading.Lock()


def enabled() -> bool:
    """On unless ``IVB_WARMUP=0`` (the tests set that: they make their pages themselves)."""
    return os.environ.get("IVB_WARMUP", "1") != "0"


def ensure(version: tuple) -> None:
    """Start the warm-up for the data ``version`` once per process (no-op when it already ran or runs)."""
    if enabled() and _claim(version):
        threading.Thread(target=_warm, args=(version,), name="ivb-warmup", daemon=True).start()


def _claim(version: tuple) -> bool:
    """True for the first caller for ``version``: that one warms it up."""
    with _lock:
        if version in _started:
            return False
        _started.add(version)
        return True


def start() -> None:
    """Start the warm-up with the process (ivb.run), before any reader; the log says ``READY_LINE`` when done."""
    if not enabled():
        log.info("pagina's worden niet voorbereid (IVB_WARMUP=0); %s", READY_LINE)
        return
    threading.Thread(target=_from_start, name="ivb-warmup", daemon=True).start()


def _from_start() -> None:
    from ivb.ui import tape

    try:
        version = tape.data_version()
    except Exception:  # the data cannot be read: the pages say so to their readers
        log.warning("voorbereiden van de pagina's overgeslagen; %s", READY_LINE, exc_info=True)
        return
    if _claim(version):
        _warm(version, delay=0)


def _lowest_priority() -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)  # this thread only, on Linux
    except (AttributeError, OSError):
        pass


def _warm(version: tuple, delay: float = START_DELAY) -> int:
    """Make the pages; the number made. Waits ``delay`` seconds first: the run that started it goes first."""
    from ivb.queries import documents
    from ivb.site import PAGES
    from ivb.ui import tape
    from ivb.ui.filters import wijk_names

    _lowest_priority()
    time.sleep(delay)
    started = time.monotonic()
    try:
        years = documents.available_years()
        areas = [None, *wijk_names()]
    except Exception:  # the data cannot be read: the pages say so to their readers
        log.warning("voorbereiden van de pagina's overgeslagen; %s", READY_LINE, exc_info=True)
        return 0
    made = 0
    for wijk in areas:
        if tape.data_version() != version:  # a newer build came: its own warm-up takes over
            # Its own warm-up starts with the next reader's run; until then readers are served as without warm-up.
            log.info("voorbereiden gestopt: er is een nieuwere build; %s", READY_LINE)
            return made
        f = Filters(wijk, years[0], years[-1])
        for page in PAGES:
            try:
                with cache.background():  # a reader never waits for this thread (ivb.cache)
                    tape.prepare(page.url_path, page.content(), f, version)  # with the charts' specs and tables
                made += 1
            except Exception:
                log.warning("pagina %s (%s) niet voorbereid", page.url_path, wijk, exc_info=True)
    log.info("%d pagina's voorbereid voor gegevensversie %s in %.1f s; %s", made, version[0],
             time.monotonic() - started, READY_LINE)
    return made
