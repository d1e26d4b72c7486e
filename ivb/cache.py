"""A small thread-safe LRU cache shared by every session of the server process.

The query results and chart specs it holds are shared, not copied: whoever receives one
must not change it (the views build new frames; nothing in the package mutates a result).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class LRU:
    """At most ``size`` entries; the least recently used one goes first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value of ``key``, computed (outside the lock) when it is not there yet."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]
            self.misses += 1
        value = compute()
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The cached value of ``key`` (counted as used), or ``default``."""
        with self._lock:
            if key not in self._entries:
                return default
            self._entries.move_to_end(key)
            return self._entries[key]

    def put(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` under ``key``, forgetting the least recently used entry when full."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every entry (tests use this to measure a cold run)."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


class memo:  # noqa: N801 (used like functools.cached_property)
    """A property computed once per object, like ``functools.cached_property`` but without its lock: on
    Python 3.11 that lock is shared by every object of the class, so one slow computation (the warm-up thread's,
    at the lowest priority) would hold up every session. Two threads may both compute a value the first time;
    the values are equal and the first one kept wins. Works on frozen dataclasses (it writes the object's
    ``__dict__`` directly)."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function
        self.__doc__ = function.__doc__
        self.name = function.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        found = instance.__dict__.get(self.name, _MISSING)
        if found is not _MISSING:
            return found
        return instance.__dict__.setdefault(self.name, self.function(instance))


_MISSING = object()
