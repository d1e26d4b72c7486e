"""The shared filters as every wing reads them: a wijk (or the whole city) and a span of years.

No streamlit here: the sidebar (ivb.ui.sidebar) makes a :class:`Filters` from the widgets, the page
content and the report take it as a plain value.
"""

from __future__ import annotations

from dataclasses import dataclass

from ivb import gemeente


def all_city() -> str:
    """The wijk filter's first option: 'Heel Zoetermeer' (the gemeente of this process)."""
    return f"Heel {gemeente.name()}"


@dataclass(frozen=True)
class Filters:
    """The shared filters; ``wijk`` is None for the whole city."""

    wijk: str | None
    jaar_van: int
    jaar_tot: int

    @property
    def years(self) -> tuple[int, int]:
        return self.jaar_van, self.jaar_tot

    @property
    def area(self) -> str:
        """The chosen area as a reader names it: 'wijk Meerzicht' or 'heel Zoetermeer'."""
        return f"wijk {self.wijk}" if self.wijk else f"heel {gemeente.name()}"

    @property
    def selection(self) -> str:
        """The filter in words within a sentence: 'wijk Meerzicht, 2016-2024'."""
        years = str(self.jaar_van) if self.jaar_van == self.jaar_tot else f"{self.jaar_van}-{self.jaar_tot}"
        return f"{self.area}, {years}"

    def describe(self) -> str:
        """The filter in words on its own, for a report: 'Wijk Meerzicht, 2016-2024'."""
        return self.selection[0].upper() + self.selection[1:]
