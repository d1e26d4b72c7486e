"""Criminaliteit: registered crimes, the High Impact Crimes and woninginbraken against the begroting."""

import streamlit as st

from ivb import db, ui

st.title("Criminaliteit")
f = ui.filters()
ui.city_only_notice(f)

with ui.data_section():
    ui.year_block("Misdrijven en High Impact Crimes", db.crime_trend(f.jaar_van, f.jaar_tot), all_years=True)
    ui.year_block("High Impact Crimes per soort", db.hic_breakdown(f.jaar_van, f.jaar_tot), all_years=True)
    ui.year_block(
        "Woninginbraken: realisatie en begroting",
        db.woninginbraken_trend(f.jaar_van, f.jaar_tot),
        all_years=True,
        note="Effectindicator van doelstelling 5.1. De jaren 2018-2022 staan in geen van beide bronnen.",
    )
    ui.year_block(
        "Digitale criminaliteit",
        db.topic_figures("criminaliteit", f.jaar_van, f.jaar_tot, exclude=db.CRIME_TREND_IDS + db.HIC_PART_IDS),
    )
    ui.quality_notes("criminaliteit")
