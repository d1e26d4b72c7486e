"""Overzicht: the effect indicators against their begroting, and the current speerpunten."""

import streamlit as st

from ivb import db, indicators, tables, ui

st.title("Integraal Veiligheidsbeleid Zoetermeer")
st.write(
    "Hoe staat Zoetermeer ervoor op de doelen van het veiligheidsbeleid? Elk cijfer komt uit de "
    "kadernota Integraal Veiligheidsbeleid 2019-2022 of het jaarverslag 2024 (programma 5 Veiligheid), "
    "met de vindplaats erbij. Ontbrekende jaren blijven leeg."
)
f = ui.filters()
ui.city_only_notice(f)

with ui.data_section():
    st.subheader("Effectindicatoren tegen de begroting")
    verdicts = indicators.latest_verdicts(db.effect_indicators())
    ui.table(tables.verdict_table(verdicts))
    st.caption("Doel gehaald volgt uit de richting van de indicator: bij woninginbraken is lager beter, bij rapportcijfers hoger.")

with ui.data_section():
    points = db.latest_speerpunten()
    if not points.empty:
        st.subheader(f"Speerpunten {points['periode'].iloc[0]}")
        st.markdown("\n".join(f"{p.nummer}. {ui.plain(p.naam)}" for p in points.itertuples()))
