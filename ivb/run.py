"""One dashboard process: ``python -m ivb.run [Streamlit options]`` is ``streamlit run app.py`` that records its
pages from the moment it starts (ivb.ui.warmup), not from its first reader's run, and says ``config.READY_LINE``
in its log when they are made. The Streamlit options are passed on unchanged (``--server.port 8501`` and the like).

On Linux the process runs under ``SCHED_BATCH`` (``IVB_SCHED_BATCH=0`` leaves the default): every element a page
draws wakes the server's event loop, which otherwise takes the core from the page's thread for one message at a
time; under ``SCHED_BATCH`` a woken thread waits for its turn and sends what piled up (docs/PERFORMANCE.md). Every
``IVB_MEMORY_LOG`` seconds (default 600; 0 is off) the log says the memory the OS counts for the process and how
full each cache is. The Makefile and the Dockerfile set ``MALLOC_ARENA_MAX=2`` (docs/DEPLOY.md).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import time

from ivb import config

log = logging.getLogger("ivb.run")


def main(argv: list[str] | None = None) -> None:
    from streamlit.web import cli

    from ivb import logs

    logs.configure()
    _batch_scheduling()  # before anything starts a thread (DuckDB and Arrow do as they load, even on import)
    from ivb.sources import freshness

    _check_gemeente()  # an unknown code stops here, with the known ones, before a server listens
    freshness.announce()  # data/bronnen changed after the build it serves: said, never a reason not to start
    from ivb.ui import warmup

    warmup.start()
    threading.Thread(target=_freeze_what_lives, name="ivb-gc-freeze", daemon=True).start()
    interval = float(os.environ.get("IVB_MEMORY_LOG", "600"))
    if interval > 0:
        threading.Thread(target=_log_memory, args=(interval,), name="ivb-memory-log", daemon=True).start()
    sys.argv = ["streamlit", "run", str(config.PROJECT_ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


def _check_gemeente() -> None:
    """Stop with a Dutch message (exit code 2, no traceback) when ``IVB_GEMEENTE`` names no gemeente of the data."""
    from ivb import gemeente

    try:
        found = gemeente.current()
    except (gemeente.GemeenteError, config.DataDirectoryError) as exc:
        print(f"Het dashboard start niet: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except OSError as exc:  # no build at all: gemeenten.parquet is missing
        print(f"Het dashboard start niet: de gegevens zijn niet gebouwd ({exc.strerror or exc}); "
              "bouw ze met `make build`.", file=sys.stderr)
        raise SystemExit(2) from None
    log.info("gemeente %s (%s): documenten %s, wijken %s", found.code, found.naam,
             "ja" if found.documents else "nee", "ja" if found.wijken else "nee")


def _batch_scheduling() -> None:
    """Put this process, and every thread it starts from now on, under ``SCHED_BATCH``."""
    try:
        if os.environ.get("IVB_SCHED_BATCH", "1") != "0" and hasattr(os, "SCHED_BATCH"):
            os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
    except OSError as exc:  # a container that forbids it: the default policy, as before
        log.warning("SCHED_BATCH niet gezet: %s", exc)


def _freeze_what_lives(interval: float = 10.0, first: float = 1.0) -> None:
    """Streamlit collects garbage after every run (``gc.collect(2)``), which looks at every object Python tracks:
    the modules, Altair's schema, every session's state, some 160.000 objects and 100 ms a run. Every ``interval``
    seconds (the first after ``first``, doubling: what a start loads comes early) the collector is given all of it
    again, garbage is collected, and what lives is frozen (out of every later collection's sight): a run's collection
    looks only at what was made since (docs/PERFORMANCE.md)."""
    while True:
        time.sleep(first)
        first = min(2 * first, interval)
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def memory_line() -> str:
    """'geheugen: RSS 412 MB; pagina's 812; queries 260' for the server log: the process's memory as the OS counts
    it (/proc/self/statm), and how full each of our caches is."""
    from ivb import cache

    try:
        with open("/proc/self/statm") as statm:
            rss = f"RSS {int(statm.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20:.0f} MB"
    except (OSError, ValueError, IndexError):
        rss = "RSS onbekend"
    return "geheugen: " + "; ".join(filter(None, [rss, cache.describe()]))


def _log_memory(interval: float) -> None:
    while True:
        time.sleep(interval)
        log.info(memory_line())


if __name__ == "__main__":
    main()
