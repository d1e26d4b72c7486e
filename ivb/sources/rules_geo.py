"""Checks on a gemeente's curated geography: codes of that gemeente, boundaries that are valid polygons in the
Netherlands, inhabitants of known wijken and buurten, and the woonoverlast wijken present in the newest indeling."""

from __future__ import annotations

import json
import re

from ivb import wijken
from ivb.gemeente import Gemeente
from ivb.sources import geometry
from ivb.sources.records import SourceProblem

GEO_REFERENCES = (
    ("wijkcodes", "bron_id", "open_data_bronnen", "bron_id"),
    ("wijk_inwoners", "bron_id", "open_data_bronnen", "bron_id"),
    ("wijkgrenzen", "bron_id", "open_data_bronnen", "bron_id"),
    ("buurt_inwoners", "bron_id", "open_data_bronnen", "bron_id"),
)
_CODE = {"wijk": r"^WK{}\d{{2}}$", "buurt": r"^BU{}\d{{4}}$"}
# A box around the Netherlands (WGS84, lon then lat): a boundary outside it has lon and lat swapped, or is in metres.
BOX = (3.2, 50.7, 7.3, 53.6)


def _p(table: str, line, column: str | None, message: str) -> SourceProblem:
    return SourceProblem(f"bronnen/{table}.csv", int(line) if line is not None else None, column, message)


def check_geo(tables, gemeente: Gemeente):
    """Every problem of the geography tables (references are checked with the others in ivb.sources.rules)."""
    codes = tables.get("wijkcodes")
    yield from _buurten(codes, tables.get("buurt_inwoners"))
    if codes is None or codes.empty:
        return
    patterns = {soort: re.compile(pattern.format(gemeente.number)) for soort, pattern in _CODE.items()}
    for row in codes.itertuples(index=False):
        if not patterns[row.soort].match(row.code):
            yield _p("wijkcodes", row.source_line, "code", f"'{row.code}' is geen {row.soort}code van {gemeente.naam}")
    known = {(r.indeling, r.code) for r in codes.itertuples(index=False)}
    named = set(codes["wijk"])
    people = tables.get("wijk_inwoners")
    for row in (people.itertuples(index=False) if people is not None else ()):
        if row.wijk == gemeente.naam:
            continue
        if row.wijk not in named:
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
            yield _p("wijkgrenzen", row.source_line, "geometrie", "ligt (deels) buiten Nederland; lengte- en breedtegraad verwisseld?")
    woonoverlast = tables.get("woonoverlast")
    newest = wijken.newest(codes["indeling"])
    in_newest = set(codes.loc[codes["indeling"] == newest, "wijk"])
    for row in (woonoverlast.itertuples(index=False) if woonoverlast is not None else ()):
        if row.wijk not in in_newest:
            yield _p("woonoverlast", row.source_line, "wijk",
                     f"wijk {row.wijk} staat niet in wijkcodes.csv (de nieuwste indeling, {newest})")


def _buurten(codes, people):
    """Inhabitants of a buurt: a buurt of its indeling in wijkcodes, in the wijk wijkcodes gives it there."""
    buurten = {} if codes is None else codes[codes["soort"] == "buurt"].set_index(["indeling", "code"])["wijk"].to_dict()
    for row in (people.itertuples(index=False) if people is not None else ()):
        wijk = buurten.get((row.indeling, row.code))
        if wijk is None:
            yield _p("buurt_inwoners", row.source_line, "code", f"{row.code} is geen buurt van de indeling {row.indeling} "
                                                                "in wijkcodes.csv")
        elif row.wijk != wijk:
            yield _p("buurt_inwoners", row.source_line, "wijk", f"buurt {row.code} ligt volgens wijkcodes.csv in {wijk}, "
                                                                f"niet in {row.wijk}")
