"""A small thread-safe LRU cache shared by every session of the server process, and a per-object memo.

The query results and chart specs it holds are shared, not copied: whoever receives one
must not change it (the views build new frames; nothing in the package mutates a result).

Both compute a missing value once when several sessions ask for it at the same moment (a burst of readers on a
fresh server asks for the same few pages): the first computes, the others wait for it (at most ``WAIT`` seconds in
all, then they compute it themselves). Should the first fail, the next one tries. A thread marked as background
work (:func:`background`: the warm-up, at the lowest priority) never makes a reader wait: it computes and keeps
values without announcing them.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any


class LRU:
    """At most ``size`` entries; the least recently used one goes first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Event] = {}
        self.hits = self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value of ``key``, computed (outside the lock) when it is not there yet; a thread that asks
        while another computes it waits for that one."""
        deadline = time.monotonic() + WAIT
        while True:
            with self._lock:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    self.hits += 1
                    return self._entries[key]
                other = self._computing.get(key)
                if other is None and not _background.active:
                    self.misses += 1
                    mine = self._computing[key] = threading.Event()
                    break
            if other is None or not other.wait(max(0.0, deadline - time.monotonic())):
                value = compute()  # background work, or the other takes too long: computed here, kept
                self.put(key, value)
                return value
        try:
            value = compute()
            self.put(key, value)
            return value
        finally:
            with self._lock:
                self._computing.pop(key, None)
            mine.set()

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
    Python 3.11 that lock is shared by every object of the class, so one slow computation would hold up every
    session, also those asking for another object. Here only a thread asking for the same value of the same object
    waits. Works on frozen dataclasses (it writes the object's ``__dict__`` directly)."""

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
        if _background.active:  # never announced: no reader waits on background work
            return instance.__dict__.setdefault(self.name, self.function(instance))
        token = (id(instance), self.name)  # the object is alive while it is computed: its id is its own
        with _memo_lock:
            other = _memo_computing.get(token)
            if other is None:
                mine = _memo_computing[token] = threading.Event()
        if other is not None:
            other.wait(WAIT)
            found = instance.__dict__.get(self.name, _MISSING)
            # Kept by the other thread; else it failed or takes too long, and this one computes the value itself.
            return found if found is not _MISSING else instance.__dict__.setdefault(self.name, self.function(instance))
        try:
            return instance.__dict__.setdefault(self.name, self.function(instance))
        finally:
            with _memo_lock:
                _memo_computing.pop(token, None)
            mine.set()


_MISSING = object()
WAIT = 10.0  # seconds a thread waits in all for another that computes the same value
_memo_lock = threading.Lock()
_memo_computing: dict[tuple[int, str], threading.Event] = {}


class _Background(threading.local):
    active = False


_background = _Background()


@contextlib.contextmanager
def background() -> Iterator[None]:
    """Mark the work of this thread inside the block as background work: it waits for nobody and nobody waits for it."""
    _background.active = True
    try:
        yield
    finally:
        _background.active = False
