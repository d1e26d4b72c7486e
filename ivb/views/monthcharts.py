"""The monthly line: the last twelve months beside the same months a year earlier, from a frame of months.

A missing month is a gap, never bridged; a secret month (part of it secret) is drawn with its count and says
"ca." in its tooltip. No streamlit here; the chart is a template made once with Altair (ivb.views.template) and
filled per wijk.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ivb import formatting
from ivb.views import template
from ivb.views.charts import PALETTE, WIDTH, finish

SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def year_over_year(months: pd.DataFrame) -> pd.DataFrame:
    """The rows of the chart: the 24 months up to the last one in ``months`` (jaar, maand, aantal, benaderd), each with
    its place in the twelve (``positie`` 0-11), its series (``reeks``), its month name and its count as text."""
    if months.empty:
        return pd.DataFrame(columns=["positie", "maandnaam", "reeks", "aantal", "tekst", "segment"])
    index = months["jaar"] * 12 + months["maand"] - 1
    last = int(index.max())
    rows = []
    for series, end in ((0, last), (1, last - 12)):
        first = end - 11
        name = f"{SHORT[first % 12]} {first // 12} - {SHORT[end % 12]} {end // 12}"
        for position, month in enumerate(range(first, end + 1)):
            found = months[index == month]
            count = float(found["aantal"].iloc[0]) if not found.empty and pd.notna(found["aantal"].iloc[0]) else None
            secret = bool(found["benaderd"].iloc[0]) if not found.empty else False
            rows.append({"positie": position, "maandnaam": SHORT[month % 12], "reeks": name, "volgorde": series,
                         "aantal": count, "tekst": ("ca. " if secret else "") + formatting.number(count)
                         if count is not None else "geen cijfer"})
    data = pd.DataFrame(rows)
    # A missing month starts a new segment: the line never runs across it.
    gap = data["aantal"].isna()
    data["segment"] = data["reeks"] + "-" + gap.groupby(data["reeks"]).cumsum().astype(str)
    return data[~gap].reset_index(drop=True)


def months_line(months: pd.DataFrame) -> dict | None:
    """Two lines over the months of ``months`` (jaar, maand, aantal, benaderd): the last twelve (solid) and the same
    months a year earlier (dashed).

    The Vega-Lite spec of the template ``_months_kind`` (ivb.views.template) filled with these rows; the names of the
    two periods and of the months on the axis go in as parameter values, so no chart is built per wijk."""
    data = year_over_year(months)
    if data.empty:
        return None
    names = list(dict.fromkeys(data.sort_values("volgorde")["reeks"]))
    labels = list(dict.fromkeys(data.sort_values("positie")["maandnaam"]))
    data = data.assign(beschrijving=[f"{r}, {m}: {t}" for r, m, t in zip(data["reeks"], data["maandnaam"], data["tekst"])])
    return template.fill(template.template(_months_kind), {template.ROWS: data[_DRAWN]},
                         {"series": names, "month_labels": labels})


# The fields the chart reads: the rest of year_over_year stays out of the spec, which is sent to every reader.
_DRAWN = ["positie", "maandnaam", "reeks", "aantal", "tekst", "segment", "beschrijving"]


def _months_kind() -> alt.TopLevelMixin:
    """The monthly line on named rows (:func:`year_over_year` with a ``beschrijving``), the periods' names
    (``series``: the legend's order, solid first) and the months' names on the axis (``month_labels``)."""
    series = alt.param(name="series", value=[""])
    month_labels = alt.param(name="month_labels", value=[""])
    x = alt.X("positie:O", title="Maand", axis=alt.Axis(labelExpr="month_labels[datum.value]", labelAngle=0))
    y = alt.Y("aantal:Q", title="Aantal", axis=alt.Axis(format=",d"), scale=alt.Scale(zero=True))
    # One parameter for both domains, so colour and dash share one legend; the n-th period takes the n-th colour and dash.
    color = alt.Color("reeks:N", title=None, scale=alt.Scale(domain=alt.ExprRef("series"), range=PALETTE[:2]))
    dash = alt.StrokeDash("reeks:N", title=None, scale=alt.Scale(domain=alt.ExprRef("series"), range=[[1, 0], [6, 4]]))
    base = alt.Chart(template.rows()).encode(x=x, y=y, color=color)
    lines = base.mark_line(strokeWidth=2.5, tooltip=False, aria=False).encode(strokeDash=dash, detail="segment:N")
    points = base.mark_point(filled=True, size=60).encode(
        tooltip=[alt.Tooltip("reeks:N", title="Periode"), alt.Tooltip("maandnaam:N", title="Maand"),
                 alt.Tooltip("tekst:N", title="Misdrijven")],
        description="beschrijving:N")
    return finish(alt.layer(lines, points).add_params(series, month_labels).properties(width=WIDTH, height=280))
