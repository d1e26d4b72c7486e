"""Display tables on the invented data: gaps stay visible, numbers stay numbers, totals match."""

import pandas as pd

from ivb.queries import documents
from ivb.views import tables


def test_year_table_shows_missing_years_as_missing_not_zero(invented):
    table = tables.year_table(documents.indicator_values("woninginbraken", 2014, 2024), all_years=True)
    assert [c for c in table.columns if c.isdigit()] == [str(y) for y in range(2014, 2021)]
    realisatie = table[table["Soort"] == "realisatie"].iloc[0]
    assert realisatie["2015"] == 28 and realisatie["2020"] == 25
    assert all(pd.isna(realisatie[str(y)]) for y in range(2016, 2020))
    begroting = table[table["Soort"] == "begroting"].iloc[0]
    assert pd.isna(begroting["2014"]) and begroting["2020"] == 30


def test_year_table_keeps_numbers_numeric_and_names_approximate_and_derived_years(invented):
    table = tables.year_table(documents.visual_values("handhaving_meldingen", 2014, 2024)).set_index("Indicator")
    row = table.loc["Meldingen handhaving"]
    assert pd.api.types.is_numeric_dtype(table["2015"]) and row["2015"] == 8000
    assert row[tables.APPROXIMATE] == "2015" and row[tables.DERIVED] == "2015"


def test_styled_table_shows_dutch_formats_per_unit_and_a_dash_for_a_gap(invented):
    values = pd.concat([documents.visual_values("handhaving_meldingen", 2014, 2024),
                        documents.visual_values("rapportcijfers", 2014, 2024)])
    table = tables.year_table(values, all_years=True)
    html = tables.styled(table).to_html()
    assert "10.400" in html and "6,5" in html and "7,0" in html and "–" in html


def test_woonoverlast_matrix_reproduces_the_table_of_the_source(invented):
    matrix = tables.woonoverlast_matrix(documents.woonoverlast_per_wijk(2020, None)).set_index("Wijk")
    assert matrix.loc["Centrum", "Totaal"] == 10 and matrix.loc["Meerzicht", "Totaal"] == 9
    assert matrix.loc["Totaal", "Koop – lopend"] == 11 and matrix.loc["Totaal", "Totaal"] == 19
    assert matrix.loc["Totaal", "Lopend samen"] == 17


def test_woonoverlast_matrix_leaves_a_cell_the_source_does_not_give_missing(invented):
    matrix = tables.woonoverlast_matrix(documents.woonoverlast_per_wijk(2020, None)).set_index("Wijk")
    assert pd.isna(matrix.loc["Centrum", "Corporatie – afgerond"])  # not in the source: not a zero


def test_finance_table_keeps_amounts_and_marks_derived_ones(invented):
    table = tables.finance_table(documents.finances(2020)).set_index("Doelstelling")
    row = table.loc["5.1 Verzonnen doelstelling"]
    assert row["Lasten (x € 1.000)"] == -100 and row["Baten (x € 1.000)"] == 20 and row[tables.DERIVED] == "baten"
    assert pd.isna(row["Saldo (x € 1.000)"])


def test_a_column_of_long_text_gets_room_and_an_empty_text_column_still_draws():
    # Invented rows: a source too long for a narrow column beside the years, and a text column with no value at all.
    long = "Jaarverslag 2024, Programma 5 Veiligheid, doelstelling 5.1, aantal woninginbraken per jaar"
    frame = pd.DataFrame({"Indicator": ["Woninginbraken", "Geweld"], "2024": [89, 12], "Bron": [long, None],
                          "Voorlopig": [None, None]})
    html = tables.styled(frame).to_html()
    cells = [line for line in html.split("}") if "min-width: 24rem" in line]
    assert cells, "the long source got no room"
    assert tables.styled(frame.iloc[0:0]).to_html()  # no rows: drawn, not an error
