"""The caches every session shares (ivb.cache): a value asked for by many readers at the same moment is made once,
a failure is not kept, and the cache stays within its size."""

from __future__ import annotations

import threading
import time

import pytest

from ivb.cache import LRU, memo


def _at_once(ask, readers: int = 5) -> list:
    """``ask()`` from ``readers`` threads at once; what each got."""
    got = []
    threads = [threading.Thread(target=lambda: got.append(ask())) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return got


def _slow(made: list, value, release: threading.Event):
    def compute():
        made.append(threading.current_thread().name)
        release.wait(5)  # held until every reader has asked (a late one finds the kept value: still made once)
        return value
    return compute


def test_a_value_many_readers_ask_for_at_once_is_computed_once():
    cache, made, release = LRU(8), [], threading.Event()
    threading.Timer(0.3, release.set).start()
    got = _at_once(lambda: cache.get_or_compute("spec", _slow(made, {"mark": "line"}, release)))
    assert len(made) == 1 and len(got) == 5 and all(g is got[0] for g in got)


def test_a_failed_computation_is_not_kept_and_the_next_reader_tries_again():
    cache, calls = LRU(8), []

    def broken():
        calls.append(1)
        raise OSError("verzonnen leesfout")

    with pytest.raises(OSError):
        cache.get_or_compute("q", broken)
    assert cache.get_or_compute("q", lambda: 42) == 42 and len(calls) == 1 and len(cache) == 1


def test_the_least_recently_used_value_goes_first_when_full():
    cache = LRU(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3) and len(cache) == 2


class _Block:
    def __init__(self, made: list, release: threading.Event) -> None:
        self.made, self.release = made, release

    @memo
    def spec(self):
        return _slow(self.made, {"mark": "bar"}, self.release)()


def test_a_blocks_value_asked_for_by_many_readers_at_once_is_computed_once():
    made, release = [], threading.Event()
    block = _Block(made, release)
    threading.Timer(0.3, release.set).start()
    got = _at_once(lambda: block.spec)
    assert len(made) == 1 and all(g is got[0] for g in got) and block.spec is got[0]


def test_a_reader_of_another_block_does_not_wait_for_a_slow_one():
    slow_made, release = [], threading.Event()
    slow = threading.Thread(target=lambda: _Block(slow_made, release).spec)
    slow.start()
    while not slow_made:
        time.sleep(0.01)
    other = _Block([], threading.Event())
    other.release.set()
    assert other.spec == {"mark": "bar"}
    assert slow.is_alive(), "the other block's value waited for the slow one"
    release.set()
    slow.join(5)


def test_a_block_whose_value_failed_computes_it_again():
    class Flaky:
        tries = 0

        @memo
        def value(self):
            Flaky.tries += 1
            if Flaky.tries == 1:
                raise ValueError("verzonnen fout")
            return "goed"

    flaky = Flaky()
    with pytest.raises(ValueError):
        _ = flaky.value
    assert flaky.value == "goed" and flaky.value == "goed" and Flaky.tries == 2


def test_a_reader_never_waits_for_the_background_warm_up():
    from ivb.cache import background

    cache, made, release = LRU(8), [], threading.Event()

    def warm():
        with background():
            cache.get_or_compute("page", _slow(made, "warm", release))

    warming = threading.Thread(target=warm)
    warming.start()
    while not made:
        time.sleep(0.01)
    assert cache.get_or_compute("page", lambda: "reader") == "reader"
    assert warming.is_alive(), "the reader waited for the background thread"
    release.set()
    warming.join(5)


def test_a_cache_with_a_budget_forgets_the_oldest_pages_once_their_bytes_pass_it():
    import numpy as np
    import pandas as pd

    cache = LRU(100, budget=3 * 2**20, name="test-budget")
    frames = {i: pd.DataFrame({"waarde": np.arange(2**17, dtype="float64")}) for i in range(6)}  # 1 MB each
    for i, frame in frames.items():
        cache.put(i, frame)
    assert len(cache) == 2, "three megabytes hold two frames of one megabyte (and their index) at most"
    assert cache.get(5) is frames[5] and cache.get(4) is frames[4] and cache.get(0) is None
    assert 2 * 2**20 <= cache.bytes <= 3 * 2**20
    huge = pd.DataFrame({"waarde": np.arange(2**19, dtype="float64")})  # 4 MB: over the budget alone
    cache.put("groot", huge)
    assert cache.get("groot") is huge and len(cache) == 1, "the newest value stays, alone"
    from ivb.cache import describe
    assert "test-budget 1 (4,0 MB)" in describe()


def test_weighing_counts_a_shared_frame_once_and_a_long_list_by_a_sample(monkeypatch):
    import numpy as np
    import pandas as pd

    from ivb.footprint import weigh

    frame = pd.DataFrame({"waarde": np.zeros(2**17)})  # 1 MB
    alone = weigh(frame)
    assert 2**20 <= alone < 1.1 * 2**20
    assert weigh([frame, frame, {"again": frame}]) < alone + 2**12
    rows = [{"jaar": 2000 + i % 30, "wijk": f"wijk {i}", "waarde": float(i)} for i in range(10_000)]
    sampled = weigh(rows)
    monkeypatch.setattr("ivb.footprint._SAMPLE", len(rows))
    walked = weigh(rows)  # every row, each object once
    assert 0.8 * walked <= sampled <= 1.2 * walked


def test_a_kept_frame_does_not_gather_the_bookkeeping_of_the_views_made_from_it():
    """Pages take columns and selections of kept query results; pandas keeps a weak reference per view and dropped
    the dead ones only past 500 per block, so a long-running server kept gaining memory (docs/LOAD.md). Handing a
    kept value out drops them."""
    import gc

    import pandas as pd

    from ivb.footprint import _views_of

    frame = pd.DataFrame({"jaar": range(20), "wijk": [f"wijk {i}" for i in range(20)], "waarde": [1.5] * 20})
    page = {"blocks": [object() for _ in range(40)] + [{"tabel": frame}]}  # deep in a long list of blocks
    # The pandas of requirements.lock keeps this bookkeeping. Should an upgrade drop it, this fails instead of passing
    # without showing anything: then look again at the growth of docs/LOAD.md with that pandas and at ivb.footprint.
    assert _views_of(frame), "this pandas keeps no view bookkeeping (BlockValuesRefs): the guard below shows nothing"
    cache = LRU(4, budget=2**20)
    cache.put("pagina", page)

    def held() -> int:
        return sum(len(refs.referenced_blocks) for refs in _views_of(frame))

    kept = cache.get("pagina")["blocks"][-1]["tabel"]
    for _ in range(1000):  # a busy evening: columns and selections of the kept frame, made and gone
        view = kept[["jaar", "waarde"]].assign(extra=1)["waarde"]
        del view
    gc.collect()
    assert held() > 400, "pandas keeps the dead views (else this test shows nothing)"
    cache.get("pagina")
    assert held() <= 2 * len(_views_of(frame)), "handed out again, each block keeps only its live views"

