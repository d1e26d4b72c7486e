"""Checks on the curated geography: codes that fit their indeling, boundaries that are valid polygons
around Zoetermeer, inhabitants of known wijken, and tabel 5.1's wijken present in the 2025 indeling."""

from __future__ import annotations

import json
import re

from ivb import geometry
from ivb.config import GEMEENTE, WOONOVERLAST_INDELING
from ivb.sources import SourceProblem

GEO_REFERENCES = (
    ("wijkcodes", "bron_id", "open_data_bronnen", "bron_id"),
    ("wijk_inwoners", "bron_id", "open_data_bronnen", "bron_id"),
    ("wijkgrenzen", "bron_id", "open_data_bronnen", "bron_id"),
)
_CODE = {"wijk": re.compile(r"^WK0637\d{2}$"), "buurt": re.compile(r"^BU0637\d{4}$")}
# A box around Zoetermeer (WGS84): a boundary outside it is another place, or lon and lat swapped.
BOX = (4.38, 52.00, 4.62, 52.11)


def _p(table: str, line, column: str | None, message: str) -> SourceProblem:
    return SourceProblem(f"bronnen/{table}.csv", int(line) if line is not None else None, column, message)


def check_geo(tables):
    """Every problem of the geography tables (references are checked with the others in ivb.rules)."""
    codes = tables.get("wijkcodes")
    if codes is None or codes.empty:
        return
    for row in codes.itertuples(index=False):
        if not _CODE[row.soort].match(row.code):
            yield _p("wijkcodes", row.source_line, "code", f"'{row.code}' is geen {row.soort}code van Zoetermeer")
    known = {(r.indeling, r.code) for r in codes.itertuples(index=False)}
    wijken = set(codes["wijk"])
    people = tables.get("wijk_inwoners")
    for row in (people.itertuples(index=False) if people is not None else ()):
        if row.wijk == GEMEENTE:
            continue
        if row.wijk not in wijken:
            yield _p("wijk_inwoners", row.source_line, "wijk", f"'{row.wijk}' is geen wijk in wijkcodes.csv")
        if (row.indeling, row.code) not in known:
            yield _p("wijk_inwoners", row.source_line, "code", f"{row.code} staat niet in wijkcodes.csv voor de indeling {row.indeling}")
    borders = tables.get("wijkgrenzen")
    for row in (borders.itertuples(index=False) if borders is not None else ()):
        if (row.indeling, row.code) not in known:
            yield _p("wijkgrenzen", row.source_line, "code", f"{row.code} staat niet in wijkcodes.csv voor de indeling {row.indeling}")
        try:
            shape = json.loads(row.geometrie)
            box = geometry.bounds(shape)
        except (ValueError, KeyError, TypeError, IndexError):
            yield _p("wijkgrenzen", row.source_line, "geometrie", "geen GeoJSON-polygoon of -multipolygoon")
            continue
        if box[0] < BOX[0] or box[1] < BOX[1] or box[2] > BOX[2] or box[3] > BOX[3]:
            yield _p("wijkgrenzen", row.source_line, "geometrie", "ligt (deels) buiten Zoetermeer; lengte- en breedtegraad verwisseld?")
    woonoverlast = tables.get("woonoverlast")
    in_2025 = set(codes.loc[codes["indeling"] == WOONOVERLAST_INDELING, "wijk"])
    for row in (woonoverlast.itertuples(index=False) if woonoverlast is not None else ()):
        if row.wijk not in in_2025:
            yield _p("woonoverlast", row.source_line, "wijk",
                     f"wijk {row.wijk} staat niet in wijkcodes.csv (indeling {WOONOVERLAST_INDELING})")
