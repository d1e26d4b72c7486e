"""Synthetic police data in the 47022NED layout, at any size, for the performance benchmark.

Writes ``<out>/data``: the embedded tables of data/ (documents, catalogue) plus a generated
``politie_misdrijven.parquet`` of about ``--rows`` monthly rows and a ``wijkcodes.parquet``
that maps the synthetic Zoetermeer wijk codes WK063701..08 to the eight wijken. Every count is
synthetic; the output lives under artifacts/ (gitignored), never in data/ or git.

Layout for reading: sorted by region, year, month and crime code, zstd, row groups of
100.000 rows, so a query for a few regions touches only their row groups.

    python bench/generate.py --rows 1e8 --out artifacts/bench/1e8
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ivb import config  # noqa: E402
from ivb.gemeente import DEFAULT_CODE  # noqa: E402

CRIME_CODES = 60  # 0.0.0, the eight HIC codes and 51 others, as in 47022NED
FIRST_YEAR = 2015
ZOETERMEER_WIJKEN = 8


def shape(rows: int) -> tuple[int, int]:
    """(regions, months) so that regions x months x crime codes is about ``rows``."""
    regions_min = 1 + ZOETERMEER_WIJKEN  # GM0637 and its wijken are always there
    months = max(1, min(120, rows // (regions_min * CRIME_CODES)))
    regions = max(regions_min, round(rows / (months * CRIME_CODES)))
    return regions, months


def generate(rows: int, out: Path) -> Path:
    """Write the synthetic data directory under ``out``; return it."""
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    # The shipped build (the shared tables, the default gemeente's own in <code>/) without its police and wijk codes.
    shutil.copytree(config.tables_dir(config.DEFAULT_DATA_DIR), data,
                    ignore=lambda _, names: [n for n in names if n in ("politie_misdrijven.parquet", "wijkcodes.parquet")])
    own = data / DEFAULT_CODE
    regions, months = shape(rows)
    con = duckdb.connect()
    # Sorting 10^8 rows spills to disk: keep the spill files with the output, under artifacts/.
    con.execute("SET temp_directory = ?", [str(out / "duckdb-tmp")])
    con.execute("SET preserve_insertion_order = false")
    hic = ["0.0.0", "1.1.1", "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5", "1.4.6", "1.4.7"]
    crimes = hic + [f"9.{i // 10}.{i % 10}" for i in range(CRIME_CODES - len(hic))]
    con.execute("CREATE TABLE crimes AS SELECT unnest(?::VARCHAR[]) AS misdrijf_code, generate_subscripts(?::VARCHAR[], 1) AS c",
                [crimes, crimes])
    # Region 0 is the municipality, 1..8 its wijken, the rest buurten elsewhere in the country.
    con.execute(f"""
        CREATE TABLE regions AS
        SELECT r,
               CASE WHEN r = 0 THEN 'GM0637'
                    WHEN r <= {ZOETERMEER_WIJKEN} THEN 'WK0637' || lpad(r::VARCHAR, 2, '0')
                    ELSE 'BU' || lpad((1000 + r % 8000)::VARCHAR, 4, '0') || lpad((r // 8000)::VARCHAR, 4, '0') END AS regio_code,
               CASE WHEN r = 0 THEN 'gemeente' WHEN r <= {ZOETERMEER_WIJKEN} THEN 'wijk' ELSE 'buurt' END AS soort_regio
        FROM range({regions}) t(r)
    """)
    target = own / "politie_misdrijven.parquet"
    con.execute(f"""
        COPY (
            SELECT g.regio_code, g.soort_regio, CASE WHEN g.r = 0 THEN '' ELSE '2025' END AS indeling,
                   ({FIRST_YEAR} + m // 12)::VARCHAR || 'MM' || lpad((m % 12 + 1)::VARCHAR, 2, '0') AS perioden,
                   {FIRST_YEAR} + m // 12 AS jaar, m % 12 + 1 AS maand, c.misdrijf_code,
                   CASE WHEN hash(g.r, m, c.c) % 20 = 0 THEN NULL
                        ELSE (hash(g.r, m, c.c) % CASE WHEN c.c = 1 THEN 400 ELSE 12 END)::BIGINT END AS aantal,
                   'synthetisch' AS bestand, '2026-01-01' AS importdatum,
                   (row_number() OVER ())::BIGINT AS regel, 'synthetisch' AS bron_id
            FROM regions g, range({months}) p(m), crimes c
            ORDER BY g.regio_code, jaar, maand, c.misdrijf_code
        ) TO '{target}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)
    """)
    con.execute(f"""
        COPY (SELECT '2025' AS indeling, 'WK0637' || lpad(i::VARCHAR, 2, '0') AS code, 'wijk' AS soort, w AS cbs_naam,
                     w AS wijk, w AS naam_tabel_5_1, 'synthetisch' AS bron_id, 'synthetisch' AS vindplaats
              FROM (SELECT unnest(range(1, {ZOETERMEER_WIJKEN + 1})) AS i, unnest(?::VARCHAR[]) AS w))
        TO '{own / "wijkcodes.parquet"}' (FORMAT parquet)
    """, [list(config.WIJKEN)])
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=float, required=True, help="about this many rows, e.g. 1e6")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    start = time.perf_counter()
    data = generate(int(args.rows), args.out)
    count = duckdb.connect().execute(f"SELECT count(*) FROM '{data / DEFAULT_CODE / 'politie_misdrijven.parquet'}'").fetchall()[0][0]
    print(f"{count} rijen in {data} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
