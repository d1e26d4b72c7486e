"""Import of the police's registered crime per wijk and buurt (CBS tables 47018NED and 47022NED).

A data steward downloads the CSV from CBS (``;``-separated, quoted) or saves it with pandas or
cbsodata (``,``-separated) and runs ``python -m ivb import-politie [--indeling 2025] FILE...``. The importer keeps
the Zoetermeer rows (GM0637, WK0637.., BU0637..), normalises the traps real files have, checks
every row, and merges the rows into ``data/bronnen/politie_misdrijven.csv`` with the file name
and import date as their source. Nothing is written when a file has a problem; importing the
same file again changes nothing. The build then turns the CSV into Parquet as usual.

Traps handled: codes with trailing spaces and space-padded region codes; ``2024JJ00`` (year)
next to ``2024MM01`` (month) in one file, kept apart; an empty count means suppressed, not 0;
``0.0.0`` is the total of all crimes and is never added to its parts; wijk and buurt codes
mean an area only within their wijkindeling, so every row keeps the indeling of its file.

The indeling is decided from the file, never from a row's year: 47018NED as published gives every
year on the newest indeling. The buurt and wijk codes of the file are looked up in ``wijkcodes.csv``;
codes that only the 2025 indeling has (or only 2014-2024) decide it, ``--indeling`` names it when the
codes cannot tell, and a file with codes of both is refused. Unknown codes are kept and reported.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from ivb.config import GEMEENTE_CODE, INDELINGEN
from ivb.problems import Problems, unreadable
from ivb.sources import Records, SourceProblem, csv_error, first_line

REQUIRED = ("SoortMisdrijf", "WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1")
OPTIONAL = ("ID", "Gemeentenaam_2", "SoortRegio_3")
COLUMNS = ("regio_code", "soort_regio", "indeling", "perioden", "jaar", "maand", "misdrijf_code", "aantal", "bestand",
           "importdatum", "regel")
KEY = ["indeling", "regio_code", "perioden", "misdrijf_code"]

_PERIOD = re.compile(r"^(\d{4})(JJ00|MM(0[1-9]|1[0-2]))$")
_REGION = re.compile(r"^(GM0637|WK0637\d{2}|BU0637\d{4})$")
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

    @property
    def changed(self) -> bool:
        return bool(self.rows_added or self.rows_changed)


class ImportError_(Exception):
    """A file could not be imported; nothing was written."""

    def __init__(self, problems: Problems | list[SourceProblem]) -> None:
        self.problems = problems if isinstance(problems, Problems) else Problems(problems)
        super().__init__("\n".join(self.problems.lines()))


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_file(path: Path, imported_on: str) -> tuple[pd.DataFrame, Problems, int, int]:
    """The Zoetermeer rows of one CBS file, normalised; the problems; rows read; rows of other municipalities."""
    name = path.name
    problems = Problems()
    nothing = pd.DataFrame(columns=COLUMNS)

    def problem(line, column, message):
        problems.add(SourceProblem(name, line, column, message))

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problem(None, None, f"bestand is geen UTF-8 (byte {exc.start})")
        return nothing, problems, 0, 0
    except OSError as exc:  # missing, a directory, no permission: named by the path the steward gave
        problems.add(SourceProblem(str(path), None, None, unreadable(exc)))
        return nothing, problems, 0, 0
    if not text.strip():
        problem(None, None, "bestand is leeg")
        return nothing, problems, 0, 0

    records = Records(text, delimiter=_delimiter(first_line(text)))
    reader = iter(records)
    try:
        header = [h.strip() for h in next(reader)]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            problem(1, None, "kolommen ontbreken: " + ", ".join(missing) + " (verwacht de CSV van CBS-tabel 47018NED of 47022NED)")
            return nothing, problems, 0, 0
        rows, read, other = _rows(records, reader, header, name, imported_on, problem)
    except csv.Error as exc:
        problem(records.line, None, f"geen geldige CSV vanaf deze regel ({csv_error(exc)})")
        return nothing, problems, 0, 0
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["aantal"] = frame["aantal"].astype("Int64")  # empty stays missing, never becomes 0 or 7.0
    if not frame.empty:
        duplicated = frame[frame.duplicated(KEY, keep="first")]
        for row in duplicated.itertuples():
            problem(row.regel, None, f"dubbele regel voor {row.regio_code}, {row.perioden}, {row.misdrijf_code}")
    if not read and not problems:
        problem(None, None, "bestand bevat geen gegevensregels, alleen een kopregel")
    if read and frame.empty and not problems:
        problem(None, None, f"geen regels van Zoetermeer ({GEMEENTE_CODE}, WK0637.., BU0637..) in dit bestand")
    return frame, problems, read, other


def _rows(records: Records, reader, header: list[str], name: str, imported_on: str, problem) -> tuple[list[dict], int, int]:
    """The Zoetermeer rows of ``reader`` after the header; rows read; rows of other municipalities."""
    rows, read, other = [], 0, 0
    for fields in reader:
        line = records.line
        if not any(f.strip() for f in fields):
            continue
        read += 1
        if len(fields) != len(header):
            problem(line, None, f"{len(fields)} velden, verwacht {len(header)}")
            continue
        raw = {h: f.strip() for h, f in zip(header, fields)}
        crime, region, period, count = (raw[c] for c in REQUIRED)
        if not region.startswith(("GM0637", "WK0637", "BU0637")):
            other += 1  # another municipality: not ours to keep
            continue
        if not _REGION.match(region):
            problem(line, "WijkenEnBuurten", f"'{region}' is geen gemeente-, wijk- of buurtcode van Zoetermeer")
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
        })
    return rows, read, other


def read_codes(sources: Path) -> pd.DataFrame:
    """The curated wijk and buurt codes per indeling (empty when ``wijkcodes.csv`` has none)."""
    path = sources / "wijkcodes.csv"
    if not path.exists():
        return pd.DataFrame(columns=["indeling", "code", "wijk"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def decide_indeling(name: str, codes_in_file: set[str], codes: pd.DataFrame, explicit: str | None) -> str:
    """The indeling of one file's wijk and buurt codes; raise ImportError_ when it is mixed or cannot be told."""
    if not codes_in_file:
        return ""
    known = {ind: set(codes.loc[codes["indeling"] == ind, "code"]) for ind in INDELINGEN}
    if explicit:
        other = sorted(c for c in codes_in_file if c not in known[explicit] and any(c in known[i] for i in INDELINGEN))
        if other:
            raise ImportError_([SourceProblem(name, None, None, f"de codes {', '.join(other[:5])} horen niet bij de "
                                                                f"indeling {explicit} die u opgaf")])
        return explicit
    only = {ind: sorted(c for c in codes_in_file if c in known[ind] and
                        not any(c in known[o] for o in INDELINGEN if o != ind)) for ind in INDELINGEN}
    found = [ind for ind in INDELINGEN if only[ind]]
    if len(found) > 1:
        parts = "; ".join(f"{ind}: {', '.join(only[ind][:3])}" for ind in found)
        raise ImportError_([SourceProblem(name, None, None, f"het bestand mengt wijkindelingen ({parts}); lees elke "
                                                            "indeling uit een eigen bestand in")])
    if not found:
        choices = " of --indeling ".join(INDELINGEN)
        raise ImportError_([SourceProblem(name, None, None, "uit de wijk- en buurtcodes is niet op te maken bij welke "
                                                            f"wijkindeling ze horen; geef --indeling {choices}")])
    return found[0]


def _unmapped(rows: pd.DataFrame, codes: pd.DataFrame) -> dict[tuple[str, str], int]:
    local = rows[rows["soort_regio"] != "gemeente"]
    known = set(zip(codes["indeling"], codes["code"]))
    result: dict[tuple[str, str], int] = {}
    for (code, indeling), group in local.groupby(["regio_code", "indeling"]):
        if (indeling, code) not in known:
            result[(code, indeling)] = len(group)
    return result


def import_files(paths: list[Path], sources: Path, imported_on: str | None = None,
                 indeling: str | None = None) -> ImportReport:
    """Read, check and merge the files into ``<sources>/politie_misdrijven.csv``; raise ImportError_ on problems.

    ``indeling`` names the wijkindeling of every file; without it, each file's codes decide.
    """
    if indeling is not None and indeling not in INDELINGEN:
        raise ImportError_([SourceProblem("--indeling", None, None, f"'{indeling}' is geen wijkindeling; kies "
                                                                     + " of ".join(INDELINGEN))])
    imported_on = imported_on or date.today().isoformat()
    report = ImportReport(files=[p.name for p in paths])
    codes = read_codes(sources)
    frames, problems = [], Problems()
    for path in paths:
        frame, found, read, other = read_file(path, imported_on)
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
        frames.append(frame)
    if problems:
        raise ImportError_(problems)
    new = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    # The same city row in two files (one per indeling) is one figure; only a different count is a conflict.
    new = new.drop_duplicates([*KEY, "aantal"], keep="first")
    in_several = new[new.duplicated(KEY, keep="first")]
    if not in_several.empty:
        first = in_several.iloc[0]
        message = f"{first['regio_code']}, {first['perioden']}, {first['misdrijf_code']} staat ook in een ander bestand van deze import"
        raise ImportError_([SourceProblem(first["bestand"], int(first["regel"]), None, message)])

    target = sources / "politie_misdrijven.csv"
    existing = pd.read_csv(target, dtype=str, keep_default_na=False) if target.exists() else pd.DataFrame(columns=COLUMNS)
    existing_by_key = {tuple(r[k] for k in KEY): r for r in existing.to_dict("records")}
    merged = dict(existing_by_key)
    for row in new.to_dict("records"):
        as_text = {k: ("" if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) else str(v)) for k, v in row.items()}
        key = tuple(as_text[k] for k in KEY)
        old = existing_by_key.get(key)
        same = old is not None and all(old[c] == as_text[c] for c in ("aantal", "bestand", "regel"))
        if old is None:
            report.rows_added += 1
        elif not same:
            report.rows_changed += 1
        if not same:
            merged[key] = as_text
    report.rows_kept = len(new)
    report.suppressed = int(new["aantal"].isna().sum())
    report.unmapped = _unmapped(new, codes)
    if report.changed:
        out = pd.DataFrame(list(merged.values()), columns=COLUMNS).sort_values(KEY)
        _write_atomic(target, out)
    return report


def _write_atomic(target: Path, frame: pd.DataFrame) -> None:
    _replace_atomic(target, lambda tmp: frame.to_csv(tmp, index=False, lineterminator="\n"))


def restore(target: Path, before: bytes | None) -> None:
    """Put ``target`` back as it was before an import (``before`` None: it did not exist), atomically."""
    if before is None:
        target.unlink(missing_ok=True)
    else:
        _replace_atomic(target, lambda tmp: Path(tmp).write_bytes(before))


def _replace_atomic(target: Path, write) -> None:
    """Write a temporary file beside ``target`` with ``write(path)``, then rename it over ``target``."""
    handle, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".csv.tmp", dir=target.parent)
    os.close(handle)
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
