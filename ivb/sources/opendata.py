"""Curation of the CBS/police open data about Zoetermeer and its comparison group into data/bronnen.

``python -m ivb import-opendata DIR`` reads the published files as they were recovered (47018NED
municipal rows with 70072ned populations, the 47018NED offence codes, 70072ned populations; see
their README) and writes the curated sources: ``open_data_bronnen``, ``gemeenten``,
``soorten_misdrijf``, ``gemeente_inwoners`` and ``gemeente_misdrijven``, and with
:mod:`ivb.sources.wijkdata` the geography (``wijkcodes``, ``wijk_inwoners``, ``buurt_inwoners``, ``wijkgrenzen``). Every
row keeps its source; the rate per 1.000 is marked derived (the re-publisher computed it). The sources of the
imported police files stay in ``open_data_bronnen`` (:func:`keep_listed`). The build then
validates them as strictly as the document figures; nothing is written when a file is missing
or malformed, and every write replaces a file atomically.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ivb.sources import wijkdata
from ivb.sources.records import SourceProblem, replace_file
from ivb.sources.schema import TABLES_BY_NAME

CRIME_FILE = "gemeente_misdrijven_47018NED.csv"
POPULATION_FILE = "gemeente_inwoners_70072ned.csv"
CODES_FILE = "soortmisdrijf_47018NED.csv"
LICENCE = "CC BY 4.0"
ATTRIBUTION = ("Bron: CBS en Politie, open data (CC BY 4.0). Overgenomen uit een herpublicatie (zie Data en bronnen); "
               "het aantal per 1.000 inwoners is door die herpublicatie berekend. Bewerkt door de gemeente Zoetermeer.")
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


def curate(directory: Path) -> dict[str, pd.DataFrame]:
    """The curated sources from the files in ``directory``; raise ValueError listing the problems."""
    if not directory.is_dir():
        raise ValueError(f"{directory}: " + ("is geen map" if directory.exists() else "map bestaat niet"))
    crimes, p1 = _require(directory / CRIME_FILE, ("gemeentecode", "gemeente", "jaar", "soortmisdrijf_code",
                                                    "geregistreerde_misdrijven", "per_1000_inwoners", "voorlopig"))
    people, p2 = _require(directory / POPULATION_FILE, ("gemeentecode", "jaar", "gemiddeld_aantal_inwoners_70072ned"))
    codes, p3 = _require(directory / CODES_FILE, ("code", "title"))
    if p1 or p2 or p3:
        raise ValueError("\n".join(str(p) for p in p1 + p2 + p3))
    geography = wijkdata.curate(directory)
    sources = pd.DataFrame(
        [{**s, "licentie": LICENCE, "bronvermelding": ATTRIBUTION, "opgehaald_uit": RETRIEVED[s["bron_id"]],
          "opgehaald_op": TAKEN_ON} for s in SOURCES]
        + [{**s, "licentie": LICENCE, "bronvermelding": wijkdata.GEO_ATTRIBUTION, "opgehaald_op": TAKEN_ON}
           for s in wijkdata.SOURCES])
    municipalities = crimes[["gemeentecode", "gemeente"]].drop_duplicates().sort_values("gemeentecode")
    municipalities = municipalities.assign(toelichting=["" if c == "GM0637" else "vergelijkingsgemeente in het bestand"
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


def keep_listed(curated: dict[str, pd.DataFrame], target: Path) -> dict[str, pd.DataFrame]:
    """``curated`` with the rows of ``open_data_bronnen`` in ``target`` that a table this import does not write still
    names (the sources of the imported police files), after the curated ones."""
    path = target / "open_data_bronnen.csv"
    if "open_data_bronnen" not in curated or not path.exists():
        return curated
    listed = pd.read_csv(path, dtype=str, keep_default_na=False)
    used: set[str] = set()
    for table in TABLES_BY_NAME.values():
        other = target / table.file_name
        if table.name not in curated and "bron_id" in table.column_names and other.exists():
            used |= set(pd.read_csv(other, dtype=str, keep_default_na=False, usecols=["bron_id"])["bron_id"])
    own = set(curated["open_data_bronnen"]["bron_id"])
    kept = listed[listed["bron_id"].isin(used) & ~listed["bron_id"].isin(own)]
    return {**curated, "open_data_bronnen": pd.concat([curated["open_data_bronnen"], kept], ignore_index=True)}


def write(sources: dict[str, pd.DataFrame], target: Path) -> None:
    """Write every curated source into ``target`` (data/bronnen), each replaced atomically."""
    for name, frame in sources.items():
        text = frame[list(TABLES_BY_NAME[name].column_names)].to_csv(index=False, lineterminator="\n")
        replace_file(target / f"{name}.csv", text.encode("utf-8"))


def restore(before: dict[str, bytes | None], target: Path) -> None:
    """Put the sources back as they were before a failed import (None: the file did not exist)."""
    for name, data in before.items():
        path = target / f"{name}.csv"
        if data is None:
            path.unlink(missing_ok=True)
        else:
            replace_file(path, data)
