"""Overzicht: a tile per effect indicator against its begroting, the current speerpunten and headline trends."""

import streamlit as st

from ivb import charts, db, indicators, ui

st.title("Integraal Veiligheidsbeleid Zoetermeer")
f = ui.filters()
with ui.data_section():
    documents = " of ".join(ui.plain(t) for t in db.source_documents()["titel"])
    st.write(
        f"Hoe staat Zoetermeer ervoor op de doelen van het veiligheidsbeleid? Elk cijfer komt uit {documents}, met de "
        "vindplaats erbij. Ontbrekende jaren blijven leeg. Criminaliteit per wijk komt, zodra ingelezen, uit de open data "
        "van de politie (CBS); zie Criminaliteit en Data en bronnen."
    )
ui.city_only_notice(f)

with ui.data_section():
    st.header("Effectindicatoren tegen de begroting")
    ui.verdict_tiles(indicators.latest_verdicts(db.effect_indicators()))
    st.caption("Doel gehaald volgt uit de richting van de indicator: bij woninginbraken is lager beter, bij rapportcijfers hoger.")

with ui.data_section():
    points = db.latest_speerpunten()
    if not points.empty:
        st.header(f"Speerpunten {points['periode'].iloc[0]}")
        st.markdown("\n".join(f"{p.nummer}. {ui.plain(p.naam)}" for p in points.itertuples()))

with ui.data_section():
    years = (f.jaar_van, f.jaar_tot)
    ui.chart_block(
        "Woninginbraken", db.woninginbraken_trend(*years), charts.trend,
        "Aantal woninginbraken per jaar tegen de begroting; jaren zonder cijfer in de bronnen blijven leeg.",
        "woninginbraken", years,
    )
    ui.chart_block(
        "Rapportcijfers voor veiligheid", db.safety_scores(*years), charts.trend,
        "Gemiddeld rapportcijfer van inwoners voor de veiligheid in de stad en in de buurt, tegen de begroting.",
        "rapportcijfers", years,
    )
