"""Ondermijning: controls, signals by origin and cases by outcome."""

import streamlit as st

from ivb import charts, db, tables, ui

st.title("Ondermijning")
f = ui.filters()
ui.city_only_notice(f)
years = (f.jaar_van, f.jaar_tot)

with ui.data_section():
    ui.chart_block(
        "Controles", db.ondermijning_controles(*years), charts.bars,
        "Integrale controledagen met politie en ketenpartners, gecontroleerde bedrijven en wat er werd aangetroffen.",
        "ondermijning-controles", years, table_of=tables.year_table,
    )
    ui.chart_block(
        "Signalen naar herkomst", db.signalen_herkomst(*years), charts.bars,
        "Aandeel van de binnengekomen signalen van ondermijning per herkomst.",
        "ondermijning-signalen", years, table_of=tables.year_table, by="categorie",
    )
    ui.chart_block(
        "Casussen", db.ondermijning_casussen(*years), charts.bars,
        "Behandelde casussen naar start, naar stand aan het eind van het jaar en, voor de afgeronde, naar uitkomst.",
        "ondermijning-casussen", years, table_of=tables.year_table, by="categorie",
    )
    ui.figures(
        "Overige kengetallen",
        db.topic_figures(
            "ondermijning", *years, exclude=db.ONDERMIJNING_CONTROLE_IDS + db.ONDERMIJNING_CASUS_IDS + db.SIGNALEN_HERKOMST_IDS
        ),
    )
    ui.quality_notes("ondermijning")
