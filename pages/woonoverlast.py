"""Woonoverlast: cases per wijk, eigendom and status in the chosen peiljaar."""

import streamlit as st

from ivb import db, formatting, tables, ui

st.title("Woonoverlast")
f = ui.filters()

with ui.data_section():
    peiljaar, years = ui.peiljaar(db.woonoverlast_years(), f)
    if peiljaar is not None:
        most = db.woonoverlast_most_open(peiljaar)
        names = " en ".join(most["wijk"])
        st.markdown(
            f"In {peiljaar} had **{ui.plain(names)}** de meeste lopende casussen: "
            f"{formatting.number(most['lopend'].iloc[0])}."
        )
        title = f"Concrete casussen {peiljaar}" + (f", wijk {f.wijk}" if f.wijk else ", per wijk")
        st.subheader(title)
        ui.table(tables.woonoverlast_matrix(db.woonoverlast_per_wijk(peiljaar, f.wijk)))
        ui.source("Jaarverslag 2024, Programma 5 Veiligheid, doelstelling 5.1, tabel 5.1")
    ui.quality_notes("woonoverlast")
