"""``python -m ivb update [--gemeente GM0546]``: fetch the CBS open data of a gemeente and run the same validated import.

Three tables from CBS's OData v3 service, with ``requests``; the police's table is published by CBS for a
third party, on dataderden.cbs.nl, the other two on opendata.cbs.nl:

* 47018NED, the police's registered crime: the rows of the gemeente (for GM0546: GM0546, WK0546.., BU0546..), a
  request per year and region kind, because the service refuses an answer of more than 10.000 rows. They go
  through the police import (``ivb.sources.police_import``): the file's codes decide the indeling, and the rows name
  their source (``politie_47018ned_<name>`` in ``open_data_bronnen``, fetched from CBS that day).
* 70072ned, the average population of each municipality in ``gemeenten.csv``: ``gemeente_inwoners``.
* 85984NED, kerncijfers wijken en buurten 2024: the inhabitants, dwellings, area and density of every
  code that the gemeente's ``wijk_inwoners`` has for 1 January 2024. A gemeente whose wijken are not curated yet gets
  all its wijken and buurten (codes, names, SoortRegio, figures: :func:`regions`) and, from PDOK's OGC API of the CBS
  wijk- en buurtkaart 2024, its wijk boundaries (:func:`boundaries`); ``ivb.sources.wijkdata`` curates them.

A column is found by its name without CBS's ordinal suffix (``AantalInwoners_5`` -> ``AantalInwoners``),
so a new edition with renumbered columns still reads; a column that is gone stops the update. Every
step writes into a copy of the sources and a trial build checks them; only then are the changed
sources replaced (atomically) and the data rebuilt. Offline, a timeout, an HTTP error or a changed
table: a message that says which, and nothing changed.
"""

from __future__ import annotations

import csv
import functools
import os
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import requests

from ivb.gemeente import Gemeente

BASE_URL = "https://opendata.cbs.nl/ODataApi/odata"  # IVB_CBS_URL overrides (tests)
THIRD_PARTY_URL = "https://dataderden.cbs.nl/ODataApi/OData"  # IVB_CBS_DERDEN_URL overrides (tests)
# The CBS wijk- en buurtkaart of the same year as 85984NED, as OGC API Features (GeoJSON, WGS84 lon/lat by default).
PDOK_URL = "https://api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1"  # IVB_PDOK_URL overrides (tests)
TIMEOUT = 30.0  # seconds per request; IVB_CBS_TIMEOUT overrides (tests)
CRIME, POPULATION, KERNCIJFERS = "47018NED", "70072ned", "85984NED"
KERNCIJFERS_YEAR = 2024  # the peildatum (1 January) of the 85984NED edition
CRIME_COLUMNS = ("SoortMisdrijf", "WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven")
POPULATION_COLUMN = "GemiddeldAantalInwoners"  # 70072ned: average population (GemiddeldAantalInwoners_<n>)
# Codes go into the service's $filter: only well-formed GM, WK and BU codes, never a text from a file as such.
_CODE = re.compile(r"^(GM\d{4}|WK\d{6}|BU\d{8})$")
# The wijkindeling of 85984NED and of the wijk- en buurtkaart 2024, named by its year (ivb.wijken): a gemeente whose
# wijken come from CBS has this one. Re-divided in 2025, it gets the codes of 47018NED that 2024 does not know reported
# as unmapped by the police import, until a steward adds its 2025 indeling to wijkcodes.csv.
KWB_INDELING = str(KERNCIJFERS_YEAR)
# The sources of a gemeente's own figures fetched by the update, one row each per gemeente (its code in the bron_id),
# so an update of one gemeente never rewrites whose edit another's figures are; 70072ned is everyone's.
KERNCIJFERS_SOURCE, BORDERS_SOURCE, POPULATION_SOURCE = "cbs_85984ned_odata", "cbs_wijkenbuurtkaart_2024", "cbs_70072ned_odata"


def own_source(source: str, gemeente: Gemeente) -> str:
    """The bron_id of ``source`` (KERNCIJFERS_SOURCE, BORDERS_SOURCE) for the figures of ``gemeente``."""
    return f"{source}_{gemeente.code.lower()}"
KWB_COLUMNS = {"inwoners": "AantalInwoners", "woningen": "Woningvoorraad", "oppervlakte_land_ha": "OppervlakteLand",
               "dichtheid": "Bevolkingsdichtheid"}


def sources(retrieved_on: str, gemeente: Gemeente, borders: bool = False) -> pd.DataFrame:
    """The rows of ``open_data_bronnen`` for what the update for ``gemeente`` fetches straight from CBS (not from a
    re-publication); with ``borders``, also the wijk boundaries from PDOK."""
    where = f"CBS open data (OData v3, {base_url()}), opgehaald op {retrieved_on}"
    fetched = "Bron: CBS, open data (CC BY 4.0), rechtstreeks opgehaald."
    rows = [
        {"bron_id": POPULATION_SOURCE, "tabel": POPULATION, "titel": "Regionale kerncijfers Nederland: gemiddeld aantal inwoners",
         "uitgever": "CBS", "licentie": "CC BY 4.0", "bronvermelding": f"{fetched} Bewerkt voor het IVB-dashboard.",
         "opgehaald_uit": where, "opgehaald_op": retrieved_on, "toelichting": ""},
        {"bron_id": own_source(KERNCIJFERS_SOURCE, gemeente), "tabel": KERNCIJFERS, "titel": "Kerncijfers wijken en buurten 2024",
         "uitgever": "CBS", "licentie": "CC BY 4.0", "bronvermelding": f"{fetched} Bewerkt door de gemeente {gemeente.naam}.",
         "opgehaald_uit": where, "opgehaald_op": retrieved_on,
         "toelichting": f"De wijken en buurten van {gemeente.naam}: inwoners op 1 januari 2024, in de wijkindeling van dat jaar."},
    ]
    if borders:
        rows.append({"bron_id": own_source(BORDERS_SOURCE, gemeente), "tabel": "gebiedsindelingen", "uitgever": "CBS en Kadaster",
                     "titel": "Wijk- en buurtkaart 2024: grenzen van de wijken", "licentie": "CC BY 4.0",
                     "bronvermelding": "Bron: CBS en Kadaster, wijk- en buurtkaart 2024, open data (CC BY 4.0), via PDOK. "
                                       f"Vereenvoudigd door de gemeente {gemeente.naam}.",
                     "opgehaald_uit": f"PDOK, OGC API Features ({pdok_url()}), opgehaald op {retrieved_on}",
                     "opgehaald_op": retrieved_on,
                     "toelichting": f"De wijken van {gemeente.naam} in de wijkindeling 2024; vereenvoudigd tot ongeveer 50 m."})
    return pd.DataFrame(rows)


class UpdateError(Exception):
    """A step of the update failed; the message says which and why, in Dutch."""


class Offline(UpdateError):
    """CBS cannot be reached from this machine."""


def base_url(table: str | None = None) -> str:
    """The service that publishes ``table``: dataderden for the police's 47018NED, opendata for the others."""
    if table == CRIME:
        return os.environ.get("IVB_CBS_DERDEN_URL", THIRD_PARTY_URL).rstrip("/")
    return os.environ.get("IVB_CBS_URL", BASE_URL).rstrip("/")


def pdok_url() -> str:
    """The OGC API of the CBS wijk- en buurtkaart at PDOK."""
    return os.environ.get("IVB_PDOK_URL", PDOK_URL).rstrip("/")


def _starts_with(field: str, codes: list[str]) -> str:
    """An OData filter on codes. ``startswith``, because CBS pads region keys with spaces (``'WK054600  '``)."""
    bad = [c for c in codes if not _CODE.match(c)]
    if bad:
        raise UpdateError(f"'{bad[0][:20]}' is geen CBS-regiocode; de update is gestopt")
    return " or ".join(f"startswith({field},'{code}')" for code in codes)


def _own(field: str, gemeente: Gemeente, kinds: tuple[str, ...] = ("GM", "WK", "BU")) -> str:
    """An OData filter on the regions of ``gemeente``: its code, its wijken (WK + its number), its buurten."""
    if not _CODE.match(gemeente.code):
        raise UpdateError(f"'{gemeente.code[:20]}' is geen gemeentecode; de update is gestopt")
    return " or ".join(f"startswith({field},'{kind}{gemeente.number}')" for kind in kinds)


def _timeout() -> float:
    return float(os.environ.get("IVB_CBS_TIMEOUT", TIMEOUT))


def _get(session: requests.Session, url: str, params: dict | None, table: str, pdok: bool = False) -> dict:
    """The JSON object at ``url``; UpdateError that names the service (CBS or PDOK) and what was asked of it."""
    who, what = ("PDOK", table) if pdok else ("CBS", f"tabel {table}")
    try:
        response = session.get(url, params=params, timeout=_timeout())
    except requests.exceptions.Timeout as exc:
        raise UpdateError(f"{who} gaf voor {what} binnen {_timeout():g} s geen antwoord; probeer het later opnieuw") from exc
    except requests.exceptions.ConnectionError as exc:
        home = f"PDOK ({pdok_url()})" if pdok else f"CBS open data ({base_url(table)})"
        raise Offline(f"geen verbinding met {home}; deze computer is offline of {who} is onbereikbaar") from exc
    except requests.exceptions.RequestException as exc:
        raise UpdateError(f"het ophalen van {what} bij {who} mislukte ({type(exc).__name__})") from exc
    if response.status_code != 200:
        raise UpdateError(f"{who} antwoordde voor {what} met HTTP {response.status_code}")
    try:
        answer = response.json()
    except ValueError as exc:
        raise UpdateError(f"het antwoord van {who} voor {what} is geen JSON") from exc
    if not isinstance(answer, dict):
        raise UpdateError(f"het antwoord van {who} voor {what} heeft niet de vorm van {'GeoJSON' if pdok else 'OData'}")
    return answer


def fetch(session: requests.Session, table: str, filter_: str | None = None, progress: Callable[[int], None] = lambda n: None,
          part: str = "TypedDataSet") -> list[dict]:
    """Every row of ``table`` (``part``) that ``filter_`` selects, following the service's next links."""
    url, params, rows = f"{base_url(table)}/{table}/{part}", {"$format": "json"}, []
    if filter_:
        params["$filter"] = filter_
    while url:
        answer = _get(session, url, params, table)
        if not isinstance(answer.get("value"), list):
            raise UpdateError(f"het antwoord van CBS voor tabel {table} heeft geen regels ('value')")
        if not all(isinstance(row, dict) for row in answer["value"]):
            raise UpdateError(f"het antwoord van CBS voor tabel {table} heeft regels zonder velden")
        rows += answer["value"]
        progress(len(rows))
        url, params = answer.get("odata.nextLink"), None
    return rows


def column(rows: list[dict], name: str, table: str) -> str:
    """The key of the column called ``name`` (with or without CBS's ordinal suffix); UpdateError when it is gone."""
    keys = rows[0].keys() if rows else ()
    for key in keys:
        if key == name or (key.rsplit("_", 1)[0] == name and key.rsplit("_", 1)[-1].isdigit()):
            return key
    raise UpdateError(f"tabel {table} van CBS heeft geen kolom {name} meer; de tabel is veranderd en de update is gestopt")


def _offset(progress: Callable[[int], None], done: int, rows: int) -> None:
    progress(done + rows)


def _strip(value) -> str:
    return "" if value is None else str(value).strip()


def crime_file(session: requests.Session, target: Path, progress, gemeente: Gemeente) -> int:
    """Write the rows of ``gemeente`` in 47018NED to ``target`` as the CSV the police import reads; the row count."""
    periods = [_strip(p.get("Key")) for p in fetch(session, CRIME, part="Perioden")]
    years = sorted({p[:4] for p in periods if p.endswith("JJ00")})
    if not years:
        raise UpdateError(f"tabel {CRIME} van CBS noemt geen jaren (Perioden)")
    rows: list[dict] = []
    for year in years:
        for kinds in (("GM", "WK"), ("BU",)):
            regions = _own("WijkenEnBuurten", gemeente, kinds)
            done = len(rows)
            rows += fetch(session, CRIME, f"Perioden eq '{year}JJ00' and ({regions})", functools.partial(_offset, progress, done))
    if not rows:
        raise UpdateError(f"tabel {CRIME} van CBS gaf geen regels van {gemeente.naam}")
    keys = [column(rows, name, CRIME) for name in CRIME_COLUMNS]
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["ID", "SoortMisdrijf", "WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1"])
        for number, row in enumerate(rows):
            writer.writerow([number, *(_strip(row.get(k)) for k in keys)])
    return len(rows)


def population(session: requests.Session, municipalities: list[str], progress) -> pd.DataFrame:
    """The average population per year of ``municipalities`` (70072ned), as rows of ``gemeente_inwoners``."""
    rows = fetch(session, POPULATION, _starts_with("RegioS", municipalities), progress)
    if not rows:
        raise UpdateError(f"tabel {POPULATION} van CBS gaf geen regels voor de gemeenten van het dashboard")
    region, period, people = (column(rows, n, POPULATION) for n in ("RegioS", "Perioden", POPULATION_COLUMN))
    found = [{"gemeentecode": _strip(r[region]), "jaar": _strip(r[period])[:4], "gemiddeld_aantal_inwoners": _count(r[people], POPULATION),
              "bron_id": POPULATION_SOURCE} for r in rows if r.get(people) is not None and _strip(r[period]).endswith("JJ00")]
    return pd.DataFrame(found, columns=["gemeentecode", "jaar", "gemiddeld_aantal_inwoners", "bron_id"])


def kerncijfers(session: requests.Session, codes: list[str], progress) -> dict[str, dict[str, int | None]]:
    """Per code (GM/WK/BU) the figures of 85984NED that ``wijk_inwoners`` carries."""
    rows = fetch(session, KERNCIJFERS, _starts_with("WijkenEnBuurten", codes), progress)
    if not rows:
        raise UpdateError(f"tabel {KERNCIJFERS} van CBS gaf geen regels voor de wijken van het dashboard")
    region = column(rows, "WijkenEnBuurten", KERNCIJFERS)
    keys = {ours: column(rows, theirs, KERNCIJFERS) for ours, theirs in KWB_COLUMNS.items()}
    return {_strip(r[region]): {ours: (None if r.get(k) is None else _count(r[k], KERNCIJFERS)) for ours, k in keys.items()}
            for r in rows if _strip(r[region]) in codes}


def _count(value, table: str) -> int:
    """A whole number from the service; UpdateError (not a traceback) for anything else."""
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise UpdateError(f"tabel {table} van CBS geeft '{str(value)[:20]}' waar een aantal hoort") from exc
    if not number.is_integer():
        raise UpdateError(f"tabel {table} van CBS geeft {number:g} waar een geheel aantal hoort")
    return int(number)


def regions(session: requests.Session, gemeente: Gemeente, progress) -> list[dict]:
    """Every region of ``gemeente`` in 85984NED, the gemeente, its wijken and its buurten: code, soort (SoortRegio),
    cbs_naam (the title of the code) and the figures that ``wijk_inwoners`` carries (None where CBS gives none)."""
    rows = fetch(session, KERNCIJFERS, _own("WijkenEnBuurten", gemeente), progress)
    if not rows:
        raise UpdateError(f"tabel {KERNCIJFERS} van CBS gaf geen wijken en buurten van {gemeente.naam}")
    titles = {_strip(r.get("Key")): _strip(r.get("Title")) for r in fetch(session, KERNCIJFERS, _own("Key", gemeente),
                                                                          part="WijkenEnBuurten")}
    region, kind = column(rows, "WijkenEnBuurten", KERNCIJFERS), column(rows, "SoortRegio", KERNCIJFERS)
    keys = {ours: column(rows, theirs, KERNCIJFERS) for ours, theirs in KWB_COLUMNS.items()}
    found = []
    for row in rows:
        code, soort = _strip(row[region]), _strip(row[kind]).casefold()
        if {"gemeente": "GM", "wijk": "WK", "buurt": "BU"}.get(soort) != code[:2] or not _CODE.match(code):
            raise UpdateError(f"tabel {KERNCIJFERS} van CBS noemt '{code[:20]}' een {soort or 'regio zonder soort'}; "
                              "de tabel is veranderd en de update is gestopt")
        found.append({"code": code, "soort": soort, "cbs_naam": titles.get(code) or code,
                      **{ours: None if row.get(k) is None else _count(row[k], KERNCIJFERS) for ours, k in keys.items()}})
    return found


def boundaries(session: requests.Session, gemeente: Gemeente, progress) -> list[dict]:
    """The wijken of ``gemeente`` in the wijk- en buurtkaart 2024 (PDOK, OGC API Features): GeoJSON features in
    WGS84, following the service's next links."""
    url, params = f"{pdok_url()}/collections/wijken/items", {"gemeentecode": gemeente.code, "f": "json", "limit": 1000}
    features: list[dict] = []
    while url:
        answer = _get(session, url, params, "de wijkgrenzen", pdok=True)
        if not isinstance(answer.get("features"), list) or not all(isinstance(f, dict) for f in answer["features"]):
            raise UpdateError("het antwoord van PDOK voor de wijkgrenzen heeft geen lijst 'features'")
        features += answer["features"]
        progress(len(features))
        links = answer.get("links") if isinstance(answer.get("links"), list) else []
        url = next((link.get("href") for link in links if isinstance(link, dict) and link.get("rel") == "next"), None)
        params = None
    if not features:
        raise UpdateError(f"PDOK gaf geen wijkgrenzen van {gemeente.naam}")
    return features


def refresh_inhabitants(people: pd.DataFrame, figures: dict[str, dict], retrieved_on: str, gemeente: Gemeente) -> pd.DataFrame:
    """``wijk_inwoners`` (as text) of ``gemeente`` with the 1 January 2024 figures replaced by those of 85984NED, code
    by code; a row that changes names its new source."""
    updated = people.copy()
    for index, row in updated.iterrows():
        fresh = figures.get(row["code"])
        if row["jaar"] != str(KERNCIJFERS_YEAR) or fresh is None:
            continue
        new = {ours: str(value) for ours, value in fresh.items() if value is not None and (ours == "inwoners" or row[ours] != "")}
        if any(row[ours] != value for ours, value in new.items()):
            for ours, value in new.items():
                updated.at[index, ours] = value
            updated.at[index, "bron_id"] = own_source(KERNCIJFERS_SOURCE, gemeente)
            updated.at[index, "vindplaats"] = f"CBS open data, {KERNCIJFERS}, opgehaald op {retrieved_on}"
    return updated
