"""The monthly line, the year grid of the Gegevensstatus and the wijk map as filled templates (ivb.views.template):
what a reader sees, read from the filled spec, and every variant valid Vega-Lite. All data here are invented."""

from __future__ import annotations

import json

import pandas as pd

from ivb.queries.status import FIGURE, MISSING, PERIOD, PROVISIONAL
from ivb.views import monthcharts, status_chart, template, wijk_map

MODULES = {monthcharts.__name__, status_chart.__name__, wijk_map.__name__}


def param(spec: dict, name: str):
    """The value a filled spec gives the parameter ``name``."""
    return next(p["value"] for p in spec["params"] if p["name"] == name)


def invented_months(missing: tuple[int, ...] = (), secret: tuple[int, ...] = ()) -> pd.DataFrame:
    """Invented: 24 months from August 2023 to July 2025, 100 a month then 1.250 a month."""
    rows = []
    for i in range(24):
        month = 2023 * 12 + 7 + i
        rows.append({"jaar": month // 12, "maand": month % 12 + 1, "benaderd": i in secret,
                     "aantal": None if i in missing else (100.0 if i < 12 else 1250.0)})
    return pd.DataFrame(rows)


def test_the_month_line_names_its_months_and_says_ca_for_a_secret_month_in_dutch():
    spec = monthcharts.months_line(invented_months(missing=(20,), secret=(19,)))
    rows = spec["datasets"][template.ROWS]
    # The axis reads the twelve months from August; the newer period first in the legend (solid), then a year earlier.
    assert param(spec, "month_labels") == ["aug", "sep", "okt", "nov", "dec", "jan", "feb", "mrt", "apr", "mei", "jun", "jul"]
    assert param(spec, "series") == ["aug 2024 - jul 2025", "aug 2023 - jul 2024"]
    secret = next(r for r in rows if r["reeks"] == "aug 2024 - jul 2025" and r["maandnaam"] == "mrt")
    assert secret["tekst"] == "ca. 1.250" and secret["beschrijving"] == "aug 2024 - jul 2025, mrt: ca. 1.250"
    # April 2025 has no figure: no point, and the line after it is a new segment, so it never bridges the gap.
    newer = [r for r in rows if r["reeks"] == "aug 2024 - jul 2025"]
    assert "apr" not in [r["maandnaam"] for r in newer]
    assert len({r["segment"] for r in newer}) == 2
    assert monthcharts.months_line(invented_months().iloc[:0]) is None


def invented_cells() -> pd.DataFrame:
    """Invented: three indicators (two with the same name), not in alphabetical order, over three years."""
    rows = []
    for indicator, label, states in (("z_laatste", "Zelfde naam", (FIGURE, FIGURE, MISSING)),
                                     ("a_eerste", "Zelfde naam", (MISSING, PERIOD, PERIOD)),
                                     ("m_midden", "Andere naam", (FIGURE, MISSING, FIGURE))):
        rows += [{"indicator_id": indicator, "label": label, "onderwerp": "criminaliteit", "jaar": year, "status": state}
                 for year, state in zip((2022, 2023, 2024), states)]
    return pd.DataFrame(rows)


def test_the_grid_keeps_the_rows_in_order_and_the_legend_names_only_the_states_it_has():
    spec = status_chart.grid(invented_cells())
    rows = spec["datasets"][template.ROWS]
    order = sorted({(r["volgorde"], r["indicator_id"]) for r in rows})
    assert [indicator for _, indicator in order] == ["z_laatste", "a_eerste", "m_midden"]  # top to bottom as given
    assert spec["encoding"]["y"]["sort"] == {"field": "volgorde", "op": "min"}
    # A state the grid does not have (provisional, begroting) is not in the legend; each state keeps its colour.
    shown = param(spec, "shown_states")
    assert shown == [FIGURE, PERIOD, MISSING] and PROVISIONAL not in shown
    assert param(spec, "shown_colours") == [status_chart.STATE_COLOURS[s] for s in shown]
    # Two indicators with the same name are two rows, each labelled with its name; one row of 20 px each.
    assert param(spec, "row_labels") == {"z_laatste": "Zelfde naam", "a_eerste": "Zelfde naam", "m_midden": "Andere naam"}
    assert spec["height"] == 3 * status_chart.ROW_HEIGHT
    assert status_chart.grid(invented_cells().iloc[:0]) is None


def _square(lon: float, lat: float) -> str:
    return json.dumps({"type": "Polygon", "coordinates": [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01],
                                                           [lon, lat + 0.01], [lon, lat]]]})


def invented_areas() -> pd.DataFrame:
    """Invented: four square wijken side by side; one has no figure."""
    return pd.DataFrame({
        "code": ["WK1", "WK2", "WK3", "WK4"], "cbs_naam": ["Een", "Twee", "Drie", "Vier"],
        "wijk": ["Noord", "Oost", "Zuid", "West"], "geometrie": [_square(4.40 + 0.01 * i, 52.0) for i in range(4)],
        "waarde": [1.2, 3.4, None, 7.9], "tekst": ["1,2", "3,4", "geen cijfer", "7,9"],
    })


def test_the_map_outlines_the_chosen_wijk_on_top_and_keeps_the_click_that_chooses_one():
    spec = wijk_map.wijk_map(invented_areas(), "Per 1.000 inwoners", decimals=1, chosen="Oost")
    shapes = spec["datasets"][template.ROWS]
    assert shapes[-1]["wijk"] == "Oost" and shapes[-1]["gekozen"]  # drawn last: its outline is not hidden
    assert [s["klasse"] for s in shapes if s["wijk"] == "Zuid"] == ["geen cijfer"]
    # The legend's classes in order, the grey "geen cijfer" last in its own grey.
    classes, colours = param(spec, "class_domain"), param(spec, "class_colours")
    assert classes[-1] == "geen cijfer" and colours[-1] == wijk_map.NO_FIGURE
    assert colours[:-1] == wijk_map.COLOURS[: len(classes) - 1]
    assert [s["klasse"] for s in shapes if s["wijk"] == "Noord"] == [classes[0]]
    # A wijk without a figure is not named on the map unless it is the chosen one.
    assert [n["wijk"] for n in spec["datasets"]["names"]] == ["Noord", "Oost", "West"]
    # The click on a wijk: a point selection on its field, bound to the layer of the shapes.
    selection = next(p for p in spec["params"] if p["name"] == wijk_map.SELECTION)
    assert selection["select"]["fields"] == ["wijk"] and selection["views"] == [spec["layer"][0]["name"]]
    assert spec["height"] == 420 and wijk_map.wijk_map(invented_areas(), "Inwoners", height=300)["height"] == 300


def test_every_variant_of_these_charts_is_valid_vega_lite():
    monthcharts.months_line(invented_months(missing=(3,), secret=(5,)))
    status_chart.grid(invented_cells())
    for title in ("Inwoners", "Per 1.000 inwoners"):
        wijk_map.wijk_map(invented_areas(), title)
    kept = [(kind, variant) for kind, variant in list(template._templates) if kind.__module__ in MODULES]
    assert {kind.__module__ for kind, _ in kept} == MODULES
    for kind, variant in kept:
        kind(*variant).to_dict(validate=True)
