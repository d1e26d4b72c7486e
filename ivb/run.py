"""One dashboard process: ``python -m ivb.run [Streamlit options]`` is ``streamlit run app.py`` that makes its pages
from the moment it starts, not from its first reader's run.

Streamlit runs app.py only when a reader connects, so a plain ``streamlit run`` would start its warm-up
(ivb.ui.warmup) when the first readers are already there: after a restart on a busy evening, tens of readers then
make the pages at the same time. Here the warm-up starts with the process, and when every page is made the server
log says ``READY_LINE``: a load balancer (``make serve``, ivb.serve) sends readers only to a process that said so.
The Streamlit options are passed on unchanged (``--server.port 8501`` and the like).
"""

from __future__ import annotations

import logging
import sys
import threading
import time

from ivb import config

READY_LINE = "klaar voor lezers"  # in the server log once every page is made (ivb.ui.warmup)


def main(argv: list[str] | None = None) -> None:
    from streamlit.web import cli

    from ivb import logs

    logs.configure()
    threading.Thread(target=_warm_when_running, name="ivb-warmup-start", daemon=True).start()
    sys.argv = ["streamlit", "run", str(config.PROJECT_ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


def _warm_when_running(timeout: float = 60) -> None:
    """Start the warm-up once Streamlit's runtime exists: the page modules (and the caches they declare with
    ``st.cache_data``) must be imported after it, or their caches would not be the runtime's."""
    from streamlit.runtime import Runtime

    deadline = time.monotonic() + timeout
    while not Runtime.exists():
        if time.monotonic() > deadline:
            logging.getLogger("ivb.run").warning("Streamlit startte niet binnen %.0f s; geen voorbereiding", timeout)
            return
        time.sleep(0.05)
    from ivb.ui import warmup

    warmup.start()


if __name__ == "__main__":
    main()
