"""Domain logic on indicator values: doel gehaald (ja, nee or niet vast te stellen, with the reason) and the latest
verdict per indicator.

No streamlit here: every function takes and returns plain DataFrames or values,
so pytest calls them directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ivb import formatting

LOWER_IS_BETTER = "lager_is_beter"
# The small-number guard of a wijk figure: a count under this is shown as "minder dan 10" and gets no rate per
# 1.000 inwoners; a rate on a handful of cases swings from chance and could point to people.
SMALL_COUNT = 10
# A rate per 1.000 inwoners needs inwoners: an area with fewer (a buitengebied, a business park) gets none, for its
# crime is mostly of passers-by and businesses, and a few hundred residents would make any count look enormous.
MIN_INHABITANTS = 2500
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
    return {True: "Ja", False: "Nee", None: "Niet vast te stellen"}[met]


# The step in which the sources give a unit: two figures closer than this cannot be told apart (a rapportcijfer of
# one decimal, 7,4, may be anything from 7,35 to 7,45). Counts and amounts are exact.
ROUNDED_TO = {"rapportcijfer": 0.1}


@dataclass(frozen=True)
class Verdict:
    """Doel gehaald in three ways: ``met`` True (ja), False (nee) or None (niet vast te stellen), and why."""

    met: bool | None
    reason: str

    @property
    def label(self) -> str:
        return goal_label(self.met)


def verdict(realisatie: float | None, begroting: float | None, richting: str, eenheid: str = "aantal",
            voorlopig: bool = False) -> Verdict:
    """Whether the realisatie meets the begroting, with the reason in words.

    Niet vast te stellen: without a realisatie, without a begroting, without a direction, for a provisional figure,
    or when the difference is smaller than the step the source gives the unit in (:data:`ROUNDED_TO`).
    """
    if realisatie is None or pd.isna(realisatie):
        return Verdict(None, "Er is geen realisatie voor dit jaar.")
    if begroting is None or pd.isna(begroting):
        return Verdict(None, "Er is geen begroting voor dit jaar.")
    if richting not in (LOWER_IS_BETTER, HIGHER_IS_BETTER):
        return Verdict(None, "Bij deze indicator is niet vastgelegd of hoger of lager beter is.")
    if voorlopig:
        return Verdict(None, "De realisatie is voorlopig: de bron kan haar nog herzien.")
    value, target = formatting.value(realisatie, eenheid), formatting.value(begroting, eenheid)
    step = ROUNDED_TO.get(eenheid)
    if step is not None and abs(realisatie - begroting) < step - 1e-9:
        return Verdict(None, f"{value} is gelijk aan de begroting {target}, maar de bron rondt af op "
                             f"{formatting.number(step, 1 if step < 1 else 0)}: het werkelijke cijfer kan er net onder "
                             f"of net boven liggen.")
    met = goal_met(realisatie, begroting, richting)
    direction = "lager is beter" if richting == LOWER_IS_BETTER else "hoger is beter"
    if realisatie == begroting:
        return Verdict(met, f"{value} is gelijk aan de begroting ({direction}).")
    side = "onder" if realisatie < begroting else "boven"
    return Verdict(met, f"{value} ligt {side} de begroting van {target} ({direction}).")


def latest_verdicts(effect: pd.DataFrame) -> pd.DataFrame:
    """Per indicator the latest year with both realisatie and begroting (else its latest year), with the difference,
    the verdict (``doel_gehaald``: True, False or None), its reason (``reden``) and the source to cite (``bron``)."""
    complete = effect.dropna(subset=["realisatie", "begroting"])
    incomplete = effect[~effect["indicator_id"].isin(complete["indicator_id"])]
    latest = pd.concat([complete, incomplete]).sort_values("jaar").groupby("indicator_id", sort=False).tail(1).copy()
    latest["verschil"] = latest["realisatie"] - latest["begroting"]
    provisional = latest["voorlopig"] if "voorlopig" in latest else pd.Series(False, index=latest.index)
    verdicts = [verdict(r, b, d, e, bool(v)) for r, b, d, e, v in
                zip(latest["realisatie"], latest["begroting"], latest["richting"], latest["eenheid"], provisional)]
    latest["doel_gehaald"] = pd.Series([v.met for v in verdicts], index=latest.index, dtype=object)
    latest["reden"] = [v.reason for v in verdicts]
    latest["bron"] = latest["bron_realisatie"].fillna(latest["bron_begroting"])  # the realisatie's, else the begroting's
    order = {i: n for n, i in enumerate(effect["indicator_id"].drop_duplicates())}
    return latest.sort_values("indicator_id", key=lambda s: s.map(order)).reset_index(drop=True)
