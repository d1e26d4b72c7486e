"""Domain logic on indicator values: doel gehaald and the latest verdict per indicator.

No streamlit here: every function takes and returns plain DataFrames or values,
so pytest calls them directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

LOWER_IS_BETTER = "lager_is_beter"
# The small-number guard of a wijk figure: a count under this is shown as "minder dan 10" and gets no rate per
# 1.000 inwoners; a rate on a handful of cases swings from chance and could point to people.
SMALL_COUNT = 10
HIGHER_IS_BETTER = "hoger_is_beter"


@dataclass(frozen=True)
class CrimeCategory:
    """A kind of crime as both sources name it: the documents' indicator and the police's codes (47018NED)."""

    key: str
    label: str
    indicator_id: str
    police_codes: tuple[str, ...]


# All registered crime: the documents' total and the police's 0.0.0, which is never added to its parts.
ALL_CRIME = CrimeCategory("totaal", "Alle misdrijven", "misdrijven_totaal", ("0.0.0",))
# The four High Impact Crimes, the one definition every module uses (rules, police import, queries).
HIC_TOTAL_ID = "hic_totaal"
HIC_PARTS = (
    CrimeCategory("geweld", "Geweld", "hic_geweld", ("1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5")),
    CrimeCategory("woninginbraak", "Woninginbraak", "woninginbraken", ("1.1.1",)),
    CrimeCategory("straatroof", "Straatroof", "hic_straatroof", ("1.4.6",)),
    CrimeCategory("overvallen", "Overvallen", "hic_overvallen", ("1.4.7",)),
)
CRIME_CATEGORIES = (ALL_CRIME, *HIC_PARTS)


def goal_met(realisatie: float | None, begroting: float | None, richting: str) -> bool | None:
    """Whether the realisatie meets the begroting, read in the indicator's direction.

    None when it cannot be said: a value is missing or the indicator has no direction.
    Meeting the target exactly counts as gehaald.
    """
    if realisatie is None or begroting is None or pd.isna(realisatie) or pd.isna(begroting):
        return None
    if richting == LOWER_IS_BETTER:
        return bool(realisatie <= begroting)
    if richting == HIGHER_IS_BETTER:
        return bool(realisatie >= begroting)
    return None


def goal_label(met: bool | None) -> str:
    """Dutch wording of a doel-gehaald verdict."""
    return {True: "Ja", False: "Nee", None: "Niet te bepalen"}[met]


def latest_verdicts(effect: pd.DataFrame) -> pd.DataFrame:
    """Per indicator the latest year with both realisatie and begroting, with difference and verdict."""
    complete = effect.dropna(subset=["realisatie", "begroting"])
    latest = complete.sort_values("jaar").groupby("indicator_id", sort=False).tail(1).copy()
    latest["verschil"] = latest["realisatie"] - latest["begroting"]
    latest["doel_gehaald"] = [
        goal_met(r, b, d) for r, b, d in zip(latest["realisatie"], latest["begroting"], latest["richting"])
    ]
    order = {i: n for n, i in enumerate(effect["indicator_id"].drop_duplicates())}
    return latest.sort_values("indicator_id", key=lambda s: s.map(order)).reset_index(drop=True)
