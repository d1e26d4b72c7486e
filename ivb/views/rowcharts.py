"""Horizontal bar charts whose labels stand above their bars, so they read on a 390 px phone as on a desk.

Every row (an indicator, a wijk, a doelstelling) gets its name on its own line(s) above its bars,
wrapped instead of cut off, and the bars use the whole width. The rows are laid out here in pixels
(``y`` from the top), so a wrapped name never overlaps a bar, whatever the width of the screen; the
chart fits the width and keeps its height (``autosize: fit-x``).

A part is never drawn as the equal of its whole: when a row's indicator is a part of another row
(``deel_van`` in the catalogue), its name says "waarvan" and its bar is lighter. Negative amounts
(finances) run left of a zero line, with their sign in the label. No streamlit here.

Each chart is a Vega-Lite spec filled from a template made once with Altair (ivb.views.template): the rows, the
value scale's domain and the plot's height (which follows the number of rows) are filled per run.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Hashable

import altair as alt
import pandas as pd

from ivb import formatting
from ivb.views import template
from ivb.views.charts import AXIS_FORMATS, PALETTE, UNIT_TITLES, WIDTH, finish, shown_wholes

LINE = 17  # px per line of a row's name
BAR = 16  # px per bar
GAP = 3  # px between the bars of a row
ROW_GAP = 14  # px between rows
WRAP = 44  # characters per line of a name: fits a 390 px phone at the chart's font size

# The named data of the row names: bold for a whole, normal for a part ('waarvan').
NAMES = {"bold": "namen", "normal": "waarvan"}


def wrap(text: str, width: int = WRAP) -> str:
    """``text`` broken into lines of at most ``width`` characters (a single long word stays whole)."""
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False)) or str(text)


def layout(data: pd.DataFrame, row: str, bar: str) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Pixel rows: (``data`` with ``y0``/``y1``/``ym`` per bar, the names with their ``y`` and wrapped text, height).

    Rows keep the order in which they first appear in ``data``, bars within a row too; rows sharing
    a (row, bar) pair share one bar (stacked segments).
    """
    positions, labels, cursor = {}, [], 0
    for name, group in data.groupby(row, sort=False):
        text = wrap(name)
        labels.append({row: name, "tekst": text, "y": cursor, "geheel": True})
        cursor += LINE * (text.count("\n") + 1) + 2
        for key in dict.fromkeys(group[bar]):
            positions[(name, key)] = (cursor, cursor + BAR)
            cursor += BAR + GAP
        cursor += ROW_GAP
    placed = data.copy()
    placed["y0"] = [positions[(r, b)][0] for r, b in zip(data[row], data[bar])]
    placed["y1"] = placed["y0"] + BAR
    placed["ym"] = placed["y0"] + BAR / 2
    return placed, pd.DataFrame(labels), max(cursor - ROW_GAP, 1)


def _y(field: str) -> alt.Y:
    """A position in pixels from the top of the plot, whose height (``rows_height``) is filled per run."""
    height = alt.ExprRef("rows_height")
    return alt.Y(f"{field}:Q", axis=None, scale=alt.Scale(domain=[0, height], range=[0, height], nice=False, zero=False))


def _params(*more: alt.Parameter) -> list[alt.Parameter]:
    """The parameters every row chart has (the plot's height, the value scale's domain), and ``more``."""
    return [alt.param(name="rows_height", value=1), alt.param(name="x_domain", value=[0, 1]), *more]


def _name_rows(labels: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The row names to draw, per weight (:data:`NAMES`); a weight without names is left out."""
    split = {NAMES["bold"]: labels[labels["geheel"]], NAMES["normal"]: labels[~labels["geheel"]]}
    return {name: rows[["tekst", "y"]] for name, rows in split.items() if not rows.empty}


def _names(bold: bool, normal: bool) -> list[alt.Chart]:
    """The row names above their bars, from the left edge of the plot: bold, or normal for a part ('waarvan')."""
    layers = []
    for weight, shown in (("bold", bold), ("normal", normal)):
        if shown:
            layers.append(alt.Chart(template.rows(NAMES[weight]))
                          .mark_text(align="left", baseline="top", lineBreak="\n", fontSize=13, fontWeight=weight,
                                     color="#1A1A1A", tooltip=False, aria=False)
                          .encode(x=alt.value(0), y=_y("y"), text="tekst:N"))
    return layers


def _domain(values: pd.Series) -> list[float]:
    """The value scale's domain with room for the labels right of the bars (a negative bar has its label right of zero)."""
    low, high = min(0.0, float(values.min())), max(0.0, float(values.max()))
    span = (high - low) or 1
    room = span * (0.3 if low < 0 else 0.22)
    return [low - span * 0.02 if low < 0 else 0, high + room]


def _scale() -> alt.Scale:
    """The value scale, its domain (:func:`_domain`) filled per run."""
    return alt.Scale(domain=alt.ExprRef("x_domain"), nice=False)


def _x(field: str, title: str, number_format: str) -> alt.X:
    return alt.X(f"{field}:Q", title=title, scale=_scale(), axis=alt.Axis(format=number_format, tickCount=5, labelFlush=True))


def _value_labels(x: alt.X) -> alt.Chart:
    """The value at the end of each bar; a negative bar has its value just right of zero, so it is never cut off.

    ``x`` is the bars' axis: the labels share its scale and, so the axis stays drawn, its title and format.
    """
    at = alt.X("label_x:Q", scale=x["scale"], axis=x["axis"], title=x["title"])
    return alt.Chart(template.rows()).mark_text(align="left", dx=4, baseline="middle", fontSize=12, color="#1A1A1A",
                                                tooltip=False, aria=False).encode(
        x=at, y=_y("ym"), text="waarde_nl:N",
    ).transform_calculate(label_x="max(datum.waarde, 0)")


def _finish(layers: list[alt.Chart], params: list[alt.Parameter]) -> alt.TopLevelMixin:
    return finish(alt.layer(*layers).add_params(*params).properties(width=WIDTH))


def _fill(kind: Callable[..., alt.TopLevelMixin], variant: tuple[Hashable, ...], rows: dict[str, pd.DataFrame],
          domain: list[float], height: int, **params) -> dict:
    """The template of ``kind(*variant)`` filled with ``rows``, the value domain and the plot's height; the height
    follows the number of rows, so it is set on the filled copy (a top-level height cannot be a parameter)."""
    spec = template.fill(template.template(kind, *variant), rows, {"rows_height": height, "x_domain": domain, **params})
    spec["height"] = height
    return spec


def _columns(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Only the ``columns`` a chart reads (those ``frame`` has): the rest stays out of the spec sent to every reader."""
    return frame[[c for c in columns if c in frame.columns]]


_BARS_DRAWN = ["naam", "jaar_tekst", "waarde", "waarde_nl", "bron", "vindplaats", "beschrijving", "deel", "y0", "y1", "ym"]


def bars(values: pd.DataFrame, by: str = "label") -> dict | None:
    """A row per indicator (or per categorie), a bar per year; a part of another row reads 'waarvan'."""
    if values.empty:
        return None
    data = values.copy()
    several = data["indicator_id"].nunique() > 1
    part = [whole is not None for whole in shown_wholes(data)]
    names = []
    for label, cat, is_part in zip(data["label"], data["categorie"], part):
        name = label if not (by == "categorie" and cat) else (f"{label}: {cat}" if several else cat)
        names.append(f"waarvan {name[0].lower()}{name[1:]}" if is_part and not name.lower().startswith("waarvan") else name)
    data["naam"], data["deel"], data["geheel"] = names, part, [not p for p in part]
    data["jaar_tekst"] = data["jaar"].astype(int).astype(str)
    data["waarde_nl"] = [formatting.value(v, e, bool(b)) for v, e, b in zip(data["waarde"], data["eenheid"], data["benaderd"])]
    placed, labels, height = layout(data, "naam", "jaar_tekst")
    labels["geheel"] = labels["naam"].map(dict(zip(data["naam"], data["geheel"])))
    years = sorted(data["jaar_tekst"].unique())
    unit = data["eenheid"].iloc[0]
    placed["beschrijving"] = [f"{n}, {j}: {w}" for n, j, w in zip(placed["naam"], placed["jaar_tekst"], placed["waarde_nl"])]
    names_rows = _name_rows(labels)
    variant = (unit if unit in UNIT_TITLES else None, len(years) > 1, NAMES["bold"] in names_rows, NAMES["normal"] in names_rows)
    return _fill(_bars_kind, variant, {template.ROWS: _columns(placed, _BARS_DRAWN), **names_rows},
                 _domain(data["waarde"]), height, colour_domain=years)


def _bars_kind(unit: str | None, legend: bool, bold: bool, normal: bool) -> alt.TopLevelMixin:
    """The bars of one unit, with a legend of the years (more than one year) and bold and/or normal row names;
    :func:`bars` fills it with the placed rows, the years (``colour_domain``), the value domain and the height."""
    x = _x("waarde", UNIT_TITLES.get(unit, "Waarde"), AXIS_FORMATS.get(unit, ","))
    # The palette in full: an ordinal scale gives the n-th year the n-th colour, as the first n colours did.
    color = alt.Color("jaar_tekst:N", title="Jaar", scale=alt.Scale(domain=alt.ExprRef("colour_domain"), range=PALETTE),
                      legend=alt.Legend() if legend else None)
    tooltip = [alt.Tooltip("naam:N", title="Onderwerp"), alt.Tooltip("jaar_tekst:N", title="Jaar"),
               alt.Tooltip("waarde_nl:N", title="Waarde"), alt.Tooltip("bron:N", title="Bron"),
               alt.Tooltip("vindplaats:N", title="Vindplaats")]
    bar = alt.Chart(template.rows()).mark_bar().encode(
        x=x, x2=alt.datum(0), y=_y("y0"), y2="y1:Q", color=color, tooltip=tooltip, description="beschrijving:N",
        opacity=alt.condition("datum.deel", alt.value(0.55), alt.value(1.0)),
    )
    return _finish([bar, _value_labels(x), *_names(bold, normal)], _params(alt.param(name="colour_domain", value=[""])))


EIGENDOMMEN = {"koop": "Koop", "corporatie": "Corporatie", "particulier": "Particuliere huur"}
_WOONOVERLAST_DRAWN = ["wijk", "status_nl", "eigendom_nl", "aantal", "beschrijving", "x0", "x1", "y0", "y1"]


def woonoverlast(cases: pd.DataFrame) -> dict | None:
    """A row per wijk with two bars, lopend and afgerond, each split by eigendom; the count at the end of each bar."""
    if cases.empty:
        return None
    data = cases.copy()
    data["status_nl"] = data["status"].map({"lopend": "lopend", "afgerond": "afgerond"})
    data["eigendom_nl"] = data["eigendom"].map(EIGENDOMMEN)
    data["volgorde"] = data["eigendom"].map({k: i for i, k in enumerate(EIGENDOMMEN)})
    data["status_volgorde"] = data["status"].map({"lopend": 0, "afgerond": 1})
    data["wijk_volgorde"] = data["wijk"].map({w: i for i, w in enumerate(dict.fromkeys(cases["wijk"]))})
    data = data.sort_values(["wijk_volgorde", "status_volgorde", "volgorde"], kind="stable")
    data["x1"] = data.groupby(["wijk", "status"])["aantal"].cumsum()
    data["x0"] = data["x1"] - data["aantal"]
    placed, labels, height = layout(data, "wijk", "status_nl")
    totals = placed.groupby(["wijk", "status_nl"], sort=False).agg(waarde=("aantal", "sum"), ym=("ym", "first")).reset_index()
    totals["waarde_nl"] = [f"{s} {formatting.number(v)}" for s, v in zip(totals["status_nl"], totals["waarde"])]
    placed["beschrijving"] = [f"{w}, {s}, {e}: {a}" for w, s, e, a in
                              zip(placed["wijk"], placed["status_nl"], placed["eigendom_nl"], placed["aantal"])]
    names_rows = _name_rows(labels)
    rows = {template.ROWS: _columns(placed, _WOONOVERLAST_DRAWN), "totalen": totals[["waarde", "ym", "waarde_nl"]], **names_rows}
    variant = (NAMES["bold"] in names_rows, NAMES["normal"] in names_rows)
    return _fill(_woonoverlast_kind, variant, rows, _domain(totals["waarde"]), height)


def _woonoverlast_kind(bold: bool, normal: bool) -> alt.TopLevelMixin:
    """The woonoverlast bars on the placed segments and their totals (``totalen``); :func:`woonoverlast` fills it."""
    segments = alt.Chart(template.rows()).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=_x("x0", "Casussen", ",d"), x2="x1:Q", y=_y("y0"), y2="y1:Q", description="beschrijving:N",
        color=alt.Color("eigendom_nl:N", title="Eigendom", scale=alt.Scale(domain=list(EIGENDOMMEN.values()), range=PALETTE[:3])),
        tooltip=[alt.Tooltip("wijk:N", title="Wijk"), alt.Tooltip("status_nl:N", title="Status"),
                 alt.Tooltip("eigendom_nl:N", title="Eigendom"), alt.Tooltip("aantal:Q", title="Casussen", format=",d")],
    )
    ends = alt.Chart(template.rows("totalen")).mark_text(align="left", baseline="middle", dx=4, fontSize=12, color="#1A1A1A",
                                                         tooltip=False, aria=False).encode(
        x=alt.X("waarde:Q", scale=_scale(), axis=None), y=_y("ym"), text="waarde_nl:N")
    return _finish([segments, ends, *_names(bold, normal)], _params())


_FINANCES_DRAWN = ["doelstelling", "post_nl", "waarde", "waarde_nl", "afgeleid_nl", "beschrijving", "y0", "y1", "ym"]


def finances(money: pd.DataFrame) -> dict | None:
    """Lasten and baten per doelstelling (x € 1.000) as the jaarrekening signs them: lasten negative, left of zero."""
    data = money[(money["regel"] != "totaal") & money["post"].isin(["lasten", "baten"])].copy()
    if data.empty:
        return None
    data["doelstelling"] = data["regel"] + " " + data["omschrijving"]
    data["post_nl"] = data["post"].str.capitalize()
    data["waarde"] = data["bedrag"].astype(float)
    data["waarde_nl"] = [formatting.number(v) for v in data["waarde"]]
    data["afgeleid_nl"] = data["afgeleid"].map({True: "ja (niet leesbaar in de bron)", False: "nee"})
    data["post_volgorde"] = data["post"].map({"lasten": 0, "baten": 1})
    data["rij"] = data["doelstelling"].map({d: i for i, d in enumerate(dict.fromkeys(data["doelstelling"]))})
    placed, labels, height = layout(data.sort_values(["rij", "post_volgorde"], kind="stable"), "doelstelling", "post_nl")
    placed["beschrijving"] = [f"{d}, {p}: {w} (x € 1.000)" for d, p, w in zip(placed["doelstelling"], placed["post_nl"],
                                                                               placed["waarde_nl"])]
    names_rows = _name_rows(labels)
    variant = (NAMES["bold"] in names_rows, NAMES["normal"] in names_rows)
    return _fill(_finances_kind, variant, {template.ROWS: _columns(placed, _FINANCES_DRAWN), **names_rows},
                 _domain(data["waarde"]), height)


def _finances_kind(bold: bool, normal: bool) -> alt.TopLevelMixin:
    """Lasten and baten bars on the placed rows, a zero line and the values; :func:`finances` fills it."""
    x = _x("waarde", "Bedrag (x € 1.000)", ",d")
    bar = alt.Chart(template.rows()).mark_bar().encode(
        x=x, x2=alt.datum(0), y=_y("y0"), y2="y1:Q", description="beschrijving:N",
        color=alt.Color("post_nl:N", title="Post", scale=alt.Scale(domain=["Lasten", "Baten"], range=[PALETTE[5], PALETTE[2]])),
        tooltip=[alt.Tooltip("doelstelling:N", title="Doelstelling"), alt.Tooltip("post_nl:N", title="Post"),
                 alt.Tooltip("waarde_nl:N", title="Bedrag (x € 1.000)"), alt.Tooltip("afgeleid_nl:N", title="Afgeleid")],
    )
    zero = alt.Chart(pd.DataFrame({"nul": [0]})).mark_rule(color="#1A1A1A", tooltip=False, aria=False).encode(
        x=alt.X("nul:Q", scale=_scale()))
    return _finish([bar, zero, _value_labels(x), *_names(bold, normal)], _params())
