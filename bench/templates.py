"""What a chart costs a reader's run: its template filled with rows, against building the same chart with Altair.

Every page's content runs on the embedded data (the whole city and one wijk, the page's default choices, as the PDF
report records it); for each chart block on it, per chart function:
- *vullen*: ``draw(data, **options)`` as a reader's run calls it (shaping the rows, filling the kept template);
- *bouwen*: the same call with the kept templates forgotten first, so Altair builds and serialises the chart
  (what every new filter cost before the templates; without schema validation, as the app did).
Both the median of ``--repeat`` calls in this one run, and their ratio.

    python bench/templates.py --repeat 20 --write docs/PERFORMANCE.md
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.proto_load import write_section  # noqa: E402


def _chart_blocks() -> list:
    from ivb import blocks as b
    from ivb.filters import Filters
    from ivb.queries import core
    from ivb.site import PAGES
    from ivb.views import report

    found = []
    with core.pinned():
        for wijk in (None, "Centrum"):
            for page in PAGES:
                recorded = report.record(page, Filters(wijk, 2014, 2025), {})
                found += [block for block in recorded.blocks if isinstance(block, b.Chart) and not block.data.empty]
    return found


def _median_ms(call, repeat: int, before=lambda: None) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _nl(ms: float) -> str:
    return f"{ms:.1f}".replace(".", ",")


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--write", type=Path, help="schrijf de tabel in dit document (tussen markeringen)")
    args = parser.parse_args(argv)

    from ivb.queries import core
    from ivb.views import template

    fill: dict[str, list[float]] = defaultdict(list)
    build: dict[str, list[float]] = defaultdict(list)
    with core.pinned():
        for block in _chart_blocks():
            name = f"{block.draw.__module__.rsplit('.', 1)[-1]}.{block.draw.__name__}"
            def call(block=block):
                return block.draw(block.data, **block.options)
            call()
            fill[name].append(_median_ms(call, args.repeat))
            build[name].append(_median_ms(call, max(3, args.repeat // 4), before=template._templates.clear))
    lines = ["| Grafiek | Blokken | Vullen (ms) | Bouwen met Altair (ms) | Verhouding |", "|---|---:|---:|---:|---:|"]
    for name in sorted(fill):
        filled, built = statistics.median(fill[name]), statistics.median(build[name])
        lines.append(f"| `{name}` | {len(fill[name])} | {_nl(filled)} | {_nl(built)} | {built / filled:.0f}× |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        write_section(args.write, table, marker="templates")
    return table


if __name__ == "__main__":
    main()
