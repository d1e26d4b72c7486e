"""Display tables: gaps stay visible, totals match the source table."""

from ivb import db, tables


def test_year_table_shows_missing_years_as_missing_not_zero():
    table = tables.year_table(db.woninginbraken_trend(2014, 2024), all_years=True)
    assert [c for c in table.columns if c.isdigit()] == [str(y) for y in range(2014, 2025)]
    realisatie = table[table["Soort"] == "realisatie"].iloc[0]
    assert realisatie["2017"] == "247" and realisatie["2024"] == "89"
    assert all(realisatie[str(y)] == "–" for y in range(2018, 2023))
    begroting = table[table["Soort"] == "begroting"].iloc[0]
    assert begroting["2016"] == "–" and begroting["2023"] == "180"


def test_year_table_marks_derived_and_approximate_figures():
    table = tables.year_table(db.topic_figures("handhaving_jaarwisseling", 2023, 2024)).set_index("Indicator")
    assert table.loc["Meldingen verwerkt door Team Handhaving", "2023"] == "ca. 10.657"
    assert "afgeleid" in table.loc["Meldingen verwerkt door Team Handhaving", "Let op"]
    assert table.loc["Schade aan gemeentelijke eigendommen bij de jaarwisseling", "2024"] == "€ 63.857"


def test_woonoverlast_matrix_reproduces_tabel_5_1():
    matrix = tables.woonoverlast_matrix(db.woonoverlast_per_wijk(2024, None)).set_index("Wijk")
    assert matrix.loc["Meerzicht", "Totaal"] == "46"
    assert matrix.loc["Totaal", "Corporatie – lopend"] == "99"
    assert matrix.loc["Totaal", "Totaal"] == "210"
    assert matrix.loc["Totaal", "Lopend samen"] == "142"


def test_woonoverlast_matrix_for_one_wijk_has_no_total_row():
    matrix = tables.woonoverlast_matrix(db.woonoverlast_per_wijk(2024, "De Leyens"))
    assert matrix["Wijk"].tolist() == ["De Leyens"]
    assert matrix["Totaal"].tolist() == ["12"]


def test_finance_table_marks_derived_amounts():
    table = tables.finance_table(db.finances(2024)).set_index("Doelstelling")
    first = table.loc["5.1 Bevorderen van de veiligheid in de woning"]
    assert first["Lasten (x € 1.000)"] == "-56" and first["Afgeleid"] == "lasten, baten"
    assert table.loc["Totaal programma 5 Veiligheid", "Saldo (x € 1.000)"] == "-19.901"
