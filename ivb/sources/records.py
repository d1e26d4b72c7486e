"""Reading one curated CSV source and checking it row by row against its schema.

Every problem becomes a :class:`SourceProblem` that names the file, the line, the
column and what is wrong, in Dutch, for the data steward who edits the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ivb import wijken
from ivb.formatting import number
from ivb.sources.problems import Problems, unreadable
from ivb.sources.schema import Column, Table

LINE = "source_line"  # the line number of each row, kept until the Parquet is written

_INT = re.compile(r"^-?\d+$")
_FLOAT = re.compile(r"^-?\d+(\.\d+)?$")
_BOOLS = {"ja": True, "nee": False}
# A public web address: https, a host, a path without spaces, quotes, brackets or angle brackets (it becomes a link).
_URL = re.compile(r"^https://[A-Za-z0-9.-]+(/[^\s()<>\[\]\"'`]*)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class SourceProblem:
    """A problem in a source file, located as precisely as the check allows."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"regel {self.line}")
        if self.column is not None:
            where.append(f"kolom '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class Records:
    """The records of a CSV text, with the line each one starts on (``line``, 1-based, while iterating).

    Only a newline (``\\n``, ``\\r\\n`` or ``\\r``) ends a line: a line or paragraph separator (U+2028, U+2029), a
    NEL, a form feed or a vertical tab, which text pasted from a PDF holds, is text, and so is a newline
    between quotes; a record with one spans lines, and a problem in it is reported on its first line.
    """

    def __init__(self, text, **dialect) -> None:
        """``text``: the whole text, or a file opened with ``newline=""`` (read as it goes: a large file is never
        held whole)."""
        self._reader = csv.reader(io.StringIO(text, newline="") if isinstance(text, str) else text, **dialect)
        self.line = 0

    def __iter__(self) -> Iterator[list[str]]:
        while True:
            self.line = self._reader.line_num + 1
            try:
                yield next(self._reader)
            except StopIteration:
                return


def csv_error(exc: csv.Error) -> str:
    """What Python's csv module refused, in Dutch."""
    if "field limit" in str(exc):
        return (f"een veld is langer dan {number(csv.field_size_limit())} tekens; staat er een aanhalingsteken dat niet "
                "wordt gesloten?")
    if "NUL" in str(exc):
        return "de regel bevat een NUL-teken: is het een binair bestand, of opgeslagen als UTF-16?"
    return "de CSV-lezer kan deze regel niet lezen; controleer de aanhalingstekens"


def read_table(table: Table, directory: Path, areas: tuple[str, ...] = (), shown: str = "",
               spellings: Mapping[str, str] | None = None) -> tuple[pd.DataFrame | None, Problems]:
    """Read ``<directory>/<table>.csv`` and return its typed rows and every problem found.

    ``areas``: the gemeente's name and then its wijken, the values a ``gebied`` column allows (a ``wijk`` column: the
    wijken); ``spellings``: how documents may also write a wijk (:func:`ivb.wijken.spellings`); ``shown``: the file as
    problems name it (default ``<directory name>/<file>``).
    """
    path = directory / table.file_name
    shown = shown or f"{directory.name}/{table.file_name}"
    problem = _Problems(shown)
    if not path.is_file():
        problem(None, None, "bestand ontbreekt")
        return None, problem.found
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problem(None, None, f"bestand is geen UTF-8 (byte {exc.start})")
        return None, problem.found
    except OSError as exc:
        problem(None, None, unreadable(exc))
        return None, problem.found
    if not text.strip():
        problem(None, None, "bestand is leeg; verwacht een kopregel met " + ", ".join(table.column_names))
        return None, problem.found

    records = Records(text)
    reader = iter(records)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        problem(1, None, f"kopregel is geen geldige CSV ({csv_error(exc)})")
        return None, problem.found
    missing = [c for c in table.column_names if c not in header]
    unknown = [h for h in header if h not in table.column_names]
    for name in missing:
        problem(1, name, "kolom ontbreekt in de kopregel")
    for name in unknown:
        problem(1, name, "onbekende kolom; toegestaan zijn " + ", ".join(table.column_names))
    if missing or unknown:
        return None, problem.found

    rows: list[dict] = []
    seen: dict[tuple, int] = {}
    try:
        for fields in reader:
            line = records.line
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                problem(line, None, f"{len(fields)} velden, verwacht {len(header)} (controleer komma's en aanhalingstekens)")
                continue
            raw = dict(zip(header, fields))
            row = {LINE: line}
            for column in table.columns:
                row[column.name] = _parse(column, raw[column.name].strip(), line, problem, areas, spellings or {})
            key = tuple(row[k] for k in table.key)
            if key in seen:
                shown_key = ", ".join(f"{k}={v!s}" for k, v in zip(table.key, key))
                problem(line, None, f"dubbele sleutel ({shown_key}); eerder op regel {seen[key]}")
            else:
                seen[key] = line
            rows.append(row)
    except csv.Error as exc:
        problem(records.line, None, f"geen geldige CSV vanaf deze regel ({csv_error(exc)})")
    if not rows and not problem.found and not table.may_be_empty:
        problem(None, None, "bestand bevat geen gegevensregels, alleen een kopregel")
    frame = pd.DataFrame(rows, columns=[LINE, *table.column_names])
    return frame, problem.found


class _Problems:
    """Collects problems for one file (the first ones whole, the rest counted: see ivb.sources.problems)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.found = Problems()

    def __call__(self, line: int | None, column: str | None, message: str) -> None:
        self.found.add(SourceProblem(self.file, line, column, message))


def _parse(column: Column, value: str, line: int, problem: _Problems, areas: tuple[str, ...],
           spellings: Mapping[str, str]):
    """The typed value of one cell, or None (and a problem) when it does not fit."""
    if value == "":
        if column.required:
            problem(line, column.name, "waarde ontbreekt")
        return None if column.kind in ("int", "float", "bool") else ""
    if column.kind == "int":
        if not _INT.match(value):
            problem(line, column.name, f"'{value}' is geen geheel getal")
            return None
        parsed = int(value)
    elif column.kind == "float":
        if not _FLOAT.match(value):
            hint = " (gebruik een punt als decimaalteken)" if re.match(r"^-?\d+,\d+$", value) else ""
            problem(line, column.name, f"'{value}' is geen getal{hint}")
            return None
        parsed = float(value)
        if not math.isfinite(parsed):
            problem(line, column.name, f"'{value}' is geen eindig getal")
            return None
    elif column.kind == "bool":
        if value.lower() not in _BOOLS:
            problem(line, column.name, f"'{value}' moet 'ja' of 'nee' zijn")
            return None
        return _BOOLS[value.lower()]
    elif column.kind == "url":
        if not _URL.match(value):
            problem(line, column.name, f"'{value[:80]}' is geen webadres dat met https:// begint (zonder spaties of haakjes)")
            return ""
        return value
    elif column.kind == "date":
        try:
            dt.date.fromisoformat(value)
            if not _DATE.match(value):
                raise ValueError(value)
        except ValueError:
            problem(line, column.name, f"'{value}' is geen datum; schrijf jjjj-mm-dd, zoals 2026-12-01")
            return ""
        return value
    elif column.kind in ("wijk", "gebied"):
        allowed = areas if column.kind == "gebied" else areas[1:]
        wijk = value if value in allowed else wijken.normalise(value, spellings)
        if wijk is None or wijk not in allowed:
            problem(line, column.name, f"onbekende wijk '{value}'; toegestaan: " + ", ".join(allowed))
            return ""
        return wijk
    elif column.kind == "indeling":
        if not wijken.valid_indeling(value):
            problem(line, column.name, f"'{value}' is geen wijkindeling; {wijken.INDELING_HINT}")
        return value
    else:
        if column.choices and value not in column.choices:
            problem(line, column.name, f"'{value}' is niet toegestaan; kies uit " + ", ".join(column.choices))
        return value
    if column.minimum is not None and parsed < column.minimum:
        word = "negatief" if column.minimum == 0 else f"kleiner dan {column.minimum:g}"
        problem(line, column.name, f"{value} is {word}; verwacht minstens {column.minimum:g}")
    if column.maximum is not None and parsed > column.maximum:
        problem(line, column.name, f"{value} is groter dan {column.maximum:g}")
    return parsed


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``: a reader or a killed process
    sees the old file or the new one, never half of one."""
    handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".csv.tmp", dir=path.parent)
    os.close(handle)
    try:
        Path(tmp).write_bytes(data)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
