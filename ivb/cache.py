"""Caches shared by every session of the server process: an LRU bounded in entries and bytes, values kept as their
pickle (:class:`Pickled`), and a value kept once per object (:func:`once`).

Query answers (ivb.queries.core) and pages (ivb.ui.tape) are kept pickled, one bytes object each: every reader gets
objects of their own, so nothing a run derives hangs on what is kept (pandas keeps in a frame a weak reference to
every frame made from it: kept frames gathered them, docs/LOAD.md "Geheugen"), the cache counts its bytes exactly,
and the garbage collector Streamlit runs after every run has no kept object to look at.
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

MISSING = object()  # what a lookup returns for a value that is not there (None can be a value)


class Pickled(bytes):
    """A value kept as its pickle: :meth:`value` gives a new copy of it every time."""

    __slots__ = ()  # no __dict__: a plain bytes object to the garbage collector

    @classmethod
    def of(cls, value: Any) -> Pickled:
        return cls(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def value(self) -> Any:
        return pickle.loads(self)  # noqa: S301 (our own bytes, made in this process)


class LRU:
    """At most ``size`` entries and at most ``budget`` bytes of pickles; the least recently used goes first (the
    newest stays, also alone over the budget). ``name`` puts it in the server's memory line."""

    def __init__(self, size: int, budget: int | None = None, name: str | None = None) -> None:
        self.size, self.budget, self.bytes = size, budget, 0
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        if name is not None:
            _named[name] = self

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The kept value of ``key``, or ``compute()`` (outside the lock), kept."""
        found = self.get(key, MISSING)
        if found is MISSING:
            found = compute()
            self.put(key, found)
        return found

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The kept value of ``key`` (counted as used), or ``default``."""
        with self._lock:
            if key not in self._entries:
                return default
            self._entries.move_to_end(key)
            return self._entries[key]

    def put(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` under ``key``, forgetting the least recently used entries while over the size."""
        with self._lock:
            self._forget(key)
            self._entries[key] = value
            self.bytes += len(value) if isinstance(value, Pickled) else 0
            while len(self._entries) > 1 and (len(self._entries) > self.size or (self.budget is not None and self.bytes > self.budget)):
                self._forget(next(iter(self._entries)))

    def _forget(self, key: Hashable) -> None:
        gone = self._entries.pop(key, None)
        self.bytes -= len(gone) if isinstance(gone, Pickled) else 0

    def clear(self) -> None:
        """Forget every entry (tests use this to measure a cold run)."""
        with self._lock:
            self._entries.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


_named: dict[str, LRU] = {}


def describe() -> str:
    """How full each named cache is, for the server's memory line (ivb.run): "pagina's 812 (63,9 MB); ..."."""
    return "; ".join(f"{name} {len(lru)} ({lru.bytes / 2**20:.1f} MB)".replace(".", ",") for name, lru in _named.items())


def once(obj: Any, name: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per object, kept in its ``__dict__`` under ``name`` (frozen dataclasses too; a kept page's
    blocks carry it in their pickle). Two threads that ask at once may both compute it; the first value stays."""
    found = obj.__dict__.get(name, MISSING)
    return obj.__dict__.setdefault(name, compute()) if found is MISSING else found
