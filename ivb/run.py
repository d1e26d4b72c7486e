"""One dashboard process: ``python -m ivb.run [Streamlit options]`` is ``streamlit run app.py`` that makes its pages
from the moment it starts, not from its first reader's run.

Streamlit runs app.py only when a reader connects, so a plain ``streamlit run`` would start its warm-up
(ivb.ui.warmup) when the first readers are already there: after a restart on a busy evening, tens of readers then
make the pages at the same time. Here the warm-up starts with the process, and when every page is made the server
log says ``config.READY_LINE``: a load balancer (``make serve``, ivb.serve) sends readers only to a process that said so.
The Streamlit options are passed on unchanged (``--server.port 8501`` and the like).

For a server that runs for weeks: every ``IVB_MEMORY_LOG`` seconds (default 600; 0 is off) the log says how much
memory the process holds and how full each cache is, and glibc is asked for two malloc arenas instead of up to
eight per core (Streamlit runs every page in a thread of its own; each arena keeps its own free memory), unless
the operator set ``MALLOC_ARENA_MAX`` already.

On Linux the process runs under the scheduling policy ``SCHED_BATCH`` (``IVB_SCHED_BATCH=0`` leaves the default):
every element a page draws wakes the server's event loop, which otherwise takes the core from the page's thread
at once, for one message at a time. Under ``SCHED_BATCH`` a woken thread waits for its turn and then sends the
messages that have piled up: a sixth less processor time per run of the crime page (docs/PERFORMANCE.md). It needs
no privileges and changes no priority; the warm-up thread keeps its nice value of 19.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import threading
import time

from ivb import config


def main(argv: list[str] | None = None) -> None:
    from streamlit.web import cli

    from ivb import logs

    logs.configure()
    _warn_if_sources_changed()
    _fewer_malloc_arenas()
    _batch_scheduling()
    # The warm-up needs no Streamlit runtime: it records pages (ivb.ui.tape), and imports no module that declares a
    # Streamlit cache (ivb.ui.__init__ imports nothing). Readiness is its own: it writes READY_LINE when done.
    from ivb.ui import warmup

    warmup.start()
    interval = float(os.environ.get("IVB_MEMORY_LOG", "600"))
    if interval > 0:
        threading.Thread(target=_log_memory, args=(interval,), name="ivb-memory-log", daemon=True).start()
    sys.argv = ["streamlit", "run", str(config.PROJECT_ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


def _warn_if_sources_changed() -> None:
    """Tell the steward, on the terminal and in the log, when data/bronnen is not what the served build was made
    from (ivb.sources.freshness); never stop the start for it."""
    from ivb.sources import freshness

    try:
        message = freshness.warning()
    except Exception:  # noqa: BLE001 - a check that fails must not keep the dashboard from starting
        logging.getLogger("ivb.run").warning("bronnen niet vergeleken met de build", exc_info=True)
        return
    if message:
        print(message, flush=True)
        logging.getLogger("ivb.run").warning(message)


def _batch_scheduling() -> bool:
    """Put this thread, and every thread and process it starts from now on, under ``SCHED_BATCH`` (Linux; not when
    ``IVB_SCHED_BATCH=0``). True when it did."""
    if os.environ.get("IVB_SCHED_BATCH", "1") == "0" or not hasattr(os, "SCHED_BATCH"):
        return False
    try:
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
    except OSError as exc:  # a container that forbids it: the default policy, as before
        logging.getLogger("ivb.run").warning("SCHED_BATCH niet gezet: %s", exc)
        return False
    return True


M_ARENA_MAX = -8  # glibc's mallopt parameter


def _fewer_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's malloc arenas before threads start (no-op off glibc, or when ``MALLOC_ARENA_MAX`` is set)."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return
    try:
        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, arenas)
    except (OSError, AttributeError):
        pass


def memory_line() -> str:
    """'geheugen: RSS 412 MB; pagina's 812 (63,9 MB); ...' for the server log: the process's memory as the OS counts
    it, and how full each of our caches is."""
    from ivb import cache

    rss = _rss_mb()
    parts = [f"RSS {rss:.0f} MB" if rss else "RSS onbekend", cache.describe()]
    return "geheugen: " + "; ".join(filter(None, parts))


def _rss_mb() -> float | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def _log_memory(interval: float) -> None:
    log = logging.getLogger("ivb.run")
    while True:
        time.sleep(interval)
        log.info(memory_line())


if __name__ == "__main__":
    main()
