"""A wijk's last twelve months at national scale: the import of a national 47022NED file and the query behind it.

    python bench/months.py --write docs/PERFORMANCE.md          (make months-bench)

1. Generates a synthetic national 47022NED file for one year (bench/national.py: about 17.000 regions x 59 offence
   codes x 12 months, 12 M rows) under artifacts/months/, once (``--regenerate`` makes it again).
2. Import: copies the data directory to artifacts/months/data and runs ``python -m ivb import-politie`` on the file
   there, in its own process: the time from start to exit and the peak memory (VmHWM). The importer keeps
   Zoetermeer's rows and builds.
3. Query: per wijk, each in a fresh process against that copy: ``police_months(wijk)`` + ``twelve_months(...)``
   the first time (cold: no connection, no views, every cache empty), then with the query cache emptied before each
   call (the query itself on a warm connection), then as a reader's next run gets it (from the cache); medians.
4. The same against the whole country: every generated row in ``politie_misdrijven.parquet`` of a copy of that build
   (artifacts/months/land), sorted by region and period in row groups of 100.000 rows, as bench/generate.py does.
Every count is synthetic. Writes its section of docs/PERFORMANCE.md (marker ``maanden``).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIJKEN = ("Centrum", "Meerzicht", "Oosterheem", "")  # '' is the whole city
GOAL_MS = 200


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: see bench/perf.py why not ru_maxrss)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def import_child(data: str, csv_file: str) -> dict:
    """In a child: ``python -m ivb import-politie`` on ``csv_file`` into ``data``; its exit code, output and memory."""
    os.environ["IVB_DATA_DIR"] = data
    from ivb.__main__ import main as cli

    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        code = cli(["import-politie", "--herkomst", "bench/national.py (synthetisch, niet echt)",
                    "--toelichting", "Synthetische cijfers voor de meting van bench/months.py, niet echt", csv_file])
    return {"rc": code, "output": said.getvalue(), "rss_mb": peak_rss_mb()}


def query_child(data: str, wijk: str, runs: int) -> dict:
    """In a child: the times of ``police_months`` + ``twelve_months`` for ``wijk`` ('' the city), cold and warm."""
    os.environ["IVB_DATA_DIR"] = data
    start = time.perf_counter()
    from ivb.queries import police_months as module
    from ivb.queries.core import clear_cache

    imported = time.perf_counter() - start

    def once() -> tuple[float, object]:
        begin = time.perf_counter()
        twelve = module.twelve_months(module.police_months(wijk or None))
        return (time.perf_counter() - begin) * 1000, twelve

    cold, twelve = once()
    recomputed = []
    for _ in range(runs):
        clear_cache()
        recomputed.append(once()[0])
    cached = [once()[0] for _ in range(runs)]
    last = twelve.iloc[0] if len(twelve) else None
    return {"import_ms": imported * 1000, "cold_ms": cold, "warm_ms": statistics.median(recomputed),
            "cached_ms": statistics.median(cached), "rss_mb": peak_rss_mb(), "row_groups": row_groups(module, wijk),
            "months": int(last["maanden"]) if last is not None else 0,
            "total": None if last is None or last["aantal"] is None else float(last["aantal"]),
            "period": f"{last['van']} t/m {last['tot']}" if last is not None else ""}


def row_groups(module, wijk: str) -> list[int] | None:
    """[row groups of politie_misdrijven DuckDB reads for one call, row groups it could have read], summed over the
    query's scans: its own SQL, profiled on a connection of its own (the dashboard's is locked and cannot profile)."""
    import duckdb

    from ivb.queries import core

    seen = []
    original = module.run
    module.run = lambda sql, params=None: seen.append((sql, params)) or original(sql, params)
    try:
        core.clear_cache()
        module.police_months(wijk or None)
    finally:
        module.run = original
    con = duckdb.connect()
    for table in ("politie_misdrijven", "wijkcodes"):
        con.read_parquet(str(core.current().path(table)), file_row_number=True).create_view(table)
    con.execute("SET enable_profiling = 'json'")
    con.execute("SET profiling_coverage = 'ALL'")
    profile = Path(tempfile.mkdtemp()) / "profile.json"
    con.execute("SET profiling_output = ?", [str(profile)])
    con.execute(*seen[0]).fetchall()
    con.close()
    found = []

    def walk(node: dict) -> None:
        if "politie_misdrijven" in str(node.get("extra_info", {}).get("Filename(s)", "")):
            found.append((node.get("row_groups_scanned", 0), node.get("total_row_groups_to_scan", 0)))
        for part in node.get("children", []) + node.get("operator", []):
            walk(part)

    walk(json.loads(profile.read_text()))
    shutil.rmtree(profile.parent)
    return [sum(f[0] for f in found), sum(f[1] for f in found)] if found else None


def child(args: list[str], timeout: float = 3600) -> tuple[dict | None, float]:
    """Run this script as a child with ``args``; its JSON answer (None when it failed) and its wall time."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(f"  {' '.join(args[:2])}: mislukt ({(done.stderr.strip().splitlines() or ['?'])[-1]})", file=sys.stderr)
        return None, seconds
    return json.loads(done.stdout.strip().splitlines()[-1]), seconds


def copy_data(target: Path) -> Path:
    """A copy of the data directory (sources, CURRENT and the current build) at ``target``."""
    from ivb import config

    shutil.rmtree(target, ignore_errors=True)
    source = config.data_dir()
    shutil.copytree(source / "bronnen", target / "bronnen")
    current = config.tables_dir(source)
    shutil.copytree(current, target / config.BUILDS_DIR / current.name)
    shutil.copy2(source / config.CURRENT_FILE, target / config.CURRENT_FILE)
    return target


def national_parquet(csv_file: Path, built: Path, target: Path) -> int:
    """A flat data directory at ``target``: the tables of ``built``, with every region of ``csv_file`` in
    politie_misdrijven.parquet beside the rows the import kept, in the same columns; return its number of rows."""
    import duckdb

    from ivb.gemeente import DEFAULT_CODE

    shutil.rmtree(target, ignore_errors=True)
    # The shared tables at the top, the gemeente's own in <code>/ (ivb.queries.core.Database), police file aside.
    shutil.copytree(built, target, ignore=lambda _, names: [n for n in names if n == "politie_misdrijven.parquet"])
    police = f"{DEFAULT_CODE}/politie_misdrijven.parquet"
    con = duckdb.connect()
    con.execute("SET temp_directory = ?", [str(target.parent / "duckdb-tmp")])
    con.read_parquet(str(built / police)).create_view("own")
    con.read_csv(str(csv_file), sep=";", quotechar='"', header=True, all_varchar=True).create_view("raw")
    # The other regions as the importer would have kept Zoetermeer's: the same source, date and indeling per kind.
    con.execute("""
        CREATE TABLE kinds AS SELECT soort_regio, any_value(indeling) AS indeling, any_value(bron_id) AS bron_id,
                                     any_value(importdatum) AS importdatum, any_value(bestand) AS bestand
        FROM own WHERE bestand = ? GROUP BY soort_regio
    """, [csv_file.name])
    con.execute("""
        CREATE VIEW others AS
        WITH r AS (SELECT trim(WijkenEnBuurten) AS regio_code, trim(Perioden) AS perioden, trim(SoortMisdrijf) AS code,
                          GeregistreerdeMisdrijven_1 AS aantal, ID FROM raw)
        SELECT r.regio_code, k.soort_regio, k.indeling, r.perioden, CAST(left(r.perioden, 4) AS BIGINT) AS jaar,
               CAST(right(r.perioden, 2) AS BIGINT) AS maand, r.code AS misdrijf_code,
               CAST(nullif(r.aantal, '') AS BIGINT) AS aantal, k.bestand, k.importdatum,
               CAST(r.ID AS BIGINT) + 2 AS regel, k.bron_id
        FROM r JOIN kinds k ON k.soort_regio = CASE left(r.regio_code, 2) WHEN 'GM' THEN 'gemeente'
                                                       WHEN 'WK' THEN 'wijk' WHEN 'BU' THEN 'buurt' END
        WHERE NOT (r.regio_code LIKE 'GM0637%' OR r.regio_code LIKE 'WK0637%' OR r.regio_code LIKE 'BU0637%')
    """)
    out = target / police
    con.execute(f"""
        COPY (SELECT * FROM own UNION ALL BY NAME SELECT * FROM others ORDER BY regio_code, jaar, maand, misdrijf_code)
        TO '{out}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)
    """)
    return con.execute("SELECT count(*) FROM read_parquet(?)", [str(out)]).fetchone()[0]


def query_rows(label: str, results: list[tuple[str, dict | None]]) -> list[str]:
    from bench.proto_load import _number  # here, not at the top: the measuring children need no streamlit

    lines = []
    for wijk, r in results:
        if r is None:
            lines.append(f"| {label} | {wijk or 'heel Zoetermeer'} | mislukt | | | | | | |")
            continue
        groups = r["row_groups"]
        read = f"{_number(groups[0])} van {_number(groups[1])}" if groups else "–"
        lines.append(
            f"| {label} | {wijk or 'heel Zoetermeer'} | {_number(r['cold_ms'])} | {_number(r['warm_ms'], 1)} "
            f"| {_number(r['cached_ms'], 2)} | {read} | {_number(r['rss_mb'])} | {r['months']} | {_number(r['total'])} |")
    return lines


def report(command: str, csv_file: Path, rows: int, imported: tuple, local: list, land: list, land_rows: int,
           runs: int) -> str:
    from bench.proto_load import _number

    result, seconds = imported
    said = [line for line in (result or {}).get("output", "").splitlines() if line.startswith(("Gelezen", "Nieuw"))]
    goals = []
    for where, results in (("Parquet van Zoetermeer (na inlezen)", local), ("Parquet van heel Nederland", land)):
        for kind, key in (("koud", "cold_ms"), ("warm", "warm_ms")):
            worst = max((r[key] for _, r in results if r), default=None)
            verdict = "–" if worst is None else ("gehaald" if worst <= GOAL_MS else "niet gehaald")
            goals.append(f"| laatste 12 maanden van een wijk, {kind}, {where} | ≤ {GOAL_MS} ms | hoogste {_number(worst)} ms "
                         f"| {verdict} |")
    lines = [
        f"Gemeten op {date.today().isoformat()} met `{command}` (ook: `make months-bench`). Machine: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.", "",
        f"Een synthetisch landelijk bestand in de vorm van 47022NED (`bench/national.py`): {_number(rows)} regels, "
        f"{_number(csv_file.stat().st_size / 2**20)} MB, één jaar per maand, 59 soorten misdrijf, Zoetermeer met de echte "
        "codes van de indeling 2025 en verzonnen gemeenten (GM9001 en verder). Elk aantal is verzonnen.", "",
        "**Inlezen** (`python -m ivb import-politie` op een kopie van `data/`, eigen proces, van start tot einde, "
        "inclusief het bouwen): "
        + (f"{_number(seconds, 1)} s, piekgeheugen {_number(result['rss_mb'])} MB. " if result and result["rc"] == 0
           else "mislukt. ")
        + " ".join(said), "",
        f"**De laatste 12 maanden van een wijk** (`police_months(wijk)` + `twelve_months(...)`), elke wijk in een vers "
        "proces. *Koud*: de eerste aanroep (verbinding, views en caches leeg; het importeren van de modules niet "
        f"meegeteld). *Warm*: de query zelf, met de querycache vóór elke aanroep geleegd (mediaan van {runs}). *Uit de "
        "cache*: wat de volgende run van een lezer krijgt. *Row groups gelezen*: hoeveel row groups van "
        "politie_misdrijven.parquet DuckDB las voor één aanroep, van hoeveel (opgeteld over de scans van de query). "
        "*Maanden*/*totaal*: van de laatste 12 maanden, als controle.",
        "",
        "| Parquet | wijk | koud (ms) | warm (ms) | uit de cache (ms) | row groups gelezen | RSS (MB) | maanden | totaal |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        *query_rows("Zoetermeer (na inlezen)", local),
        *query_rows(f"heel Nederland ({_number(land_rows)} rijen)", land),
        "", "| doel | norm | gemeten | |", "|---|---|---|---|",
        *goals,
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=17_000, help="ongeveer zoveel regio's (standaard 17.000)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "months", help="map onder artifacts/")
    parser.add_argument("--regenerate", action="store_true", help="het landelijke bestand opnieuw maken")
    parser.add_argument("--write", type=Path, help="de sectie in dit Markdown-bestand zetten (marker 'maanden')")
    parser.add_argument("--child", choices=("import", "query"), help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--arg", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "import":
        print(json.dumps(import_child(args.data, args.arg)))
        return 0
    if args.child == "query":
        print(json.dumps(query_child(args.data, args.arg, args.runs)))
        return 0

    from bench.national import generate
    from ivb import config

    out = args.out.resolve()
    csv_file = out / "47022NED_synthetisch_landelijk_2025.csv"
    if args.regenerate or not csv_file.exists():
        print("landelijk bestand maken", file=sys.stderr)
        csv_file = generate(out, args.regions)
    with csv_file.open("rb") as handle:
        rows = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(2**24), b"")) - 1
    data = copy_data(out / "data")
    print("inlezen", file=sys.stderr)
    imported = child(["--child", "import", "--data", str(data), "--arg", str(csv_file)])
    if imported[0] is None or imported[0]["rc"] != 0:
        print("het inlezen mislukte; zie hierboven", file=sys.stderr)
        return 1
    local = [(w, child(["--child", "query", "--data", str(data), "--arg", w, "--runs", str(args.runs)])[0])
             for w in WIJKEN]
    print("heel Nederland in de Parquet", file=sys.stderr)
    land = out / "land"
    land_rows = national_parquet(csv_file, config.tables_dir(data), land)
    national = [(w, child(["--child", "query", "--data", str(land), "--arg", w, "--runs", str(args.runs)])[0])
                for w in WIJKEN]
    command = "python bench/months.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(command, csv_file, rows, imported, local, national, land_rows, args.runs)
    print(text)
    if args.write:
        from bench.proto_load import write_section

        write_section(args.write, text, marker="maanden")
    return 0


if __name__ == "__main__":
    sys.exit(main())
