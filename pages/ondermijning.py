"""Ondermijning: controls, signals by origin and cases by outcome."""

from ivb import charts, tables, ui
from ivb.queries import documents

f = ui.page(__file__)
ui.city_only_notice(f)

with ui.data_section():
    ui.chart_block(
        "Controles", documents.visual_values("ondermijning_controles", *f.years), charts.bars,
        "Integrale controledagen met politie en ketenpartners, gecontroleerde bedrijven en wat er werd aangetroffen.",
        "ondermijning-controles", f.years, table_of=tables.year_table,
    )
    ui.chart_block(
        "Signalen naar herkomst", documents.visual_values("signalen_herkomst", *f.years), charts.bars,
        "Aandeel van de binnengekomen signalen van ondermijning per herkomst.",
        "ondermijning-signalen", f.years, table_of=tables.year_table, by="categorie",
    )
    ui.chart_block(
        "Casussen", documents.visual_values("ondermijning_casussen", *f.years), charts.bars,
        "Behandelde casussen naar start, naar stand aan het eind van het jaar en, voor de afgeronde, naar uitkomst.",
        "ondermijning-casussen", f.years, table_of=tables.year_table, by="categorie",
    )
    ui.figures(
        "Overige kengetallen", documents.visual_values("ondermijning_kengetallen", *f.years), "ondermijning-kengetallen", f.years)
    ui.quality_notes("ondermijning")
