"""Zorg, jeugd en extremisme: huiselijk geweld, gebiedsverboden, PGA Jeugd, IPTA, RIO and extremism training."""

import streamlit as st

from ivb import charts, db, tables, ui

st.title("Zorg, jeugd en extremisme")
f = ui.filters()
ui.city_only_notice(f)
years = (f.jaar_van, f.jaar_tot)

with ui.data_section():
    ui.chart_block(
        "Huiselijk geweld", db.huiselijk_geweld(*years), charts.bars,
        "Opgelegde tijdelijke huisverboden en politieregistraties van huiselijk geweld; afgeleide cijfers staan zo in de tabel.",
        "huiselijk-geweld", years, table_of=tables.year_table,
    )
    ui.chart_block(
        "Gebiedsverboden", db.gebiedsverboden(*years), charts.bars,
        "Personen met een gebiedsverbod, en hoeveel daarvan met een wapen werden aangetroffen (aanpak 'Wapens en jongeren').",
        "gebiedsverboden", years, table_of=tables.year_table,
    )
    ui.chart_block(
        "Persoonsgerichte aanpak jongeren", db.jeugdaanpak(*years), charts.bars,
        "Jongeren in de PGA Jeugd (aantallen bij benadering), IPTA en de aanpak van de Re-integratie officier (RIO).",
        "jeugdaanpak", years, table_of=tables.year_table,
    )
    ui.figures(
        "Overige kengetallen",
        db.topic_figures("zorg_jeugd", *years, exclude=db.HUISELIJK_GEWELD_IDS + db.GEBIEDSVERBODEN_IDS + db.JEUGDAANPAK_IDS),
    )
    st.header("Gemiddelden uit de kadernota")
    ui.table(tables.period_table(db.period_figures("zorg_jeugd")))
    ui.quality_notes("zorg_jeugd")
