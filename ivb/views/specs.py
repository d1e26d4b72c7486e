"""The Vega-Lite spec of a chart block, its table and the key the screen draws it under.

Every chart kind fills a template made once (ivb.views.template): a spec costs a few milliseconds of shaping rows,
no Altair, so it is made where it is needed and kept only with its block (a kept page, ivb.ui.tape).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pandas as pd

from ivb.blocks import Chart
from ivb.footprint import per_object
from ivb.views import tables


@per_object
def fingerprint(frame: pd.DataFrame) -> str:
    """A digest of a frame's rows, index, columns and attributes (units): equal frames, equal digests.

    Kept per frame object while it lives: the frames of a kept page (ivb.ui.tape) are digested once, not on every
    run. A frame is never changed once made (ivb.cache), so its digest stays right.
    """
    digest = hashlib.sha1(pd.util.hash_pandas_object(frame, index=True).values.tobytes())
    digest.update(repr((tuple(frame.columns), tuple(map(str, frame.dtypes)), sorted(frame.attrs.items()))).encode())
    return digest.hexdigest()


def chart_spec(draw: Callable[..., dict | None], data: pd.DataFrame, **options) -> dict | None:
    """The Vega-Lite spec of ``draw(data, **options)`` (a filled template), or None when there is nothing to draw."""
    return draw(data, **options)


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
