"""Handhaving en jaarwisseling: reports handled by Team Handhaving and the damage around New Year."""

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
            "Meldingen Team Handhaving", documents.visual_values("handhaving_meldingen", *f.years), rowcharts.bars,
            "Verwerkte meldingen per jaar; afgeleide en benaderde cijfers staan zo in de tabel.",
            "handhaving-meldingen", table_of=tables.year_table,
        ))
        out.add(Chart(
            "Schade bij de jaarwisseling", documents.visual_values("jaarwisseling_schade", *f.years), rowcharts.bars,
            "Schade aan gemeentelijke eigendommen, totaal en de grootste posten; het jaar is het oude jaar van de "
            "jaarwisseling.",
            "jaarwisseling-schade", table_of=tables.year_table, options={"by": "categorie"},
        ))
        out.add(Chart(
            "Vouchers en bezoekers", documents.visual_values("jaarwisseling_publiek", *f.years), rowcharts.bars,
            "Ingeleverde vouchers voor gratis zakken zand en bezoekers van de evenementen (deels bij benadering).",
            "jaarwisseling-publiek", table_of=tables.year_table, options={"by": "categorie"},
        ))
        figures(out, "Overige kengetallen", "handhaving_kengetallen", "handhaving-kengetallen")
        quality_notes(out, "handhaving_jaarwisseling")
