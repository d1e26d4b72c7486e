"""What ``ivb.gemeente.current()`` costs with and without its kept answer, and how often a run asks: the measurement
behind that cache (docs/PERFORMANCE.md, section "gemeente"). ``python bench/gemeente_lookup.py [--write FILE]``."""

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
from ivb import gemeente  # noqa: E402
from ivb.formatting import number  # noqa: E402


def per_call(runs: int, fresh: bool) -> float:
    """Microseconds per call, the kept answer thrown away before each call when ``fresh``."""
    gemeente.current()
    started = time.perf_counter()
    for _ in range(runs):
        if fresh:
            gemeente._cache.clear()
        gemeente.current()
    return (time.perf_counter() - started) / runs * 1e6


def calls_per_run(page: str) -> int:
    """How often one run of ``page`` (after the first run of the app) asks for the gemeente."""
    from streamlit.testing.v1 import AppTest

    counted, ask = [0], gemeente.current

    def counting():
        counted[0] += 1
        return ask()

    gemeente.current = counting
    try:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        app.run()
        counted[0] = 0
        app.switch_page(page)
        app.run()
    finally:
        gemeente.current = ask
    return counted[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    kept, fresh, calls = per_call(5000, False), per_call(300, True), calls_per_run("pages/criminaliteit.py")
    text = "\n".join([
        f"Gemeten op {date.today().isoformat()} met `python bench/gemeente_lookup.py`.", "",
        "| | per aanroep (µs) | per run van Criminaliteit (ms) |", "|---|---:|---:|",
        f"| bewaard (een stat van CURRENT) | {number(kept, 1)} | {number(kept * calls / 1000, 2)} |",
        f"| telkens opnieuw gelezen (gemeenten.parquet en de metadata van de eigen tabellen) | {number(fresh, 0)} | "
        f"{number(fresh * calls / 1000, 1)} |", "",
        f"Een run van Criminaliteit vraagt {calls} keer naar de gemeente (naam in koppen, bijschriften, filters)."])
    print(text)
    if args.write:
        write_section(args.write, text, marker="gemeente")


if __name__ == "__main__":
    main()
