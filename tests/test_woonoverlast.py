"""The woonoverlast page (tabel 5.1 of the jaarverslag) through Streamlit's AppTest, on the invented data of
tests/fixtures.py (every figure there is made up): the wijk with most open cases, the totals in the text, the wijk and
year filters, and a wijk that the table does not have. tests/test_real_data.py checks the real tabel 5.1."""

from __future__ import annotations

from fixtures import INVENTED, open_app, open_folded, write_invented
from test_pages import chart_rows, texts


def test_woonoverlast_names_the_wijk_with_most_open_cases_and_narrows_to_the_wijk(invented):
    # Invented tabel 5.1 of 2020: Centrum 10 lopend (4 koop, 6 corporatie), Meerzicht 7 lopend and 2 afgerond.
    at = open_app("pages/woonoverlast.py", wijk="Meerzicht")
    assert "In 2020 had **Centrum** de meeste lopende casussen: 10." in texts(at.markdown)
    matrix = next(t.value for t in open_folded(at).table if "Totaal" in t.value.columns)
    assert matrix["Wijk"].tolist() == ["Meerzicht"] and matrix["Totaal"].tolist() == [9]


def test_woonoverlast_outside_its_years_says_so(invented):
    at = open_app("pages/woonoverlast.py", jaar=["2014", "2015"])
    assert "Er zijn geen cijfers in de gekozen jaren 2014-2015. Beschikbaar: 2020." in texts(at.info)  # invented: 2020 only


def test_wijk_filter_narrows_the_woonoverlast_chart(invented):
    at = open_app("pages/woonoverlast.py", wijk="Meerzicht")
    shown = chart_rows(at.get("vega_lite_chart")[0])
    assert set(shown["wijk"]) == {"Meerzicht"} and shown["aantal"].sum() == 9  # invented: 7 lopend, 2 afgerond


def test_a_year_without_lopende_cases_says_so_instead_of_failing(tmp_path, monkeypatch):
    # Invented: every case of 2020 afgerond.
    cells = "jaar,wijk,eigendom,status,aantal,bron_id,vindplaats,toelichting\n2020,Centrum,koop,afgerond,3,doc_b,tabel 3,\n"
    totals = ("jaar,wijk,eigendom,status,aantal,bron_id,vindplaats\n2020,Centrum,,,3,doc_b,t\n2020,,koop,afgerond,3,doc_b,t\n"
              "2020,,,,3,doc_b,t\n")
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", woonoverlast=cells, woonoverlast_totalen=totals)))
    at = open_app("pages/woonoverlast.py")
    assert not at.exception and not at.error
    assert any("geen lopende casussen" in t for t in texts(at.markdown))


def test_woonoverlast_states_the_total_of_tabel_5_1_in_the_page_text(invented):
    # Invented tabel 5.1 of 2020: 19 cases, 17 lopend and 2 afgerond.
    at = open_app("pages/woonoverlast.py")
    assert any("**19** concrete casussen woonoverlast: 17 lopend en 2 afgerond" in t for t in texts(at.markdown))


def test_a_wijk_that_tabel_5_1_does_not_have_shows_the_city_with_a_note(tmp_path, monkeypatch):
    # Invented: a wijk of the 2014-2024 indeling that tabel 5.1 gives as two wijken, Centrum and Meerzicht.
    codes = INVENTED["wijkcodes"] + "2014-2024,WK063709,wijk,Verzonnen Tweeling,Tweeling,Centrum + Meerzicht,cbs_test,verzonnen\n"
    people = INVENTED["wijk_inwoners"] + "2017,2014-2024,WK063709,Verzonnen Tweeling,Tweeling,2000,,,,nee,pop_test,verzonnen,\n"
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", wijkcodes=codes, wijk_inwoners=people)))
    at = open_app("pages/woonoverlast.py", wijk="Tweeling")
    assert not at.exception and not at.error
    assert any("staat er niet in (Centrum en Meerzicht staan er apart)" in t for t in texts(at.info))
    assert any("in heel Zoetermeer **19**" in t for t in texts(at.markdown))  # invented tabel 5.1: 19 cases in 2020


def test_a_wijk_without_afgeronde_cases_says_geen_not_a_dash(invented):
    # Invented tabel 5.1: Centrum has 4 + 6 lopende cases and no cell for afgerond.
    at = open_app("pages/woonoverlast.py", wijk="Centrum")
    assert any("**10** concrete casussen woonoverlast: 10 lopend en geen afgerond." in m.value for m in at.markdown)
