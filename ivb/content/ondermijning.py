"""Ondermijning: controls, signals by origin and cases by outcome."""

from __future__ import annotations

from ivb.blocks import Chart, Out
from ivb.content.common import city_only_notice, figures, quality_notes
from ivb.queries import documents
from ivb.views import rowcharts, tables


def content(out: Out) -> None:
    f = out.filters
    city_only_notice(out)
    with out.section():
        out.add(Chart(
            "Controles", documents.visual_values("ondermijning_controles", *f.years), rowcharts.bars,
            "Integrale controledagen met politie en ketenpartners, gecontroleerde bedrijven en wat er werd aangetroffen.",
            "ondermijning-controles", table_of=tables.year_table,
        ))
        out.add(Chart(
            "Signalen naar herkomst", documents.visual_values("signalen_herkomst", *f.years), rowcharts.bars,
            "Aandeel van de binnengekomen signalen van ondermijning per herkomst.",
            "ondermijning-signalen", table_of=tables.year_table, options={"by": "categorie"},
        ))
        out.add(Chart(
            "Casussen", documents.visual_values("ondermijning_casussen", *f.years), rowcharts.bars,
            "Behandelde casussen naar start, naar stand aan het eind van het jaar en, voor de afgeronde, naar uitkomst.",
            "ondermijning-casussen", table_of=tables.year_table, options={"by": "categorie"},
        ))
        figures(out, "Overige kengetallen", "ondermijning_kengetallen", "ondermijning-kengetallen")
        quality_notes(out, "ondermijning")
