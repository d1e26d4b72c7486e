"""Altair charts for the dashboard. No streamlit here; every function returns a chart or None.

One colour-blind-safe palette (Okabe-Ito) for everything; realisatie and begroting are
told apart by dash and by label, not by colour alone; numbers follow the Dutch locale
inside the spec; years without a figure stay empty instead of being bridged by a line.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ivb import formatting

# Okabe & Ito (2008), safe for the common forms of colour blindness; black is left for text.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
DUTCH = alt.Locale(number=alt.NumberLocale(decimal=",", thousands=".", grouping=[3], currency=["€ ", ""]))
TYPE_LABELS = {"realisatie": "Realisatie", "begroting": "Begroting"}
AXIS_FORMATS = {"aantal": ",d", "per_1000": ",.3~f", "rapportcijfer": ",.1f", "procent": ",.0f", "procent_verandering": "+,.1f",
                "euro": "$,d"}
UNIT_TITLES = {"aantal": "Aantal", "per_1000": "Per 1.000 inwoners", "rapportcijfer": "Rapportcijfer", "procent": "Procent",
               "procent_verandering": "Verandering (%)", "euro": "Euro"}
WIDTH = "container"


def finish(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Dutch number locale and readable fonts on the top-level chart (alt text is set where it is shown)."""
    return (
        chart.configure(locale=DUTCH, font="Source Sans Pro, sans-serif")
        .configure_axis(labelFontSize=13, titleFontSize=13, labelColor="#1A1A1A", titleColor="#1A1A1A")
        .configure_legend(labelFontSize=13, titleFontSize=13, orient="top", direction="horizontal", labelLimit=400,
                          labelColor="#1A1A1A", titleColor="#1A1A1A", symbolSize=120)
        .configure_view(strokeWidth=0)
        .configure_header(labelFontSize=14, labelFontWeight="bold", labelColor="#1A1A1A")
    )


def trend_data(values: pd.DataFrame) -> pd.DataFrame:
    """The rows a trend chart draws: one per indicator, type and year, with a segment number
    that changes wherever a year is missing, and the value as the reader sees it."""
    columns = ["indicator_id", "label", "eenheid", "jaar", "type", "waarde", "benaderd", "bron", "vindplaats"]
    data = values[columns + (["voorlopig"] if "voorlopig" in values else [])].copy()
    if "voorlopig" not in data:
        data["voorlopig"] = False
    data = data.sort_values(["indicator_id", "type", "jaar"]).reset_index(drop=True)
    gap = data.groupby(["indicator_id", "type"])["jaar"].diff().ne(1)
    data["segment"] = gap.cumsum()
    data["soort"] = data["type"].map(TYPE_LABELS)
    data["waarde_nl"] = [formatting.value(v, e, bool(b)) for v, e, b in zip(data["waarde"], data["eenheid"], data["benaderd"])]
    # Provisional figures (CBS revises them) say so in the tooltip and get a label on the chart.
    data["voorlopig"] = data["voorlopig"].fillna(False).astype(bool)
    data.loc[data["voorlopig"], "waarde_nl"] += " (voorlopig)"
    return data


def trend(values: pd.DataFrame) -> alt.TopLevelMixin | None:
    """Lines per indicator over the years: realisatie solid, begroting dashed and labelled."""
    if values.empty:
        return None
    data = trend_data(values)
    unit = data["eenheid"].iloc[0]
    labels = list(dict.fromkeys(values["label"]))
    years = sorted(int(j) for j in data["jaar"].unique())
    x = alt.X("jaar:Q", title="Jaar", scale=alt.Scale(domain=[years[0] - 0.5, years[-1] + 0.5], nice=False),
              axis=alt.Axis(format="d", values=list(range(years[0], years[-1] + 1)), labelAngle=0, grid=False))
    y = alt.Y("waarde:Q", title=UNIT_TITLES.get(unit, "Waarde"), axis=alt.Axis(format=AXIS_FORMATS.get(unit, ",")),
              scale=alt.Scale(zero=unit not in ("rapportcijfer",)))
    has_budget = bool((data["type"] == "begroting").any())
    color = alt.Color("label:N", title=None, scale=alt.Scale(domain=labels, range=PALETTE[: len(labels)]),
                      legend=alt.Legend() if len(labels) > 1 else None)
    dash = alt.StrokeDash("soort:N", title=None, scale=alt.Scale(domain=["Realisatie", "Begroting"], range=[[1, 0], [6, 4]]),
                          legend=alt.Legend(symbolStrokeColor="#1A1A1A", symbolStrokeWidth=2.5) if has_budget else None)
    tooltip = [alt.Tooltip("label:N", title="Indicator"), alt.Tooltip("jaar:Q", title="Jaar", format="d"),
               alt.Tooltip("soort:N", title="Soort"), alt.Tooltip("waarde_nl:N", title="Waarde"),
               alt.Tooltip("bron:N", title="Bron"), alt.Tooltip("vindplaats:N", title="Vindplaats")]
    base = alt.Chart(data).encode(x=x, y=y, color=color)
    # Streamlit's theme gives every mark a tooltip of its raw fields: only the points have one, in Dutch.
    lines = base.mark_line(strokeWidth=2.5, tooltip=False).encode(strokeDash=dash, detail="segment:N")
    points = base.mark_point(filled=True, size=70).encode(
        shape=alt.Shape("soort:N", scale=alt.Scale(domain=["Realisatie", "Begroting"], range=["circle", "triangle-up"]), legend=None),
        tooltip=tooltip,
    )
    layers = [lines, points]
    provisional = data[data["voorlopig"]].sort_values("waarde", ascending=False).drop_duplicates("jaar")  # one label per year
    if not provisional.empty:
        layers.append(alt.Chart(provisional).mark_text(dy=-14, fontSize=11, color="#555555", tooltip=False)
                      .encode(x="jaar:Q", y="waarde:Q", text=alt.value("voorlopig")))
    budget = data[data["type"] == "begroting"]
    if not budget.empty:
        last = budget.sort_values("jaar").groupby("indicator_id").tail(1)
        layers.append(
            alt.Chart(last).mark_text(align="left", dx=8, dy=-8, fontSize=12, fontStyle="italic", tooltip=False)
            .encode(x="jaar:Q", y="waarde:Q", text=alt.value("begroting"), color=alt.Color("label:N", legend=None))
        )
    return finish(alt.layer(*layers).properties(width=WIDTH, height=300))
