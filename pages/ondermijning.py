"""Ondermijning: controls, signals by origin and cases by outcome."""

import streamlit as st

from ivb import db, ui

st.title("Ondermijning")
f = ui.filters()
ui.city_only_notice(f)

with ui.data_section():
    ui.year_block("Kengetallen", db.topic_figures("ondermijning", f.jaar_van, f.jaar_tot))
    ui.quality_notes("ondermijning")
