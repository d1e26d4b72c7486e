"""Woonoverlast: cases per wijk, eigendom and status in the chosen peiljaar."""

from __future__ import annotations

from ivb import formatting, gemeente
from ivb.blocks import Chart, Notice, Out, Text
from ivb.content.common import peiljaar, quality_notes
from ivb.markup import plain
from ivb.queries import documents, geo
from ivb.views import rowcharts, tables


def content(out: Out) -> None:
    with out.section():
        year = peiljaar(out, documents.woonoverlast_years())
        if year is not None:
            _cases(out, year)
        quality_notes(out, "woonoverlast")


def _count(cases) -> str:
    """A count of cases in a sentence: tabel 5.1 prints no cell where a status has no cases (its totals add up)."""
    return "geen" if formatting.is_missing(cases) or cases == 0 else formatting.number(cases)


def _cases(out: Out, year: int) -> None:
    wijk = out.filters.wijk
    if wijk and wijk not in documents.woonoverlast_wijken(year):
        parts = [w for w in geo.tabel_wijken(wijk) if w != wijk]
        apart = f" ({' en '.join(parts)} staan er apart)" if parts else ""
        out.add(Notice(
            f"Tabel 5.1 van het jaarverslag geeft de woonoverlast per wijk van de wijkindeling 2025; de wijk {plain(wijk)} "
            f"staat er niet in{plain(apart)}. Hieronder heel {plain(gemeente.name())}."
        ))
        wijk = None
    totals = documents.woonoverlast_totals(year, wijk).iloc[0]
    where = f"in de wijk {plain(wijk)}" if wijk else f"in heel {plain(gemeente.name())}"
    out.add(Text(
        f"In {year} waren er {where} **{formatting.number(totals['totaal'])}** concrete casussen woonoverlast: "
        f"{_count(totals['lopend'])} lopend en {_count(totals['afgerond'])} afgerond."
    ))
    most = documents.woonoverlast_most_open(year)
    if most.empty:
        out.add(Text(f"In {year} waren er geen lopende casussen."))
    else:
        out.add(Text(f"In {year} had **{plain(' en '.join(most['wijk']))}** de meeste lopende casussen: "
                     f"{formatting.number(most['lopend'].iloc[0])}."))
    out.add(Chart(
        f"Concrete casussen {year}, " + (f"wijk {plain(wijk)}" if wijk else "per wijk"),
        documents.woonoverlast_per_wijk(year, wijk), rowcharts.woonoverlast,
        "Casussen woonoverlast naar eigendom van de woning: koop, corporatie of particuliere huur.",
        "woonoverlast", wijk=wijk, table_of=tables.woonoverlast_matrix, per_wijk=True,
    ))
