"""Wijkprofiel: the wijk map (a click chooses the wijk) and everything known about the chosen wijk beside the city."""

import streamlit as st

from ivb import ui

f = ui.page(__file__)
st.write(
    "Alles wat het dashboard per wijk weet, naast heel Zoetermeer: inwoners, woonoverlast per 1.000 inwoners, "
    "cameratoezicht en (zodra ingelezen) de politiecijfers. Kies een wijk op de kaart of in het filter 'Wijk'."
)

with ui.data_section():
    ui.map_section(f)

if f.wijk is None:
    st.info("Kies een wijk op de kaart of in het filter 'Wijk' voor het profiel van die wijk.", icon=":material/touch_app:")
else:
    with ui.data_section():
        ui.profile(f.wijk)
