"""Charts defined once: a Vega-Lite template on named data, made with Altair once per kind and variant, and filled
per run with its rows and a few parameter values. Building and validating an Altair chart costs tens of
milliseconds; filling a template costs a fraction of one (docs/PERFORMANCE.md), so a reader's run builds no chart.

A kind of chart is a function that returns an Altair chart on ``alt.NamedData`` (:data:`ROWS`, or more names for
more tables) and on ``alt.param`` for what differs per run (a domain, a year): :func:`template` calls it once per
variant (a tuple of small values, such as "with a begroting line"), keeps its ``to_dict()``, and :func:`fill` puts
the rows and parameter values into a copy of the top level. The set of variants is fixed by the code, so the kept
templates cannot grow with the readers' choices.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

ROWS = "rows"  # the name of a template's main data

_templates: dict[tuple, dict] = {}


def rows(name: str = ROWS) -> alt.NamedData:
    """The named data a template draws; :func:`fill` gives it its rows."""
    return alt.NamedData(name=name)


def template(kind: Callable[..., alt.TopLevelMixin], *variant: Hashable) -> dict:
    """The Vega-Lite template of ``kind(*variant)``, built once per process (not validated here: the tests validate
    every kind against the Vega-Lite schema, tests/test_charts.py)."""
    key = (kind, variant)
    found = _templates.get(key)
    if found is None:
        # Two sessions may make a new variant at once: both make the same spec, setdefault keeps the first.
        found = _templates.setdefault(key, kind(*variant).to_dict(validate=False))
    return found


def fill(spec: dict, data: Mapping[str, pd.DataFrame | list[dict]], params: Mapping[str, Any] | None = None) -> dict:
    """A copy of the template ``spec`` with the rows of each named dataset and the values of its parameters. Only the
    top level is new: the template itself is shared and never changed (Streamlit copies a spec before it edits it)."""
    filled = dict(spec)
    filled["datasets"] = {**spec.get("datasets", {}), **{name: records(rows) for name, rows in data.items()}}
    if params:
        unknown = set(params) - {p["name"] for p in spec.get("params", ())}
        if unknown:
            raise KeyError(f"template has no parameter {sorted(unknown)}")
        filled["params"] = [dict(p, value=_plain(params[p["name"]])) if p["name"] in params else p for p in spec["params"]]
    return filled


def records(frame: pd.DataFrame | list[dict]) -> list[dict]:
    """The rows as JSON values: numbers as Python numbers, a missing value as None (Vega's null), dates as text."""
    if isinstance(frame, list):
        return frame
    return [{column: _plain(value) for column, value in row.items()} for row in frame.to_dict("records")]


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value
