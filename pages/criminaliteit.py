"""Criminaliteit: crime per wijk from the police's open data, and the city figures of the documents
against the begroting."""

import streamlit as st

from ivb import charts, db, ui

st.title("Criminaliteit")
f = ui.filters()
years = (f.jaar_van, f.jaar_tot)

with ui.data_section():
    ui.police_section(f)

st.header("Heel Zoetermeer: kadernota en jaarverslag")
ui.city_only_notice(f)
with ui.data_section():
    ui.chart_block(
        "Misdrijven en High Impact Crimes", db.crime_trend(*years), charts.trend,
        "Aangiften van alle misdrijven en van de High Impact Crimes, uit tabel 2.1 van de kadernota.",
        "misdrijven", years,
    )
    ui.chart_block(
        "High Impact Crimes per soort", db.hic_breakdown(*years), charts.trend,
        "Geweld, woninginbraak, straatroof en overvallen; de woninginbraken ook uit het jaarverslag.",
        "high-impact-crimes", years,
    )
    ui.chart_block(
        "Woninginbraken tegen de begroting", db.woninginbraken_trend(*years), charts.trend,
        "Effectindicator van doelstelling 5.1: lager is beter. De jaarverslagcijfers zijn een schatting op basis van politiecijfers.",
        "woninginbraken", years,
    )
    ui.figures(
        "Digitale criminaliteit",
        db.topic_figures("criminaliteit", *years, exclude=db.CRIME_TREND_IDS + db.HIC_PART_IDS),
        note="Het jaarverslag noemt alleen de verandering ten opzichte van het jaar ervoor.",
    )
    ui.quality_notes("criminaliteit")
