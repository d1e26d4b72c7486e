"""The provenance of every police file that ``import-politie`` (or ``update``) imports: a row in ``open_data_bronnen``.

Each file gets the source ``politie_<slug of its file name>``: the publisher's table (47018NED for a file of years,
47022NED for one of months), the title, licence and attribution, where the copy came from (``--herkomst``; default
the file's name), the day it was retrieved (``--opgehaald-op``; default today) and a toelichting that names the
wijkindeling of the file and its number of rows of the gemeente (after the steward's ``--toelichting``). Every imported row of
``politie_misdrijven`` names its source in ``bron_id``.

Importing the same file again rewrites its source row and nothing else. Another file with the same name (a new
``47018NED.csv`` next year) while rows of the first one remain gets ``politie_<slug>_2``; a police source that no
row names any more (all its rows replaced by a later file, of any gemeente) is taken out. The files are written by
:func:`ivb.sources.layout.write_files`: each atomically, and when one cannot be written the others are put back.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ivb.formatting import number
from ivb.sources.records import SourceProblem

PREFIX = "politie_"
TABLES = {"JJ": "47018NED", "MM": "47022NED"}  # a file of years, a file of months
TITLES = {"47018NED": "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers",
          "47022NED": "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, maandcijfers"}
PUBLISHER = "Politie en CBS"
LICENCE = "CC BY 4.0"
COLUMNS = ("bron_id", "tabel", "titel", "uitgever", "licentie", "bronvermelding", "opgehaald_uit", "opgehaald_op",
           "toelichting")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KINDS = ("gemeente", "wijk", "buurt")


@dataclass(frozen=True)
class Provenance:
    """What the steward says about the files of one import (``None``: the default)."""

    herkomst: str | None = None
    opgehaald_op: str | None = None
    toelichting: str | None = None


def check(provenance: Provenance) -> list[SourceProblem]:
    """The problems of the options: a date that is no date or lies ahead, a text that is empty."""
    problems = []
    when = provenance.opgehaald_op
    if when is not None:
        try:
            day = dt.date.fromisoformat(when) if _DATE.match(when) else None
        except ValueError:
            day = None
        if day is None:
            problems.append(SourceProblem("--opgehaald-op", None, None, f"'{when}' is geen datum (jjjj-mm-dd)"))
        elif day > dt.date.today():
            problems.append(SourceProblem("--opgehaald-op", None, None, f"{when} ligt in de toekomst"))
    for option, text in (("--herkomst", provenance.herkomst), ("--toelichting", provenance.toelichting)):
        if text is not None and not text.strip():
            problems.append(SourceProblem(option, None, None, "is leeg; laat de optie weg of vul iets in"))
    return problems


def slug(name: str) -> str:
    """``politie_`` and the file name without extension in lower case, every other character than a-z and 0-9 a '_'."""
    return PREFIX + (re.sub(r"[^a-z0-9]+", "_", Path(name).stem.lower()).strip("_") or "bestand")


def choose_id(name: str, keys: set[tuple], existing: pd.DataFrame, key: list[str], taken: set[str]) -> str:
    """The source of a file: its slug, unless rows of another file with that name stay (then ``_2``, ``_3``, ...).

    ``keys`` are the keys of the file's rows; ``existing`` the rows already imported; ``taken`` ids of this import.
    """
    base = slug(name)
    remaining = {bron: set(map(tuple, rows[key].to_numpy())) for bron, rows in existing.groupby("bron_id")}
    candidate, n = base, 1
    while candidate in taken or not remaining.get(candidate, set()) <= keys:
        n += 1
        candidate = f"{base}_{n}"
    return candidate


def attribution(naam: str) -> str:
    """The attribution the police and CBS ask for, with who edited the figures."""
    return f"Bron: Politie en CBS, open data (CC BY 4.0). Bewerkt door de gemeente {naam}."


def describe(frame: pd.DataFrame, indeling: str, naam: str) -> str:
    """What a file held: its wijkindeling, its periods and its rows of the gemeente ``naam`` per kind of region."""
    where = f"Wijkindeling {indeling}" if indeling else "Geen wijkindeling (alleen cijfers van de gemeente)"
    monthly = bool((frame["maand"] > 0).any())
    periods = sorted(frame["perioden"].unique())
    shown = [f"{p[:4]}-{p[-2:]}" if monthly else p[:4] for p in (periods[0], periods[-1])]
    one = shown[0] == shown[1]
    span = f"{('maand' if monthly else 'jaar') if one else ('maanden' if monthly else 'jaren')} {shown[0]}"
    span += "" if one else f" t/m {shown[1]}"
    counts = frame["soort_regio"].value_counts()
    kinds = ", ".join(f"{kind} {number(int(counts[kind]))}" for kind in _KINDS if kind in counts)
    return f"{where}; {span}; {number(len(frame))} regels van {naam} ({kinds})."


def source_row(bron_id: str, frame: pd.DataFrame, indeling: str, name: str, provenance: Provenance,
               naam: str) -> dict[str, str]:
    """The row of ``open_data_bronnen`` for one imported file of the gemeente ``naam``."""
    table = TABLES["MM"] if bool((frame["maand"] > 0).any()) else TABLES["JJ"]
    told = (provenance.toelichting or "").strip()
    own = f"{told}{'' if told.endswith('.') else '.'} " if told else ""
    return {
        "bron_id": bron_id, "tabel": table, "titel": TITLES[table], "uitgever": PUBLISHER, "licentie": LICENCE,
        "bronvermelding": attribution(naam),
        "opgehaald_uit": (provenance.herkomst or "").strip() or f"{name} (bestand van de databeheerder; herkomst niet opgegeven)",
        "opgehaald_op": provenance.opgehaald_op or dt.date.today().isoformat(),
        "toelichting": own + describe(frame, indeling, naam),
    }


def merge(listed: pd.DataFrame, rows: list[dict[str, str]], used: set[str]) -> pd.DataFrame:
    """``open_data_bronnen`` with ``rows`` in place of (or after) their old rows, without police sources no row uses."""
    fresh = {row["bron_id"]: row for row in rows}
    kept = [fresh.pop(r["bron_id"], r) for r in listed.to_dict("records")
            if not r["bron_id"].startswith(PREFIX) or r["bron_id"] in used or r["bron_id"] in fresh]
    return pd.DataFrame(kept + list(fresh.values()), columns=list(listed.columns) or list(COLUMNS))


def legacy(existing: pd.DataFrame, naam: str) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    """Rows imported before they named their source: each gets the source of its file, said to be unrecorded."""
    if "bron_id" in existing.columns:
        return existing, []
    existing = existing.assign(bron_id=[slug(name) for name in existing["bestand"]])
    rows = []
    for bron_id, group in existing.groupby("bron_id"):
        table = TABLES["MM"] if (group["maand"] != "0").any() else TABLES["JJ"]
        rows.append({"bron_id": bron_id, "tabel": table, "titel": TITLES[table], "uitgever": PUBLISHER, "licentie": LICENCE,
                     "bronvermelding": attribution(naam), "opgehaald_uit": f"{group['bestand'].iloc[0]} (herkomst niet vastgelegd)",
                     "opgehaald_op": min(group["importdatum"]), "toelichting": "Ingelezen voordat de herkomst werd vastgelegd."})
    return existing, rows


def read_listed(path: Path) -> pd.DataFrame:
    """``open_data_bronnen`` as text (a header only when there is none yet)."""
    if not path.exists():
        return pd.DataFrame(columns=list(COLUMNS))
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def as_csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
