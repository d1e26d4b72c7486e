"""The caches every session shares (ivb.cache): a failure is not kept, the cache stays within its size, a block's
value is made once and keeps its first, and a long evening of page runs does not gather memory on the kept
query answers (the cause of the growth docs/LOAD.md once found)."""

from __future__ import annotations

import tracemalloc

import pytest

from ivb.cache import LRU, describe, once


def test_a_failed_computation_is_not_kept_and_the_next_reader_tries_again():
    cache, calls = LRU(8), []

    def broken():
        calls.append(1)
        raise OSError("verzonnen leesfout")

    with pytest.raises(OSError):
        cache.get_or_compute("q", broken)
    assert cache.get_or_compute("q", lambda: 42) == 42 and len(calls) == 1 and len(cache) == 1


def test_the_least_recently_used_value_goes_first_when_full_and_the_log_says_how_full():
    cache = LRU(2, name="test-lru")
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3) and len(cache) == 2
    assert "test-lru 2" in describe()


def test_a_value_kept_with_an_object_is_made_once_keeps_its_first_and_a_failure_is_made_again():
    class Block:
        pass

    block, calls = Block(), []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("verzonnen fout")
        return {"mark": "bar"}

    with pytest.raises(ValueError):
        once(block, "spec", flaky)
    first = once(block, "spec", flaky)
    assert once(block, "spec", flaky) is first and len(calls) == 2


def test_page_runs_that_derive_frames_from_a_kept_query_answer_keep_no_memory_on_it(invented):
    """Every page run takes columns and selections of query answers. pandas keeps a weak reference in a frame to
    every view made from it, and drops the dead ones only now and then: when the answers handed out were the kept
    frames themselves, a long-running server gathered them (docs/LOAD.md, "Geheugen"). Measured with tracemalloc:
    what stays allocated after thousands of runs."""
    import gc

    from ivb.queries import core, documents

    with core.pinned():
        years = documents.available_years()
        ranges = [(first, last) for first in years for last in years if last >= first]

        def page_run(first: int, last: int) -> None:  # as a page does: select, derive, throw away
            values = documents.visual_values("rapportcijfers", first, last)
            shown = values[values["type"] == "realisatie"][["jaar", "waarde"]].assign(extra=1)
            del values, shown

        for first, last in ranges:  # every answer kept, and every lazy thing made
            page_run(first, last)
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        for _ in range(400):  # a busy evening: each kept answer asked for hundreds of times
            for first, last in ranges:
                page_run(first, last)
        gc.collect()
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    # Handing out the kept frames themselves: some 3 MB here (200 kB per kept answer); its own frames: some 40 kB.
    assert grown < 512 * 1024, f"{grown} bytes stayed allocated after {400 * len(ranges)} page runs"


def test_a_cache_of_pickles_counts_their_bytes_and_forgets_the_oldest_past_its_budget():
    import numpy as np
    import pandas as pd

    from ivb.cache import Pickled

    cache = LRU(100, budget=3 * 2**20, name="test-budget")
    frames = {i: pd.DataFrame({"waarde": np.full(2**17, float(i))}) for i in range(6)}  # 1 MB each
    for i, frame in frames.items():
        cache.put(i, Pickled.of(frame))
    assert len(cache) == 2 and 2 * 2**20 <= cache.bytes <= 3 * 2**20, "three megabytes hold two frames of one"
    again = cache.get(5).value()
    assert again.equals(frames[5]) and again is not frames[5] and cache.get(0) is None
    cache.put("groot", Pickled.of(pd.DataFrame({"waarde": np.zeros(2**19)})))  # 4 MB: over the budget alone
    assert len(cache) == 1 and cache.get("groot") is not None, "the newest value stays, alone"
    assert "test-budget 1 (4,0 MB)" in describe()
