"""Downloads: Dutch column names and a source column, whole numbers without '.0', ja/nee, plain and Dutch-Excel
CSV that read back to the same figures, and file names that carry the filter and the years in the file."""

import io

import pandas as pd

from ivb.blocks import Download
from ivb.queries import documents
from ivb.views import export


def sample() -> pd.DataFrame:
    return export.frame_of(Download("rapportcijfers", documents.visual_values("rapportcijfers", 2014, 2024)))


def test_a_download_has_dutch_column_names_a_source_and_no_helper_columns(invented):
    frame = sample()
    assert frame.columns.tolist()[:4] == ["Indicatorcode", "Indicator", "Jaar", "Gebied"]
    assert {"Soort", "Waarde", "Bron", "Vindplaats"} <= set(frame.columns)
    assert not {"segment", "waarde_nl", "richting"} & set(frame.columns)
    assert len(frame) == 3


def test_rows_without_their_own_source_get_the_blocks_source():
    rows = pd.DataFrame({"jaar": [2024], "aantal": [3.0]})
    frame = export.frame_of(Download("x", rows, source="Verzonnen bron voor de test"))
    assert frame["Bron"].tolist() == ["Verzonnen bron voor de test"]


def test_whole_numbers_have_no_decimal_point_flags_read_ja_nee_and_gaps_stay_empty():
    # Invented values: a float column of counts beside a mark, as pandas gives them after a join.
    frame = pd.DataFrame({"Aantal": [302.0, 7.4, None], "Voorlopig": [True, False, True], "Jaar": [2023, 2024, 2025]})
    assert export.csv_plain(frame).decode().splitlines() == ["Aantal,Voorlopig,Jaar", "302,ja,2023", "7.4,nee,2024", ",ja,2025"]
    assert export.csv_excel_nl(frame).decode("utf-8-sig").splitlines()[1:] == ["302;ja;2023", "7,4;nee;2024", ";ja;2025"]


def test_plain_csv_round_trips_with_comma_and_decimal_point(invented):
    frame = sample()
    raw = export.csv_plain(frame)
    assert raw.splitlines()[0].startswith(b"Indicatorcode,Indicator,Jaar")
    back = pd.read_csv(io.BytesIO(raw), keep_default_na=False)
    assert back["Waarde"].tolist() == frame["Waarde"].tolist()
    assert back["Bron"].tolist() == frame["Bron"].tolist()


def test_excel_csv_has_bom_semicolons_and_decimal_comma(invented):
    frame = sample()
    raw = export.csv_excel_nl(frame)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Indicatorcode;Indicator;Jaar")
    assert ";6,5;" in text and ";nee;" in text and "True" not in text and "False" not in text
    back = pd.read_csv(io.BytesIO(raw), sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False)
    assert back["Waarde"].tolist() == frame["Waarde"].tolist()
    assert set(back["Afgeleid"]) == {"nee"}


def test_file_names_carry_topic_wijk_and_only_the_years_in_the_file(invented):
    # The gemeente the invented build names GM0637 (Zoetermeer) comes first, then the wijk.
    assert export.file_name("Woonoverlast", "De Leyens", [2024]) == "ivb_woonoverlast_zoetermeer-de-leyens_2024.csv"
    assert export.file_name("misdrijven", None, [2014, 2017], "excel") == "ivb_misdrijven_zoetermeer_2014-2017_excel-nl.csv"
    assert export.file_name("Financiën", None, [], "parquet") == "ivb_financien_zoetermeer.parquet"
    rows = pd.DataFrame({"jaar": [2016, 2017], "waarde": [1.0, 2.0]})  # invented: the filter asked 2012-2025
    assert export.download_name(Download("misdrijven", rows), "png") == "ivb_misdrijven_zoetermeer_2016-2017.png"


def test_parquet_download_reads_back(invented):
    frame = documents.whole_table("woonoverlast")
    back = pd.read_parquet(io.BytesIO(export.parquet_bytes(frame)))
    pd.testing.assert_frame_equal(back, frame)


def test_a_text_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text():
    # Invented cells: a title from an import that starts like a formula must not run in Excel.
    frame = pd.DataFrame({"Soort misdrijf": ["=HYPERLINK(\"http://x\")", "@SUM(1)", "Mishandeling"], "Aantal": [-3, 1, 2]})
    back = pd.read_csv(io.BytesIO(export.csv_excel_nl(frame)), sep=";", encoding="utf-8-sig")
    assert back["Soort misdrijf"].tolist() == ["'=HYPERLINK(\"http://x\")", "'@SUM(1)", "Mishandeling"]
    assert back["Aantal"].tolist() == [-3, 1, 2]  # a negative number stays a number
