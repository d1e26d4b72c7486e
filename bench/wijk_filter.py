"""What the uitleg of the wijk filter costs per run, kept as one query answer per data version or composed again each
run from the (kept) wijk list and wijkcodes: the measurement behind ``geo.wijk_list_order`` being a query
(docs/PERFORMANCE.md, section "wijkfilter"). ``python bench/wijk_filter.py [--write FILE]``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("IVB_WARMUP", "0")

from bench.proto_load import write_section  # noqa: E402
from ivb.content import wijk  # noqa: E402
from ivb.formatting import number  # noqa: E402
from ivb.queries import geo  # noqa: E402


def per_run(runs: int, kept: bool) -> float:
    """Milliseconds per uitleg; without ``kept`` its facts are composed again from the kept queries below it."""
    compose = geo.wijk_list_order.__wrapped__
    wijk.filter_help()
    started = time.perf_counter()
    for _ in range(runs):
        if not kept:
            compose()
        wijk.filter_help()
    return (time.perf_counter() - started) / runs * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    kept, composed = per_run(2000, True), per_run(100, False)
    text = "\n".join([
        f"Gemeten op {date.today().isoformat()} met `python bench/wijk_filter.py` (de gemeente van `IVB_GEMEENTE`).", "",
        "| | per run (ms) |", "|---|---:|",
        f"| bewaard (één query-antwoord per gegevensversie) | {number(kept, 3)} |",
        f"| elke run opnieuw samengesteld uit de wijklijst en wijkcodes | {number(composed, 1)} |", "",
        f"Verhouding: {number(composed / kept)} keer zo duur zonder bewaren."])
    print(text)
    if args.write:
        write_section(args.write, text, marker="wijkfilter")


if __name__ == "__main__":
    main()
