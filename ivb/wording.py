"""How a block words what it shows: the title scoped to the city or a wijk, the year of one-year figures, the
source line of its rows, and what it says when there is nothing. No streamlit here."""

from __future__ import annotations

import pandas as pd

from ivb import gemeente
from ivb.filters import Filters

NO_FIGURES = "Geen cijfers voor deze selectie."


def data_years(data: pd.DataFrame) -> list[int]:
    """The years that ``data`` holds figures for, ascending; none when it has no ``jaar`` column."""
    if "jaar" not in data.columns or data.empty:
        return []
    return sorted(int(j) for j in data["jaar"].dropna().unique())


def scoped_title(title: str, f: Filters, wijk: str | None = None, per_wijk: bool = False) -> str:
    """``title`` marked "(heel Zoetermeer)" when a wijk is chosen but the block shows the city.

    ``wijk`` is the wijk the figures were narrowed to; ``per_wijk`` says the block compares the wijken.
    """
    if per_wijk or wijk or not f.wijk or gemeente.name() in title:
        return title
    return f"{title} (heel {gemeente.name()})"


def titled_year(title: str, data: pd.DataFrame) -> str:
    """``title`` with the year added when the figures are of one year that the title does not name yet."""
    years = data_years(data)
    if len(years) == 1 and str(years[0]) not in title:
        return f"{title}, {years[0]}"
    return title


def source_line(data: pd.DataFrame, fallback: str = "") -> str:
    """'document, vindplaats; ...' of the rows of ``data`` (their ``bron`` and ``vindplaats``), or ``fallback``."""
    if "bron" not in data.columns:
        return fallback
    places = data["vindplaats"] if "vindplaats" in data.columns else [""] * len(data)
    found = dict.fromkeys(f"{b}, {v}".rstrip(", ") for b, v in zip(data["bron"], places) if isinstance(b, str) and b)
    return "; ".join(found) or fallback
