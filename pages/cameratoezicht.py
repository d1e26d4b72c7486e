"""Cameratoezicht: a map and a table of the fixed camera surveillance locations, with type and period."""

import streamlit as st

from ivb import maps, tables, ui
from ivb.queries import documents

f = ui.page(__file__)
st.write(
    "Naast tijdelijk cameratoezicht op wisselende plekken is er vast cameratoezicht, voor een vaste periode per locatie "
    "(zie de tabel). De politie Eenheid Den Haag voert het uit op basis van het convenant cameratoezicht."
)

with ui.data_section():
    locations = documents.camera_locations(f.wijk)
    where = f"in de wijk {f.wijk}" if f.wijk else "in Zoetermeer"
    st.header(f"Locaties van vast cameratoezicht {where}")
    if locations.empty:
        st.info(f"Geen locaties van vast cameratoezicht bekend {where}.")
    else:
        if (locations["coordinaten"] == "benaderd").any():
            st.warning(
                "De coördinaten zijn benaderd: de bron noemt de locaties zonder adres. Een punt geeft de omgeving aan, "
                "niet de plek van een camera.", icon=":material/location_searching:",
            )
        st.pydeck_chart(maps.camera_map(locations), height=480)
        st.caption(f"Achtergrondkaart: {maps.ATTRIBUTION}.")
        ui.table(tables.camera_table(locations))
        ui.downloads("cameratoezicht", locations, f.wijk, (None, None))
    ui.quality_notes("cameratoezicht")
