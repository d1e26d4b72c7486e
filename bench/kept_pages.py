"""What keeping every page costs the garbage collector, and what a chart's digest costs: the two measurements behind
"Opruimen na een run" in docs/PERFORMANCE.md.

    python bench/kept_pages.py [--write docs/PERFORMANCE.md]

Records every page for the city and each wijk (as the warm-up does, ivb.ui.warmup) and times ``gc.collect(2)``
(what Streamlit runs after every run; median of 15) with the recordings kept as objects, kept pickled (as
ivb.ui.tape keeps them), and pickled with everything else frozen (as ivb.run does every 10 s). Then the digest of
every chart's and table's rows on all pages (ivb.views.specs.fingerprint) against pandas' own row hashes.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def collect_ms() -> float:
    times = []
    for _ in range(15):
        start = time.perf_counter()
        gc.collect(2)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def dutch(number: float, decimals: int = 1) -> str:
    """'84,5' or '254.838': Dutch separators."""
    return f"{number:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def recordings() -> list:
    from ivb.filters import Filters
    from ivb.queries import core, documents
    from ivb.recording import record
    from ivb.site import PAGES
    from ivb.ui.sidebar import wijk_names

    with core.pinned():
        years = documents.available_years()
        return [record(page.content(), Filters(wijk, years[0], years[-1]), lambda _key: None)
                for wijk in [None, *wijk_names()] for page in PAGES]


def row_hashes(frame) -> str:
    """The digest ivb.views.specs used before: pandas' hash of every row, index and column."""
    import pandas as pd

    digest = hashlib.sha1(pd.util.hash_pandas_object(frame, index=True).values.tobytes())
    digest.update(repr((tuple(frame.columns), tuple(map(str, frame.dtypes)), sorted(frame.attrs.items()))).encode())
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path)
    args = parser.parse_args(argv)
    import streamlit.web.bootstrap  # noqa: F401 (what a server has loaded)

    from ivb import blocks as b
    from ivb.cache import Pickled
    from ivb.views import specs

    kept = recordings()
    pages = len(kept)
    frames = [s.data for r in kept for s in r.steps if isinstance(s, b.Chart)]
    frames += [s.frame for r in kept for s in r.steps if isinstance(s, b.Table)]
    digests = []
    for name, digest in (("pandas' rijhashes (vóór issue 27)", row_hashes), ("blake2b van de pickle (nu)", specs.fingerprint)):
        start = time.perf_counter()
        for _ in range(3):
            for frame in frames:
                digest(frame)
        digests.append((name, (time.perf_counter() - start) / 3 * 1000))
    count, frames = len(frames), None  # only the recordings hold them now
    rows = [("pagina's als objecten bewaard, niets bevroren", len(gc.get_objects()), collect_ms())]
    kept = [Pickled.of(r.steps) for r in kept]
    rows.append(("pagina's gepickeld bewaard, niets bevroren", len(gc.get_objects()), collect_ms()))
    gc.collect()
    gc.freeze()
    rows.append(("pagina's gepickeld, de rest bevroren", len(gc.get_objects()), collect_ms()))
    gc.unfreeze()
    text = "\n".join([
        f"Gemeten met `python bench/kept_pages.py`: {pages} pagina's opgenomen (heel de gemeente en elke wijk, alle jaren).",
        "", "| toestand | objecten die de opruiming bekijkt | `gc.collect(2)` (ms, mediaan van 15) |", "|---|---:|---:|",
        *(f"| {what} | {dutch(count, 0)} | {dutch(ms)} |" for what, count, ms in rows),
        "", f"| vingerafdruk van de rijen van {count} grafieken en tabellen | ms voor alle |", "|---|---:|",
        *(f"| {what} | {dutch(ms)} |" for what, ms in digests)])
    print(text)
    if args.write:
        from bench.proto_load import write_section

        write_section(args.write, text, marker="kept-pages")
    return text


if __name__ == "__main__":
    main()
