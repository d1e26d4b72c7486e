"""Caches shared by every session of the server process: a thread-safe LRU bounded in entries and in bytes, a
per-object memo, and the one mechanism both use (with ivb.ui.tape) to compute a missing value once.

The query results, chart specs and pages they hold are shared, not copied: whoever receives one must not change
it (the views build new frames; nothing in the package mutates a result).

**Once for everyone** (:func:`single_flight`): when several sessions ask for the same missing value at the same
moment (a burst of readers on a fresh server asks for the same few pages), the first computes it and the others
wait for it (at most ``WAIT`` seconds in all, then they compute it themselves). Should the first fail, the next
one tries. A thread marked as background work (:func:`background`: the warm-up, at the lowest priority) never
makes a reader wait: it computes and keeps values without announcing them.

**Bounded in bytes**: an LRU with a ``budget`` weighs each value when it is kept (``ivb.footprint.weigh``, an estimate
of the memory it holds) and forgets the least recently used ones while the sum is over the budget, so that the
memory of a long-running server levels off instead of growing with every new filter (docs/LOAD.md, "Geheugen").
Handing a value out, it has pandas drop the dead views of its frames (``ivb.footprint.forget_dead_views``).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any

from ivb.footprint import forget_dead_views, walk

WAIT = 10.0  # seconds a thread waits in all for another that computes the same value
MISSING = object()  # what a lookup returns for a value that is not there (None can be a value)


class Flights:
    """Which keys are being computed now, and by whom: the first to claim a key computes it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[Hashable, threading.Event] = {}

    def claim(self, key: Hashable) -> threading.Event | None:
        """None when the caller now computes ``key`` (it must call :meth:`done`); else the event of the one who does."""
        with self._lock:
            other = self._running.get(key)
            if other is None:
                self._running[key] = threading.Event()
            return other

    def done(self, key: Hashable) -> None:
        """The value of ``key`` is kept (or its computation failed): wake those who wait for it."""
        with self._lock:
            event = self._running.pop(key, None)
        if event is not None:
            event.set()


def single_flight(flights: Flights, lookup: Callable[[], tuple[Hashable, Any]], make: Callable[[], Any]) -> Any:
    """The kept value, or one made now (and kept by ``make``) by only one of the threads that ask at once.

    ``lookup()`` gives the key and the kept value (or ``MISSING``); it is asked again after each wait, since what
    another thread kept can change the key (ivb.ui.tape learns a page's choices from its first run)."""
    if _background.active:  # never announced: no reader waits on background work
        _key, found = lookup()
        return found if found is not MISSING else make()
    deadline = time.monotonic() + WAIT
    while True:
        key, found = lookup()
        if found is not MISSING:
            return found
        other = flights.claim(key)
        if other is None:
            break
        # Then look again: kept now, or the other failed and this one makes it; after the time-out, make it too.
        if not other.wait(max(0.0, deadline - time.monotonic())):
            return make()
    try:
        return make()
    finally:
        flights.done(key)


class LRU:
    """At most ``size`` entries and, with a ``budget``, at most that many bytes (:func:`weigh`); the least recently
    used entry goes first. The newest entry stays even when it alone is over the budget."""

    def __init__(self, size: int, budget: int | None = None, name: str | None = None) -> None:
        self.size = size
        self.budget = budget
        self.bytes = 0
        self._entries: OrderedDict[Hashable, tuple[Any, int, tuple]] = OrderedDict()  # value, bytes, its views
        self._lock = threading.Lock()
        self._flights = Flights()
        self.hits = self.misses = 0
        if name is not None:
            _named[name] = self

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value of ``key``, computed (outside the lock) when it is not there yet; a thread that asks
        while another computes it waits for that one."""
        def lookup() -> tuple[Hashable, Any]:
            return key, self.get(key, MISSING)

        def make() -> Any:
            self.misses += 1
            value = compute()
            self.put(key, value)
            return value

        return single_flight(self._flights, lookup, make)

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The cached value of ``key`` (counted as used), or ``default``."""
        with self._lock:
            if key not in self._entries:
                return default
            self._entries.move_to_end(key)
            self.hits += 1
            value, _weight, views = self._entries[key]
        forget_dead_views(views)  # those of the frames made from it since it was last handed out
        return value

    def put(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` under ``key``, forgetting the least recently used entries while over the size or budget."""
        weight, views = walk(value) if self.budget is not None else (0, ())
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            self._entries[key] = (value, weight, views)
            self.bytes += weight
            while len(self._entries) > 1 and (len(self._entries) > self.size
                                              or (self.budget is not None and self.bytes > self.budget)):
                _key, (_value, gone, _views) = self._entries.popitem(last=False)
                self.bytes -= gone

    def clear(self) -> None:
        """Forget every entry (tests use this to measure a cold run)."""
        with self._lock:
            self._entries.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


_named: dict[str, LRU] = {}


def describe() -> str:
    """Every named cache's entries and weight, for the server log (ivb.run): 'pagina's 812 (63,9 MB), ...'."""
    parts = []
    for name, lru in _named.items():
        weight = f" ({megabytes(lru.bytes)})" if lru.budget is not None else ""
        parts.append(f"{name} {len(lru)}{weight}")
    return "; ".join(parts)


def megabytes(count: int) -> str:
    """'63,9 MB' (MiB, with a decimal comma) for a log line."""
    return f"{count / 2**20:.1f} MB".replace(".", ",")


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
        found = instance.__dict__.get(self.name, MISSING)
        if found is not MISSING:
            return found
        # The object is alive while it is computed: its id is its own.
        return single_flight(
            _memo_flights,
            lambda: ((id(instance), self.name), instance.__dict__.get(self.name, MISSING)),
            lambda: instance.__dict__.setdefault(self.name, self.function(instance)))


_memo_flights = Flights()


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
