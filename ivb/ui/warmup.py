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

from ivb import cache, config
from ivb.filters import Filters
from ivb.queries import core
from ivb.queries.core import Database

log = logging.getLogger(__name__)

START_DELAY = 2.0  # seconds
_started: set[tuple] = set()
_lock = threading.Lock()


def enabled() -> bool:
    """On unless ``IVB_WARMUP=0`` (the tests set that: they make their pages themselves)."""
    return os.environ.get("IVB_WARMUP", "1") != "0"


def ensure(db: Database) -> None:
    """Start the warm-up for the build of ``db`` once per process (no-op when it already ran or runs)."""
    from ivb.ui import tape

    if enabled() and _claim(tape.data_version(db)):
        threading.Thread(target=_warm, args=(db,), name="ivb-warmup", daemon=True).start()


def _claim(version: tuple) -> bool:
    """True for the first caller for ``version``: that one warms it up."""
    with _lock:
        if version in _started:
            return False
        _started.add(version)
        return True


def start() -> None:
    """Start the warm-up with the process (ivb.run), before any reader; the log says ``config.READY_LINE`` when done."""
    if not enabled():
        log.info("pagina's worden niet voorbereid (IVB_WARMUP=0); %s", config.READY_LINE)
        return
    threading.Thread(target=_from_start, name="ivb-warmup", daemon=True).start()


def _from_start() -> None:
    from ivb.ui import tape

    try:
        db = core.current()
        version = tape.data_version(db)
    except Exception:  # the data cannot be read: the pages say so to their readers
        log.warning("voorbereiden van de pagina's overgeslagen; %s", config.READY_LINE, exc_info=True)
        return
    if _claim(version):
        _warm(db, delay=0)


def _lowest_priority() -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)  # this thread only, on Linux
    except (AttributeError, OSError):
        pass


def _newer_build(version: tuple) -> bool:
    from ivb.ui import tape

    try:
        return tape.data_version(core.current()) != version
    except Exception:  # CURRENT unreadable now: the readers are told; this warm-up has nothing better to do
        return True


def _warm(db: Database, delay: float = START_DELAY) -> int:
    """Make the pages of the build of ``db``; the number made without a failure. Waits ``delay`` seconds first: the
    run that started it goes first. The log line that ends it counts the pages made and names those that failed."""
    from ivb.queries import documents
    from ivb.site import PAGES
    from ivb.ui import tape
    from ivb.ui.sidebar import wijk_names

    _lowest_priority()
    time.sleep(delay)
    started = time.monotonic()
    version = tape.data_version(db)
    with core.pinned(db):  # every page of this warm-up from one build, as in a reader's run
        try:
            years = documents.available_years()
            areas = [None, *wijk_names()]
        except Exception:  # the data cannot be read: the pages say so to their readers
            log.warning("voorbereiden van de pagina's overgeslagen; %s", config.READY_LINE, exc_info=True)
            return 0
        made, failed = 0, []
        for wijk in areas:
            if _newer_build(version):  # a newer build came: its own warm-up takes over
                # Its own warm-up starts with the next reader's run; until then readers are served as without warm-up.
                log.info("voorbereiden gestopt na %d pagina's: er is een nieuwere build; %s", made, config.READY_LINE)
                return made
            f = Filters(wijk, years[0], years[-1])
            for page in PAGES:
                where = f"{page.title} ({wijk or 'hele gemeente'})"
                try:
                    with cache.background():  # a reader never waits for this thread (ivb.cache)
                        prepared = tape.prepare(page.url_path, page.content(), f, version)  # with specs and tables
                except Exception:
                    log.warning("pagina %s niet voorbereid", where, exc_info=True)
                    failed.append(where)
                    continue
                if prepared.failed:  # a part of it failed (logged where it failed); readers make it themselves
                    failed.append(where)
                else:
                    made += 1
    total = made + len(failed)
    if failed:
        shown = ", ".join(failed[:5]) + (f" en nog {len(failed) - 5}" if len(failed) > 5 else "")
        log.warning("%d van %d pagina's voorbereid voor gegevensversie %s in %.1f s; %d mislukt (de fouten staan "
                    "hierboven): %s; %s", made, total, version[0], time.monotonic() - started, len(failed), shown,
                    config.READY_LINE)
    else:
        log.info("%d van %d pagina's voorbereid voor gegevensversie %s in %.1f s; %s", made, total, version[0],
                 time.monotonic() - started, config.READY_LINE)
    return made
