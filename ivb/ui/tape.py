"""A page's recording (ivb.recording) kept per filter, choice and data version, shared by every session.

A page's content is a pure function of the filter, the choices on the page and the data, so a page is recorded once
and later runs with the same inputs draw it: kept pickled (ivb.cache.Pickled) with what drawing reads on every run
made first (the blocks' memos, the digests of ivb.views.specs), unpickled per run in a millisecond or two. The
page's choices are learned from its first recording: a choice that is the default or no option (a bogus link) makes
the key of no choice, so a crafted link keeps nothing. Readers who ask at once for a page being made wait for it (at
most ``WAIT`` seconds): a burst of readers after a start asks for the same few pages. A failed part is not kept.
"""

from __future__ import annotations

import logging
import threading

from ivb import blocks as b
from ivb.cache import LRU, Pickled
from ivb.filters import Filters
from ivb.recording import Asked, Known, Recording, record
from ivb.ui.sidebar import reader_choice
from ivb.views import specs

log = logging.getLogger(__name__)

WAIT = 10.0  # seconds a reader waits in all for another reader's run that makes the same page
_tapes = LRU(2048, budget=128 * 2**20, name="pagina's")  # 3 to 430 kB a page
_known: dict[tuple[str, tuple], Known] = {}  # (page, data version) -> its choices, from its first recording
_making: dict[tuple, threading.Event] = {}  # the keys being recorded now
_lock = threading.Lock()


def _chosen(known: Known, value_of) -> tuple:
    """The choices whose value (``value_of(key)``, as the link spells it) is valid and not the default."""
    values = ((key, value_of(key)) for key in known)
    return tuple(sorted((k, v) for k, v in values if v in known[k][1] and v != known[k][0]))


def _key(page: str, f: Filters, version: tuple) -> tuple:
    """The key of the reader's page; before the page's choices are known, one per page and filter."""
    known = _known.get((page, version))
    return page, f, None if known is None else _chosen(known, reader_choice), version


def tape_for(page: str, content: b.Content, f: Filters, version: tuple) -> Recording:
    """The recording of ``page`` for ``f`` and the reader's choices: kept, or made now by one reader while the
    others who ask for it wait."""
    waited = 0.0
    while True:
        key = _key(page, f, version)
        found = _tapes.get(key)
        if found is not None:
            recording = Recording(f, reader_choice)
            recording.steps = found.value()
            return recording
        with _lock:
            other = _making.get(key)
            if other is None:
                _making[key] = threading.Event()
        if other is None or waited >= WAIT:
            break
        other.wait(1.0)  # then look again: kept now, or the other failed and this one makes it
        waited += 1.0
    try:
        recording = record(content, f, reader_choice)
        keep(page, recording, version)
        return recording
    finally:
        if other is None:  # this reader claimed the key: wake those who wait for it
            with _lock:
                _making.pop(key).set()


def keep(page: str, recording: Recording, version: tuple) -> bool:
    """Keep ``recording`` of ``page`` and learn the page's choices from it; False when a part of it failed (or it
    cannot be kept: logged), and it is not kept."""
    if recording.failed:
        return False
    try:
        for step in recording.steps:  # what drawing reads on every run, made before it is pickled
            if isinstance(step, b.Chart) and not step.data.empty:
                (step.source_text, step._titled, specs.spec_key(step))
            elif isinstance(step, b.Table | b.WholeTable):
                specs.frame_key(step, step.frame)
        kept = Pickled.of(recording.steps)
    except Exception:  # a block that holds a lambda, say: drawn, but made again on every run
        return log.exception("pagina %s niet te bewaren", page) or False
    known = _known.setdefault((page, version), recording.known)
    made = {step.option.key: str(step.value) for step in recording.steps if isinstance(step, Asked)}
    _tapes.put((page, recording.filters, _chosen(known, made.get), version), kept)
    return True


def clear() -> None:
    """Forget every recording (tests and cold-run measurements)."""
    _tapes.clear()
    _known.clear()
