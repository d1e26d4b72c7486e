"""Beleid en financiën: priorities and speerpunten per period, and the money per doelstelling."""

from __future__ import annotations

from ivb.blocks import Chart, Download, Out, Table
from ivb.content.common import city_only_notice, peiljaar, quality_notes
from ivb.markup import plain
from ivb.queries import documents
from ivb.views import rowcharts, tables


def content(out: Out) -> None:
    city_only_notice(out)
    with out.section():
        points = documents.speerpunten()
        out.add(Table(tables.speerpunten_table(points), title="Prioriteiten en speerpunten per beleidsperiode",
                      source="; ".join(dict.fromkeys(points["bron"].dropna())),  # the documents of its rows
                      download=Download("speerpunten", points)))
        quality_notes(out, "beleid")

    with out.section():
        year = peiljaar(out, documents.finance_years())
        if year is not None:
            money = documents.finances(year)
            derived = tables.derived_amounts(money)
            out.add(Chart(
                f"Lasten en baten per doelstelling, jaarrekening {year}", money, rowcharts.finances,
                "Bedragen x € 1.000. Zoals in de jaarrekening staan lasten (wat de gemeente uitgeeft) als negatief bedrag, "
                "links van de nul, en baten (wat er binnenkomt) als positief bedrag, rechts van de nul."
                + (f" Afgeleid uit de totalen, omdat ze in de bron niet leesbaar zijn: {plain(derived)}." if derived else ""),
                "financien", table_of=tables.finance_table,
            ))
        quality_notes(out, "financien")
