"""The Gegevensstatus as a reader sees it: the sources table, the year grid as a chart (a coloured cell per indicator
and year) and as a table (the same cells in words), and year lists written as ranges. No streamlit here; the chart is a
template made once with Altair (ivb.views.template) and filled with the cells."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ivb import formatting
from ivb.queries.status import FIGURE, MISSING, PERIOD, PROVISIONAL, STATES, TARGET_ONLY
from ivb.site import topic_page
from ivb.views import template
from ivb.views.charts import PALETTE, finish
from ivb.views.cite import day_text

# Filled cells in the palette's blues and orange; a missing year light grey, so gaps stand out as holes.
STATE_COLOURS = {FIGURE: PALETTE[0], PROVISIONAL: PALETTE[4], TARGET_ONLY: PALETTE[1], PERIOD: PALETTE[3], MISSING: "#E4E4E4"}
# The same cells in the table, in short words; a missing year is "–" as everywhere on the dashboard.
STATE_WORDS = {FIGURE: "ja", PROVISIONAL: "voorlopig", TARGET_ONLY: "begroting", PERIOD: "gemiddelde", MISSING: formatting.MISSING}
LABEL_WIDTH = 170  # px for an indicator's name; longer names end in "…" (the table gives them whole)
ROW_HEIGHT = 20  # px per indicator: the grid reads at a glance and every label has room


def year_ranges(years) -> str:
    """'2014-2017, 2023 en 2024' for a list of years; '–' for none."""
    years = [] if years is None or (pd.api.types.is_scalar(years) and pd.isna(years)) else sorted({int(y) for y in years})
    if not years:
        return formatting.MISSING
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [f"{r[0]}-{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    text = ", ".join(parts)
    head, _, tail = text.rpartition(", ")
    return f"{head} en {tail}" if head else tail


def source_table(status: pd.DataFrame) -> pd.DataFrame:
    """One row per source: what it is, who publishes it, the years it gives, which are provisional, when it was
    taken in and how many notes it has."""
    return pd.DataFrame({
        "Bron": status["titel"],
        "Soort": status["soort"],
        "Uitgever": status["uitgever"],
        "Periode": status["periode"],
        "Jaren met cijfers": [year_ranges(y) for y in status["jaren"]],
        "Voorlopige jaren": [year_ranges(y) for y in status["voorlopige_jaren"]],
        "Opgehaald op": [day_text(d) or formatting.MISSING for d in status["opgehaald_op"]],
        "Kanttekeningen": status["kanttekeningen"].astype(int),
    })


def years_with_figure(cells: pd.DataFrame) -> pd.Series:
    """Per indicator of the grid (in its order), how many years have a figure or a provisional one (0 if none)."""
    filled = cells[cells["status"].isin([FIGURE, PROVISIONAL])]
    return filled.groupby("indicator_id")["jaar"].nunique().reindex(cells["indicator_id"].unique(), fill_value=0)


def grid_table(cells: pd.DataFrame) -> pd.DataFrame:
    """The year grid in words: a row per indicator with its page, a column per year, and the years with a figure."""
    if cells.empty:
        return pd.DataFrame(columns=["Cijfer", "Pagina"])
    order = list(dict.fromkeys(cells["indicator_id"]))
    wide = cells.pivot(index="indicator_id", columns="jaar", values="status").reindex(order)
    first = cells.drop_duplicates("indicator_id").set_index("indicator_id").reindex(order)
    table = pd.DataFrame({"Cijfer": first["label"].to_numpy(), "Pagina": [_page_title(o) for o in first["onderwerp"]]})
    for year in wide.columns:
        table[str(int(year))] = wide[year].map(STATE_WORDS).to_numpy()
    table["Jaren met cijfer"] = years_with_figure(cells).reindex(order).astype(int).to_numpy()
    return table


def _page_title(onderwerp: str) -> str:
    page = topic_page(onderwerp)
    return page.title if page else formatting.MISSING


def grid(cells: pd.DataFrame) -> dict | None:
    """A cell per indicator and year, coloured by what the year has: a figure, a provisional one, only a begroting,
    only a period average, or nothing. Read across a row: the years of one indicator; down a column: one year.

    The Vega-Lite spec of the template ``_grid_kind`` (ivb.views.template) filled with these cells; the states in the
    legend and the indicators' names go in as parameter values, the height (a row per indicator) on the filled copy."""
    if cells.empty:
        return None
    data = pd.DataFrame({
        "indicator_id": cells["indicator_id"], "label": cells["label"], "jaar": cells["jaar"], "status": cells["status"],
        "pagina": [_page_title(o) for o in cells["onderwerp"]],
        "beschrijving": [f"{lab}, {j}: {s}" for lab, j, s in zip(cells["label"], cells["jaar"], cells["status"])],
        # The rows top to bottom in the order of the cells.
        "volgorde": pd.factorize(cells["indicator_id"])[0],
    })
    present = set(data["status"])
    shown = [s for s in STATES if s in present]
    params = {"shown_states": shown, "shown_colours": [STATE_COLOURS[s] for s in shown],
              "row_labels": dict(zip(data["indicator_id"], data["label"]))}
    spec = template.fill(template.template(_grid_kind), {template.ROWS: data}, params)
    spec["height"] = data["indicator_id"].nunique() * ROW_HEIGHT
    return spec


def _grid_kind() -> alt.TopLevelMixin:
    """The year grid on named cells (indicator_id, label, jaar, status, pagina, beschrijving, volgorde), the states
    the legend shows (``shown_states``) and each row's label by its id (``row_labels``: labels can repeat, ids
    cannot)."""
    shown_states = alt.param(name="shown_states", value=list(STATES))
    shown_colours = alt.param(name="shown_colours", value=[STATE_COLOURS[s] for s in STATES])
    row_labels = alt.param(name="row_labels", value={})
    chart = alt.Chart(template.rows()).mark_rect(stroke="#FFFFFF", strokeWidth=1).encode(
        x=alt.X("jaar:O", title=None, axis=alt.Axis(orient="top", labelAngle=-45)),
        y=alt.Y("indicator_id:N", sort=alt.EncodingSortField(field="volgorde", op="min"), title=None,
                axis=alt.Axis(labelExpr="row_labels[datum.value]", labelLimit=LABEL_WIDTH, labelFontSize=12,
                              labelOverlap=False)),
        # Only the states the grid has, each in its own colour: the n-th state shown takes the n-th colour.
        color=alt.Color("status:N", title="Wat het jaar heeft",
                        scale=alt.Scale(domain=alt.ExprRef("shown_states"),
                                        range=[alt.ExprRef(f"shown_colours[{i}]") for i in range(len(STATES))])),
        description="beschrijving:N",
        tooltip=[alt.Tooltip("label:N", title="Cijfer"), alt.Tooltip("jaar:O", title="Jaar"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("pagina:N", title="Pagina")],
    ).add_params(shown_states, shown_colours, row_labels).properties(width="container", height=ROW_HEIGHT)
    return finish(chart)
