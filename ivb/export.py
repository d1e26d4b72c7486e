"""CSV and Parquet downloads: plain CSV (UTF-8, comma) and a variant for Dutch Excel
(semicolon, decimal comma, UTF-8 with BOM), with file names that say what is in them."""

from __future__ import annotations

import io
import re
import unicodedata

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

# Columns a download carries, in this order, when the data has them; helper columns stay out.
EXPORT_COLUMNS = (
    "rang", "gemeente", "gemeentecode", "misdrijf_code", "titel", "periode", "kader", "nummer",
    "indicator_id", "label", "jaar", "gebied", "wijk", "regel", "omschrijving", "categorie", "eigendom",
    "status", "type", "post", "waarde", "aantal", "per_1000_inwoners", "inwoners", "mediaan", "bedrag", "eenheid", "afgeleid",
    "benaderd", "voorlopig", "locatie_id", "naam",
    "effectindicator", "beoogd_effect", "opvolger", "statistiek",
    "lat", "lon", "coordinaten", "jaar_van", "jaar_tot", "bron", "vindplaats",
    "toelichting",
)
RENAME = {"label": "indicator", "type": "soort"}


def chart_frame(data: pd.DataFrame) -> pd.DataFrame:
    """The rows behind a chart with the columns a reader needs, helper columns dropped."""
    columns = [c for c in EXPORT_COLUMNS if c in data.columns]
    return data[columns].rename(columns=RENAME).reset_index(drop=True)


def csv_plain(frame: pd.DataFrame) -> bytes:
    """Plain CSV: UTF-8, comma separator, decimal point."""
    return frame.to_csv(index=False).encode("utf-8")


def csv_excel_nl(frame: pd.DataFrame) -> bytes:
    """CSV that Dutch Excel opens correctly: semicolon, decimal comma, UTF-8 with BOM, ja/nee."""
    dutch = frame.copy()
    for column in dutch.columns:
        if dutch[column].dtype == bool:
            dutch[column] = dutch[column].map({True: "ja", False: "nee"})
    return dutch.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a Parquet file."""
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buffer, compression="zstd")
    return buffer.getvalue()


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_name(topic: str, wijk: str | None, jaar_van: int | None, jaar_tot: int | None, variant: str = "csv") -> str:
    """E.g. ``ivb_woonoverlast_meerzicht_2024.csv`` or ``ivb_misdrijven_zoetermeer_2014-2024_excel-nl.csv``."""
    if jaar_van is None:
        years = "alle-jaren"
    else:
        years = str(jaar_van) if jaar_van == jaar_tot else f"{jaar_van}-{jaar_tot}"
    suffix = {"csv": ".csv", "excel": "_excel-nl.csv", "parquet": ".parquet"}[variant]
    return f"ivb_{_slug(topic)}_{_slug(wijk or 'zoetermeer')}_{years}{suffix}"
