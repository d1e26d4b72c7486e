"""Veiligheidsbeleving: the residents' rapportcijfers against the begroting, and how often they feel unsafe."""

import streamlit as st

from ivb import db, ui

st.title("Veiligheidsbeleving")
f = ui.filters()
ui.city_only_notice(f)

with ui.data_section():
    ui.year_block(
        "Rapportcijfers voor veiligheid",
        db.safety_scores(f.jaar_van, f.jaar_tot),
        all_years=True,
        note="Effectindicatoren van doelstelling 5.2 (buurt) en 5.3 (stad). 2014-2017: Omnibusenquête; 2023-2024: Stadspeiling.",
    )
    ui.year_block(
        "Inwoners die zich zelden of nooit onveilig voelen",
        db.safety_feeling(f.jaar_van, f.jaar_tot),
        all_years=True,
    )
    ui.quality_notes("veiligheidsbeleving")
