"""CSV builders: plain and Dutch-Excel variants read back to the same data; file names say what is in them."""

import io

import pandas as pd

from ivb import export
from ivb.queries import documents


def sample() -> pd.DataFrame:
    return export.chart_frame(documents.visual_values("rapportcijfers", 2014, 2024))


def test_chart_frame_keeps_what_a_reader_needs_and_drops_helpers(invented):
    frame = sample()
    assert frame.columns.tolist()[:4] == ["indicator_id", "indicator", "jaar", "gebied"]
    assert {"soort", "waarde", "bron", "vindplaats"} <= set(frame.columns)
    assert len(frame) == 3


def test_plain_csv_round_trips_with_comma_and_decimal_point(invented):
    frame = sample()
    raw = export.csv_plain(frame)
    assert raw.splitlines()[0].startswith(b"indicator_id,indicator,jaar")
    back = pd.read_csv(io.BytesIO(raw), keep_default_na=False)
    assert back["waarde"].tolist() == frame["waarde"].tolist()
    assert back["bron"].tolist() == frame["bron"].tolist()


def test_excel_csv_has_bom_semicolons_and_decimal_comma(invented):
    frame = sample()
    raw = export.csv_excel_nl(frame)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("indicator_id;indicator;jaar")
    assert ";6,5;" in text and ";nee;" in text
    back = pd.read_csv(io.BytesIO(raw), sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False)
    assert back["waarde"].tolist() == frame["waarde"].tolist()
    assert set(back["afgeleid"]) == {"nee"}


def test_file_names_carry_topic_wijk_and_years():
    assert export.file_name("Woonoverlast", "De Leyens", 2024, 2024) == "ivb_woonoverlast_de-leyens_2024.csv"
    assert export.file_name("misdrijven", None, 2014, 2017, "excel") == "ivb_misdrijven_zoetermeer_2014-2017_excel-nl.csv"
    assert export.file_name("Financiën", None, None, None, "parquet") == "ivb_financien_zoetermeer_alle-jaren.parquet"


def test_parquet_download_reads_back(invented):
    frame = documents.whole_table("woonoverlast")
    back = pd.read_parquet(io.BytesIO(export.parquet_bytes(frame)))
    pd.testing.assert_frame_equal(back, frame)
