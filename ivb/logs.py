"""The package's log: every error a reader sees as a short message is written here with its traceback.

Streamlit logs its own messages under ``streamlit``; ours go under ``ivb`` to the server's stderr.
"""

from __future__ import annotations

import logging

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure() -> None:
    """Send the ``ivb`` loggers to stderr once per process (called by app.py on every run; idempotent)."""
    logger = logging.getLogger("ivb")
    if any(getattr(h, "_ivb", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._ivb = True  # marks our handler, so a rerun does not add a second one
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
