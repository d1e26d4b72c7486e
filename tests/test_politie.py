"""Import of the police open data (CBS 47018NED/47022NED), every trap of real files.

The fixture files in tests/fixtures_politie, the wijk-code mapping below and the documents' figures
(tests/fixtures.py) are invented (see the README there); they only follow the real layout.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from fixtures import INVENTED, open_app, parquet, write_invented
from streamlit.testing.v1 import AppTest

from ivb import config
from ivb.__main__ import main
from ivb.queries import police_counts as police
from ivb.sources.police_import import ImportError_, import_files

FIXTURES = Path(__file__).parent / "fixtures_politie"
CBS_FILE = FIXTURES / "47018NED_cbs.csv"  # ';'-separated, quoted, padded codes, years only, a suppressed count
PANDAS_FILE = FIXTURES / "47022NED_pandas.csv"  # ','-separated, older edition, counts written as 1.0

# Invented mapping: WK063701 is Centrum in the 2014-2024 indeling and Meerzicht in 2025; WK063702 exists only in
# 2025 (Rokkeveen), so the fixture files, which have it, are on the 2025 indeling.
# The rest of the invented geography of tests/fixtures.py stays (its boundaries and inhabitants refer to it).
MAPPING = INVENTED["wijkcodes"].replace("2025,WK063701,wijk,Verzonnen Centrum,Centrum,", "2025,WK063701,wijk,Verzonnen,Meerzicht,") + """\
2025,WK063702,wijk,Verzonnen,Rokkeveen,Rokkeveen,cbs_test,verzonnen
2025,WK063703,wijk,Verzonnen,Centrum,Centrum,cbs_test,verzonnen
2014-2024,WK063701,wijk,Verzonnen,Centrum,Centrum,cbs_test,verzonnen
"""
HEADER = "ID,SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1\n"


def invented_file(tmp_path: Path, name: str, rows: list[str]) -> Path:
    """A small 47018NED-style file with invented counts (rows: 'code,period,count' for crime 0.0.0)."""
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{i},0.0.0,{row}\n" for i, row in enumerate(rows)), encoding="utf-8")
    return path


def crime_page(wijk: str) -> AppTest:
    """The crime page as a link with ``?wijk=`` opens it."""
    return open_app("pages/criminaliteit.py", wijk=wijk)


@pytest.fixture
def use_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The invented sources of tests/fixtures.py plus an invented document figure for 2024 (89 woninginbraken),
    so the comparison with the invented police file (90) has a year in common. Nothing here is real data."""
    values = INVENTED["waarden"] + "woninginbraken,2024,Zoetermeer,,realisatie,89,nee,nee,doc_b,p. 5,\n"
    target = write_invented(tmp_path / "data", waarden=values)
    monkeypatch.setenv("IVB_DATA_DIR", str(target))
    return target


@pytest.fixture
def police_dir(use_data_dir: Path) -> Path:
    """A data directory with the invented mapping and both fixture files imported and built."""
    (use_data_dir / "bronnen/GM0637/wijkcodes.csv").write_text(MAPPING, encoding="utf-8")
    assert main(["import-politie", str(CBS_FILE), str(PANDAS_FILE)]) == 0
    return use_data_dir


def imported(data_dir: Path) -> pd.DataFrame:
    return pd.read_parquet(parquet(data_dir, "politie_misdrijven"))


def test_both_csv_dialects_import_with_trimmed_codes_and_their_source(police_dir):
    rows = imported(police_dir)
    assert set(rows["bestand"]) == {"47018NED_cbs.csv", "47022NED_pandas.csv"}
    assert set(rows["regio_code"]) >= {"GM0637", "WK063701", "WK063702", "BU06370101"}
    assert all(code == code.strip() for code in rows["misdrijf_code"])
    assert rows["importdatum"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    assert "GM0518" not in set(rows["regio_code"])  # another municipality is not ours to keep


def test_years_and_months_are_never_added_together(police_dir):
    trend = police.police_wijk_trend("Meerzicht", 2024, 2024).set_index("indicator_id")
    assert trend.loc["woninginbraak", "waarde"] == 20  # the year row, not 20 + 3 + 2 from the months
    months = imported(police_dir).query("maand > 0")
    assert sorted(months["perioden"].unique()) == ["2024MM01", "2024MM02"]


def test_empty_count_is_suppressed_not_zero(police_dir):
    rows = imported(police_dir)
    suppressed = rows[(rows["regio_code"] == "WK063701") & (rows["misdrijf_code"] == "1.4.6")]
    assert suppressed["aantal"].isna().all()
    trend = police.police_wijk_trend("Meerzicht", 2024, 2024).set_index("indicator_id")
    assert pd.isna(trend.loc["straatroof", "waarde"]) and bool(trend.loc["straatroof", "benaderd"])


def test_total_of_all_crimes_is_never_summed_with_its_parts(police_dir):
    trend = police.police_wijk_trend("Meerzicht", 2024, 2024).set_index("indicator_id")
    assert trend.loc["totaal", "waarde"] == 1200
    assert trend.loc["geweld", "waarde"] == 40 + 15  # 1.4.5 + 1.4.4


def test_every_year_of_a_file_keeps_the_indeling_of_the_file(police_dir):
    # WK063701 is Meerzicht in the fixture files' indeling (2025): 2023 as well as 2024, never Centrum by its year.
    assert police.police_wijk_trend("Meerzicht", 2014, 2024)["jaar"].unique().tolist() == [2023, 2024]
    assert police.police_wijk_trend("Centrum", 2014, 2024).empty
    compared = police.police_wijken_compared(2024).set_index("label")["waarde"].to_dict()
    assert compared == {"Meerzicht": 1200, "Rokkeveen": 900}


def test_the_same_code_lands_in_the_wijk_of_each_files_indeling(use_data_dir, tmp_path, capsys):
    # Invented counts. The fixture geography (tests/fixtures.py): BU06370500 exists only in 2014-2024, BU06370501
    # only in 2025, and WK063705 is Rokkeveen in 2014-2024 and Meerzicht in 2025.
    old = invented_file(tmp_path, "indeling_2014_2024.csv", ["WK063705,2024JJ00,111", "BU06370500,2024JJ00,50"])
    new = invented_file(tmp_path, "indeling_2025.csv", ["WK063705,2025JJ00,222", "BU06370501,2025JJ00,60"])
    assert main(["import-politie", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "Wijkindeling van indeling_2014_2024.csv: 2014-2024" in out and "Wijkindeling van indeling_2025.csv: 2025" in out
    assert police.police_wijk_trend("Rokkeveen", 2014, 2025).set_index("jaar")["waarde"].to_dict() == {2024: 111}
    assert police.police_wijk_trend("Meerzicht", 2014, 2025).set_index("jaar")["waarde"].to_dict() == {2025: 222}


def test_a_file_that_mixes_indelingen_is_refused_and_changes_nothing(use_data_dir, tmp_path, capsys):
    mixed = invented_file(tmp_path, "gemengd.csv", ["BU06370500,2024JJ00,50", "BU06370501,2024JJ00,60"])
    source = use_data_dir / "bronnen/GM0637/politie_misdrijven.csv"
    before = source.read_bytes()
    assert main(["import-politie", str(mixed)]) == 1
    err = capsys.readouterr().err
    assert "gemengd.csv: het bestand mengt wijkindelingen (2014-2024: BU06370500; 2025: BU06370501)" in err
    assert source.read_bytes() == before


def test_codes_that_fit_both_indelingen_need_an_explicit_indeling(use_data_dir, tmp_path, capsys):
    both = invented_file(tmp_path, "alleen_wk063705.csv", ["WK063705,2024JJ00,111"])
    assert main(["import-politie", str(both)]) == 1
    assert "geef --indeling 2014-2024 of --indeling 2025" in capsys.readouterr().err
    assert main(["import-politie", "--indeling", "2014-2024", str(both)]) == 0
    assert police.police_wijk_trend("Rokkeveen", 2014, 2025)["waarde"].tolist() == [111]


def test_unmapped_codes_are_reported_and_kept(police_dir):
    unmapped = police.police_unmapped()
    assert set(unmapped["regio_code"]) == {"WK063799", "BU06370101"}
    assert "WK063799" in set(imported(police_dir)["regio_code"])


def test_importing_the_same_file_twice_changes_nothing(police_dir, capsys):
    source = police_dir / "bronnen/GM0637/politie_misdrijven.csv"
    before = source.read_bytes()
    assert main(["import-politie", str(CBS_FILE)]) == 0
    assert "Niets veranderd" in capsys.readouterr().out
    assert source.read_bytes() == before


def test_the_report_names_unmapped_codes(use_data_dir, capsys):
    (use_data_dir / "bronnen/GM0637/wijkcodes.csv").write_text(MAPPING, encoding="utf-8")
    assert main(["import-politie", str(CBS_FILE)]) == 0
    out = capsys.readouterr().out
    assert "WK063799 in de indeling 2025" in out and "BU06370101 in de indeling 2025" in out
    assert "andere gemeenten overgeslagen: 1" in out


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('7;"1.1.1 ";"WK063701  ";"2024XX01";5;"Zoetermeer";"Wijk"', "kolom 'Perioden': '2024XX01' is geen jaar"),
        ('7;"1.1.1 ";"WK063701  ";"2024JJ00";veel;"Zoetermeer";"Wijk"', "kolom 'GeregistreerdeMisdrijven_1': 'veel' is geen aantal"),
        ('7;"1.1.1 ";"WK06370A  ";"2024JJ00";5;"Zoetermeer";"Wijk"', "'WK06370A' is geen gemeente-, wijk- of buurtcode"),
    ],
)
def test_a_bad_row_is_named_by_file_and_line_and_nothing_is_written(use_data_dir, tmp_path, capsys, line, message):
    bad = tmp_path / "kapot.csv"
    header = CBS_FILE.read_text(encoding="utf-8").splitlines()[0]
    bad.write_text(f"{header}\n{CBS_FILE.read_text(encoding='utf-8').splitlines()[1]}\n{line}\n", encoding="utf-8")
    source = use_data_dir / "bronnen/GM0637/politie_misdrijven.csv"
    before = source.read_bytes()
    assert main(["import-politie", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "kapot.csv, regel 3" in err and message in err
    assert source.read_bytes() == before


def test_missing_columns_are_named(tmp_path, use_data_dir):
    bad = tmp_path / "oud.csv"
    bad.write_text("ID;SoortMisdrijf;Perioden\n0;0.0.0;2024JJ00\n", encoding="utf-8")
    with pytest.raises(ImportError_, match="kolommen ontbreken: WijkenEnBuurten, GeregistreerdeMisdrijven_1"):
        import_files([bad], use_data_dir / "bronnen")


def test_crime_page_shows_per_wijk_figures_from_the_import(police_dir):
    at = crime_page("Meerzicht")
    assert not at.exception and not at.error
    headers = [h.value for h in at.header]
    assert "Misdrijven in Meerzicht (politie)" in headers and "Alle misdrijven per 1.000 inwoners per wijk in 2024 (politie)" in headers
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert any(layer["encoding"]["x"]["field"] == "jaar" for layer in spec["layer"])


def test_data_page_shows_documents_and_police_side_by_side(police_dir):
    compared = police.city_totals_compared().set_index(["jaar", "categorie"])
    # Invented: the documents say 89 woninginbraken in 2024 (fixture above), the invented police file 90.
    assert compared.loc[(2024, "woninginbraak"), ["documenten", "politie", "verschil"]].tolist() == [89, 90, 1]
    at = open_app("pages/data_bronnen.py")
    assert "Politiecijfers naast de documenten" in [h.value for h in at.header]
    assert any("horen volgens de wijkcodes" in w.value for w in at.warning)


def test_data_without_police_figures_says_so_on_each_page_that_shows_them(invented):
    assert imported(invented).empty  # the invented politie_misdrijven.csv is its header only, as before a first import
    said = "Er zijn nog geen politiecijfers per wijk ingelezen"
    assert any(i.value.startswith(said) for i in crime_page("Meerzicht").info)
    assert any(m.value.startswith(said) for m in open_app("pages/wijkprofiel.py", wijk="Meerzicht").markdown)
    assert any(c.value.startswith(said) for c in open_app("pages/data_bronnen.py").caption)


def test_a_year_with_only_month_rows_is_their_sum_marked_incomplete(police_dir):
    # WK063702 has no year row for 1.4.7 in 2024, only January (1) and February (2).
    trend = police.police_wijk_trend("Rokkeveen", 2024, 2024).set_index("indicator_id")
    assert trend.loc["overvallen", "waarde"] == 3 and bool(trend.loc["overvallen", "benaderd"])
    assert trend.loc["woninginbraak", "waarde"] == 12  # the year row wins over its months (1 and a suppressed one)


def test_city_trend_uses_the_municipality_rows(police_dir):
    city = police.police_city_trend(2023, 2024).set_index(["indicator_id", "jaar"])["waarde"].to_dict()
    assert city == {("totaal", 2023): 5000, ("totaal", 2024): 4800, ("woninginbraak", 2024): 90}


def test_crime_page_shows_new_police_figures_right_after_an_import(use_data_dir):
    at = crime_page("Meerzicht")
    assert any("nog geen politiecijfers" in i.value for i in at.info)
    (use_data_dir / "bronnen/GM0637/wijkcodes.csv").write_text(MAPPING, encoding="utf-8")
    assert main(["import-politie", str(CBS_FILE)]) == 0
    at.run()
    assert "Misdrijven in Meerzicht (politie)" in [h.value for h in at.header]


def test_a_year_of_month_rows_only_counts_as_a_year_with_figures(police_dir, tmp_path):
    # Invented 47022NED file: only January and February 2025 for WK063702 (Rokkeveen).
    monthly = tmp_path / "maanden_2025.csv"
    monthly.write_text(
        "ID,SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1\n"
        "0,0.0.0,WK063702,2025MM01,70\n1,0.0.0,WK063702,2025MM02,75\n",
        encoding="utf-8",
    )
    assert main(["import-politie", str(monthly)]) == 0
    assert 2025 in police.police_years()
    compared = police.police_wijken_compared(2025).set_index("label")
    assert compared.loc["Rokkeveen", "waarde"] == 145 and bool(compared.loc["Rokkeveen", "benaderd"])


def test_crime_page_without_a_wijk_shows_the_city_from_the_police(police_dir):
    at = open_app("pages/criminaliteit.py")
    assert not at.exception and not at.error
    assert "Misdrijven in heel Zoetermeer (politie)" in [h.value for h in at.header]


@pytest.mark.parametrize("failure", ["build", "other"])
def test_a_failed_build_after_an_import_puts_the_previous_source_back(use_data_dir, capsys, monkeypatch, failure):
    source = use_data_dir / "bronnen/GM0637/politie_misdrijven.csv"
    before = source.read_bytes()
    published = config.tables_dir(use_data_dir)

    def broken_build(*args, **kwargs):
        from ivb.sources.build import BuildError
        from ivb.sources.records import SourceProblem

        if failure == "other":
            raise ValueError("verzonnen fout voor deze test")
        raise BuildError([SourceProblem("waarden.csv", 3, "waarde", "verzonnen fout voor deze test")])

    monkeypatch.setattr("ivb.__main__.build", broken_build)
    assert main(["import-politie", str(CBS_FILE)]) == 1
    err = capsys.readouterr().err
    assert "Bouwen na het inlezen mislukt" in err and "verzonnen fout voor deze test" in err and "teruggedraaid" in err
    assert source.read_bytes() == before
    assert config.tables_dir(use_data_dir) == published
    assert not list(source.parent.glob(".*tmp")), "the rollback left a temporary file"


def test_importing_a_later_year_widens_the_year_filter(use_data_dir, tmp_path):
    # Invented 47018NED rows for 2025, a year no document has.
    later = tmp_path / "2025.csv"
    later.write_text("ID,SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1\n0,0.0.0,GM0637,2025JJ00,4500\n",
                     encoding="utf-8")
    assert main(["import-politie", str(later)]) == 0
    at = AppTest.from_file(str(config.PROJECT_ROOT / "app.py"), default_timeout=60)
    at.run()
    assert at.slider[0].max == 2025 and at.slider[0].value[1] == 2025


def test_two_indelingen_for_the_same_year_are_never_added_together(use_data_dir, tmp_path):
    # Invented counts for 2024 in both indelingen (an older file, then a newer one that CBS re-published on 2025),
    # each with the same city row: the wijk counts the newest indeling only, the city row is one figure.
    old = invented_file(tmp_path, "oud.csv", ["GM0637,2024JJ00,5000", "WK063705,2024JJ00,1000", "BU06370500,2024JJ00,400"])
    new = invented_file(tmp_path, "nieuw.csv", ["GM0637,2024JJ00,5000", "WK063705,2024JJ00,1100", "BU06370501,2024JJ00,500"])
    assert main(["import-politie", str(old), str(new)]) == 0
    assert police.police_wijken_compared(2024).set_index("label")["waarde"].to_dict() == {"Meerzicht": 1100}
    assert police.police_wijk_trend("Rokkeveen", 2024, 2024).empty  # its indeling is not the one counted for 2024
    assert police.police_city_trend(2024, 2024).set_index("indicator_id").loc["totaal", "waarde"] == 5000
