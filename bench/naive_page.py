"""The naive peer of the crime page's police part, the way most Streamlit dashboards do it:
read the whole Parquet file into pandas on every run, then filter and group in pandas.

Same semantics as ivb.queries.police_counts (year rows, else the sum of the months; 0.0.0 apart), same charts.
Used only by bench/perf.py.
"""

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from ivb.gemeente import DEFAULT_CODE
from ivb.indicators import ALL_CRIME, CRIME_CATEGORIES
from ivb.views import charts, rowcharts

data = Path(os.environ["IVB_DATA_DIR"])
wijk = st.query_params.get("wijk", "Meerzicht")
jaren = [int(j) for j in st.query_params.get_all("jaar")] or [2015, 2024]

crimes = pd.read_parquet(data / DEFAULT_CODE / "politie_misdrijven.parquet")
codes = pd.read_parquet(data / DEFAULT_CODE / "wijkcodes.parquet")
category = {code: c.key for c in CRIME_CATEGORIES for code in c.police_codes}
crimes = crimes[crimes["misdrijf_code"].isin(category)].copy()
crimes["categorie"] = crimes["misdrijf_code"].map(category)
# A wijk code means an area only within its indeling (wijkcodes).
crimes = crimes.merge(codes[codes["soort"] == "wijk"], left_on=["regio_code", "indeling"], right_on=["code", "indeling"])


def yearly(rows: pd.DataFrame) -> pd.DataFrame:
    keys = ["wijk", "regio_code", "jaar", "misdrijf_code", "categorie"]
    years = rows[rows["maand"] == 0].groupby(keys, as_index=False)["aantal"].max()
    months = rows[rows["maand"] > 0].groupby(keys, as_index=False)["aantal"].agg(["sum", "count"])
    months = months.rename(columns={"sum": "aantal"})
    months = months.merge(years[keys], on=keys, how="left", indicator=True)
    months = months[months["_merge"] == "left_only"].drop(columns=["_merge", "count"])
    return pd.concat([years, months], ignore_index=True)


def shaped(rows: pd.DataFrame, label: str) -> pd.DataFrame:
    out = rows.groupby([label, "jaar"], as_index=False)["aantal"].sum().rename(columns={label: "label", "aantal": "waarde"})
    out["indicator_id"] = out["label"]
    out["eenheid"], out["type"], out["categorie"], out["benaderd"] = "aantal", "realisatie", "", False
    out["bron"], out["vindplaats"] = "Politie (synthetisch)", ""
    return out


in_wijk = yearly(crimes[(crimes["wijk"] == wijk) & crimes["jaar"].between(jaren[0], jaren[-1])])
st.header(f"Misdrijven in {wijk} (politie)")
trend = charts.trend(shaped(in_wijk, "categorie"))
st.vega_lite_chart(spec=trend) if trend is not None else st.info("Geen cijfers.")
latest = jaren[-1]
compared = yearly(crimes[(crimes["jaar"] == latest) & crimes["misdrijf_code"].isin(ALL_CRIME.police_codes)])
st.header(f"Alle misdrijven per wijk in {latest} (politie)")
bars = rowcharts.bars(shaped(compared, "wijk"))
st.vega_lite_chart(spec=bars) if bars is not None else st.info("Geen cijfers.")
