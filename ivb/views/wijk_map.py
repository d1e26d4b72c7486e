"""The wijk map: the boundaries coloured by a figure per wijk, with class legend and wijk names, drawn
by Vega from our own polygons, so it reads without internet and without map tiles. The map is a template made once
with Altair (ivb.views.template) and filled per figure with the wijken.

No streamlit here. A click on a wijk selects it through the point selection ``SELECTION`` (field
``wijk``), which the page turns into the shared wijk filter.
"""

from __future__ import annotations

import json
import math

import altair as alt
import pandas as pd

from ivb import formatting
from ivb.sources import geometry
from ivb.views import charts, template

SELECTION = "kaartwijk"
COLOURS = ["#deebf7", "#9ecae1", "#4292c6", "#08519c", "#08306b"]  # sequential blues, light to dark
NO_FIGURE = "#d9d9d9"


def class_breaks(values: pd.Series, classes: int = 4) -> list[float]:
    """Inner class boundaries on a round step, so the legend reads '1,0 - 1,5' rather than '0,97 - 1,48'."""
    known = values.dropna()
    if known.empty or known.min() == known.max():
        return []
    low, high = float(known.min()), float(known.max())
    raw = (high - low) / classes
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    breaks = [round(start + step * i, 10) for i in range(1, classes + 1)]
    return [b for b in breaks if low < b <= high]


def class_label(value: float | None, breaks: list[float], fmt) -> str:
    """The class of ``value`` as the legend words it ("1,0 tot 1,5"), for the table beside the map."""
    if value is None or pd.isna(value):
        return "geen cijfer"
    if not breaks:
        return "alle wijken gelijk"
    if value < breaks[0]:
        return f"minder dan {fmt(breaks[0])}"
    for low, high in zip(breaks, breaks[1:]):
        if value < high:
            return f"{fmt(low)} tot {fmt(high)}"
    return f"{fmt(breaks[-1])} of meer"


def _centroid(ring: list) -> tuple[float, float]:
    """The area centroid of a ring (the vertex mean for a degenerate one)."""
    area = geometry.signed_area(ring)
    if not area:
        xs, ys = zip(*ring)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    pairs = list(zip(ring, ring[1:] + ring[:1]))
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (3 * area)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (3 * area)
    return cx, cy


def _centre(shapes: list[dict]) -> tuple[float, float]:
    """A label point for a wijk: the centroid of its largest polygon (a centre of all parts may fall outside them)."""
    rings = [polygon[0] for shape in shapes for polygon in geometry.polygons(shape)]
    return _centroid(max(rings, key=lambda ring: abs(geometry.signed_area(ring))))


def classify(values: pd.Series, fmt) -> tuple[pd.Series, list[str]]:
    """The class label of every value (as :func:`class_label` words it) and the labels in legend order."""
    breaks = class_breaks(values)
    order = ([f"minder dan {fmt(breaks[0])}"] + [f"{fmt(lo)} tot {fmt(hi)}" for lo, hi in zip(breaks, breaks[1:])]
             + [f"{fmt(breaks[-1])} of meer"]) if breaks else ["alle wijken gelijk"]
    labels = values.map(lambda v: class_label(v, breaks, fmt))
    present = [label for label in order if (labels == label).any()]
    return labels, present + (["geen cijfer"] if (labels == "geen cijfer").any() else [])


def wijk_map(areas: pd.DataFrame, title: str, decimals: int = 0, chosen: str | None = None,
             height: int = 420) -> dict:
    """Polygons per CBS wijk (columns code, cbs_naam, wijk, geometrie, waarde, tekst), coloured by the class of
    ``waarde`` (legend titled ``title``); ``tekst`` is the value as the tooltip shows it ("minder dan 10");
    the chosen wijk is outlined. Classes are computed here, so legend, map and table agree.

    The Vega-Lite spec of the template ``_map_kind`` (ivb.views.template, one per ``title``: a few words fixed by the
    page) filled with the wijken (``rows``) and their names (``names``); the classes and their colours go in as
    parameter values, the height on the filled copy."""
    classes, order = classify(areas["waarde"], lambda v: formatting.number(v, decimals))
    colours = {label: COLOURS[i] for i, label in enumerate(o for o in order if o != "geen cijfer")}
    colours["geen cijfer"] = NO_FIGURE
    features = []
    for row, klasse in zip(areas.itertuples(index=False), classes):
        features.append({
            "type": "Feature", "geometry": geometry.rewind_for_d3(json.loads(row.geometrie)),
            "wijk": row.wijk, "cbs_naam": row.cbs_naam, "code": row.code, "tekst": row.tekst, "klasse": klasse,
            "gekozen": row.wijk == chosen,
        })
    features.sort(key=lambda feature: feature["gekozen"])  # the outline of the chosen wijk on top of its neighbours
    labels = []
    for wijk, group in areas.groupby("wijk", sort=False):
        if group["waarde"].isna().all() and wijk != chosen:
            continue  # a grey area is named in the tooltip; a label there would only crowd the names that matter
        lon, lat = _centre([json.loads(g) for g in group["geometrie"]])
        labels.append({"wijk": wijk, "lon": lon, "lat": lat})
    params = {"class_domain": order, "class_colours": [colours[o] for o in order]}
    spec = template.fill(template.template(_map_kind, title), {template.ROWS: features, "names": labels}, params)
    spec["height"] = height
    return spec


def _map_kind(title: str) -> alt.TopLevelMixin:
    """The wijk map on named GeoJSON features (``rows``: wijk, cbs_naam, code, tekst, klasse, gekozen) and label
    points (``names``: wijk, lon, lat), with the classes in legend order (``class_domain``) and their colours
    (``class_colours``: the n-th class takes the n-th colour); ``title`` names the figure in legend and tooltip.
    The click selection ``SELECTION`` is the page's way to choose a wijk."""
    class_domain = alt.param(name="class_domain", value=["geen cijfer"])
    class_colours = alt.param(name="class_colours", value=[NO_FIGURE])
    pick = alt.selection_point(name=SELECTION, fields=["wijk"], on="click", clear=False)
    colour = alt.Color("klasse:N", title=title,
                       scale=alt.Scale(domain=alt.ExprRef("class_domain"),
                                       range=[alt.ExprRef(f"class_colours[{i}]") for i in range(len(COLOURS) + 1)]),
                       legend=alt.Legend(orient="top", direction="horizontal", columns=3, labelLimit=200, titleLimit=600,
                                         symbolType="square", symbolSize=200))
    shapes = alt.Chart(template.rows()).mark_geoshape(cursor="pointer").encode(
        color=colour,
        strokeWidth=alt.condition("datum.gekozen", alt.value(3.5), alt.value(1)),
        stroke=alt.condition("datum.gekozen", alt.value("#1a1a1a"), alt.value("#ffffff")),
        tooltip=[alt.Tooltip("wijk:N", title="Wijk"), alt.Tooltip("cbs_naam:N", title="CBS-wijk"),
                 alt.Tooltip("code:N", title="Code"), alt.Tooltip("tekst:N", title=title)],
    ).add_params(pick)
    names = template.rows("names")
    halo = alt.Chart(names).mark_text(
        fontSize=12, fontWeight="bold", color="#ffffff", stroke="#ffffff", strokeWidth=3, tooltip=False, aria=False,
    ).encode(longitude="lon:Q", latitude="lat:Q", text="wijk:N")
    text = alt.Chart(names).mark_text(fontSize=12, fontWeight="bold", color="#1a1a1a", tooltip=False,
                                      aria=False).encode(
        longitude="lon:Q", latitude="lat:Q", text="wijk:N")
    chart = (alt.layer(shapes, halo, text).add_params(class_domain, class_colours).project(type="mercator")
             .properties(width=charts.WIDTH, height=420))
    return charts.finish(chart)
