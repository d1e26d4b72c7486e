"""Criminaliteit: crime per wijk from the police's open data, and the city figures of the documents
against the begroting."""

import streamlit as st

from ivb import charts, ui
from ivb.queries import documents

f = ui.page(__file__)

with ui.data_section():
    ui.public_section(f)

with ui.data_section():
    ui.police_section(f)

st.header("Heel Zoetermeer: kadernota en jaarverslag")
ui.city_only_notice(f)
with ui.data_section():
    ui.chart_block(
        "Misdrijven en High Impact Crimes", documents.visual_values("misdrijven", *f.years), charts.trend,
        "Aangiften van alle misdrijven en van de High Impact Crimes, uit tabel 2.1 van de kadernota.",
        "misdrijven", f.years,
    )
    ui.chart_block(
        "High Impact Crimes per soort", documents.visual_values("hic_soorten", *f.years, realisatie_only=True), charts.trend,
        "Geweld, woninginbraak, straatroof en overvallen; de woninginbraken ook uit het jaarverslag.",
        "high-impact-crimes", f.years,
    )
    ui.chart_block(
        "Woninginbraken tegen de begroting", documents.indicator_values("woninginbraken", *f.years), charts.trend,
        "Effectindicator van doelstelling 5.1: lager is beter. De jaarverslagcijfers zijn een schatting op basis van politiecijfers.",
        "woninginbraken", f.years,
    )
    ui.figures(
        "Digitale criminaliteit", documents.visual_values("digitale_criminaliteit", *f.years), "digitale-criminaliteit", f.years,
        note="Het jaarverslag noemt alleen de verandering ten opzichte van het jaar ervoor.",
    )
    ui.quality_notes("criminaliteit")
