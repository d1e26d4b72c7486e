"""Charts for the dashboard. No streamlit here; a chart is a Vega-Lite spec filled from a template made once with
Altair (ivb.views.template), or None.

One colour-blind-safe palette (Okabe-Ito) for everything; realisatie and begroting are
told apart by dash and by label, not by colour alone; numbers follow the Dutch locale
inside the spec; years without a figure stay empty instead of being bridged by a line.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from ivb import formatting
from ivb.views import template

# Okabe & Ito (2008), safe for the common forms of colour blindness; black is left for text.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
DUTCH = alt.Locale(number=alt.NumberLocale(decimal=",", thousands=".", grouping=[3], currency=["€ ", ""]))
TYPE_LABELS = {"realisatie": "Realisatie", "begroting": "Begroting"}
AXIS_FORMATS = {"aantal": ",d", "per_1000": ",.3~f", "per_1000_wijk": ",.1~f",
                "rapportcijfer": ",.1f", "procent": ",.0f", "procent_verandering": "+,.1f",
                "euro": "$,d"}
UNIT_TITLES = {"aantal": "Aantal", "per_1000": "Per 1.000 inwoners", "per_1000_wijk": "Per 1.000 inwoners",
               "rapportcijfer": "Rapportcijfer", "procent": "Procent",
               "procent_verandering": "Verandering (%)", "euro": "Euro"}
WIDTH = "container"


FIT_WIDTH = {"type": "fit-x", "contains": "padding"}


def finish(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Dutch number locale and readable fonts on the top-level chart (alt text is set where it is shown).

    The chart fits the width of the page and keeps the height it asks for: legends and axes come on top of it,
    so a legend that needs more lines on a phone never squeezes the plot.
    """
    return (
        chart.properties(autosize=FIT_WIDTH).configure(locale=DUTCH, font="Source Sans Pro, sans-serif")
        .configure_axis(labelFontSize=13, titleFontSize=13, labelColor="#1A1A1A", titleColor="#1A1A1A")
        # Entries under each other: a legend stays whole on a 390 px phone (a second legend goes under the chart).
        .configure_legend(labelFontSize=13, titleFontSize=13, orient="top", direction="vertical", labelLimit=340,
                          labelColor="#1A1A1A", titleColor="#1A1A1A", symbolSize=120)
        .configure_view(strokeWidth=0)
        .configure_header(labelFontSize=14, labelFontWeight="bold", labelColor="#1A1A1A")
    )


def trend_data(values: pd.DataFrame) -> pd.DataFrame:
    """The rows a trend chart draws: one per indicator, type and year, with a segment number
    that changes wherever a year is missing, and the value as the reader sees it."""
    columns = ["indicator_id", "label", "eenheid", "jaar", "type", "waarde", "benaderd", "bron", "vindplaats"]
    data = values[columns + (["voorlopig"] if "voorlopig" in values else [])].copy()
    data["label"] = part_labels(values)
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
    # What a screen reader says of each point (Vega would read the raw fields otherwise).
    data["beschrijving"] = [f"{label}, {jaar}, {soort.lower()}: {waarde}"
                            for label, jaar, soort, waarde in zip(data["label"], data["jaar"], data["soort"], data["waarde_nl"])]
    return data


def shown_wholes(values: pd.DataFrame) -> list[str | None]:
    """Per row, the label of the whole its indicator is part of (``deel_van``) when that whole is in ``values`` too."""
    if "deel_van" not in values.columns:
        return [None] * len(values)
    wholes = dict(zip(values["indicator_id"], values["label"]))
    return [wholes.get(whole) for whole in values["deel_van"].fillna("")]


def part_labels(values: pd.DataFrame) -> list[str]:
    """The label of each row, with '(deel van ...)' where the chart also shows the whole the indicator is part of:
    a total and its part are two lines, never two equals."""
    return [f"{label} (deel van {whole[:1].lower()}{whole[1:]})" if whole else label
            for label, whole in zip(values["label"], shown_wholes(values))]


# The fields a trend chart reads: the rest of trend_data stays out of the spec, which is sent to every reader.
_DRAWN = ["label", "jaar", "waarde", "soort", "segment", "waarde_nl", "bron", "vindplaats", "beschrijving"]


def trend(values: pd.DataFrame) -> dict | None:
    """Lines per indicator over the years: realisatie solid, begroting dashed and labelled.

    The Vega-Lite spec of the template ``_trend_kind`` (ivb.views.template) filled with these rows; the years, the
    labels (in the catalogue's order, as the legend reads and the colours follow) and a rapportcijfer's range go in as
    parameter values, so no chart is built per filter."""
    if values.empty:
        return None
    data = trend_data(values)
    unit = data["eenheid"].iloc[0]
    labels = list(dict.fromkeys(part_labels(values)))
    years = sorted(int(j) for j in data["jaar"].unique())
    rows = {template.ROWS: data[_DRAWN]}
    params = {"x_domain": [years[0] - 0.5, years[-1] + 0.5], "x_years": list(range(years[0], years[-1] + 1)),
              "colour_domain": labels}
    if unit == "rapportcijfer":
        params["y_domain"] = _rapportcijfer_domain(data["waarde"])
    provisional = sorted(int(j) for j in data.loc[data["voorlopig"], "jaar"].unique())
    if provisional:  # the provisional years as a light band with one word on top, as CBS marks them
        rows["band"] = pd.DataFrame({"van": [provisional[0] - 0.5], "tot": [provisional[-1] + 0.5],
                                     "midden": [(provisional[0] + provisional[-1]) / 2]})
    budget = data[data["type"] == "begroting"]
    if not budget.empty:  # the word "begroting" at the last begroting point of each indicator
        rows["begroting"] = budget.sort_values("jaar").groupby("indicator_id").tail(1)[["label", "jaar", "waarde"]]
    variant = (unit if unit in UNIT_TITLES else None, len(labels) > 1, not budget.empty, bool(provisional))
    return template.fill(template.template(_trend_kind, *variant), rows, params)


def _rapportcijfer_domain(values: pd.Series) -> list[float]:
    """A rapportcijfer (1-10) around its values, so a lone figure is not on the axis."""
    low, high = float(values.min()), float(values.max())
    return [max(1.0, math.floor(low * 2) / 2 - 0.5), min(10.0, math.ceil(high * 2) / 2 + 0.5)]


def _trend_kind(unit: str | None, legend: bool, budget: bool, provisional: bool) -> alt.TopLevelMixin:
    """The trend chart of one unit, with a colour legend (more than one line), a begroting (dash legend and labels)
    and a band of provisional years, or without; the rows and the parameters of :func:`trend` fill it."""
    x_domain = alt.param(name="x_domain", value=[0, 1])
    x_years = alt.param(name="x_years", value=[0])
    colour_domain = alt.param(name="colour_domain", value=[""])
    params = [x_domain, x_years, colour_domain]
    x_scale = alt.Scale(domain=alt.ExprRef("x_domain"), nice=False)
    x_axis = alt.Axis(format="d", values=alt.ExprRef("x_years"), labelAngle=0, grid=False)
    x = alt.X("jaar:Q", title="Jaar", scale=x_scale, axis=x_axis)
    if unit == "rapportcijfer":
        params.append(alt.param(name="y_domain", value=[1, 10]))
        y_scale = alt.Scale(domain=alt.ExprRef("y_domain"), nice=False)
    else:  # counts and amounts from zero
        y_scale = alt.Scale(zero=True)
    y = alt.Y("waarde:Q", title=UNIT_TITLES.get(unit, "Waarde"), axis=alt.Axis(format=AXIS_FORMATS.get(unit, ",")),
              scale=y_scale)
    # The palette in full: an ordinal scale gives the n-th label the n-th colour, as the first n colours did.
    color = alt.Color("label:N", title=None, scale=alt.Scale(domain=alt.ExprRef("colour_domain"), range=PALETTE),
                      legend=alt.Legend() if legend else None)
    dash = alt.StrokeDash("soort:N", title=None, scale=alt.Scale(domain=["Realisatie", "Begroting"], range=[[1, 0], [6, 4]]),
                          legend=alt.Legend(symbolStrokeColor="#1A1A1A", symbolStrokeWidth=2.5, orient="bottom", direction="horizontal")
                          if budget else None)
    tooltip = [alt.Tooltip("label:N", title="Indicator"), alt.Tooltip("jaar:Q", title="Jaar", format="d"),
               alt.Tooltip("soort:N", title="Soort"), alt.Tooltip("waarde_nl:N", title="Waarde"),
               alt.Tooltip("bron:N", title="Bron"), alt.Tooltip("vindplaats:N", title="Vindplaats")]
    base = alt.Chart(template.rows()).encode(x=x, y=y, color=color)
    # Streamlit's theme gives every mark a tooltip of its raw fields: only the points have one, in Dutch.
    # A year without a neighbour is a lone point: the line of its segment draws nothing, so no line runs through one value.
    lines = base.mark_line(strokeWidth=2.5, tooltip=False, aria=False).encode(strokeDash=dash, detail="segment:N")
    points = base.mark_point(filled=True, size=70).encode(
        shape=alt.Shape("soort:N", scale=alt.Scale(domain=["Realisatie", "Begroting"], range=["circle", "triangle-up"]), legend=None),
        tooltip=tooltip, description="beschrijving:N",
    )
    layers = [lines, points]
    if provisional:
        band = template.rows("band")
        layers.insert(0, alt.Chart(band).mark_rect(color="#EEF2F7", tooltip=False, aria=False).encode(
            x=alt.X("van:Q", title="Jaar", scale=x_scale, axis=x_axis), x2="tot:Q"))
        layers.append(alt.Chart(band).mark_text(baseline="top", fontSize=11, color="#444444", tooltip=False, aria=False)
                      .encode(x=alt.X("midden:Q", title="Jaar", scale=x_scale, axis=x_axis), y=alt.value(4),
                              text=alt.value("voorlopig")))
    if budget:
        layers.append(
            alt.Chart(template.rows("begroting"))
            .mark_text(align="right", dx=4, dy=-12, fontSize=12, fontStyle="italic", tooltip=False, aria=False)
            .encode(x="jaar:Q", y="waarde:Q", text=alt.value("begroting"), color=alt.Color("label:N", legend=None))
        )
    return finish(alt.layer(*layers).add_params(*params).properties(width=WIDTH, height=300))
