"""The Vega-Lite spec of a chart, built once per chart function, data and options and shared by every
session, the image downloads and the report.

Building and validating an Altair chart costs tens of milliseconds; the same data draws the same
chart, so the spec is kept (Streamlit copies a spec before it changes it; nothing else changes one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import altair as alt
import pandas as pd

from ivb.blocks import Chart
from ivb.cache import LRU
from ivb.footprint import per_object
from ivb.views import tables

# A spec holds its data inline: some 35 kB; 512 at most, and at most 32 MB.
_specs = LRU(512, budget=32 * 2**20, name="specs")


@per_object
def fingerprint(frame: pd.DataFrame) -> str:
    """A digest of a frame's rows, index, columns and attributes (units): equal frames, equal digests.

    Kept per frame object while it lives: the frames of a kept page (ivb.ui.tape) are digested once, not on every
    run. A frame is never changed once made (ivb.cache), so its digest stays right.
    """
    digest = hashlib.sha1(pd.util.hash_pandas_object(frame, index=True).values.tobytes())
    digest.update(repr((tuple(frame.columns), tuple(map(str, frame.dtypes)), sorted(frame.attrs.items()))).encode())
    return digest.hexdigest()


def chart_spec(draw: Callable[..., alt.TopLevelMixin | dict | None], data: pd.DataFrame, **options) -> dict | None:
    """The Vega-Lite spec of ``draw(data, **options)``, or None when there is nothing to draw. A chart kind that
    fills a template (ivb.views.template) returns its spec as a dict, made in a fraction of a millisecond; one
    that still builds an Altair chart is kept here per data and options."""
    key = (draw, fingerprint(data), tuple(sorted(options.items())))

    def compute() -> dict | None:
        chart = draw(data, **options)
        # Validated against the Vega-Lite schema in the tests (tests/test_charts.py), not on every new filter.
        return chart if chart is None or isinstance(chart, dict) else chart.to_dict(validate=False)

    return _specs.get_or_compute(key, compute)


# Kept per block: a page's blocks are kept per filter (ivb.ui.tape) and drawn again on every run.
@per_object
def spec_of(chart: Chart) -> dict | None:
    """The chart's Vega-Lite spec (shared by every session), or None when there is nothing to draw."""
    return None if chart.data.empty else chart_spec(chart.draw, chart.data, **chart.options)


@per_object
def table_of(chart: Chart) -> pd.DataFrame:
    """The table under the chart: ``table_of(data)``, or a row per indicator and a column per year (gaps shown)."""
    return chart.table_of(chart.data) if chart.table_of else tables.year_table(chart.data, all_years=True)


@per_object
def spec_key(chart: Chart) -> str:
    """Names the chart's spec (chart function, data, options): the screen keeps the drawn chart under it."""
    draw = chart.draw
    return f"{draw.__module__}.{draw.__qualname__}|{fingerprint(chart.data)}|{sorted(chart.options.items())!r}"
