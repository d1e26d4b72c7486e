"""Handhaving en jaarwisseling: reports handled by Team Handhaving and the damage around New Year."""

import streamlit as st

from ivb import charts, db, tables, ui

st.title("Handhaving en jaarwisseling")
f = ui.filters()
ui.city_only_notice(f)
years = (f.jaar_van, f.jaar_tot)

with ui.data_section():
    ui.chart_block(
        "Meldingen Team Handhaving", db.handhaving_meldingen(*years), charts.bars,
        "Verwerkte meldingen per jaar; afgeleide en benaderde cijfers staan zo in de tabel.",
        "handhaving-meldingen", years, table_of=tables.year_table,
    )
    ui.chart_block(
        "Schade bij de jaarwisseling", db.jaarwisseling_schade(*years), charts.bars,
        "Schade aan gemeentelijke eigendommen, totaal en de grootste posten; het jaar is het oude jaar van de jaarwisseling.",
        "jaarwisseling-schade", years, table_of=tables.year_table, by="categorie",
    )
    ui.chart_block(
        "Vouchers en bezoekers", db.jaarwisseling_publiek(*years), charts.bars,
        "Ingeleverde vouchers voor gratis zakken zand en bezoekers van de evenementen (deels bij benadering).",
        "jaarwisseling-publiek", years, table_of=tables.year_table, by="categorie",
    )
    ui.figures(
        "Overige kengetallen",
        db.topic_figures("handhaving_jaarwisseling", *years,
                         exclude=db.HANDHAVING_IDS + db.SCHADE_IDS + db.JAARWISSELING_PUBLIEK_IDS),
    )
    ui.quality_notes("handhaving_jaarwisseling")
