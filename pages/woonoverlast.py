"""Woonoverlast: cases per wijk, eigendom and status in the chosen peiljaar."""

import streamlit as st

from ivb import charts, formatting, tables, ui
from ivb.queries import documents, geo

f = ui.page(__file__)

with ui.data_section():
    peiljaar = ui.peiljaar(documents.woonoverlast_years(), f)
    if peiljaar is not None and f.wijk and f.wijk not in documents.woonoverlast_wijken(peiljaar):
        parts = [w for w in geo.tabel_wijken(f.wijk) if w != f.wijk]
        apart = f" ({' en '.join(parts)} staan er apart)" if parts else ""
        st.info(
            f"Tabel 5.1 van het jaarverslag geeft de woonoverlast per wijk van de wijkindeling 2025; de wijk {ui.plain(f.wijk)} "
            f"staat er niet in{ui.plain(apart)}. Hieronder heel Zoetermeer.", icon=":material/info:",
        )
        f = ui.Filters(None, f.jaar_van, f.jaar_tot)
    if peiljaar is not None:
        totals = documents.woonoverlast_totals(peiljaar, f.wijk).iloc[0]
        where = f"in de wijk {f.wijk}" if f.wijk else "in heel Zoetermeer"
        st.markdown(
            f"In {peiljaar} waren er {where} **{formatting.number(totals['totaal'])}** concrete casussen woonoverlast: "
            f"{formatting.number(totals['lopend'])} lopend en {formatting.number(totals['afgerond'])} afgerond."
        )
        most = documents.woonoverlast_most_open(peiljaar)
        if most.empty:
            st.markdown(f"In {peiljaar} waren er geen lopende casussen.")
        else:
            st.markdown(
                f"In {peiljaar} had **{ui.plain(' en '.join(most['wijk']))}** de meeste lopende casussen: "
                f"{formatting.number(most['lopend'].iloc[0])}."
            )
        where = f"wijk {f.wijk}" if f.wijk else "per wijk"
        ui.chart_block(
            f"Concrete casussen {peiljaar}, {where}", documents.woonoverlast_per_wijk(peiljaar, f.wijk), charts.woonoverlast,
            "Casussen woonoverlast naar eigendom van de woning: koop, corporatie of particuliere huur.",
            "woonoverlast", (peiljaar, peiljaar), wijk=f.wijk, table_of=tables.woonoverlast_matrix, per_wijk=True,
        )
    ui.quality_notes("woonoverlast")
