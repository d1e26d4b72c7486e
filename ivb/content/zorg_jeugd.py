"""Zorg, jeugd en extremisme: huiselijk geweld, gebiedsverboden, PGA Jeugd, IPTA, RIO and extremism training."""

from __future__ import annotations

from ivb.blocks import Chart, Download, Out, Table
from ivb.content.common import city_only_notice, figures, quality_notes
from ivb.queries import documents
from ivb.views import rowcharts, tables


def content(out: Out) -> None:
    f = out.filters
    city_only_notice(out)
    with out.section():
        out.add(Chart(
            "Huiselijk geweld", documents.visual_values("huiselijk_geweld", *f.years), rowcharts.bars,
            "Politieregistraties van huiselijk geweld en de gevallen die wij als tijdelijke huisverboden lezen (het "
            "jaarverslag noemt ze 'gevallen van huiselijk geweld'; zie de kanttekening); afgeleide cijfers staan zo in "
            "de tabel.",
            "huiselijk-geweld", table_of=tables.year_table,
        ))
        out.add(Chart(
            "Gebiedsverboden", documents.visual_values("gebiedsverboden", *f.years), rowcharts.bars,
            "Personen met een gebiedsverbod, en hoeveel daarvan met een wapen werden aangetroffen (aanpak 'Wapens en "
            "jongeren').",
            "gebiedsverboden", table_of=tables.year_table,
        ))
        out.add(Chart(
            "Persoonsgerichte aanpak jongeren", documents.visual_values("jeugdaanpak", *f.years), rowcharts.bars,
            "Jongeren in de PGA Jeugd (aantallen bij benadering), IPTA en de aanpak van de Re-integratie officier (RIO).",
            "jeugdaanpak", table_of=tables.year_table,
        ))
        figures(out, "Overige kengetallen", "zorg_jeugd_kengetallen", "zorg-jeugd-kengetallen")
        periods = documents.period_figures("zorg_jeugd")
        out.add(Table(tables.period_table(periods), title="Gemiddelden uit de kadernota",
                      download=Download("zorg-jeugd-gemiddelden", periods)))
        quality_notes(out, "zorg_jeugd")
