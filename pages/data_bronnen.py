"""Data en bronnen: the source documents, every table whole, and the data-quality notes."""

import streamlit as st

from ivb import db, ui
from ivb.schema import TABLES

st.title("Data en bronnen")
ui.ensure_navigation()
st.write(
    "Alle cijfers van dit dashboard staan in tabellen die uit twee gemeentelijke documenten zijn overgenomen. "
    "Bij elk cijfer staan de bron en de vindplaats; afgeleide en benaderde cijfers zijn gemarkeerd."
)

with ui.data_section():
    st.subheader("Brondocumenten")
    ui.table(db.source_documents())

with ui.data_section():
    st.subheader("Kanttekeningen bij de bronnen")
    ui.table(db.quality_notes())

st.subheader("Tabellen")
for spec in TABLES:
    if spec.publish:
        with ui.data_section():
            frame = db.whole_table(spec.name)
            with st.expander(f"{spec.name} ({len(frame)} rijen): {spec.description}"):
                ui.table(frame)
