"""The blocks a page is made of, and the one interface that receives them.

A page's content is a function that reads the filters from ``out.filters``, asks the queries for
its figures and hands blocks to ``out``: a heading, a sentence, a chart with its table and
downloads, a table, the notes on the sources. The screen (ivb.ui.screen) draws each block with
Streamlit; the report (ivb.views.report) writes the same blocks into a PDF. One definition of a
page therefore gives both, and a test reads a page's figures from its blocks without a browser.

Text in a block is the dashboard's own Markdown (**bold** and links to https addresses), with any text
from a file or a URL escaped by :func:`ivb.markup.plain`. No streamlit here.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

from ivb import formatting
from ivb.cache import once
from ivb.filters import Filters
from ivb.markup import unmark
from ivb.wording import NO_FIGURES, data_years, scoped_title, source_line, titled_year


@dataclass(frozen=True, eq=False)
class Download:
    """The rows a reader can take away as CSV: ``topic`` names the file, ``wijk`` when they were narrowed to it;
    ``source`` is the source column for rows that do not carry their own."""

    topic: str
    data: pd.DataFrame
    wijk: str | None = None
    source: str = ""

    @property
    def years(self) -> list[int]:
        """The years the rows hold (for the file name), found once per download."""
        return once(self, "_years", lambda: data_years(self.data))


@dataclass(frozen=True, eq=False)
class Heading:
    """A section heading: level 2 for a section, 3 for a part of one; ``anchor`` for a link to it."""

    text: str
    level: int = 2
    anchor: str | None = None


@dataclass(frozen=True, eq=False)
class Text:
    """A paragraph: ``body`` text, a ``caption`` under a figure, or a ``lead`` that states a finding.

    ``screen_only``: it speaks of the screen ("kies een wijk op de kaart") and stays out of the report.
    """

    text: str
    kind: str = "body"
    screen_only: bool = False


@dataclass(frozen=True, eq=False)
class Notice:
    """A message in a box: ``info`` (what the reader sees and why) or ``warning`` (read this with care)."""

    text: str
    kind: str = "info"
    screen_only: bool = False


@dataclass(frozen=True, eq=False)
class Bullets:
    """A list of short items; ``numbers`` gives each item the number the source gives it (a numbered list)."""

    items: tuple[str, ...]
    numbers: tuple[int, ...] | None = None


@dataclass(frozen=True, eq=False)
class Chart:
    """One visual, always in the same order: title, lead, chart, toelichting, source, downloads, table.

    ``draw(data, **options)`` returns the Altair chart (ivb.views.specs makes the spec, ivb.views.tables the
    table); the downloads carry exactly ``data``;
    ``wijk`` is the wijk the data were narrowed to; ``per_wijk`` says the chart compares wijken;
    ``table_of`` makes the table under the chart (default: a row per indicator, a column per year).
    """

    title: str
    data: pd.DataFrame
    draw: Callable[..., Any]
    toelichting: str
    topic: str
    wijk: str | None = None
    per_wijk: bool = False
    table_of: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    lead: str | None = None
    options: dict = field(default_factory=dict)
    source: str = ""

    def heading(self, f: Filters) -> str:
        return scoped_title(self._titled, f, self.wijk, self.per_wijk)

    # Made once per block (ivb.cache.once: no lock shared by all blocks, as functools.cached_property has on 3.11),
    # before a kept page is pickled (ivb.ui.tape), so a run that draws it does not make them again.
    @property
    def _titled(self) -> str:
        return once(self, "_titled_", lambda: titled_year(self.title, self.data))

    @property
    def source_text(self) -> str:
        return once(self, "_source_text", lambda: source_line(self.data, self.source))

    @property
    def alt_text(self) -> str:
        """What the chart shows, in words, for a screen reader and the report's image."""
        return " ".join(filter(None, [f"{unmark(self.title)}.", unmark(self.lead or ""), unmark(self.toelichting)]))

    @property
    def download(self) -> Download:
        return once(self, "_download", lambda: Download(self.topic, self.data, self.wijk, self.source))


@dataclass(frozen=True, eq=False)
class Table:
    """A table of figures as the reader sees them, with an optional title, note, source and download.

    ``frame`` is a display table (numbers stay numbers; see ivb.views.tables); ``empty`` is said when it has no rows;
    ``source`` is the source line under it (a table whose rows name their source in a column needs none).
    """

    frame: pd.DataFrame
    title: str | None = None
    note: str | None = None
    source: str | None = None
    download: Download | None = None
    empty: str = NO_FIGURES
    city: bool = False
    level: int = 2

    def heading(self, f: Filters) -> str | None:
        """The title; marked "(heel Zoetermeer)" when ``city`` (figures of the whole city) and a wijk is chosen."""
        return scoped_title(self.title, f, per_wijk=not self.city) if self.title else None


@dataclass(frozen=True, eq=False)
class Notes:
    """The notes on the sources of one topic: a contradiction in a document and the choice made."""

    notes: pd.DataFrame


@dataclass(frozen=True, eq=False)
class Verdicts:
    """A tile per effect indicator: the latest realisatie against its begroting, and doel gehaald.

    ``notes`` adds a line under the tile of an indicator (e.g. the police's latest figure).
    """

    verdicts: pd.DataFrame
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Metric:
    """One key figure: its label, its value as text and what it is compared with."""

    label: str
    value: str
    help: str = ""


@dataclass(frozen=True, eq=False)
class Metrics:
    """A row of key figures."""

    items: tuple[Metric, ...]


@dataclass(frozen=True, eq=False)
class WijkMap:
    """The wijk map coloured by one figure, with the table of the same figures beside it.

    ``spec`` is the Vega-Lite map (a click on a wijk selects it); ``table`` the figures beside it.
    """

    title: str
    spec: dict
    alt: str
    table: pd.DataFrame
    caption: str
    note: str
    source: str
    download: Download


@dataclass(frozen=True, eq=False)
class CameraMap:
    """The camera locations on a background map (only on screen; the table beside it goes everywhere)."""

    locations: pd.DataFrame
    attribution: str


@dataclass(frozen=True, eq=False)
class WholeTable:
    """A whole published table, for the data page: what it holds and every row."""

    name: str
    title: str
    description: str
    frame: pd.DataFrame

    @property
    def size(self) -> str:
        """'30 rijen', '1 rij' or 'nog leeg'."""
        rows = len(self.frame)
        return "nog leeg" if not rows else f"{formatting.number(rows)} {'rij' if rows == 1 else 'rijen'}"


@dataclass(frozen=True)
class Choice:
    """A choice the reader makes on the page (kept in the link under ``key``): its label, the options and the
    default. ``what`` names it in the notice for an invalid link ('het vergelijkingsjaar')."""

    key: str
    label: str
    options: tuple
    default: Any
    what: str
    help: str | None = None


Block = Heading | Text | Notice | Bullets | Chart | Table | Notes | Verdicts | Metrics | WijkMap | CameraMap | WholeTable


class Out(Protocol):
    """Where a page's content goes: the screen or the report."""

    filters: Filters

    def add(self, block: Block) -> None:
        """Show ``block`` next."""

    def choose(self, choice: Choice) -> Any:
        """The option the reader chose (the screen shows the choice here; the report takes the current one)."""

    def section(self) -> AbstractContextManager[None]:
        """A part of the page that reads data: when it fails, the reader is told and the rest still shows."""


Content = Callable[[Out], None]
