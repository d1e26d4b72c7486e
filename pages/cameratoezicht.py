"""Cameratoezicht: the locations of fixed camera surveillance, with type and period."""

import streamlit as st

from ivb import db, tables, ui

st.title("Cameratoezicht")
f = ui.filters()
st.write(
    "Naast tijdelijk cameratoezicht op wisselende plekken is er vast cameratoezicht voor vier jaar (2022-2026). "
    "De politie Eenheid Den Haag voert het uit op basis van het convenant cameratoezicht."
)

with ui.data_section():
    locations = db.camera_locations(f.wijk)
    where = f"in de wijk {f.wijk}" if f.wijk else "in Zoetermeer"
    st.subheader(f"Locaties van vast cameratoezicht {where}")
    ui.table(tables.camera_table(locations), f"Geen locaties van vast cameratoezicht bekend {where}.")
    st.caption("De bron noemt de locaties zonder adres; de coördinaten zijn door ons benaderd.")
    ui.quality_notes("cameratoezicht")
