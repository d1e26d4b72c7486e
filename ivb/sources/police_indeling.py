"""Which wijkindeling a police file follows: decided from its wijk and buurt codes (``wijkcodes.csv``), never from
a row's year, and which of its codes that indeling does not know (kept, reported, counted for no wijk)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ivb import wijken
from ivb.sources.problems import Problems
from ivb.sources.records import SourceProblem


class ImportError_(Exception):
    """A file could not be imported; nothing was written."""

    def __init__(self, problems: Problems | list[SourceProblem]) -> None:
        self.problems = problems if isinstance(problems, Problems) else Problems(problems)
        super().__init__("\n".join(self.problems.lines()))


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
    indelingen = wijken.indelingen(codes)
    known = {ind: set(codes.loc[codes["indeling"] == ind, "code"]) for ind in indelingen}
    if explicit:
        other = sorted(c for c in codes_in_file if c not in known[explicit] and any(c in known[i] for i in indelingen))
        if other:
            raise ImportError_([SourceProblem(name, None, None, f"de codes {', '.join(other[:5])} horen niet bij de "
                                                                f"indeling {explicit} die u opgaf")])
        return explicit
    only = {ind: sorted(c for c in codes_in_file if c in known[ind] and
                        not any(c in known[o] for o in indelingen if o != ind)) for ind in indelingen}
    found = [ind for ind in indelingen if only[ind]]
    if len(found) > 1:
        parts = "; ".join(f"{ind}: {', '.join(only[ind][:3])}" for ind in found)
        raise ImportError_([SourceProblem(name, None, None, f"het bestand mengt wijkindelingen ({parts}); lees elke "
                                                            "indeling uit een eigen bestand in")])
    if not found:
        choices = " of --indeling ".join(indelingen) or "(de indeling van de codes)"
        raise ImportError_([SourceProblem(name, None, None, "uit de wijk- en buurtcodes is niet op te maken bij welke "
                                                            f"wijkindeling ze horen; geef --indeling {choices}")])
    return found[0]


def check_explicit(explicit: str | None, codes: pd.DataFrame, naam: str) -> list[SourceProblem]:
    """The problem with an ``--indeling`` the gemeente's wijkcodes do not have (none when it has it, or none given)."""
    indelingen = wijken.indelingen(codes)
    if explicit is None or explicit in indelingen:
        return []
    given = "kent " + " en ".join(indelingen) if indelingen else "heeft nog geen wijkcodes"
    return [SourceProblem("--indeling", None, None, f"'{explicit}' is geen wijkindeling van {naam}: wijkcodes.csv {given}")]


def unmapped(rows: pd.DataFrame, codes: pd.DataFrame) -> dict[tuple[str, str], int]:
    local = rows[rows["soort_regio"] != "gemeente"]
    known = set(zip(codes["indeling"], codes["code"]))
    result: dict[tuple[str, str], int] = {}
    for (code, indeling), group in local.groupby(["regio_code", "indeling"]):
        if (indeling, code) not in known:
            result[(code, indeling)] = len(group)
    return result
