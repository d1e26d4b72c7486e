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

from ivb.cache import LRU

_specs = LRU(512)


def chart_spec(draw: Callable[..., alt.TopLevelMixin | None], data: pd.DataFrame, **options) -> dict | None:
    """The Vega-Lite spec of ``draw(data, **options)``, or None when there is nothing to draw."""
    fingerprint = hashlib.sha1(pd.util.hash_pandas_object(data, index=True).values.tobytes()).hexdigest()
    key = (draw, fingerprint, tuple(data.columns), tuple(sorted(options.items())))

    def compute() -> dict | None:
        chart = draw(data, **options)
        return None if chart is None else chart.to_dict()

    return _specs.get_or_compute(key, compute)
