"""Handhaving en jaarwisseling: reports handled by Team Handhaving and the damage around New Year."""

from ivb import charts, tables, ui
from ivb.queries import documents

f = ui.page(__file__)
ui.city_only_notice(f)

with ui.data_section():
    ui.chart_block(
        "Meldingen Team Handhaving", documents.visual_values("handhaving_meldingen", *f.years), charts.bars,
        "Verwerkte meldingen per jaar; afgeleide en benaderde cijfers staan zo in de tabel.",
        "handhaving-meldingen", f.years, table_of=tables.year_table,
    )
    ui.chart_block(
        "Schade bij de jaarwisseling", documents.visual_values("jaarwisseling_schade", *f.years), charts.bars,
        "Schade aan gemeentelijke eigendommen, totaal en de grootste posten; het jaar is het oude jaar van de jaarwisseling.",
        "jaarwisseling-schade", f.years, table_of=tables.year_table, by="categorie",
    )
    ui.chart_block(
        "Vouchers en bezoekers", documents.visual_values("jaarwisseling_publiek", *f.years), charts.bars,
        "Ingeleverde vouchers voor gratis zakken zand en bezoekers van de evenementen (deels bij benadering).",
        "jaarwisseling-publiek", f.years, table_of=tables.year_table, by="categorie",
    )
    ui.figures(
        "Overige kengetallen", documents.visual_values("handhaving_kengetallen", *f.years), "handhaving-kengetallen", f.years)
    ui.quality_notes("handhaving_jaarwisseling")
