"""One page run recorded: the blocks a page's content hands out, the choices it asked for and the parts that failed.

The screen draws a recording (ivb.ui.page, kept per filter and choice by ivb.ui.tape) and the PDF report writes one
(ivb.views.report): one definition of a page, one way to run it, for both. A choice takes the reader's value when
it is one of the options (compared as the link spells it), else the default. No streamlit here.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ivb import blocks as b
from ivb.config import DataUnavailableError
from ivb.filters import Filters

log = logging.getLogger(__name__)

# Each choice the content asked for: its default and its options, as the link spells them.
Known = dict[str, tuple[str, frozenset[str]]]


@dataclass(frozen=True)
class Failure:
    """A part of the page that could not be made: the message for a missing data file, or None (generic)."""

    message: str | None


@dataclass(frozen=True)
class Asked:
    """A choice the content asked for, and the value the page was made with."""

    option: b.Choice
    value: Any


class Recording:
    """The content's :class:`~ivb.blocks.Out` that keeps what it is handed. ``wanted(key)`` gives the reader's value
    of a choice (or None) at the moment the content asks for it."""

    def __init__(self, f: Filters, wanted: Callable[[str], Any]) -> None:
        self.filters = f
        self.wanted = wanted
        self.steps: list[b.Block | Asked | Failure] = []
        self.failed = False

    def add(self, block: b.Block) -> None:
        self.steps.append(block)

    def choose(self, option: b.Choice) -> Any:
        wanted = self.wanted(option.key)
        value = next((o for o in option.options if wanted is not None and str(o) == str(wanted)), option.default)
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
    def blocks(self) -> list[b.Block]:
        return [step for step in self.steps if not isinstance(step, Asked | Failure)]

    @property
    def known(self) -> Known:
        return {step.option.key: (str(step.option.default), frozenset(map(str, step.option.options)))
                for step in self.steps if isinstance(step, Asked)}


def record(content: b.Content, f: Filters, wanted: Callable[[str], Any]) -> Recording:
    """Run ``content`` for the filter ``f`` and the reader's choices ``wanted``; a part that fails is recorded."""
    recording = Recording(f, wanted)
    with recording.section():
        content(recording)
    return recording
