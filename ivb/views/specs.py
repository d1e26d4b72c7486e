"""The Vega-Lite spec of a chart block, its table and the key the screen draws it under.

Every chart kind fills a template made once (ivb.views.template): a spec costs a few milliseconds of shaping rows,
no Altair, so it is made where it is needed (the screen makes it only when it has not drawn the chart before).
"""

from __future__ import annotations

import hashlib
import pickle

import pandas as pd

from ivb.blocks import Chart
from ivb.cache import once
from ivb.views import tables


def fingerprint(frame: pd.DataFrame) -> str:
    """A digest of everything a frame holds (rows, index, columns, types, attributes such as units): of its pickle,
    a sixth of the time pandas' own row hashes took (docs/PERFORMANCE.md). Frames that differ never share one."""
    return hashlib.blake2b(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).hexdigest()


def spec_of(chart: Chart) -> dict | None:
    """The chart's Vega-Lite spec (a filled template), or None when there is nothing to draw."""
    return None if chart.data.empty else chart.draw(chart.data, **chart.options)


def table_of(chart: Chart) -> pd.DataFrame:
    """The table under the chart: ``table_of(data)``, or a row per indicator and a column per year (gaps shown)."""
    return chart.table_of(chart.data) if chart.table_of else tables.year_table(chart.data, all_years=True)


def spec_key(chart: Chart) -> str:
    """Names the chart's spec (chart function, data, options): the screen keeps the drawn chart under it. Made once
    per block (a kept page's blocks are drawn again on every run)."""
    def make() -> str:
        draw = chart.draw
        return f"{draw.__module__}.{draw.__qualname__}|{fingerprint(chart.data)}|{sorted(chart.options.items())!r}"

    return once(chart, "_spec_key", make)


def frame_key(block: object, frame: pd.DataFrame) -> str:
    """The digest of a block's ``frame`` (:func:`fingerprint`), made once per block."""
    return once(block, "_frame_key", lambda: fingerprint(frame))
