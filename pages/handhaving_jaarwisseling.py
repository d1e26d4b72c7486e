"""Handhaving en jaarwisseling: reports handled by Team Handhaving and the damage around New Year."""

import streamlit as st

from ivb import db, ui

st.title("Handhaving en jaarwisseling")
f = ui.filters()
ui.city_only_notice(f)

with ui.data_section():
    ui.year_block(
        "Kengetallen",
        db.topic_figures("handhaving_jaarwisseling", f.jaar_van, f.jaar_tot),
        note="Jaarwisseling: het jaar is het oude jaar, dus 2024 is de jaarwisseling 2024-2025.",
    )
    ui.quality_notes("handhaving_jaarwisseling")
