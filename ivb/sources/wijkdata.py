"""Curation of a gemeente's geography from recovered CBS files: wijk and buurt codes per indeling, inhabitants
per wijk and per buurt (2017 and 2024, the buurten of 2014-2024), and the wijk boundaries (see the README of those
files). The files are named after the gemeente (``<slug>_wijken_codes_names.csv`` ...; the slug of its name in
``gemeenten.csv``); they exist for the gemeente the dashboard was first made for. Another gemeente's wijken come
straight from CBS with ``python -m ivb update --gemeente`` (:func:`ivb.sources.opendata.wijken_from_cbs`).

Part of ``python -m ivb import-opendata DIR [--gemeente CODE]``. Each CBS wijk is given the dashboard wijk it belongs
to: the name tabel 5.1 uses where it matches (two or more CBS wijken of 2025 can be one wijk of tabel 5.1), otherwise
its own name. A figure keeps its CBS code and indeling, so a page can say which area it is really about.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd

from ivb import config, wijken
from ivb.gemeente import Gemeente
from ivb.sources.problems import unreadable
from ivb.sources.records import Records, SourceProblem, csv_error

# The recovered files, each named after the gemeente: {} is the slug of its name (ivb.gemeente.slug).
CODES_FILE = "{}_wijken_codes_names.csv"
BUURTEN_OLD_FILE = "{}_buurten_2014_2024.csv"
BUURTEN_NEW_FILE = "{}_buurten_2025.csv"
INHABITANTS_FILE = "{}_wijk_inwoners.csv"
BOUNDARIES = {"2014-2024": "{}_wijken_2023.geojson", "2025": "{}_wijken_2025.geojson"}
# The wijken of tabel 5.1 of the recovered files' jaarverslag, as it spells them (config.WIJKEN, and "Buytenweg").
TABEL_5_1 = {**{w.casefold(): w for w in config.WIJKEN}, "buytenweg": "Buytenwegh", "leyens": "De Leyens"}
OLD_YEARS = ("2014", "2023", "2024")  # the code lists of the 2014-2024 indeling, which must agree
BUURTEN_OLD_RETRIEVED = "dat-nguyen96/Micro-Neighbourhood, backend/data/ (commits f78ed864, e2b0bbd8)"
BUURTEN_NEW_RETRIEVED = "cartomap/nl, wgs84/buurt_2025.geojson, 01e3b4cea860e7bb5dc3bddbfff72d3e4f4709e6"


def geo_attribution(naam: str) -> str:
    """The attribution of the recovered geography, with who edited it."""
    return ("Bron: CBS en Kadaster, wijk- en buurtindeling en kerncijfers wijken en buurten, open data (CC BY 4.0). "
            f"Overgenomen uit herpublicaties (zie Data en bronnen). Bewerkt door de gemeente {naam}.")


def sources(naam: str, codes: pd.DataFrame | None = None) -> list[dict[str, str]]:
    """The rows of ``open_data_bronnen`` of the recovered geography of the gemeente ``naam`` (``codes``: its curated
    wijkcodes, to count its wijken per indeling)."""
    counted = "" if codes is None else " en ".join(
        f"{indeling} ({n} wijken)" for indeling, n in codes[codes["soort"] == "wijk"].groupby("indeling")["code"].nunique().items())
    return [{**row, "titel": row["titel"].format(naam), "toelichting": row["toelichting"].format(counted or "2014-2024 en 2025")}
            for row in SOURCES]


SOURCES = [  # {} in a title is the gemeente's name, in the first toelichting its indelingen with their wijken
    {"bron_id": "cbs_gebiedsindelingen", "tabel": "gebiedsindelingen", "uitgever": "CBS en Kadaster",
     "titel": "Wijk- en buurtindeling van {}: codes, namen en gegeneraliseerde grenzen",
     "opgehaald_uit": "per regel, kolom vindplaats",
     "toelichting": "Indeling {}; de grenzen van 2023 gelden voor de indeling 2014-2024. Gegeneraliseerd tot "
                    "ongeveer 100 m."},
    {"bron_id": "cbs_85984ned", "tabel": "85984NED", "uitgever": "CBS", "titel": "Kerncijfers wijken en buurten 2024",
     "opgehaald_uit": "per regel, kolom vindplaats", "toelichting": "Inwoners op 1 januari 2024, indeling 2014-2024."},
    {"bron_id": "cbs_83765ned", "tabel": "83765NED", "uitgever": "CBS", "titel": "Kerncijfers wijken en buurten 2017",
     "opgehaald_uit": "per regel, kolom vindplaats",
     "toelichting": "Inwoners op 1 januari 2017 per buurt; per wijk opgeteld (afgeleid, buurtcijfers op 5 afgerond)."},
]


class CurationError(ValueError):
    """The recovered files are missing or do not fit together; nothing is written."""


def read_csv(path: Path) -> pd.DataFrame:
    """A recovered CSV file as text columns (blank lines skipped); CurationError with a Dutch message that names the
    file, and the line where there is one, when it cannot be read or is not a table."""
    def refuse(line: int | None, message: str, where: str = path.name):
        return CurationError(str(SourceProblem(where, line, None, message)))

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise refuse(None, unreadable(exc), str(path)) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(data.count(b"\n", 0, exc.start) + 1, f"bestand is geen UTF-8 (byte {exc.start})") from exc
    if not text.strip():
        raise refuse(None, "bestand is leeg; verwacht een kopregel met kolomnamen")
    records, rows = Records(text), []
    try:
        for fields in records:
            if not rows:
                header = fields
                rows.append(fields)
            elif any(f.strip() for f in fields):
                if len(fields) != len(header):
                    raise refuse(records.line, f"{len(fields)} velden, verwacht {len(header)} (controleer komma's en aanhalingstekens)")
                rows.append(fields)
    except csv.Error as exc:
        raise refuse(records.line, f"geen geldige CSV vanaf deze regel ({csv_error(exc)})") from exc
    twice = sorted({h for h in header if header.count(h) > 1})
    if twice:
        raise refuse(1, "kolom " + ", ".join(twice) + " staat meer dan eens in de kopregel")
    return pd.DataFrame(rows[1:], columns=header, dtype=str)


def _read(directory: Path, name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    path = directory / name
    if not path.is_file():
        raise CurationError(str(SourceProblem(name, None, None, "bestand ontbreekt")))
    frame = read_csv(path)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CurationError(str(SourceProblem(name, 1, None, "kolommen ontbreken: " + ", ".join(missing))))
    return frame


def own_name(cbs_naam: str) -> str:
    """A CBS wijk's name as a reader says it: without CBS's 'Wijk 07 ' in front, in capitals only where it has both."""
    own = cbs_naam.split(" ", 2)[2] if re.match(r"^Wijk \d+ \S", cbs_naam) else cbs_naam
    return own.capitalize() if own.isupper() or own.islower() else own


def dashboard_wijk(cbs_naam: str, tabel_naam: str, codes_file: str = "wijkcodes") -> str:
    """The dashboard wijk of a CBS wijk: its tabel 5.1 wijk, else its own (cleaned) name."""
    if tabel_naam.startswith("(niet"):
        return own_name(cbs_naam)
    if tabel_naam.endswith("(deel)"):
        return tabel_naam.removesuffix("(deel)").strip()
    if "+" in tabel_naam:
        return "-".join(wijken.parts(tabel_naam, TABEL_5_1))
    wijk = wijken.normalise(tabel_naam, TABEL_5_1)
    if wijk is None:
        raise CurationError(f"{codes_file}: '{tabel_naam}' is geen wijk van tabel 5.1")
    return wijk


def _codes(directory: Path, slug: str) -> pd.DataFrame:
    codes_file = CODES_FILE.format(slug)
    names = _read(directory, codes_file, ("indeling_jaar", "wijkcode", "cbs_wijknaam", "naam_in_jaarstukken_tabel_5_1", "bron"))
    names["bron"] = names["bron"].replace("idem", pd.NA).ffill()
    old = {year: names[names["indeling_jaar"] == year] for year in OLD_YEARS}
    code_lists = {year: tuple(frame["wijkcode"]) for year, frame in old.items()}
    if len(set(code_lists.values())) != 1:
        raise CurationError(f"{codes_file}: de wijkcodes van " + ", ".join(OLD_YEARS) + " verschillen; verwacht één indeling")
    rows = []
    for indeling, frame, where in (
        ("2014-2024", old["2024"], "codes en namen gelijk in 2014, 2023 en 2024; "),
        ("2025", names[names["indeling_jaar"] == "2025"], ""),
    ):
        for r in frame.itertuples(index=False):
            tabel = "" if r.naam_in_jaarstukken_tabel_5_1.startswith("(niet") else r.naam_in_jaarstukken_tabel_5_1
            rows.append({"indeling": indeling, "code": r.wijkcode, "soort": "wijk", "cbs_naam": r.cbs_wijknaam,
                         "wijk": dashboard_wijk(r.cbs_wijknaam, r.naam_in_jaarstukken_tabel_5_1, codes_file), "naam_tabel_5_1": tabel,
                         "bron_id": "cbs_gebiedsindelingen", "vindplaats": where + r.bron})
    wijk_rows = pd.DataFrame(rows)
    buurten = []
    for indeling, name, code_col, name_col, wijk_col, retrieved in (
        ("2014-2024", BUURTEN_OLD_FILE.format(slug), "buurtcode", "naam_2024_85984NED", "wijkcode_2014_2024", BUURTEN_OLD_RETRIEVED),
        ("2025", BUURTEN_NEW_FILE.format(slug), "buurtcode", "buurtnaam_2025", "wijkcode_2025", BUURTEN_NEW_RETRIEVED),
    ):
        frame = _read(directory, name, (code_col, name_col, wijk_col))
        of_wijk = wijk_rows[wijk_rows["indeling"] == indeling].set_index("code")["wijk"]
        unknown = sorted(set(frame[wijk_col]) - set(of_wijk.index))
        if unknown:
            raise CurationError(f"{name}: wijkcode(s) {', '.join(unknown)} staan niet in {codes_file} voor {indeling}")
        buurten.append(pd.DataFrame({
            "indeling": indeling, "code": frame[code_col], "soort": "buurt", "cbs_naam": frame[name_col],
            "wijk": frame[wijk_col].map(of_wijk), "naam_tabel_5_1": "", "bron_id": "cbs_gebiedsindelingen",
            "vindplaats": retrieved,
        }))
    return pd.concat([wijk_rows, *buurten], ignore_index=True)


def _inhabitants(directory: Path, codes: pd.DataFrame, gemeente: Gemeente) -> pd.DataFrame:
    table = _read(directory, INHABITANTS_FILE.format(gemeente.slug), (
        "jaar_peildatum_1jan", "regiocode", "naam", "AantalInwoners", "Woningvoorraad", "OppervlakteLand_ha",
        "Bevolkingsdichtheid", "bron", "type"))
    old = codes[codes["indeling"] == "2014-2024"].set_index("code")["wijk"]
    rows = []
    for r in table.itertuples(index=False):
        city = r.regiocode.startswith("GM")
        if not city and r.regiocode not in old.index:
            raise CurationError(f"{INHABITANTS_FILE.format(gemeente.slug)}: {r.regiocode} is geen wijk van de indeling 2014-2024")
        derived = r.type.startswith("afgeleid")
        rows.append({"jaar": r.jaar_peildatum_1jan, "indeling": "" if city else "2014-2024", "code": r.regiocode,
                     "cbs_naam": r.naam, "wijk": gemeente.naam if city else old[r.regiocode], "inwoners": r.AantalInwoners,
                     "woningen": r.Woningvoorraad, "oppervlakte_land_ha": r.OppervlakteLand_ha, "dichtheid": r.Bevolkingsdichtheid,
                     "afgeleid": "ja" if derived else "nee",
                     "bron_id": "cbs_83765ned" if r.jaar_peildatum_1jan == "2017" else "cbs_85984ned",
                     "vindplaats": r.bron, "toelichting": r.type})
    # A wijk of 2025 with tabel 5.1's name that was a buurt before: that buurt's figure.
    buurten = _read(directory, BUURTEN_OLD_FILE.format(gemeente.slug),
                    ("buurtcode", "naam_2024_85984NED", "inwoners_2017_83765NED", "inwoners_2024_85984NED"))
    present = {(row["jaar"], row["wijk"]) for row in rows}
    tabel_wijken = codes[(codes["indeling"] == "2025") & (codes["soort"] == "wijk") & (codes["naam_tabel_5_1"] != "")]["wijk"]
    for wijk in dict.fromkeys(tabel_wijken):
        match = buurten[buurten["naam_2024_85984NED"] == wijk]
        for year, column, bron in (("2017", "inwoners_2017_83765NED", "cbs_83765ned"), ("2024", "inwoners_2024_85984NED", "cbs_85984ned")):
            if (year, wijk) in present or match.empty or not match[column].iloc[0]:
                continue
            rows.append({"jaar": year, "indeling": "2014-2024", "code": match["buurtcode"].iloc[0], "cbs_naam": wijk, "wijk": wijk,
                         "inwoners": match[column].iloc[0], "woningen": "", "oppervlakte_land_ha": "", "dichtheid": "",
                         "afgeleid": "nee", "bron_id": bron, "vindplaats": BUURTEN_OLD_RETRIEVED,
                         "toelichting": f"buurt {wijk} van de indeling 2014-2024; sinds 2025 een eigen wijk"})
    return pd.DataFrame(rows)


BUURT_YEARS = (("2017", "naam_2017_83765NED", "inwoners_2017_83765NED", "cbs_83765ned"),
               ("2024", "naam_2024_85984NED", "inwoners_2024_85984NED", "cbs_85984ned"))


def _buurt_inhabitants(directory: Path, codes: pd.DataFrame, slug: str) -> pd.DataFrame:
    """The inhabitants of each buurt of the 2014-2024 indeling on 1 January 2017 and 2024, as CBS gives them."""
    columns = ("buurtcode", *(c for _, name, people, _ in BUURT_YEARS for c in (name, people)))
    table = _read(directory, BUURTEN_OLD_FILE.format(slug), columns)
    of_wijk = codes[(codes["indeling"] == "2014-2024") & (codes["soort"] == "buurt")].set_index("code")["wijk"]
    rows = []
    for year, name, people, bron in BUURT_YEARS:
        for r in table.to_dict("records"):
            given = r[people].strip()
            rows.append({"jaar": year, "indeling": "2014-2024", "code": r["buurtcode"], "cbs_naam": r[name] or r["buurtcode"],
                         "wijk": of_wijk[r["buurtcode"]], "inwoners": given, "afgeleid": "nee", "bron_id": bron,
                         "vindplaats": BUURTEN_OLD_RETRIEVED,
                         "toelichting": "officieel (CBS rondt inwoners per buurt af op 5)" if given else
                         "de bron geeft voor deze buurt geen inwonertal"})
    return pd.DataFrame(rows)


def _boundaries(directory: Path, codes: pd.DataFrame, slug: str) -> pd.DataFrame:
    rows = []
    for indeling, name in ((indeling, name.format(slug)) for indeling, name in BOUNDARIES.items()):
        path = directory / name
        if not path.is_file():
            raise CurationError(str(SourceProblem(name, None, None, "bestand ontbreekt")))
        try:
            collection = json.loads(path.read_bytes().decode("utf-8"))
            features = collection["features"]
        except OSError as exc:
            raise CurationError(f"{path}: {unreadable(exc)}") from exc
        except UnicodeDecodeError as exc:
            raise CurationError(f"{name}: bestand is geen UTF-8 (byte {exc.start})") from exc
        except json.JSONDecodeError as exc:
            raise CurationError(f"{name}, regel {exc.lineno}: geen geldige JSON") from exc
        except (KeyError, TypeError) as exc:
            raise CurationError(f"{name}: geen GeoJSON FeatureCollection (de lijst 'features' ontbreekt)") from exc
        known = set(codes[(codes["indeling"] == indeling) & (codes["soort"] == "wijk")]["code"])
        for feature in features:
            code = feature.get("properties", {}).get("statcode", "")
            if code not in known:
                raise CurationError(f"{name}: '{code}' is geen wijk van de indeling {indeling}")
            rows.append({"indeling": indeling, "code": code, "cbs_naam": feature["properties"].get("statnaam", ""),
                         "geometrie": json.dumps(feature["geometry"], separators=(",", ":")),
                         "bron_id": "cbs_gebiedsindelingen", "vindplaats": collection.get("source", name)})
    return pd.DataFrame(rows)


def files(slug: str) -> tuple[str, ...]:
    """The names of the recovered files of the gemeente with ``slug``."""
    return tuple(name.format(slug) for name in (CODES_FILE, BUURTEN_OLD_FILE, BUURTEN_NEW_FILE, INHABITANTS_FILE,
                                                *BOUNDARIES.values()))


def curate(directory: Path, gemeente: Gemeente | None = None) -> dict[str, pd.DataFrame]:
    """The four curated geography sources of ``gemeente`` (default: the configured one) from the files in
    ``directory``; raise CurationError on a problem.

    A directory with none of the geography files gives none (an update of the municipal figures only);
    one with some of them names the missing ones.
    """
    if gemeente is None:
        from ivb.sources import layout  # the configured gemeente, named as the sources name it

        gemeente = layout.resolve(config.sources_dir())
    names = files(gemeente.slug)
    present = [name for name in names if (directory / name).is_file()]
    if not present:
        return {}
    missing = [name for name in names if name not in present]
    if missing:
        raise CurationError("\n".join(str(SourceProblem(name, None, None, "bestand ontbreekt")) for name in missing))
    codes = _codes(directory, gemeente.slug)
    return {"wijkcodes": codes, "wijk_inwoners": _inhabitants(directory, codes, gemeente),
            "buurt_inwoners": _buurt_inhabitants(directory, codes, gemeente.slug),
            "wijkgrenzen": _boundaries(directory, codes, gemeente.slug)}
