"""Zorg, jeugd en extremisme: huiselijk geweld, gebiedsverboden, PGA Jeugd, IPTA, RIO and extremism training."""

import streamlit as st

from ivb import charts, tables, ui
from ivb.queries import documents

f = ui.page(__file__)
ui.city_only_notice(f)

with ui.data_section():
    ui.chart_block(
        "Huiselijk geweld", documents.visual_values("huiselijk_geweld", *f.years), charts.bars,
        "Opgelegde tijdelijke huisverboden en politieregistraties van huiselijk geweld; afgeleide cijfers staan zo in de tabel.",
        "huiselijk-geweld", f.years, table_of=tables.year_table,
    )
    ui.chart_block(
        "Gebiedsverboden", documents.visual_values("gebiedsverboden", *f.years), charts.bars,
        "Personen met een gebiedsverbod, en hoeveel daarvan met een wapen werden aangetroffen (aanpak 'Wapens en jongeren').",
        "gebiedsverboden", f.years, table_of=tables.year_table,
    )
    ui.chart_block(
        "Persoonsgerichte aanpak jongeren", documents.visual_values("jeugdaanpak", *f.years), charts.bars,
        "Jongeren in de PGA Jeugd (aantallen bij benadering), IPTA en de aanpak van de Re-integratie officier (RIO).",
        "jeugdaanpak", f.years, table_of=tables.year_table,
    )
    ui.figures(
        "Overige kengetallen", documents.visual_values("zorg_jeugd_kengetallen", *f.years), "zorg-jeugd-kengetallen", f.years)
    st.header("Gemiddelden uit de kadernota")
    periods = documents.period_figures("zorg_jeugd")
    ui.table(tables.period_table(periods))
    ui.downloads("zorg-jeugd-gemiddelden", periods, None, (None, None))
    ui.quality_notes("zorg_jeugd")
