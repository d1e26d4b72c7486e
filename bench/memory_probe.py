"""Does making pages leak, apart from Streamlit? Makes pages in one process, in rounds, with small caches, and prints
the process's RSS after each round: with the caches full, a leak in the content, the queries or the specs shows as
a rising RSS; a flat one says the memory a server gains is elsewhere (docs/LOAD.md, "Geheugen over een uur").

    python bench/memory_probe.py --rounds 6 --pages 60

Each page gets a random page, wijk and year range (seed 1), made as the warm-up makes it (no waiting on others).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def main(argv: list[str] | None = None) -> list[float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--pages", type=int, default=60, help="pagina's per ronde")
    args = parser.parse_args(argv)

    from ivb.queries import core
    from ivb.ui import tape

    # Small caches, so that they are full after the first round and every later page replaces another.
    kept = tape._tapes.size, core._results.size
    tape._tapes.size, core._results.size = 100, 200
    try:
        return _rounds(args)
    finally:
        tape._tapes.size, core._results.size = kept


def _rounds(args) -> list[float]:
    from ivb import cache
    from ivb.filters import Filters
    from ivb.queries import core, documents
    from ivb.recording import record
    from ivb.site import PAGES
    from ivb.ui import tape
    from ivb.ui.sidebar import wijk_names

    version = core.database().version()
    years, areas = documents.available_years(), [None, *wijk_names()]
    chance = random.Random(1)
    sizes = []
    for number in range(args.rounds):
        for _ in range(args.pages):
            first = chance.choice(years)
            f = Filters(chance.choice(areas), first, chance.choice([y for y in years if y >= first]))
            page = chance.choice(PAGES)
            tape.keep(page.url_path, record(page.content(), f, lambda _key: None), version)
        gc.collect()
        sizes.append(rss_mb())
        print(f"ronde {number + 1}: RSS {sizes[-1]:.0f} MB; {cache.describe()}", flush=True)
    return sizes


if __name__ == "__main__":
    main()
