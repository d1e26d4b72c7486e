"""A page's content kept per filter and choice, shared by every session of the server process.

A page's content (ivb.content) is a pure function of the filter, the choices on the page and the data: the same
inputs give the same blocks. Making them (queries are cached, but the frames for the charts and tables are put
together anew) was most of a warm run; now the blocks are recorded once on a :class:`Tape` and every later run
with the same inputs draws the recorded blocks. The key holds the data version (every published table's file),
so a new build or import never shows old blocks.

A choice on the page (the offence, the comparison year, the map's colouring) is drawn where the content asked
for it; its value is known before the run from the session (or the link), and checked when its widget is drawn:
should the widget give another value, the run starts again once, drawn directly (``LIVE_KEY``). A part that failed
is told to the reader as on a direct run, and such a tape is not kept.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import streamlit as st

from ivb import blocks as b
from ivb.cache import LRU, MISSING, Flights, single_flight
from ivb.filters import Filters
from ivb.queries.core import Database, DataUnavailableError, database
from ivb.sources.schema import PUBLISHED
from ivb.views import specs

log = logging.getLogger(__name__)

LIVE_KEY = "_ivb_draw_live"
# A page's tape with its frames, specs and tables weighs some 80 kB (frames it shares with other tapes count in
# each); 2048 tapes at most, and at most 128 MB (about 1.600 pages; 64 MB held half as many as before).
_tapes = LRU(2048, budget=128 * 2**20, name="pagina's")
_TABLES = tuple(sorted(PUBLISHED))
# (page, data version) -> {key of a choice: (its default, its options)}, learned from the page's tapes. A tape is kept
# under the choices as the page validates them: a reader's choice that is the default, or no option at all (a bogus
# link), makes the same key as no choice (a first visit), so all of them draw one tape and a crafted link keeps none.
Known = dict[str, tuple[str, frozenset[str]]]
_choices_known: dict[tuple[str, tuple], Known] = {}


_making = Flights()  # tapes being made now: a reader asking for one waits for it


@dataclass(frozen=True)
class Failure:
    """A part of the page that could not be made: the message for a missing data file, or None (generic)."""

    message: str | None


@dataclass(frozen=True)
class Asked:
    """A choice the content asked for, and the value the tape was made with."""

    option: b.Choice
    value: Any


class Tape:
    """The content's :class:`~ivb.blocks.Out` that records instead of drawing."""

    def __init__(self, f: Filters, choices: dict[str, Any]) -> None:
        self.filters = f
        self.choices = choices  # key -> the value the reader has (from the session or the link), or absent
        self.steps: list[b.Block | Asked | Failure] = []
        self.failed = False

    def add(self, block: b.Block) -> None:
        self.steps.append(block)

    def choose(self, option: b.Choice) -> Any:
        wanted = self.choices.get(option.key)
        value = next((o for o in option.options if str(o) == str(wanted)), option.default)
        self.steps.append(Asked(option, value))
        return value

    @contextlib.contextmanager
    def section(self) -> Iterator[None]:
        try:
            yield
        except DataUnavailableError as exc:
            log.error("gegevensbestand niet beschikbaar: %s (%s)", exc.path, exc.reason, exc_info=True)
            self.steps.append(Failure(str(exc)))
            self.failed = True
        except Exception:
            log.exception("fout in een onderdeel van de pagina")
            self.steps.append(Failure(None))
            self.failed = True

    @property
    def known(self) -> Known:
        """Each choice the content asked for: its default and its options, as the link spells them."""
        return {step.option.key: (str(step.option.default), frozenset(map(str, step.option.options)))
                for step in self.steps if isinstance(step, Asked)}


def _reader_choice(key: str) -> str | None:
    """The value the reader has for the choice ``key`` before its widget is drawn: the session's, else the link's."""
    if key in st.session_state:
        return str(st.session_state[key])
    raw = st.query_params.get_all(key)
    return raw[0] if len(raw) == 1 else None


def data_version(db: Database | None = None) -> tuple:
    """The version of every published table (the build and each file's time and size) of ``db``, by default the
    build this run reads (ivb.queries.core.pinned)."""
    return (db or database()).version(_TABLES)


def _key(page: str, f: Filters, version: tuple, known: Known) -> tuple:
    """The key of the reader's page: only the choices that are valid and not the default count."""
    choices = {}
    for key, (default, options) in known.items():
        value = _reader_choice(key)
        if value is not None and value in options and value != default:
            choices[key] = value
    return page, f, tuple(sorted(choices.items())), version


def tape_for(page: str, content: b.Content, f: Filters, version: tuple) -> Tape:
    """The recorded content of ``page`` for ``f`` and the reader's choices: kept, or made now.

    Readers who ask for the same tape while another reader's run makes it wait for that one instead of making it
    again (ivb.cache.single_flight). Before the page's choices are known, every tape of the page and filter waits
    for the first."""
    def lookup() -> tuple[tuple, Any]:
        known = _choices_known.get((page, version))
        if known is None:
            return (page, f, None, version), MISSING
        key = _key(page, f, version, known)
        return key, _tapes.get(key, MISSING)

    def make() -> Tape:
        # The choices of a page are only known once its content ran: a tape asks the session (or the link) for
        # each choice when the content meets it.
        tape = _record(Tape(f, _ReaderChoices()), content)
        if not tape.failed:
            _choices_known[(page, version)] = tape.known
            _tapes.put(_key(page, f, version, tape.known), tape)
        return tape

    return single_flight(_making, lookup, make)


def _record(tape: Tape, content: b.Content) -> Tape:
    """Run ``content`` onto ``tape``, with each chart's spec and table: a kept tape is weighed with them (its share of
    the cache's budget) and readers waiting for it find them made. A chart that cannot be drawn is left to the screen,
    which tells the reader as for any failed part."""
    with tape.section():
        content(tape)
    for step in tape.steps:
        if isinstance(step, b.Chart):
            with contextlib.suppress(Exception):
                specs.spec_of(step)
                specs.table_of(step)
    return tape


def prepare(page: str, content: b.Content, f: Filters, version: tuple) -> Tape:
    """The tape of ``page`` for ``f`` with the page's default choices, made outside a reader's run (ivb.ui.warmup)."""
    key = (page, f, (), version)
    kept = _tapes.get(key)
    if kept is not None:
        return kept
    tape = _record(Tape(f, {}), content)
    if not tape.failed:
        _choices_known.setdefault((page, version), tape.known)
        _tapes.put(key, tape)
    return tape


class _ReaderChoices(dict):
    """Looks a choice up in the session (or the link) when the content asks for it."""

    def get(self, key, default=None):
        value = _reader_choice(key)
        return default if value is None else value


def clear() -> None:
    """Forget every tape (tests and cold-run measurements)."""
    _tapes.clear()
    _choices_known.clear()
