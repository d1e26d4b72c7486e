"""Beleid en financiën: priorities and speerpunten per period, and the money per doelstelling."""

import streamlit as st

from ivb import charts, tables, ui
from ivb.queries import documents

f = ui.page(__file__)
ui.city_only_notice(f)

with ui.data_section():
    st.header("Prioriteiten en speerpunten per beleidsperiode")
    points = documents.speerpunten()
    ui.table(tables.speerpunten_table(points))
    ui.downloads("speerpunten", points, None, (None, None))
    ui.source("Kadernota IVB 2019-2022, paragraaf 2.3, 4.1-4.6; Jaarverslag 2024, Programma 5 Veiligheid")
    ui.quality_notes("beleid")

with ui.data_section():
    peiljaar = ui.peiljaar(documents.finance_years(), f)
    if peiljaar is not None:
        money = documents.finances(peiljaar)
        derived = tables.derived_amounts(money)
        ui.chart_block(
            f"Lasten en baten per doelstelling, jaarrekening {peiljaar}", money, charts.finances,
            "Bedragen x € 1.000 (in de jaarrekening staan lasten negatief)."
            + (f" Afgeleid uit de totalen, omdat ze in de bron niet leesbaar zijn: {derived}." if derived else ""),
            "financien", (peiljaar, peiljaar), table_of=tables.finance_table,
        )
    ui.quality_notes("financien")
