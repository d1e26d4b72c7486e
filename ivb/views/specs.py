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
from ivb.footprint import per_object

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


def chart_spec(draw: Callable[..., alt.TopLevelMixin | None], data: pd.DataFrame, **options) -> dict | None:
    """The Vega-Lite spec of ``draw(data, **options)``, or None when there is nothing to draw."""
    key = (draw, fingerprint(data), tuple(sorted(options.items())))

    def compute() -> dict | None:
        chart = draw(data, **options)
        # Validated against the Vega-Lite schema in the tests (tests/test_charts.py), not on every new filter.
        return None if chart is None else chart.to_dict(validate=False)

    return _specs.get_or_compute(key, compute)
