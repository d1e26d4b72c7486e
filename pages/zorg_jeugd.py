"""Zorg, jeugd en extremisme: huiselijk geweld, gebiedsverboden, PGA Jeugd, IPTA, RIO and extremism training."""

import streamlit as st

from ivb import db, tables, ui

st.title("Zorg, jeugd en extremisme")
f = ui.filters()
ui.city_only_notice(f)

with ui.data_section():
    ui.year_block("Kengetallen", db.topic_figures("zorg_jeugd", f.jaar_van, f.jaar_tot))
    st.subheader("Gemiddelden uit de kadernota")
    ui.table(tables.period_table(db.period_figures("zorg_jeugd")))
    ui.quality_notes("zorg_jeugd")
