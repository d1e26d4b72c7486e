"""Where every imported police file comes from (its row in open_data_bronnen), and the files the import refuses.

Every count, file and provenance here is invented; the wijk and buurt codes are those of the invented geography of
tests/fixtures.py (BU06370500 exists only in the 2014-2024 indeling, in Rokkeveen; BU06370501 only in 2025).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from fixtures import INVENTED, parquet, write_invented

from ivb.__main__ import main
from ivb.queries import police_counts as police

HEADER = "ID,SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1\n"


def police_file(path: Path, rows: list[str]) -> Path:
    """An invented 47018NED/47022NED-style file (rows: 'code,period,count' for crime 0.0.0)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(f"{i},0.0.0,{row}\n" for i, row in enumerate(rows)), encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    target = write_invented(tmp_path / "data")
    monkeypatch.setenv("IVB_DATA_DIR", str(target))
    return target


def listed(data: Path) -> pd.DataFrame:
    """open_data_bronnen as published (after the import's build)."""
    return pd.read_parquet(parquet(data, "open_data_bronnen")).set_index("bron_id")


def police_rows(data: Path) -> pd.DataFrame:
    return pd.read_parquet(parquet(data, "politie_misdrijven"))


def everything(data: Path) -> dict[str, bytes]:
    """Every file under the data directory, the sources included."""
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


def test_every_imported_file_is_a_source_that_each_of_its_rows_names(data, tmp_path, capsys):
    yearly = police_file(tmp_path / "Buurten 2024 (47018NED).csv", ["BU06370500,2024JJ00,40", "GM0637,2024JJ00,900"])
    assert main(["import-politie", str(yearly), "--herkomst", "verzonnen portaal, download", "--opgehaald-op", "2021-05-04",
                 "--toelichting", "Verzonnen toelichting"]) == 0
    assert "bron politie_buurten_2024_47018ned in open_data_bronnen" in capsys.readouterr().out
    source = listed(data).loc["politie_buurten_2024_47018ned"]
    assert source["tabel"] == "47018NED"
    assert source["titel"] == "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers"
    assert (source["uitgever"], source["licentie"]) == ("Politie en CBS", "CC BY 4.0") and "Politie en CBS" in source["bronvermelding"]
    assert (source["opgehaald_uit"], str(source["opgehaald_op"])[:10]) == ("verzonnen portaal, download", "2021-05-04")
    assert source["toelichting"] == ("Verzonnen toelichting. Wijkindeling 2014-2024; jaar 2024; 2 regels van Zoetermeer "
                                     "(gemeente 1, buurt 1).")
    assert set(police_rows(data)["bron_id"]) == {"politie_buurten_2024_47018ned"}


def test_a_monthly_file_is_47022NED_and_without_options_names_its_file_and_today(data, tmp_path):
    monthly = police_file(tmp_path / "maanden.csv", ["BU06370501,2025MM01,7", "BU06370501,2025MM02,"])
    assert main(["import-politie", str(monthly)]) == 0
    source = listed(data).loc["politie_maanden"]
    assert source["tabel"] == "47022NED" and source["titel"].endswith("wijk, buurt, maandcijfers")
    assert source["opgehaald_uit"].startswith("maanden.csv") and str(source["opgehaald_op"])[:10] == date.today().isoformat()
    assert source["toelichting"] == "Wijkindeling 2025; maanden 2025-01 t/m 2025-02; 2 regels van Zoetermeer (buurt 2)."


def test_importing_the_same_file_again_updates_its_source_and_nothing_else(data, tmp_path, capsys):
    path = police_file(tmp_path / "buurten.csv", ["BU06370500,2024JJ00,40"])
    assert main(["import-politie", str(path), "--herkomst", "eerste kopie", "--opgehaald-op", "2021-05-04"]) == 0
    rows = (data / "bronnen/GM0637/politie_misdrijven.csv").read_bytes()
    capsys.readouterr()
    assert main(["import-politie", str(path), "--herkomst", "tweede kopie", "--opgehaald-op", "2021-06-01"]) == 0
    assert "alleen de bron (herkomst, datum, toelichting) is bijgewerkt" in capsys.readouterr().out
    assert (data / "bronnen/GM0637/politie_misdrijven.csv").read_bytes() == rows
    source = listed(data).loc["politie_buurten"]
    assert (source["opgehaald_uit"], str(source["opgehaald_op"])[:10]) == ("tweede kopie", "2021-06-01")
    assert "politie_buurten_2" not in listed(data).index
    assert main(["import-politie", str(path), "--herkomst", "tweede kopie", "--opgehaald-op", "2021-06-01"]) == 0
    assert "Niets veranderd" in capsys.readouterr().out


def test_another_file_with_the_same_name_gets_its_own_source(data, tmp_path):
    first = police_file(tmp_path / "a/47018NED.csv", ["BU06370500,2023JJ00,40"])
    second = police_file(tmp_path / "b/47018NED.csv", ["BU06370500,2024JJ00,50"])
    assert main(["import-politie", str(first), "--herkomst", "kopie van 2023"]) == 0
    assert main(["import-politie", str(second), "--herkomst", "kopie van 2024"]) == 0
    rows = police_rows(data).set_index("jaar")["bron_id"].to_dict()
    assert rows == {2023: "politie_47018ned", 2024: "politie_47018ned_2"}
    assert listed(data).loc[["politie_47018ned", "politie_47018ned_2"], "opgehaald_uit"].tolist() == ["kopie van 2023",
                                                                                                      "kopie van 2024"]


def test_a_source_whose_rows_a_later_file_replaced_is_taken_out(data, tmp_path):
    old = police_file(tmp_path / "oud.csv", ["BU06370500,2024JJ00,40"])
    new = police_file(tmp_path / "herzien.csv", ["BU06370500,2024JJ00,41"])
    assert main(["import-politie", str(old)]) == 0 and main(["import-politie", str(new)]) == 0
    assert set(police_rows(data)["bron_id"]) == {"politie_herzien"}
    assert "politie_oud" not in listed(data).index and "cbs_test" in listed(data).index  # other sources stay


@pytest.mark.parametrize(("rows", "line", "said"), [
    (["BU06370500,2024JJ00,40", "BU06370500,2024MM01,3"], 3,
     "'2024MM01' is een maand, maar het bestand begint met jaren ('2024JJ00' op regel 2)"),
    (["BU06370500,2024MM01,3", "BU06370500,2024MM02,4", "GM0637,2024JJ00,900"], 4,
     "'2024JJ00' is een jaar, maar het bestand begint met maanden ('2024MM01' op regel 2)"),
])
def test_a_file_that_mixes_years_and_months_is_refused_at_the_first_period_of_the_other_kind(data, tmp_path, capsys,
                                                                                             rows, line, said):
    before = everything(data)
    assert main(["import-politie", str(police_file(tmp_path / "gemengd.csv", rows))]) == 1
    err = capsys.readouterr().err
    assert f"gemengd.csv, regel {line}, kolom 'Perioden': {said}" in err and "47022NED" in err
    assert "Er is niets geschreven" in err and everything(data) == before


@pytest.mark.parametrize(("options", "said"), [
    (["--opgehaald-op", "4-5-2021"], "--opgehaald-op: '4-5-2021' is geen datum (jjjj-mm-dd)"),
    (["--opgehaald-op", "2021-02-30"], "--opgehaald-op: '2021-02-30' is geen datum"),
    (["--opgehaald-op", "2999-01-01"], "--opgehaald-op: 2999-01-01 ligt in de toekomst"),
    (["--herkomst", "  "], "--herkomst: is leeg"),
    (["--indeling", "2025"], "de codes BU06370500 horen niet bij de indeling 2025"),
])
def test_a_refused_import_writes_nothing(data, tmp_path, capsys, options, said):
    path = police_file(tmp_path / "buurten.csv", ["BU06370500,2024JJ00,40"])
    before = everything(data)
    assert main(["import-politie", str(path), *options]) == 1
    err = capsys.readouterr().err
    assert said in err and "Er is niets geschreven" in err and everything(data) == before


def test_a_buurt_unknown_to_both_indelingen_is_reported_kept_and_counts_for_no_wijk(data, tmp_path, capsys):
    # Invented: BU06370500 decides the indeling (2014-2024, Rokkeveen); BU06370599 is in no indeling's wijkcodes.
    path = police_file(tmp_path / "buurten.csv", ["BU06370500,2024JJ00,40", "BU06370599,2024JJ00,500"])
    assert main(["import-politie", str(path)]) == 0
    assert "BU06370599 in de indeling 2014-2024 (1 regel)" in capsys.readouterr().out
    assert "BU06370599" in set(police_rows(data)["regio_code"])
    assert police.police_wijken_compared(2024).set_index("label")["waarde"].to_dict() == {"Rokkeveen": 40}


def test_rows_imported_before_sources_were_named_get_the_source_of_their_file(data, tmp_path):
    # An invented politie_misdrijven.csv as an import before this version wrote it: no bron_id column.
    old_columns = INVENTED["politie_misdrijven"].replace(",bron_id", "")
    (data / "bronnen/GM0637/politie_misdrijven.csv").write_text(
        old_columns + "BU06370500,buurt,2014-2024,2023JJ00,2023,0,0.0.0,30,oud.csv,2020-01-02,2\n", encoding="utf-8")
    assert main(["import-politie", str(police_file(tmp_path / "nieuw.csv", ["BU06370500,2024JJ00,40"]))]) == 0
    assert police_rows(data).set_index("jaar")["bron_id"].to_dict() == {2023: "politie_oud", 2024: "politie_nieuw"}
    assert listed(data).loc["politie_oud", "opgehaald_uit"] == "oud.csv (herkomst niet vastgelegd)"
