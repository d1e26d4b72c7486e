"""The municipal open data (CBS/police 47018NED, 70072ned): strict validation, the comparison group, the
import command, and the crime page. Every figure is invented (tests/fixtures.py, and the few added below, each said
so); the import tests write invented files into a copy of the real sources and read back only what they wrote."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
from fixtures import INVENTED, open_app, open_folded, parquet, snapshot, source_bytes, source_path, write_invented
from streamlit.testing.v1 import AppTest

from ivb import config
from ivb.__main__ import main
from ivb.queries import open_data as public
from ivb.sources import opendata
from ivb.sources.build import BuildError, build
from ivb.views import tables

ROW = "GM0637,2012,1.1.1,500,5.0,ja,nee,cbs_test"


@pytest.mark.parametrize(("bad", "column", "message"), [
    ("GM9999,2012,1.1.1,500,5.0,ja,nee,cbs_test", "gemeentecode", "'GM9999' bestaat niet in gemeenten.csv"),
    ("GM0637,2012,9.9.9,500,5.0,ja,nee,cbs_test", "misdrijf_code", "'9.9.9' bestaat niet in soorten_misdrijf.csv"),
    ("GM0637,1850,1.1.1,500,5.0,ja,nee,cbs_test", "jaar", "1850"),
    ("GM0637,2012,1.1.1,-5,5.0,ja,nee,cbs_test", "aantal", "-5 is negatief"),
    ("GM0637,2012,1.1.1,500.5,5.0,ja,nee,cbs_test", "aantal", "geen geheel getal"),
    ("GM0637,2012,1.1.1,500,5.2,ja,nee,cbs_test", "per_1000_inwoners", "5.2 per 1.000 past niet bij 500 misdrijven op 100000 inwoners"),
    ("GM0637,2012,1.1.1,500,5.0,ja,misschien,cbs_test", "voorlopig", "misschien"),
    ("GM0637,2012,1.1.1,500,5.0,ja,nee,onbekend", "bron_id", "'onbekend' bestaat niet in open_data_bronnen.csv"),
])
def test_a_bad_public_data_row_is_refused_with_file_line_and_column(tmp_path, bad, column, message):
    target = write_invented(tmp_path / "data")
    before = snapshot(target)
    (target / "bronnen/gemeente_misdrijven.csv").write_text(INVENTED["gemeente_misdrijven"].replace(ROW, bad), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(target / "bronnen", target)
    text = str(caught.value)
    assert f"bronnen/gemeente_misdrijven.csv, regel 2, kolom '{column}'" in text and message in text, text
    assert snapshot(target) == before


def test_a_crime_figure_without_a_population_is_refused(tmp_path):
    people = INVENTED["gemeente_inwoners"].replace("GM0637,2015,100000,pop_test\n", "")
    with pytest.raises(BuildError, match=r"gemeente_misdrijven.csv, regel 3, kolom 'gemeentecode': geen inwonertal voor GM0637 in 2015"):
        write_invented(tmp_path / "data", gemeente_inwoners=people)


def test_a_malformed_municipality_code_is_refused(tmp_path):
    municipalities = INVENTED["gemeenten"] + "Zoetermeer,Fout,verzonnen\n"
    with pytest.raises(BuildError, match=r"gemeenten.csv, regel 7, kolom 'gemeentecode': 'Zoetermeer' is geen CBS-gemeentecode"):
        write_invented(tmp_path / "data", gemeenten=municipalities)


def test_the_comparison_ranks_lowest_rate_first_with_the_median_of_the_group(invented):
    # Invented 2012 rates: Aa 3.0, Cee 4.0, Zoetermeer 5.0, Bee 8.0, Dee 10.0; the median of five is 5.0.
    group = public.comparison("1.1.1", 2012)
    assert group["gemeente"].tolist() == ["Gemeente Aa", "Gemeente Cee", "Zoetermeer", "Gemeente Bee", "Gemeente Dee"]
    assert group["rang"].tolist() == [1, 2, 3, 4, 5] and set(group["mediaan"]) == {5.0}
    from ivb.views import public_charts as public_views

    assert public_views.rank_phrase(group) == "de 3e laagste van 5"


def test_the_trend_sets_zoetermeer_against_the_median_per_year(invented):
    trend = public.comparison_trend("1.1.1", 2012, 2024).set_index("jaar")
    # Invented 2024 rates: Aa 0.5, Cee 0.7, Zoetermeer 0.9, Bee 1.2, Dee 2.0.
    assert trend.loc[2012, ["eigen", "mediaan"]].tolist() == [5.0, 5.0]
    assert trend.loc[2024, ["eigen", "mediaan"]].tolist() == [0.9, 0.9] and bool(trend.loc[2024, "voorlopig"])


def test_police_and_documents_stand_side_by_side_with_their_difference(invented):
    from ivb.queries import documents
    from ivb.views import public_charts as public_views

    city = public.city_offence("1.1.1", 2012, 2024)
    docs = documents.indicator_values("woninginbraken", 2012, 2024)
    beside = public_views.documents_beside_police(city, docs).set_index("Jaar")
    # Invented: documents 28 in 2015, police 27.
    assert beside.loc["2015", ["Documenten", "Politie (open data)", "Verschil (politie - documenten)"]].tolist() == [28, 27, -1]
    counts = public_views.offence_counts(city, docs)
    assert set(counts["label"]) == {"Politie (open data)", "Woninginbraken (documenten)"}
    assert counts[(counts["label"] == "Politie (open data)") & (counts["jaar"] == 2024)]["voorlopig"].tolist() == [True]


def _published_files(directory):
    """Invented files in the layout of the recovered CBS copies."""
    directory.mkdir()
    (directory / opendata.CRIME_FILE).write_text(
        "gemeentecode,gemeente,jaar,soortmisdrijf_code,soortmisdrijf,geregistreerde_misdrijven,gem_inwoners_70072ned,"
        "per_1000_inwoners,voorlopig\nGM0637,Zoetermeer,2012,1.1.1,Diefstal/inbraak woning,200,100000,2.0,nee\n"
        "GM9001,Gemeente Aa,2012,1.1.1,Diefstal/inbraak woning,300,100000,3.0,nee\n", encoding="utf-8")
    (directory / opendata.POPULATION_FILE).write_text(
        "gemeentecode,gemeente,jaar,gemiddeld_aantal_inwoners_70072ned,aantal_inwoners_1jan2024_85984NED\n"
        "GM0637,Zoetermeer,2012,100000,\nGM9001,Gemeente Aa,2012,100000,\n", encoding="utf-8")
    (directory / opendata.CODES_FILE).write_text("code,title\n1.1.1,Diefstal/inbraak woning\n", encoding="utf-8")
    return directory


def test_import_opendata_curates_every_row_with_its_source(use_data_dir, tmp_path):
    # The invented file holds two gemeenten only: the steward first drops the group that names the others (else the
    # build refuses the import, tests/test_gemeenten.py).
    source_path(use_data_dir / "bronnen", "vergelijkingsgroep").unlink()
    assert main(["import-opendata", str(_published_files(tmp_path / "cbs"))]) == 0
    rows = pd.read_parquet(parquet(use_data_dir, "gemeente_misdrijven"))
    assert rows[["gemeentecode", "aantal", "per_1000_inwoners"]].values.tolist() == [["GM0637", 200, 2.0], ["GM9001", 300, 3.0]]
    assert set(rows["bron_id"]) == {"cbs_47018ned"} and rows["per_1000_afgeleid"].all()
    sources = pd.read_parquet(parquet(use_data_dir, "open_data_bronnen")).set_index("bron_id")
    assert sources.loc["cbs_47018ned", "licentie"] == "CC BY 4.0" and "CBS" in sources.loc["cbs_47018ned", "bronvermelding"]


def test_import_opendata_keeps_the_sources_of_imported_police_files(invented, tmp_path):
    # An invented police file (a buurt of the invented 2014-2024 indeling), imported before the open data is read again.
    police = tmp_path / "politie.csv"
    police.write_text("ID,SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1\n0,0.0.0,BU06370500,2024JJ00,40\n",
                      encoding="utf-8")
    assert main(["import-politie", str(police), "--herkomst", "verzonnen kopie"]) == 0
    source_path(invented / "bronnen", "vergelijkingsgroep").unlink()  # it names gemeenten the invented file lacks
    assert main(["import-opendata", str(_published_files(tmp_path / "cbs"))]) == 0
    sources = pd.read_parquet(parquet(invented, "open_data_bronnen")).set_index("bron_id")
    assert sources.loc["politie_politie", "opgehaald_uit"] == "verzonnen kopie" and "cbs_47018ned" in sources.index
    rows = pd.read_parquet(parquet(invented, "politie_misdrijven"))
    assert rows["bron_id"].tolist() == ["politie_politie"]


def test_import_opendata_with_a_wrong_rate_writes_nothing(use_data_dir, tmp_path, capsys):
    files = _published_files(tmp_path / "cbs")
    crime = files / opendata.CRIME_FILE
    crime.write_text(crime.read_text().replace(",200,100000,2.0,", ",200,100000,2.5,"), encoding="utf-8")
    before = source_bytes(use_data_dir)
    published = config.tables_dir(use_data_dir)
    assert main(["import-opendata", str(files)]) == 1
    assert "gemeente_misdrijven.csv, regel 2, kolom 'per_1000_inwoners'" in capsys.readouterr().err
    assert source_bytes(use_data_dir) == before and config.tables_dir(use_data_dir) == published


def crime_page(**params) -> AppTest:
    return open_app("pages/criminaliteit.py", **params)


# Invented, for the page tests below: Zoetermeer's 625 woninginbraken of 2012 on 100.000 inhabitants (6,25 per 1.000),
# and Mishandeling (1.4.5) of 2012 in all four municipalities: Aa 2,0, Cee 2,5, Zoetermeer 3,1, Bee 4,0 per 1.000.
ASSAULT_2012 = (("GM0637", 310, "3.1"), ("GM9001", 400, "2.0"), ("GM9002", 200, "4.0"), ("GM9003", 200, "2.5"))
PAGE_CRIMES = INVENTED["gemeente_misdrijven"].replace("GM0637,2012,1.1.1,500,5.0,", "GM0637,2012,1.1.1,625,6.25,") + "".join(
    f"{code},2012,1.4.5,{count},{rate},ja,nee,cbs_test\n" for code, count, rate in ASSAULT_2012)


@pytest.fixture
def page_data(tmp_path, monkeypatch):
    """The app on the invented sources with the invented figures of ``PAGE_CRIMES``."""
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", gemeente_misdrijven=PAGE_CRIMES)))


def test_a_rate_is_the_count_per_1000_inhabitants_in_the_table_the_chart_and_the_download(page_data):
    at = open_folded(crime_page())
    rates = next(t for t in at.table if "Politie (open data)" in set(t.value.get("Indicator", [])) and "2012" in t.value
                 and t.value["2012"].iloc[0] < 100)
    assert float(rates.value["2012"].iloc[0]) == 6.25
    assert tables.styled(rates.value).to_html().count("6,250") >= 1
    chart = next(c for c in at.get("vega_lite_chart") if c.proto.alt.startswith("Diefstal/inbraak woning: per 1.000 inwoners"))
    rows = max((pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets), key=len)
    shown = dict(zip(rows["jaar"], rows["waarde_nl"]))
    assert shown[2012] == "6,250" and shown[2024] == "0,900 (voorlopig)"  # the invented 2024 is provisional
    from ivb.blocks import Download
    from ivb.views import export
    from ivb.views import public_charts as public_views

    rates = public_views.offence_rates(public.city_offence("1.1.1", 2012, 2024))
    download = export.frame_of(Download("politie", rates))  # what the CSV holds
    row = download[download["Jaar"] == 2012].iloc[0]
    assert (row["Aantal"], row["Inwoners"], row["Waarde"], row["Afgeleid"]) == (625, 100000, 6.25, True)
    assert b"Politie (open data),2012,,realisatie,6.25,625,100000,per_1000,ja,nee,nee," in export.csv_plain(download)


def test_the_comparison_follows_the_offence_and_year_in_the_link_and_says_what_the_group_is(page_data):
    at = crime_page(misdrijf="Mishandeling", vergelijkingsjaar="2012")
    assert not at.exception and not at.error
    assert "Mishandeling per 1.000 inwoners, 2012" in [h.value for h in at.header]
    assert any("Zoetermeer is **de 3e laagste van 4**" in m.value for m in at.markdown)
    assert any("gekozen door de gegevensbeheerder" in c.value and "Gemeente Dee" in c.value for c in at.caption)
    assert any("geen totaal van alle misdrijven en geen straatroof en overvallen" in i.value for i in at.info)


def test_an_unknown_offence_in_the_link_is_ignored_with_a_notice(invented):
    at = crime_page(misdrijf="<b>inbraak</b>")
    assert any(w.value.startswith("De link vraagt om de soort misdrijf '\\<b\\>inbraak\\</b\\>'") for w in at.warning)
    assert at.session_state["misdrijf"] == "Diefstal/inbraak woning"


def test_the_table_under_the_police_chart_names_the_provisional_years(invented):
    from ivb.queries import documents
    from ivb.views import public_charts as public_views

    counts = public_views.offence_counts(public.city_offence("1.1.1", 2012, 2024), documents.indicator_values("woninginbraken", 2012, 2024))
    table = tables.year_table(counts, all_years=True).set_index("Indicator")
    assert table.loc["Politie (open data)", tables.PROVISIONAL] == "2024"


def test_a_tie_is_a_shared_rank_taken_on_the_exact_rate(tmp_path, monkeypatch):
    # Invented 2012: Cee now has 500 on 100.000 like Zoetermeer (both exactly 5,0 per 1.000).
    people = INVENTED["gemeente_inwoners"].replace("GM9003,2012,80000,pop_test", "GM9003,2012,100000,pop_test")
    crimes = INVENTED["gemeente_misdrijven"].replace("GM9003,2012,1.1.1,320,4.0,", "GM9003,2012,1.1.1,500,5.0,")
    monkeypatch.setenv("IVB_DATA_DIR", str(write_invented(tmp_path / "d", gemeente_inwoners=people, gemeente_misdrijven=crimes)))
    from ivb.views import public_charts as public_views

    group = public.comparison("1.1.1", 2012)
    assert group.set_index("gemeente")["rang"].to_dict() == {"Gemeente Aa": 1, "Gemeente Cee": 2, "Zoetermeer": 2,
                                                             "Gemeente Bee": 4, "Gemeente Dee": 5}
    assert public_views.rank_phrase(group) == "gedeeld de 2e laagste van 5"


def test_a_final_year_after_a_provisional_one_is_refused(tmp_path):
    crimes = INVENTED["gemeente_misdrijven"].replace("GM0637,2024,1.1.1,90,0.9,ja,ja,", "GM0637,2024,1.1.1,90,0.9,ja,nee,").replace(
        "GM0637,2015,1.1.1,27,0.27,ja,nee,", "GM0637,2015,1.1.1,27,0.27,ja,ja,")
    with pytest.raises(BuildError, match=r"gemeente_misdrijven.csv, regel 4, kolom 'voorlopig': GM0637 1.1.1 2024 is definitief, maar 2015"):
        write_invented(tmp_path / "data", gemeente_misdrijven=crimes)


def test_import_opendata_with_a_missing_file_writes_nothing(use_data_dir, tmp_path, capsys):
    files = _published_files(tmp_path / "cbs")
    (files / opendata.CODES_FILE).unlink()
    before = source_bytes(use_data_dir)
    assert main(["import-opendata", str(files)]) == 1
    assert f"{opendata.CODES_FILE}: bestand ontbreekt" in capsys.readouterr().err
    assert source_bytes(use_data_dir) == before


def test_a_rate_derived_in_every_year_says_so_once(invented):
    from ivb.views import public_charts as public_views

    table = tables.year_table(public_views.offence_rates(public.city_offence("1.1.1", 2012, 2024))).set_index("Indicator")
    assert table.loc["Politie (open data)", tables.DERIVED] == "alle jaren"
    assert table.loc["Politie (open data)", tables.PROVISIONAL] == "2024"
