"""Data en bronnen: the source documents, every table whole with its downloads, and the data-quality notes."""

import streamlit as st

from ivb import ui
from ivb.queries import documents
from ivb.schema import TABLES

ui.page(__file__)
st.write(
    "Alle cijfers van dit dashboard staan in tabellen die zijn overgenomen uit twee gemeentelijke documenten en uit de "
    "open data van politie en CBS (CC BY 4.0; bron: CBS en Politie). Bij elk cijfer staan de bron en de vindplaats; "
    "afgeleide, benaderde en voorlopige cijfers zijn gemarkeerd. Elke tabel is hieronder in zijn geheel te downloaden."
)

with ui.data_section():
    st.header("Brondocumenten")
    ui.data_table(documents.source_documents())

with ui.data_section():
    st.header("Kanttekeningen bij de bronnen")
    st.caption("Waar een document zichzelf tegenspreekt of onduidelijk is: wat er staat en welke waarde het dashboard gebruikt.")
    ui.data_table(documents.quality_notes())

with ui.data_section():
    ui.police_next_to_documents()

st.header("Tabellen")
for spec in TABLES:
    if spec.publish:
        with ui.data_section():
            ui.whole_table(spec.name, spec.description, documents.whole_table(spec.name))
