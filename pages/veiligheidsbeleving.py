"""Veiligheidsbeleving: the residents' rapportcijfers against the begroting, and how often they feel unsafe."""

import streamlit as st

from ivb import charts, db, ui

st.title("Veiligheidsbeleving")
f = ui.filters()
ui.city_only_notice(f)
years = (f.jaar_van, f.jaar_tot)

with ui.data_section():
    ui.chart_block(
        "Rapportcijfers voor veiligheid", db.safety_scores(*years), charts.trend,
        "Effectindicatoren van doelstelling 5.2 (buurt) en 5.3 (stad): hoger is beter. "
        "Kadernota: Omnibusenquête; jaarverslag: Stadspeiling.",
        "rapportcijfers", years,
    )
    ui.chart_block(
        "Inwoners die zich zelden of nooit onveilig voelen", db.safety_feeling(*years), charts.trend,
        "Percentage inwoners dat zich zelden of nooit onveilig voelt, in de stad en in de eigen buurt (Omnibusenquête).",
        "zelden-onveilig", years,
    )
    ui.quality_notes("veiligheidsbeleving")
