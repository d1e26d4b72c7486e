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
    lines = base.mark_line(strokeWidth=2.5).encode(strokeDash=dash, detail="segment:N")
    points = base.mark_point(filled=True, size=70).encode(
        shape=alt.Shape("soort:N", scale=alt.Scale(domain=["Realisatie", "Begroting"], range=["circle", "triangle-up"]), legend=None),
        tooltip=tooltip,
    )
    layers = [lines, points]
    provisional = data[data["voorlopig"]].sort_values("waarde", ascending=False).drop_duplicates("jaar")  # one label per year
    if not provisional.empty:
        layers.append(alt.Chart(provisional).mark_text(dy=-14, fontSize=11, color="#555555")
                      .encode(x="jaar:Q", y="waarde:Q", text=alt.value("voorlopig")))
    budget = data[data["type"] == "begroting"]
    if not budget.empty:
        last = budget.sort_values("jaar").groupby("indicator_id").tail(1)
        layers.append(
            alt.Chart(last).mark_text(align="left", dx=8, dy=-8, fontSize=12, fontStyle="italic")
            .encode(x="jaar:Q", y="waarde:Q", text=alt.value("begroting"), color=alt.Color("label:N", legend=None))
        )
    return finish(alt.layer(*layers).properties(width=WIDTH, height=300))


def bars(values: pd.DataFrame, by: str = "label") -> alt.TopLevelMixin | None:
    """Horizontal bars per indicator or categorie, one bar per year side by side."""
    if values.empty:
        return None
    data = values.copy()
    data["naam"] = data["label"]
    if by == "categorie":
        # With several indicators in one chart a categorie alone ("afgerond") would not say of what.
        several = data["indicator_id"].nunique() > 1
        data["naam"] = [
            (f"{label}: {cat}" if several else cat) if cat else label for label, cat in zip(data["label"], data["categorie"])
        ]
    data["jaar_tekst"] = data["jaar"].astype(int).astype(str)
    data["waarde_nl"] = [formatting.value(v, e, bool(b)) for v, e, b in zip(data["waarde"], data["eenheid"], data["benaderd"])]
    unit = data["eenheid"].iloc[0]
    names = list(dict.fromkeys(data["naam"]))
    years = sorted(data["jaar_tekst"].unique())
    y = alt.Y("naam:N", title=None, sort=names, axis=alt.Axis(labelLimit=360))
    x = alt.X("waarde:Q", title=UNIT_TITLES.get(unit, "Waarde"), axis=alt.Axis(format=AXIS_FORMATS.get(unit, ",")))
    color = alt.Color("jaar_tekst:N", title="Jaar", scale=alt.Scale(domain=years, range=PALETTE[: len(years)]),
                      legend=alt.Legend() if len(years) > 1 else None)
    tooltip = [alt.Tooltip("naam:N", title="Onderwerp"), alt.Tooltip("jaar_tekst:N", title="Jaar"),
               alt.Tooltip("waarde_nl:N", title="Waarde"), alt.Tooltip("bron:N", title="Bron"),
               alt.Tooltip("vindplaats:N", title="Vindplaats")]
    base = alt.Chart(data).encode(y=y, x=x)
    bar = base.mark_bar().encode(color=color, yOffset=alt.YOffset("jaar_tekst:N", sort=years), tooltip=tooltip)
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(
        text="waarde_nl:N", yOffset=alt.YOffset("jaar_tekst:N", sort=years), color=alt.value("#1A1A1A"))
    # Streamlit fits legend and axes inside the height too, hence the fixed extra room.
    height = len(names) * (20 * len(years) + 14) + (110 if len(years) > 1 else 60)
    return finish(alt.layer(bar, text).properties(width=WIDTH, height=height))


def woonoverlast(cases: pd.DataFrame) -> alt.TopLevelMixin | None:
    """Cases per wijk, stacked by eigendom, one panel for lopende and one for afgeronde cases."""
    if cases.empty:
        return None
    data = cases.copy()
    data["status_nl"] = data["status"].str.capitalize()
    data["eigendom_nl"] = data["eigendom"].map({"koop": "Koop", "corporatie": "Corporatie", "particulier": "Particuliere huur"})
    order = list(dict.fromkeys(data["wijk"]))
    owners = ["Koop", "Corporatie", "Particuliere huur"]
    chart = (
        alt.Chart(data)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            y=alt.Y("wijk:N", title=None, sort=order),
            x=alt.X("sum(aantal):Q", title="Casussen", axis=alt.Axis(format=",d")),
            color=alt.Color("eigendom_nl:N", title="Eigendom", scale=alt.Scale(domain=owners, range=PALETTE[:3])),
            order=alt.Order("eigendom_order:Q"),
            tooltip=[alt.Tooltip("wijk:N", title="Wijk"), alt.Tooltip("status_nl:N", title="Status"),
                     alt.Tooltip("eigendom_nl:N", title="Eigendom"), alt.Tooltip("aantal:Q", title="Casussen", format=",d")],
        )
        .transform_calculate(eigendom_order="indexof(['Koop','Corporatie','Particuliere huur'], datum.eigendom_nl)")
        .properties(width=280, height=28 * len(order) + 20)
        .facet(column=alt.Column("status_nl:N", title=None, sort=["Lopend", "Afgerond"]))
    )
    return finish(chart)


def finances(money: pd.DataFrame) -> alt.TopLevelMixin | None:
    """Lasten and baten per doelstelling (x EUR 1.000), without the programme total."""
    data = money[(money["regel"] != "totaal") & money["post"].isin(["lasten", "baten"])].copy()
    if data.empty:
        return None
    data["doelstelling"] = data["regel"] + " " + data["omschrijving"]
    data["post_nl"] = data["post"].str.capitalize()
    # Bars show amounts; the sign (lasten negative, as in the jaarrekening) stays in table and tooltip.
    data["omvang"] = data["bedrag"].abs()
    data["bedrag_nl"] = [formatting.number(v) for v in data["bedrag"]]
    data["afgeleid_nl"] = data["afgeleid"].map({True: "ja (niet leesbaar in de bron)", False: "nee"})
    order = list(dict.fromkeys(data["doelstelling"]))
    base = alt.Chart(data).encode(
        y=alt.Y("doelstelling:N", title=None, sort=order, axis=alt.Axis(labelLimit=360)),
        x=alt.X("omvang:Q", title="Bedrag (x € 1.000)", axis=alt.Axis(format=",d")),
        yOffset=alt.YOffset("post_nl:N", sort=["Lasten", "Baten"]),
    )
    bar = base.mark_bar().encode(
        color=alt.Color("post_nl:N", title="Post", scale=alt.Scale(domain=["Lasten", "Baten"], range=[PALETTE[5], PALETTE[2]])),
        tooltip=[alt.Tooltip("doelstelling:N", title="Doelstelling"), alt.Tooltip("post_nl:N", title="Post"),
                 alt.Tooltip("bedrag_nl:N", title="x € 1.000"), alt.Tooltip("afgeleid_nl:N", title="Afgeleid")],
    )
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(text="bedrag_nl:N", color=alt.value("#1A1A1A"))
    return finish(alt.layer(bar, text).properties(width=WIDTH, height=60 * len(order) + 90))
