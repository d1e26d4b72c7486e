"""Beleid en financiën: priorities and speerpunten per period, and the money per doelstelling."""

import streamlit as st

from ivb import db, tables, ui

st.title("Beleid en financiën")
f = ui.filters()
ui.city_only_notice(f)

with ui.data_section():
    st.subheader("Prioriteiten en speerpunten per beleidsperiode")
    ui.table(tables.speerpunten_table(db.speerpunten()))
    ui.source("Kadernota IVB 2019-2022, paragraaf 2.3, 4.1-4.6; Jaarverslag 2024, Programma 5 Veiligheid")
    ui.quality_notes("beleid")

with ui.data_section():
    peiljaar, _ = ui.peiljaar(db.finance_years(), f)
    if peiljaar is not None:
        st.subheader(f"Financiën per doelstelling, jaarrekening {peiljaar}")
        ui.table(tables.finance_table(db.finances(peiljaar)))
        ui.source("Jaarverslag 2024, Programma 5 Veiligheid, totalen per doelstelling (bedragen x € 1.000)")
    ui.quality_notes("financien")
