"""Pages recorded before readers ask for them: when the process starts and after every new build of the data.

Else a fresh process (or a new build: every kept page hangs on the data version) makes each page on a reader's first
click, on a council evening many at once. One background thread records every page (ivb.ui.tape) for the city and
each wijk, all years, default choices: what most readers open first. At the lowest priority (Linux: a nice value per
thread) a reader's run goes first; a reader who asks for a page before it is made makes it. When it is done, the
log says ``config.READY_LINE``: a load balancer (ivb.serve) sends readers only to a process that said so.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from ivb import config
from ivb.filters import Filters
from ivb.queries import core
from ivb.recording import record

log = logging.getLogger(__name__)

_started: set[tuple] = set()
_lock = threading.Lock()


def enabled() -> bool:
    """On unless ``IVB_WARMUP=0`` (the tests set that: they make their pages themselves)."""
    return os.environ.get("IVB_WARMUP", "1") != "0"


def start() -> None:
    """Start recording with the process (ivb.run), before any reader; says ``READY_LINE`` at once when it is off."""
    if enabled():
        threading.Thread(target=_from_start, name="ivb-warmup", daemon=True).start()
    else:
        log.info("pagina's worden niet voorbereid (IVB_WARMUP=0); %s", config.READY_LINE)


def ensure(db: core.Database, version: tuple) -> None:
    """Start recording the pages of the build of ``db`` (data ``version``) once per build (every reader's run asks)."""
    if enabled() and _claim(version):
        threading.Thread(target=_warm, args=(db, 2.0), name="ivb-warmup", daemon=True).start()  # the reader first


def _from_start() -> None:
    try:
        db = core.current()
        claimed = _claim(db.version())
    except Exception:  # the data cannot be read: the pages say so to their readers
        log.warning("voorbereiden van de pagina's overgeslagen; %s", config.READY_LINE, exc_info=True)
        return
    if claimed:
        _warm(db)


def _claim(version: tuple) -> bool:
    """True for the first caller for the data ``version``: that one records its pages."""
    with _lock:
        first = version not in _started
        _started.add(version)
    return first


def _warm(db: core.Database, delay: float = 0.0) -> int:
    """Record the pages of the build of ``db``; the number made without a failure. The log line that ends it
    counts the pages made and names those that failed."""
    from ivb.queries import documents
    from ivb.site import pages
    from ivb.ui import tape
    from ivb.ui.sidebar import wijk_names

    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)  # this thread only, on Linux
    except (AttributeError, OSError):
        pass
    time.sleep(delay)
    started, version = time.monotonic(), db.version()
    made, failed = 0, []
    with core.pinned(db):  # every page of this warm-up from one build, as in a reader's run
        try:
            years, areas = documents.available_years(), [None, *wijk_names()]
        except Exception:  # the data cannot be read: the pages say so to their readers
            log.warning("voorbereiden van de pagina's overgeslagen; %s", config.READY_LINE, exc_info=True)
            return 0
        for wijk in areas:
            f = Filters(wijk, years[0], years[-1])
            for page in pages():
                try:  # a part that fails is logged where it failed; readers make that page themselves
                    kept = tape.keep(page.url_path, record(page.content(), f, lambda _key: None), version)
                except Exception:
                    kept = log.exception("pagina %s niet voorbereid", page.title) or False
                made += kept
                if not kept:
                    failed.append(f"{page.title} ({wijk or 'hele gemeente'})")
    shown = ", ".join(failed[:5]) + (f" en nog {len(failed) - 5}" if len(failed) > 5 else "")
    log.log(logging.WARNING if failed else logging.INFO, "%d van %d pagina's voorbereid voor gegevensversie %s in "
            "%.1f s%s; %s", made, made + len(failed), version[0], time.monotonic() - started,
            f"; {len(failed)} mislukt (de fouten staan hierboven): {shown}" if failed else "", config.READY_LINE)
    return made
