"""Frames a wijk page shows or hands out: the map's areas with their figure, the table beside the map,
the kerncijfers of a wijk beside the city, and the cameras in a wijk. No streamlit here.

The small-number guard is applied here for the screen: a count under ``SMALL_COUNT`` reads
"minder dan 10" and has no rate (the queries already leave that rate out).
"""

from __future__ import annotations

import pandas as pd

from ivb import formatting
from ivb.indicators import MIN_INHABITANTS, SMALL_COUNT
from ivb.views.wijk_map import classify

SMALL_TEXT = f"minder dan {SMALL_COUNT}"
SMALL_NOTE = (f"Bij minder dan {SMALL_COUNT} gevallen staat er 'minder dan {SMALL_COUNT}' en geen cijfer per 1.000 inwoners: "
              "zo'n cijfer schommelt door toeval en kan naar personen te herleiden zijn.")
FEW_PEOPLE_NOTE = (f"Een gebied met minder dan {formatting.number(MIN_INHABITANTS)} inwoners (buitengebied, bedrijventerrein) "
                   "krijgt geen cijfer per 1.000 inwoners: de misdrijven daar gaan vooral over bedrijven en passanten.")


def guarded(rates: pd.DataFrame) -> pd.DataFrame:
    """A rates frame as it is handed out: a count under the guard replaced by the words, a figure made from buurten
    saying so (``toelichting``), no working columns."""
    out = rates.drop(columns=[c for c in ("indeling_inwoners",) if c in rates.columns]).copy()
    if "klein" in out.columns:
        out["aantal"] = [SMALL_TEXT if small else count for count, small in zip(out["aantal"], out["klein"])]
    if "buurten" in out.columns:
        out["toelichting"] = out["buurten"].map(formatting.buurt_sum)
    return out


def count_text(count, small: bool) -> str:
    """A count as the reader sees it, with the small-number guard."""
    return SMALL_TEXT if small else formatting.number(count)


def rate_text(row) -> str:
    """The rate per 1.000 of one row of a rates frame (one decimal), or why there is none."""
    if row.klein:
        return SMALL_TEXT + " gevallen"
    if getattr(row, "weinig_inwoners", False) is True:
        return f"minder dan {formatting.number(MIN_INHABITANTS)} inwoners"
    if pd.isna(row.per_1000):
        return "geen inwonertal" if pd.isna(row.inwoners) else formatting.MISSING
    return ("ca. " if row.benaderd else "") + formatting.number(row.per_1000, 1)


def map_areas(shapes: pd.DataFrame, figures: pd.DataFrame, column: str, as_text) -> pd.DataFrame:
    """Every polygon of ``shapes`` (code, cbs_naam, wijk, geometrie) with ``waarde`` from ``figures[column]`` per
    wijk and ``tekst`` for the tooltip; a wijk without a figure gets none."""
    by_wijk = figures.set_index("wijk")
    areas = shapes.copy()
    areas["waarde"] = areas["wijk"].map(by_wijk[column]) if not by_wijk.empty else pd.NA
    areas["tekst"] = [as_text(by_wijk.loc[w]) if w in by_wijk.index else "geen cijfer" for w in areas["wijk"]]
    areas["waarde"] = pd.to_numeric(areas["waarde"], errors="coerce")
    return areas


def population_map_table(people: pd.DataFrame, city: str) -> pd.DataFrame:
    """The table beside the inhabitants map: per wijk its inhabitants and class on the map, the city last."""
    wijken = people[people["wijk"] != city].sort_values("inwoners", ascending=False)
    labels, _ = classify(wijken["inwoners"].astype(float), formatting.number)
    city_rows = people[people["wijk"] == city]
    return pd.DataFrame({
        "Wijk": [*wijken["wijk"], *(f"Heel {city}" for _ in range(len(city_rows)))],
        "Inwoners (1 januari)": [*wijken["inwoners"], *city_rows["inwoners"]],
        "Klasse op de kaart": [*labels, *("" for _ in range(len(city_rows)))],
    })


def rates_table(rates: pd.DataFrame, city: str, what: str, classes: bool = False) -> pd.DataFrame:
    """Per wijk: the count, the inhabitants and the rate per 1.000, as text where the guard applies; with
    ``classes`` also the class each wijk has on the map."""
    ordered = pd.concat([rates[rates["wijk"] != city].sort_values(["jaar", "per_1000"], ascending=False, na_position="last"),
                         rates[rates["wijk"] == city]])
    table = pd.DataFrame({
        "Wijk": ordered["wijk"].where(ordered["wijk"] != city, f"Heel {city}"),
        what: [count_text(c, k) for c, k in zip(ordered["aantal"], ordered["klein"])],
        "Inwoners (1 januari)": ordered["inwoners"],
        "Per 1.000 inwoners": [rate_text(r) for r in ordered.itertuples(index=False)],
    })
    if "buurten" in ordered.columns and ordered["buurten"].fillna(0).astype(bool).any():  # figures made from buurten
        table.insert(2, "Hoe geteld", [formatting.buurt_sum(b) for b in ordered["buurten"]])
    if "inwoners_jaar" in ordered.columns:  # which count a rate used: 1 January of the next year, else of the year
        table.insert(3, "Inwoners op", [f"1 januari {int(j)}" if pd.notna(j) else "" for j in ordered["inwoners_jaar"]])
        table = table.rename(columns={"Inwoners (1 januari)": "Inwoners"})
    if ordered["jaar"].nunique() > 1:
        table.insert(1, "Jaar", ordered["jaar"].astype(str).values)
    if classes:  # beside the map: the count, the rate and its class; the inhabitants are in the download
        table = table.drop(columns=[c for c in ("Inwoners (1 januari)", "Inwoners", "Inwoners op") if c in table.columns])
        labels, _ = classify(ordered["per_1000"].where(ordered["wijk"] != city), lambda v: formatting.number(v, 1))
        table["Klasse op de kaart"] = labels.where(ordered["wijk"] != city, "").values
    return table.reset_index(drop=True)


SHORT_LABELS = {"inwoners": "Inwoners", "woningen": "Woningen", "oppervlakte_land_ha": "Land (ha)", "dichtheid": "Per km² land"}
KERNCIJFERS = (  # (column, label)
    ("inwoners", "Inwoners"),
    ("woningen", "Woningvoorraad"),
    ("oppervlakte_land_ha", "Landoppervlakte (ha)"),
    ("dichtheid", "Inwoners per km² land"),
)


def profile_table(people: pd.DataFrame, wijk: str, city: str) -> pd.DataFrame:
    """Kerncijfers of ``wijk`` beside the city, one row per figure and year (1 January), derived years marked."""
    rows = []
    for year in sorted(people["jaar"].unique(), reverse=True):
        of_year = people[people["jaar"] == year].set_index("wijk")
        for column, label in KERNCIJFERS:
            here = of_year[column].get(wijk) if wijk in of_year.index else None
            there = of_year[column].get(city) if city in of_year.index else None
            if pd.isna(here) and pd.isna(there):
                continue
            derived = wijk in of_year.index and bool(of_year.at[wijk, "afgeleid"])
            rows.append({"Kenmerk": f"{label}, 1 januari {year}" + (" (afgeleid)" if derived else ""),
                         wijk: here, f"Heel {city}": there})
    return pd.DataFrame(rows)


def cameras_table(cameras: pd.DataFrame, wijk: str, tabel_wijken: list[str]) -> pd.DataFrame:
    """The camera locations in ``wijk``: those the source places there, and those whose (approximate) point lies
    inside the wijk's own boundaries (``kaartwijk``: True/False per location) though the source names none or
    another. ``tabel_wijken`` are the wijken that ``wijk`` contains in the source's terms (Buytenwegh-De Leyens
    contains the source's Buytenwegh and De Leyens)."""
    named = cameras["wijk"].isin(tabel_wijken)
    here = cameras[named | cameras["kaartwijk"]]
    reason = ["de bron noemt deze wijk" if n else
              "alleen het geschatte punt valt in deze wijk; de bron noemt " + (w or "geen wijk")
              for n, w in zip(named[here.index], here["wijk"])]
    return pd.DataFrame({
        "Locatie": here["naam"],
        "Type": here["type"],
        "Periode": here["jaar_van"].astype(str) + "-" + here["jaar_tot"].astype(str),
        "Waarom in deze wijk": reason,
    }).reset_index(drop=True)
