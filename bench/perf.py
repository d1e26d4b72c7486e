"""Performance of the crime page at national scale, against a naive peer and the empty-page floor.

One command runs everything and prints one table; every figure of a row is taken in the same run:

    python bench/perf.py --sizes 1e4 1e6 1e7 1e8 --write docs/PERFORMANCE.md      (make bench)

Per size it generates synthetic 47022NED data (bench/generate.py, under artifacts/) and measures,
each in its own process so peak memory (RSS) is that measurement's alone:
  - ours: the server-side run of pages/criminaliteit.py (AppTest) with a wijk and a year range;
  - naive: bench/naive_page.py, the police part of that page with pandas reading the whole file;
  - floor: bench/empty_page.py, a Streamlit page that does nothing.
Median over --runs runs after one warm-up run. Writes its section of docs/PERFORMANCE.md; every page on the
embedded data and the cold start are measured by bench/page_cost.py.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ivb.gemeente import DEFAULT_CODE  # noqa: E402

WIJK, YEARS = "Meerzicht", ["2016", "2023"]

def measure(what: str, data: str, runs: int) -> dict:
    """Runs in a child process: time ``runs`` AppTest runs of one script; report median and peak RSS."""
    os.environ["IVB_DATA_DIR"] = data
    from streamlit.testing.v1 import AppTest

    script = {"ours": ROOT / "app.py", "naive": ROOT / "bench/naive_page.py",
              "floor": ROOT / "bench/empty_page.py"}[what]
    at = AppTest.from_file(str(script), default_timeout=600)
    if what in ("ours", "naive"):
        at.query_params["wijk"] = WIJK
        at.query_params["jaar"] = YEARS
    at.run()
    if what == "ours":
        at.switch_page("pages/criminaliteit.py")
    start = time.perf_counter()
    at.run()  # the first run of this page and these filters: nothing of it is cached yet
    first = (time.perf_counter() - start) * 1000
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        timings.append((time.perf_counter() - start) * 1000)
    if at.exception:
        raise RuntimeError(f"{what} raised: {at.exception[0].value}")
    headers = [h.value for h in at.header]
    if what in ("ours", "naive") and not any(WIJK in h and "(politie)" in h for h in headers):
        raise RuntimeError(f"{what}: the police chart is missing")
    rss_mb = peak_rss_mb()
    return {"ms": statistics.median(timings), "first_ms": first, "rss_mb": rss_mb}


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over from
    the parent across fork and exec, so a child started after a large generation would inherit it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(what: str, data: Path, runs: int, timeout: float = 3600) -> dict | None:
    command = [sys.executable, __file__, "--measure", what, "--data", str(data), "--runs", str(runs)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        print(f"  {what}: failed ({tail})", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def fmt(value: float | None, unit: str = "") -> str:
    return "–" if value is None else f"{value:,.0f}{unit}".replace(",", ".")


def ratio(a: float | None, b: float | None) -> str:
    return "–" if a is None or b is None or b == 0 else f"{a / b:.1f}".replace(".", ",")


def targets(rows) -> list[str]:
    """The targets of the issue against what this run measured."""
    largest = rows[-1]
    ours_big = largest[1]
    loaded = [r for r in rows if r[1] and r[2]]
    peer = loaded[-1] if loaded else None

    def verdict(ok) -> str:
        return "–" if ok is None else ("gehaald" if ok else "niet gehaald")

    speedup = peer and peer[2]["ms"] / peer[1]["ms"]
    speedup_first = peer and peer[2]["ms"] / peer[1]["first_ms"]
    rows_out = [
        ("Pagina bij 10^8 rijen, mediaan", "≤ 200 ms", ours_big and f"{fmt(ours_big['ms'])} ms (eerste run {fmt(ours_big['first_ms'])} ms)",
         ours_big and ours_big["ms"] <= 200),
        ("Sneller dan naïef bij de grootste omvang die het laadt", "≥ 20x",
         peer and f"{ratio(speedup, 1)}x bij {fmt(peer[0])} rijen (eerste run {ratio(speedup_first, 1)}x)", peer and speedup >= 20),
        ("Piekgeheugen bij 10^8 rijen", "< 1.500 MB", ours_big and f"{fmt(ours_big['rss_mb'])} MB", ours_big and ours_big["rss_mb"] < 1500),
    ]
    out = ["", "### Doelen bij landelijke omvang", "", "| doel | norm | gemeten | |", "|---|---|---|---|"]
    out += [f"| {a} | {b} | {c or '–'} | {verdict(d)} |" for a, b, c, d in rows_out]
    return out


def size_name(size: float) -> str:
    """1e8 -> '1e8', 3e7 -> '3e7'."""
    return f"{size:.0e}".replace("e+0", "e").replace("e+", "e")


# What the dashboard keeps between runs; written into docs/PERFORMANCE.md with every measurement.
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1e4, 1e6, 1e7, 1e8])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive-max", type=float, default=1e7,
                        help="largest size to try the naive peer on (at 1e8 pandas needs more memory than the machine has)")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--regenerate", action="store_true", help="generate the data again even if it exists")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.data, args.runs)))
        return 0

    import duckdb

    from bench.generate import generate

    rows = []
    for size in args.sizes:
        out = ROOT / "artifacts" / "bench" / size_name(size)
        data = out / "data"
        if args.regenerate or not (data / DEFAULT_CODE / "politie_misdrijven.parquet").exists():
            print(f"size {size:.0e}: generating", file=sys.stderr)
            data = generate(int(size), out)
        count = int(duckdb.connect().execute(
            "SELECT count(*) FROM read_parquet(?)", [str(data / DEFAULT_CODE / "politie_misdrijven.parquet")]).fetchall()[0][0])
        ours = child("ours", data, args.runs)
        naive = child("naive", data, max(1, min(args.runs, 3)), timeout=1800) if size <= args.naive_max else None
        floor = child("floor", data, args.runs)
        rows.append((count, ours, naive, floor))
        print(f"  ours {ours}  naive {naive}  floor {floor}", file=sys.stderr)

    lines = [
        f"Gemeten op {date.today().isoformat()} met `python bench/perf.py --sizes "
        f"{' '.join(size_name(s) for s in args.sizes)} --naive-max {size_name(args.naive_max)} --runs {args.runs}` "
        "(ook: `make bench`). Alle cijfers komen uit één run.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}, "
        f"{platform.platform()}.",
        "",
        "Synthetische politiecijfers in de vorm van 47022NED (per buurt, per maand, 60 soorten misdrijf; "
        "`bench/generate.py`), gesorteerd op regio en periode. Gemeten: de serverkant van de pagina Criminaliteit met "
        f"wijk {WIJK} en jaren {YEARS[0]}-{YEARS[1]} (AppTest, mediaan), het naïeve alternatief (pandas leest het hele "
        "bestand bij elke run, `bench/naive_page.py`) en een lege pagina (de ondergrens). RSS is het piekgeheugen van "
        "het proces dat de meting deed.",
        "",
        "| rijen | ons (ms) | ons, eerste run (ms) | naïef (ms) | leeg (ms) | naïef / ons | naïef / ons eerste | ons / leeg "
        "| RSS ons (MB) | RSS naïef (MB) | RSS leeg (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count, ours, naive, floor_run in rows:
        o, n, f = (x and x["ms"] for x in (ours, naive, floor_run))
        first = ours and ours["first_ms"]
        lines.append(
            f"| {fmt(count)} | {fmt(o)} | {fmt(first)} | {fmt(n) if naive else 'niet geladen'} | {fmt(f)} | {ratio(n, o)} | "
            f"{ratio(n, first)} | {ratio(o, f)} | {fmt(ours and ours['rss_mb'])} | {fmt(naive and naive['rss_mb'])} | "
            f"{fmt(floor_run and floor_run['rss_mb'])} |"
        )
    measured = [(c, o["ms"], o["first_ms"]) for c, o, _, _ in rows if o]
    naive_measured = [(c, n["ms"]) for c, _, n, _ in rows if n]
    if len(measured) > 1:
        (c0, m0, f0), (c1, m1, f1) = measured[0], measured[-1]
        lines += [
            "",
            "## Duiding",
            "",
            f"- Groei: van {fmt(c0)} naar {fmt(c1)} rijen ({fmt(c1 / c0)} keer zoveel) gaat onze pagina van {fmt(m0)} naar "
            f"{fmt(m1)} ms (herhaalde run) en van {fmt(f0)} naar {fmt(f1)} ms (eerste run). De query leest alleen de "
            "row groups van de gekozen regio's: het bestand is gesorteerd op regio, en de regiocodes staan als constanten "
            "in de query, zodat DuckDB de min/max-statistieken van de row groups kan gebruiken. Wat met de omvang meegroeit "
            "is het lezen van de Parquet-metadata (één footer met een regel per row group).",
        ]
        if naive_measured:
            cn, mn = naive_measured[-1]
            lines.append(
                f"- Naïef: pandas leest bij elke run het hele bestand; bij {fmt(cn)} rijen kost dat {fmt(mn)} ms. Groter "
                "dan --naive-max is niet geprobeerd: 10^8 rijen met tekstkolommen passen niet in het geheugen van deze machine.")
        lines += [
            "- Herhaalde runs: de pagina, haar grafieken en tabellen worden bewaard; zie 'Wat wordt bewaard' hierboven.",
        ]
    lines += targets(rows)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        from bench.proto_load import write_section

        write_section(args.write, text, marker="schaal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
