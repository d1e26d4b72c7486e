"""What a kept value holds: an estimate of its bytes (:func:`weigh`, for the caches' budgets in ivb.cache), the
view bookkeeping pandas keeps for its frames (:func:`forget_dead_views`), and a memo per object for what is derived
from a frame that never changes (:func:`per_object`: its size here, its digest in ivb.views.specs).
"""

from __future__ import annotations

import functools
import sys
import threading
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


def weigh(value: Any) -> int:
    """An estimate of the bytes ``value`` holds: frames and arrays by their buffers, containers and objects (their
    ``__dict__`` and slots) by walking them, each object counted once, long lists of rows by a sample of their
    items; code (functions, classes, modules) is shared and counts nothing. A few milliseconds for a page's tape."""
    return walk(value)[0]


def walk(value: Any) -> tuple[int, tuple]:
    """The weight of ``value`` (:func:`weigh`) and the view bookkeeping of every frame in it (:func:`_views_of`)."""
    seen: set[int] = set()
    total = 0.0
    views: list = []
    stack: list[tuple[Any, float]] = [(value, 1.0)]  # an item, and how many like it it stands for
    while stack:
        item, times = stack.pop()
        kind = type(item)
        if id(item) in seen or kind in _SHARED:
            continue
        seen.add(id(item))
        if kind in _ATOMS:
            total += sys.getsizeof(item) * times
            continue
        if kind is dict:
            stack.extend((part, times) for pair in item.items() for part in pair)
        elif kind in _SEQUENCES:
            # A long list of rows (a spec's data) is weighed by a sample: walking thousands of small dicts would
            # cost more than the page it is part of. Other lists (a page's blocks, with their frames) are walked.
            rows = len(item) > _SAMPLE and type(next(iter(item))) in _ROWS
            sample = list(item)[:: len(item) // _SAMPLE][:_SAMPLE] if rows else item
            stack.extend((part, times * len(item) / len(sample)) for part in sample)
        elif isinstance(item, pd.DataFrame | pd.Series | pd.Index):
            total += _frame_bytes(item) * times
            views.extend(_views_of(item))
            continue
        elif isinstance(item, np.ndarray):
            total += item.nbytes * times
            continue
        else:
            if hasattr(item, "__dict__"):
                stack.append((item.__dict__, times))
            stack.extend((getattr(item, slot, None), times) for slot in getattr(kind, "__slots__", ()))
        total += sys.getsizeof(item) * times
    return int(total), tuple(dict.fromkeys(views))


def _views_of(frame: pd.DataFrame | pd.Series | pd.Index) -> list:
    """pandas' bookkeeping of the views of ``frame``'s arrays (``BlockValuesRefs``, one per block and index).

    Every frame derived from a kept one (a column, a selection, an ``assign``) adds a weak reference to it, and pandas
    drops the dead ones only once there are more than 500: a kept frame that many pages were made from carries
    hundreds of them (some 44 kB a block). Over thousands of kept frames that was the memory a server kept gaining
    (docs/LOAD.md, "Geheugen"). ``ivb.cache.LRU.get`` has them dropped whenever it hands out a value. A pandas without this
    bookkeeping gives nothing here, and nothing changes.
    """
    found = [getattr(block, "refs", None) for block in getattr(getattr(frame, "_mgr", None), "blocks", ())]
    found += [getattr(index, "_references", None) for index in (getattr(frame, "index", None), getattr(frame, "columns", None), frame)
              if isinstance(index, pd.Index)]
    return [refs for refs in found if hasattr(refs, "has_reference")]


def forget_dead_views(views: tuple) -> None:
    """Drop the dead weak references in pandas' view bookkeeping (``has_reference`` clears them as it counts)."""
    for refs in views:
        refs.has_reference()


_SAMPLE = 16
_ATOMS = frozenset((str, bytes, bytearray, int, float, complex, bool))
_SEQUENCES = frozenset((list, tuple, set, frozenset))
_ROWS = frozenset((dict, *_ATOMS))  # a list of these is rows of data
_SHARED = frozenset((type, type(sys), type(weigh), type(len), type(None), threading.Event))


def per_object(compute: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``compute(obj)`` once per object while it lives (kept by identity, forgotten when the object goes): for what
    is derived from a frame that is never changed once made (a digest, a size), asked for again on every run."""
    kept: dict[int, tuple[weakref.ref, Any]] = {}

    @functools.wraps(compute)
    def once(obj: Any) -> Any:
        key = id(obj)
        found = kept.get(key)
        if found is not None and found[0]() is obj:
            return found[1]
        value = compute(obj)
        kept[key] = (weakref.ref(obj, lambda _ref: kept.pop(key, None)), value)
        return value

    return once


@per_object
def _frame_bytes(frame: pd.DataFrame | pd.Series | pd.Index) -> int:
    """The bytes a frame, series or index holds, its strings included (pandas' deep memory usage)."""
    usage = frame.memory_usage(deep=True)
    return int(usage.sum() if hasattr(usage, "sum") else usage)
