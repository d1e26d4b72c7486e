"""A gemeente's wijken as its ``wijkcodes`` name them: its wijkindelingen (oldest first), the wijken its documents
report on, and the spellings those documents use. One rule for the build (ivb.sources.validate) and for the pages
(ivb.queries.geo), on the same columns: indeling, soort, wijk, naam_tabel_5_1 and the row's place in the file.

An indeling is named by the first year its codes hold, or by its first and last year ("2025", "2014-2024"), so the
names sort from oldest to newest as text. A gemeente that was never re-divided has one; one re-divided in 2025 has
two, and the same code can then mean another area in each: a wijk or buurt code means an area only together with its
indeling. The wijken a gemeente reports on are those of its newest indeling that carry the name its documents use
(``naam_tabel_5_1``: in the jaarverslag's table of woonoverlast per wijk), in the order of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

INDELING = re.compile(r"^(19|20)\d{2}(-(19|20)\d{2})?$")
INDELING_HINT = "schrijf het eerste jaar van de indeling, of het eerste en het laatste, zoals 2025 of 2014-2024"
# naam_tabel_5_1 of a CBS wijk that is not one wijk of the documents: a part of one ("Centrum (deel)"), two of them
# ("Buytenweg + De Leyens"), or none ("(niet in tabel 5.1)").
PART, JOINED, NONE = "(deel)", "+", "(niet"


def valid_indeling(name: str) -> bool:
    """True for a name an indeling may have ("2025", "2014-2024"), a last year not before the first."""
    if not INDELING.match(name):
        return False
    first, _, last = name.partition("-")
    return not last or last >= first


def indelingen(codes: pd.DataFrame | None) -> list[str]:
    """The indelingen of a gemeente's wijkcodes, oldest first (none without curated wijken)."""
    return [] if codes is None or codes.empty else sorted(set(codes["indeling"]))


def newest(names: Iterable[str], default: str = "") -> str:
    """The newest of ``names`` (indelingen), else ``default``."""
    return max((n for n in names if n), default=default)


def reported(codes: pd.DataFrame | None, line: str) -> tuple[str, ...]:
    """The wijken the gemeente's documents report on, in the file's order (``line``: the column of a row's place)."""
    if codes is None or codes.empty:
        return ()
    last = codes[codes["indeling"] == newest(codes["indeling"])]
    named = last[(last["soort"] == "wijk") & (last["naam_tabel_5_1"] != "")].sort_values(line)
    return tuple(dict.fromkeys(named["wijk"]))


def spellings(codes: pd.DataFrame | None) -> dict[str, str]:
    """Every way the documents write a wijk, case-folded, to the wijk: its own name and the name in
    ``naam_tabel_5_1`` where that names one wijk (or a part of one)."""
    if codes is None or codes.empty:
        return {}
    found: dict[str, str] = {}
    wijken = codes[codes["soort"] == "wijk"]
    for wijk, named in zip(wijken["wijk"], wijken["naam_tabel_5_1"]):
        found.setdefault(_folded(wijk), wijk)
        own = named.removesuffix(PART).strip()
        if own and JOINED not in own and not own.startswith(NONE):
            found.setdefault(_folded(own), wijk)
    return found


def normalise(name: str, known: Mapping[str, str]) -> str | None:
    """The wijk ``name`` stands for (case, spaces and the documents' spellings forgiven), else None."""
    return known.get(_folded(name))


def parts(named: str, known: Mapping[str, str]) -> list[str]:
    """The wijken a ``naam_tabel_5_1`` holds: "Buytenweg + De Leyens" is Buytenwegh and De Leyens."""
    pieces = [p.strip() for p in named.removesuffix(PART).split(JOINED)]
    return [normalise(p, known) or p for p in pieces if p]


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()
