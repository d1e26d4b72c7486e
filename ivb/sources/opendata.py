"""Curation of the CBS/police open data about a gemeente and its comparison group into data/bronnen.

``python -m ivb import-opendata DIR [--gemeente CODE]`` reads the published files as they were recovered (47018NED
municipal rows with 70072ned populations, the 47018NED offence codes, 70072ned populations; see
their README) and writes the curated sources: ``open_data_bronnen``, ``gemeenten``,
``soorten_misdrijf``, ``gemeente_inwoners`` and ``gemeente_misdrijven``, and with
:mod:`ivb.sources.wijkdata` the gemeente's geography (``<code>/wijkcodes``, ``wijk_inwoners``, ``buurt_inwoners``,
``wijkgrenzen``). Every row keeps its source; the rate per 1.000 is marked derived (the re-publisher computed it).
The sources that other files still name (imported police files, another gemeente's wijken) stay in
``open_data_bronnen`` (:func:`keep_listed`). The build then validates them as strictly as the document figures;
nothing is written when a file is missing or malformed, and every write replaces a file atomically.

:func:`wijken_from_cbs` curates the wijken of a gemeente that has no recovered files, from what ``python -m ivb
update`` fetches: its wijken and buurten of CBS 85984NED, each its own dashboard wijk, and the wijk boundaries of the
CBS wijk- en buurtkaart, simplified for an overview map.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from ivb.gemeente import Gemeente
from ivb.sources import cbs, geometry, layout, wijkdata
from ivb.sources.records import SourceProblem
from ivb.sources.schema import TABLES_BY_NAME

CRIME_FILE = "gemeente_misdrijven_47018NED.csv"
POPULATION_FILE = "gemeente_inwoners_70072ned.csv"
CODES_FILE = "soortmisdrijf_47018NED.csv"
LICENCE = "CC BY 4.0"
# The open data every gemeente shares: edited for the dashboard, not by one gemeente (its own sources say which).
ATTRIBUTION = ("Bron: CBS en Politie, open data (CC BY 4.0). Overgenomen uit een herpublicatie (zie Data en bronnen); "
               "het aantal per 1.000 inwoners is door die herpublicatie berekend. Bewerkt voor het IVB-dashboard.")
TAKEN_ON = "2026-12-01"  # the day these recovered copies were taken into data/bronnen
RETRIEVED = {  # where each recovered copy was taken from (repository, path, commit)
    "cbs_47018ned": "luc4sdreyer/dutch_demographics, web/data.json, 7022798a3be2b87d66b7952b0aedbde269ed8c20",
    "cbs_70072ned": "luc4sdreyer/dutch_demographics, web/data.json, 7022798a3be2b87d66b7952b0aedbde269ed8c20",
    "cbs_47018ned_codes": "Pleijten-dev/GroosHub, src/features/location/data/normalizers/safetyKeyNormalizer.ts, "
                          "011a79d8623e82ff131561d46ae3a37d5c75138f",
}
SOURCES = [
    {"bron_id": "cbs_47018ned", "tabel": "47018NED", "uitgever": "Politie en CBS",
     "titel": "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers (gemeenten)",
     "toelichting": "Cijfers per gemeente; 2024 en 2025 zijn voorlopig. Het aantal per 1.000 inwoners is afgeleid."},
    {"bron_id": "cbs_47018ned_codes", "tabel": "47018NED", "uitgever": "Politie en CBS",
     "titel": "Geregistreerde misdrijven: de codes voor soort misdrijf", "toelichting": ""},
    {"bron_id": "cbs_70072ned", "tabel": "70072ned", "uitgever": "CBS",
     "titel": "Regionale kerncijfers Nederland: gemiddeld aantal inwoners", "toelichting": ""},
]


def _require(path: Path, columns: tuple[str, ...]) -> tuple[pd.DataFrame | None, list]:
    if not path.is_file():
        return None, [SourceProblem(path.name, None, None, "bestand ontbreekt")]
    try:
        frame = wijkdata.read_csv(path)
    except wijkdata.CurationError as exc:
        return None, [str(exc)]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        return None, [SourceProblem(path.name, 1, None, "kolommen ontbreken: " + ", ".join(missing))]
    return frame, []


def curate(directory: Path, gemeente: Gemeente) -> dict[str, pd.DataFrame]:
    """The curated sources from the files in ``directory``, the geography of ``gemeente``'s; raise ValueError listing
    the problems."""
    if not directory.is_dir():
        raise ValueError(f"{directory}: " + ("is geen map" if directory.exists() else "map bestaat niet"))
    crimes, p1 = _require(directory / CRIME_FILE, ("gemeentecode", "gemeente", "jaar", "soortmisdrijf_code",
                                                    "geregistreerde_misdrijven", "per_1000_inwoners", "voorlopig"))
    people, p2 = _require(directory / POPULATION_FILE, ("gemeentecode", "jaar", "gemiddeld_aantal_inwoners_70072ned"))
    codes, p3 = _require(directory / CODES_FILE, ("code", "title"))
    if p1 or p2 or p3:
        raise ValueError("\n".join(str(p) for p in p1 + p2 + p3))
    geography = wijkdata.curate(directory, gemeente)
    sources = pd.DataFrame(
        [{**s, "licentie": LICENCE, "bronvermelding": ATTRIBUTION, "opgehaald_uit": RETRIEVED[s["bron_id"]],
          "opgehaald_op": TAKEN_ON} for s in SOURCES]
        + [{**s, "licentie": LICENCE, "bronvermelding": wijkdata.geo_attribution(gemeente.naam), "opgehaald_op": TAKEN_ON}
           for s in wijkdata.sources(gemeente.naam, geography.get("wijkcodes"))])
    municipalities = crimes[["gemeentecode", "gemeente"]].drop_duplicates().sort_values("gemeentecode")
    # The file compares one gemeente (the one it is imported for) with the others in it.
    municipalities = municipalities.assign(toelichting=["" if c == gemeente.code else "vergelijkingsgemeente in het bestand"
                                                        for c in municipalities["gemeentecode"]])
    return {
        "open_data_bronnen": sources,
        "gemeenten": municipalities,
        "soorten_misdrijf": pd.DataFrame({"misdrijf_code": codes["code"], "titel": codes["title"], "bron_id": "cbs_47018ned_codes"}),
        "gemeente_inwoners": pd.DataFrame({
            "gemeentecode": people["gemeentecode"], "jaar": people["jaar"],
            "gemiddeld_aantal_inwoners": people["gemiddeld_aantal_inwoners_70072ned"], "bron_id": "cbs_70072ned",
        }),
        "gemeente_misdrijven": pd.DataFrame({
            "gemeentecode": crimes["gemeentecode"], "jaar": crimes["jaar"], "misdrijf_code": crimes["soortmisdrijf_code"],
            "aantal": crimes["geregistreerde_misdrijven"], "per_1000_inwoners": crimes["per_1000_inwoners"],
            "per_1000_afgeleid": "ja", "voorlopig": crimes["voorlopig"], "bron_id": "cbs_47018ned",
        }),
        **geography,
    }


def keep_listed(curated: dict[str, pd.DataFrame], target: Path, code: str) -> dict[str, pd.DataFrame]:
    """``curated`` with the rows of ``open_data_bronnen`` in ``target`` that a file this import does not write still
    names (imported police files, another gemeente's wijken), after the curated ones. ``code``: the gemeente whose
    own tables ``curated`` holds."""
    path = target / "open_data_bronnen.csv"
    if "open_data_bronnen" not in curated or not path.exists():
        return curated
    listed = pd.read_csv(path, dtype=str, keep_default_na=False)
    used = layout.bron_ids(target, skip={layout.path(target, name, code) for name in curated})
    own = set(curated["open_data_bronnen"]["bron_id"])
    kept = listed[listed["bron_id"].isin(used) & ~listed["bron_id"].isin(own)]
    return {**curated, "open_data_bronnen": pd.concat([curated["open_data_bronnen"], kept], ignore_index=True)}


def files(sources: dict[str, pd.DataFrame], target: Path, code: str) -> dict[Path, bytes]:
    """The bytes of every curated source at its place under ``target`` (data/bronnen; a gemeente's own in
    ``<code>/``), with the other files of a group it starts laid out header-only."""
    written = {layout.path(target, name, code): frame[list(TABLES_BY_NAME[name].column_names)].to_csv(
        index=False, lineterminator="\n").encode("utf-8") for name, frame in sources.items()}
    return {**written, **layout.missing(target, code, list(sources))}


# The boundaries of the wijk- en buurtkaart follow every parcel; an overview map needs about 50 m (WGS84 degrees).
TOLERANCE = 0.0005


def wijken_from_cbs(gemeente: Gemeente, regions: list[dict], features: list[dict], retrieved_on: str,
                    indeling: str = cbs.KWB_INDELING) -> dict[str, pd.DataFrame]:
    """The four geography sources of ``gemeente`` from CBS (:func:`ivb.sources.cbs.regions` and
    :func:`~ivb.sources.cbs.boundaries`): every wijk its own dashboard wijk, under its own name; the inhabitants on
    1 January of 85984NED's year; the wijk boundaries simplified. Raises CurationError when they do not fit together.
    """
    where = f"CBS open data, {cbs.KERNCIJFERS}, opgehaald op {retrieved_on}"
    source = cbs.own_source(cbs.KERNCIJFERS_SOURCE, gemeente)
    wijken = {r["code"]: r for r in regions if r["soort"] == "wijk"}
    names = [wijkdata.own_name(r["cbs_naam"]) for r in wijken.values()]
    # Two wijken of one name, or a wijk named as its gemeente (the figure of the whole gemeente is under that name).
    named = {code: name if names.count(name) == 1 and name != gemeente.naam else f"{name} (wijk {code[-2:]})"
             for code, name in zip(wijken, names)}
    codes, people, buurten = [], [], []
    for r in regions:
        wijk = gemeente.naam if r["soort"] == "gemeente" else named.get(r["code"] if r["soort"] == "wijk" else "WK" + r["code"][2:8])
        if wijk is None:
            raise wijkdata.CurationError(f"{cbs.KERNCIJFERS}: buurt {r['code']} ligt in een wijk die de tabel niet noemt")
        if r["soort"] != "gemeente":
            codes.append({"indeling": indeling, "code": r["code"], "soort": r["soort"], "cbs_naam": r["cbs_naam"], "wijk": wijk,
                          "naam_tabel_5_1": "", "bron_id": source, "vindplaats": where})
        figures = {k: "" if r[k] is None else str(r[k]) for k in cbs.KWB_COLUMNS}
        common = {"jaar": str(cbs.KERNCIJFERS_YEAR), "code": r["code"], "cbs_naam": r["cbs_naam"], "wijk": wijk,
                  "afgeleid": "nee", "bron_id": source, "vindplaats": where}
        if r["soort"] == "buurt":
            buurten.append({**common, "indeling": indeling, "inwoners": figures["inwoners"],
                            "toelichting": "" if figures["inwoners"] else "de bron geeft voor deze buurt geen inwonertal"})
        elif figures["inwoners"]:
            people.append({**common, **figures, "indeling": "" if r["soort"] == "gemeente" else indeling, "toelichting": ""})
    curated = {"wijkcodes": codes, "wijk_inwoners": people, "buurt_inwoners": buurten}
    return {**{name: pd.DataFrame(rows, columns=list(TABLES_BY_NAME[name].column_names)) for name, rows in curated.items()},
            "wijkgrenzen": _borders(features, wijken, indeling, retrieved_on, cbs.own_source(cbs.BORDERS_SOURCE, gemeente))}


def _borders(features: list[dict], wijken: dict[str, dict], indeling: str, retrieved_on: str, source: str) -> pd.DataFrame:
    """One row of ``wijkgrenzen`` per wijk of ``wijken``: its polygons of ``features`` (land only) in one shape."""
    shapes: dict[str, list] = {}
    for feature in features:
        props = feature.get("properties") or {}
        if str(props.get("water", "")).upper() == "JA":
            continue
        code = str(props.get("wijkcode") or props.get("statcode") or "").strip()
        if code not in wijken:
            raise wijkdata.CurationError(f"de wijkgrenzen van PDOK noemen '{code[:20]}', geen wijk van {cbs.KERNCIJFERS}")
        try:
            shapes.setdefault(code, []).extend(geometry.polygons(feature["geometry"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise wijkdata.CurationError(f"de wijkgrens van {code} bij PDOK is geen polygoon") from exc
    rows = []
    for code, polygons in shapes.items():
        kept = [p for p in (_simplified(polygon) for polygon in polygons) if p] or [_simplified(polygons[0], 0.0)]
        shape = {"type": "Polygon", "coordinates": kept[0]} if len(kept) == 1 else {"type": "MultiPolygon", "coordinates": kept}
        rows.append({"indeling": indeling, "code": code, "cbs_naam": wijken[code]["cbs_naam"],
                     "geometrie": json.dumps(shape, separators=(",", ":")), "bron_id": source,
                     "vindplaats": f"PDOK, CBS wijk- en buurtkaart 2024, collectie wijken, opgehaald op {retrieved_on}; vereenvoudigd"})
    return pd.DataFrame(rows, columns=list(TABLES_BY_NAME["wijkgrenzen"].column_names))


def _simplified(polygon: list, tolerance: float = TOLERANCE) -> list:
    """The polygon's rings simplified (Douglas-Peucker) and rounded to 4 decimals (about 10 m); a hole that becomes
    too small goes, and so does the polygon (an islet, a sliver) when its outer ring does: then []."""
    rings = []
    for index, ring in enumerate(polygon):
        points = [[round(float(x), 4), round(float(y), 4)] for x, y, *_ in _douglas_peucker(ring, tolerance)]
        points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        if len(points) >= 4:
            rings.append(points)
        elif index == 0:
            return []
    return rings


def _douglas_peucker(points: list, tolerance: float) -> list:
    """The points of a line (or closed ring) that keep every other point within ``tolerance`` of it; its ends stay."""
    keep, spans = {0, len(points) - 1}, [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        (x1, y1), (x2, y2) = points[first][:2], points[last][:2]
        length = math.hypot(x2 - x1, y2 - y1)
        far, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i][:2]
            distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length if length else math.hypot(x - x1, y - y1)
            if distance > far:
                far, index = distance, i
        if index is not None and far > tolerance:
            keep.add(index)
            spans += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]
