"""Import of the police's registered crime per wijk and buurt (CBS tables 47018NED and 47022NED).

A data steward downloads the CSV from CBS (``;``-separated, quoted) or saves it with pandas or
cbsodata (``,``-separated) and runs ``python -m ivb import-politie [--gemeente GM0546] [--indeling 2025] [--herkomst
...] FILE...``. The importer keeps the rows of the gemeente (default the configured one; for GM0546: GM0546,
WK0546.., BU0546..), normalises the traps real files have, checks every row, and merges the rows into
``data/bronnen/<code>/politie_misdrijven.csv`` with the file name, import date and source (``bron_id``); each
file's source is a row of ``open_data_bronnen`` (:mod:`ivb.sources.police_provenance`). Nothing is written when a
file has a problem; importing the same file again changes nothing but its source row. The build then turns the CSV
into Parquet as usual.

Traps handled: codes with trailing spaces and space-padded region codes; an empty count means suppressed, not 0;
``0.0.0`` is the total of all crimes and is never added to its parts; wijk and buurt codes mean an area only within
their wijkindeling, so every row keeps the indeling of its file. A file is either yearly (47018NED, ``2024JJ00``) or
monthly (47022NED, ``2024MM01``): a file that mixes them is refused at the first period of the other kind, so a
year and its months are never added together and each file has one publisher's table.

The indeling is decided from the file, never from a row's year: 47018NED as published gives every year on the
newest indeling. The buurt and wijk codes of the file are looked up in the gemeente's ``wijkcodes.csv``
(:mod:`ivb.sources.police_indeling`); codes that only one of its indelingen has (2025, say, not 2014-2024) decide it,
``--indeling`` names it when the codes cannot tell, and a file with codes of both is refused. Unknown codes are kept
and reported; they count for no wijk. A gemeente whose wijken are not curated yet gets its other wijk files
header-only beside the police figures (:func:`ivb.sources.layout.missing`), and the police sources of other gemeenten
stay listed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from ivb.gemeente import Gemeente
from ivb.sources import layout
from ivb.sources import police_provenance as provenance_
from ivb.sources.police_indeling import ImportError_, check_explicit, decide_indeling, read_codes, unmapped
from ivb.sources.police_provenance import Provenance
from ivb.sources.problems import Problems, unreadable
from ivb.sources.records import Records, SourceProblem, csv_error

REQUIRED = ("SoortMisdrijf", "WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1")
OPTIONAL = ("ID", "Gemeentenaam_2", "SoortRegio_3")
COLUMNS = ("regio_code", "soort_regio", "indeling", "perioden", "jaar", "maand", "misdrijf_code", "aantal", "bestand",
           "importdatum", "regel", "bron_id")
KEY = ["indeling", "regio_code", "perioden", "misdrijf_code"]

_PERIOD = re.compile(r"^(\d{4})(JJ00|MM(0[1-9]|1[0-2]))$")
_CRIME = re.compile(r"^\d+(\.\d+)*$")
_COUNT = re.compile(r"^\d+(\.0+)?$")


@dataclass
class ImportReport:
    """What an import did: rows read, kept, new or changed; rows of other municipalities; unmapped codes."""

    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_other_municipality: int = 0
    rows_kept: int = 0
    rows_added: int = 0
    rows_changed: int = 0
    suppressed: int = 0
    unmapped: dict[tuple[str, str], int] = field(default_factory=dict)  # (code, indeling) -> rows
    indelingen: dict[str, str] = field(default_factory=dict)  # file -> indeling ('' without wijk or buurt rows)
    sources: dict[str, str] = field(default_factory=dict)  # file -> bron_id of its row in open_data_bronnen
    written: list[str] = field(default_factory=list)  # the source files the import changed

    @property
    def changed(self) -> bool:
        return bool(self.written)


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_file(path: Path, imported_on: str, gemeente: Gemeente) -> tuple[pd.DataFrame, Problems, int, int]:
    """The rows of ``gemeente`` in one CBS file, normalised; the problems; rows read; rows of other municipalities."""
    name = path.name
    problems = Problems()
    nothing = pd.DataFrame(columns=COLUMNS)

    def problem(line, column, message):
        problems.add(SourceProblem(name, line, column, message))

    # Read as it goes, not whole: a national 47022NED file is about a gigabyte, of which only one gemeente's rows stay.
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            if not first.strip() and not handle.read(1):
                problem(None, None, "bestand is leeg")
                return nothing, problems, 0, 0
            handle.seek(0)
            records = Records(handle, delimiter=_delimiter(first))
            reader = iter(records)
            header = [h.strip().lstrip("\ufeff") for h in next(reader)]
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                problem(1, None, "kolommen ontbreken: " + ", ".join(missing) + " (verwacht de CSV van CBS-tabel 47018NED "
                        "of 47022NED)")
                return nothing, problems, 0, 0
            rows, read, other = _rows(records, reader, header, name, imported_on, problem, gemeente)
    except UnicodeDecodeError as exc:
        problem(None, None, f"bestand is geen UTF-8 (byte {exc.start} van een blok)")
        return nothing, problems, 0, 0
    except OSError as exc:  # missing, a directory, no permission: named by the path the steward gave
        problems.add(SourceProblem(str(path), None, None, unreadable(exc)))
        return nothing, problems, 0, 0
    except csv.Error as exc:
        problem(records.line, None, f"geen geldige CSV vanaf deze regel ({csv_error(exc)})")
        return nothing, problems, 0, 0
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["aantal"] = frame["aantal"].astype("Int64")  # empty stays missing, never becomes 0 or 7.0
    if not frame.empty:
        duplicated = frame[frame.duplicated(KEY, keep="first")]
        for row in duplicated.itertuples():
            problem(row.regel, None, f"dubbele regel voor {row.regio_code}, {row.perioden}, {row.misdrijf_code}")
    monthly = frame["maand"] > 0
    if monthly.any() and not monthly.all():  # a file is one publisher's table: years (47018NED) or months (47022NED)
        first = frame.iloc[0]
        odd = frame[monthly != monthly.iloc[0]].iloc[0]
        kinds = ("jaar", "maanden") if monthly.iloc[0] else ("maand", "jaren")
        problem(int(odd["regel"]), "Perioden", f"'{odd['perioden']}' is een {kinds[0]}, maar het bestand begint met "
                f"{kinds[1]} ('{first['perioden']}' op regel {first['regel']}); lees jaarcijfers (47018NED) en "
                "maandcijfers (47022NED) elk uit een eigen bestand in")
    if not read and not problems:
        problem(None, None, "bestand bevat geen gegevensregels, alleen een kopregel")
    if read and frame.empty and not problems:
        n = gemeente.number
        problem(None, None, f"geen regels van {gemeente.naam} ({gemeente.code}, WK{n}.., BU{n}..) in dit bestand")
    return frame, problems, read, other


def _rows(records: Records, reader, header: list[str], name: str, imported_on: str, problem,
          gemeente: Gemeente) -> tuple[list[dict], int, int]:
    """The rows of ``gemeente`` in ``reader`` after the header; rows read; rows of other municipalities."""
    rows, read, other = [], 0, 0
    n = gemeente.number
    ours, pattern = (f"GM{n}", f"WK{n}", f"BU{n}"), re.compile(rf"^(GM{n}|WK{n}\d{{2}}|BU{n}\d{{4}})$")
    where = header.index("WijkenEnBuurten")
    positions = [header.index(c) for c in REQUIRED]
    for fields in reader:
        line = records.line
        if not any(f.strip() for f in fields):
            continue
        read += 1
        if len(fields) != len(header):
            problem(line, None, f"{len(fields)} velden, verwacht {len(header)}")
            continue
        region = fields[where].strip()
        if not region.startswith(ours):
            other += 1  # another municipality: not ours to keep (looked at before anything else of the row)
            continue
        crime, _, period, count = (fields[i].strip() for i in positions)
        if not pattern.match(region):
            problem(line, "WijkenEnBuurten", f"'{region}' is geen gemeente-, wijk- of buurtcode van {gemeente.naam}")
            continue
        if not _CRIME.match(crime):
            problem(line, "SoortMisdrijf", f"'{crime}' is geen code van een soort misdrijf")
            continue
        match = _PERIOD.match(period)
        if not match:
            problem(line, "Perioden", f"'{period}' is geen jaar (2024JJ00) of maand (2024MM01)")
            continue
        if count and not _COUNT.match(count):
            problem(line, "GeregistreerdeMisdrijven_1", f"'{count}' is geen aantal (leeg betekent geheimgehouden)")
            continue
        rows.append({
            "regio_code": region,
            "soort_regio": {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}[region[:2]],
            "indeling": "",  # decided for the whole file, see decide_indeling
            "perioden": period,
            "jaar": int(match.group(1)),
            "maand": int(period[-2:]) if "MM" in period else 0,
            "misdrijf_code": crime,
            "aantal": int(float(count)) if count else None,
            "bestand": name,
            "importdatum": imported_on,
            "regel": line,
            "bron_id": "",  # named per file, see politie_sources.choose_id
        })
    return rows, read, other


def import_files(paths: list[Path], sources: Path, imported_on: str | None = None, indeling: str | None = None,
                 provenance: Provenance | None = None, gemeente: Gemeente | None = None) -> ImportReport:
    """Read, check and merge the files into ``<sources>/<code>/politie_misdrijven.csv``, each with its source row in
    ``<sources>/open_data_bronnen.csv``; raise ImportError_ on problems.

    ``gemeente``: whose rows (default: the configured one, named as ``gemeenten.csv`` in ``sources`` names it).
    ``indeling`` names the wijkindeling of every file; without it, each file's codes decide. ``provenance`` says where
    the copies came from (``--herkomst``, ``--opgehaald-op``, ``--toelichting``).
    """
    gemeente = gemeente or layout.resolve(sources)
    provenance = provenance or Provenance()
    codes = read_codes(sources / gemeente.code)
    problems = Problems([*provenance_.check(provenance), *check_explicit(indeling, codes, gemeente.naam)])
    if problems:
        raise ImportError_(problems)
    imported_on = imported_on or date.today().isoformat()
    report = ImportReport(files=[p.name for p in paths])
    files = []
    for path in paths:
        frame, found, read, other = read_file(path, imported_on, gemeente)
        problems.extend(found)
        report.rows_read += read
        report.rows_other_municipality += other
        if not found:
            local = set(frame.loc[frame["soort_regio"] != "gemeente", "regio_code"])
            try:
                decided = decide_indeling(path.name, local, codes, indeling)
            except ImportError_ as exc:
                problems.extend(exc.problems)
                continue
            report.indelingen[path.name] = decided
            frame.loc[frame["soort_regio"] != "gemeente", "indeling"] = decided
            files.append((path, frame, decided))
    if problems:
        raise ImportError_(problems)

    target, listed_path = layout.path(sources, "politie_misdrijven", gemeente.code), sources / "open_data_bronnen.csv"
    others = layout.bron_ids(sources, skip={target})  # the sources every other file names, another gemeente's police too
    existing = pd.read_csv(target, dtype=str, keep_default_na=False) if target.exists() else pd.DataFrame(columns=COLUMNS)
    existing, source_rows = provenance_.legacy(existing, gemeente.naam)
    for path, frame, decided in files:
        keys = set(map(tuple, frame[KEY].to_numpy()))
        frame["bron_id"] = provenance_.choose_id(path.name, keys, existing, KEY, set(report.sources.values()) | others)
        report.sources[path.name] = frame["bron_id"].iloc[0]
        source_rows.append(provenance_.source_row(frame["bron_id"].iloc[0], frame, decided, path.name, provenance,
                                                  gemeente.naam))
    new = pd.concat([f for _, f, _ in files], ignore_index=True) if files else pd.DataFrame(columns=COLUMNS)
    # The same city row in two files (one per indeling) is one figure; only a different count is a conflict.
    new = new.drop_duplicates([*KEY, "aantal"], keep="first")
    in_several = new[new.duplicated(KEY, keep="first")]
    if not in_several.empty:
        first = in_several.iloc[0]
        message = f"{first['regio_code']}, {first['perioden']}, {first['misdrijf_code']} staat ook in een ander bestand van deze import"
        raise ImportError_([SourceProblem(first["bestand"], int(first["regel"]), None, message)])

    existing_by_key = {tuple(r[k] for k in KEY): r for r in existing.to_dict("records")}
    merged = dict(existing_by_key)
    for row in new.to_dict("records"):
        as_text = {k: ("" if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) else str(v)) for k, v in row.items()}
        key = tuple(as_text[k] for k in KEY)
        old = existing_by_key.get(key)
        same = old is not None and all(old[c] == as_text[c] for c in ("aantal", "bestand", "regel", "bron_id"))
        if old is None:
            report.rows_added += 1
        elif not same:
            report.rows_changed += 1
        if not same:
            merged[key] = as_text
    report.rows_kept = len(new)
    report.suppressed = int(new["aantal"].isna().sum())
    report.unmapped = unmapped(new, codes)
    out = pd.DataFrame(list(merged.values()), columns=COLUMNS).sort_values(KEY)
    listed = provenance_.merge(provenance_.read_listed(listed_path), source_rows, set(out["bron_id"]) | others)
    changed = {path: data for path, data in ((target, provenance_.as_csv(out)), (listed_path, provenance_.as_csv(listed)))
               if not path.exists() or path.read_bytes() != data}
    if target in changed:
        changed.update(layout.missing(sources, gemeente.code, ["politie_misdrijven"]))
    layout.write_files(changed)
    report.written = [path.name for path in changed]
    return report
