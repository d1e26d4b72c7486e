"""What a reader takes away as a file: the rows behind a chart or table as CSV (plain, and for Dutch
Excel) and Parquet, with file names that say what is in them.

A download carries Dutch column names and a source column; whole numbers are written without
".0" and a flag as ja/nee; a gap stays empty. No streamlit here.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ivb import formatting, gemeente
from ivb.blocks import Download

# The columns a download carries, in this order, when the data have them, with the name the reader sees;
# helper columns (segments, formatted text for tooltips) stay out.
COLUMNS = {
    "rang": "Rang", "gemeente": "Gemeente", "gemeentecode": "Gemeentecode", "misdrijf_code": "Code soort misdrijf",
    "titel": "Soort misdrijf", "periode": "Periode", "kader": "Kader", "nummer": "Nummer",
    "indicator_id": "Indicatorcode", "label": "Indicator", "jaar": "Jaar", "maand": "Maand", "gebied": "Gebied", "wijk": "Wijk",
    "regel": "Doelstelling", "omschrijving": "Omschrijving", "categorie": "Categorie", "eigendom": "Eigendom",
    "status": "Status", "type": "Soort", "post": "Post", "waarde": "Waarde", "aantal": "Aantal",
    "per_1000_inwoners": "Per 1.000 inwoners", "per_1000": "Per 1.000 inwoners", "inwoners": "Inwoners",
    "mediaan": "Mediaan van de groep", "bedrag": "Bedrag (x € 1.000)", "eenheid": "Eenheid", "afgeleid": "Afgeleid",
    "benaderd": "Bij benadering", "voorlopig": "Voorlopig", "locatie_id": "Locatiecode", "naam": "Naam",
    "effectindicator": "Effectindicator", "beoogd_effect": "Beoogd effect", "opvolger": "Voortgezet als",
    "statistiek": "Statistiek", "lat": "Breedtegraad", "lon": "Lengtegraad", "coordinaten": "Coördinaten",
    "jaar_van": "Van", "jaar_tot": "Tot en met", "bron": "Bron", "vindplaats": "Vindplaats", "toelichting": "Toelichting",
}
SOURCE = "Bron"


# Column names of the published tables that the plain rule below would not read well.
TABLE_TITLES = {
    "url": "Webadres", "cbs_naam": "Naam bij CBS", "naam_tabel_5_1": "Naam in tabel 5.1", "per_1000_inwoners": "Per 1.000 inwoners",
    "per_1000_afgeleid": "Per 1.000 afgeleid", "visual": "Grafiek of tabel", "lat": "Breedtegraad", "lon": "Lengtegraad",
    "jaar_van": "Van jaar", "jaar_tot": "Tot en met jaar", "coordinaten": "Coördinaten", "oppervlakte_land_ha": "Landoppervlakte (ha)",
    "gemeentecode": "Gemeentecode", "misdrijf_code": "Code soort misdrijf", "regio_code": "Regiocode", "bron_id": "Bron (code)",
}


def column_title(name: str) -> str:
    """How a reader sees a column of a published table on the data page: 'bron_id' -> 'Bron (code)',
    'gemiddeld_aantal_inwoners' -> 'Gemiddeld aantal inwoners' (the download keeps the table's own names)."""
    if name in TABLE_TITLES:
        return TABLE_TITLES[name]
    words = name.removesuffix("_id").replace("_", " ")
    return words[:1].upper() + words[1:] + (" (code)" if name.endswith("_id") else "")


def frame_of(download: Download) -> pd.DataFrame:
    """The rows of ``download`` as they are handed out: the reader's columns with Dutch names and a source column.

    Rows from a query keep the columns named in ``COLUMNS`` (helper columns stay out); a table that is already
    made for the reader (Dutch column titles) goes out as it is.
    """
    data = download.data
    columns = list(dict.fromkeys(c for c in COLUMNS if c in data.columns))
    frame = data[columns].rename(columns=COLUMNS) if columns else data.copy()
    frame = frame.loc[:, ~frame.columns.duplicated()].reset_index(drop=True)
    if SOURCE not in frame.columns:
        frame[SOURCE] = download.source
    return frame


def _cell(value, decimal: str) -> str:
    """One value as CSV text: whole numbers without '.0', a flag as ja/nee, a gap empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)) or pd.api.types.is_number(value):
        number = float(value)
        text = str(int(number)) if number.is_integer() else repr(number)
        return text.replace(".", decimal)
    text = str(value)
    # A text that a spreadsheet would run as a formula (=, +, -, @) is written as text (OWASP: CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _as_text(frame: pd.DataFrame, decimal: str) -> pd.DataFrame:
    return pd.DataFrame({c: [_cell(v, decimal) for v in frame[c]] for c in frame.columns}, columns=frame.columns)


def csv_plain(frame: pd.DataFrame) -> bytes:
    """Plain CSV: UTF-8, comma separator, decimal point."""
    return _as_text(frame, ".").to_csv(index=False).encode("utf-8")


def csv_excel_nl(frame: pd.DataFrame) -> bytes:
    """CSV that Dutch Excel opens correctly: semicolon, decimal comma, UTF-8 with BOM."""
    return _as_text(frame, ",").to_csv(index=False, sep=";").encode("utf-8-sig")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a Parquet file (types kept: a flag stays a boolean, a number a number)."""
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buffer, compression="zstd")
    return buffer.getvalue()


SUFFIXES = {"csv": ".csv", "excel": "_excel-nl.csv", "parquet": ".parquet", "png": ".png", "svg": ".svg", "pdf": ".pdf"}


def file_name(topic: str, wijk: str | None, years: list[int], variant: str = "csv") -> str:
    """E.g. ``ivb_woonoverlast_zoetermeer-meerzicht_2024.csv`` or ``ivb_misdrijven_zoetermeer_2014-2017_excel-nl.csv``:
    the topic, the gemeente (and wijk) and the years that the file actually holds (none when its rows have no year)."""
    parts = ["ivb", formatting.slug(topic), formatting.slug(gemeente.name() + (f" {wijk}" if wijk else ""))]
    if years:
        parts.append(str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}")
    return "_".join(parts) + SUFFIXES[variant]


def download_name(download: Download, variant: str) -> str:
    """The file name of ``download`` in one variant, with the years of its rows."""
    return file_name(download.topic, download.wijk, download.years, variant)
