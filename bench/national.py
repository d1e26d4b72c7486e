"""A synthetic national 47022NED file (geregistreerde misdrijven per maand, per gemeente, wijk en buurt) for one year.

Writes ``<out>/47022NED_synthetisch_landelijk_<jaar>.csv`` in the CSV layout CBS gives a steward (``;``-separated,
quoted, codes padded with spaces, an empty count for a secret one), as ``python -m ivb import-politie`` reads it, and
a README beside it saying that every count is invented. About ``--regions`` regions x 59 offence codes x 12 months:
17.000 regions make about 12 M rows (about 900 MB).

The regions: Nederland (NL01); Zoetermeer with its real codes of the 2025 wijkindeling (GM0637 and the WK and BU
codes of ``data/bronnen/GM0637/wijkcodes.csv``); and invented municipalities GM9001, GM9002, ... (no real code starts with
9), each with ten wijken of four buurten. The counts are synthetic: a buurt's count comes from a hash, a wijk's is the
sum of its buurten plus a little crime not placed in a buurt, a municipality's the sum of its wijken plus a little.
Rows follow CBS's order: per offence code, per region, per month, so Zoetermeer's rows lie spread over the file.
The output belongs under artifacts/ (gitignored), never in data/.

    python bench/national.py --out artifacts/months            # 17.000 regions, 2025
    python bench/national.py --out artifacts/months-tiny --regions 300
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import time
from pathlib import Path

import duckdb

from ivb.gemeente import DEFAULT_CODE

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2025
INDELING = "2025"
WIJKEN_PER_GEMEENTE, BUURTEN_PER_WIJK = 10, 4
# 0.0.0 (all crime) and the codes of the High Impact Crimes are real codes; the other 50 are invented (9.x.y).
CRIMES = ["0.0.0", "1.1.1", "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5", "1.4.6", "1.4.7"]
CRIMES += [f"9.{i // 10}.{i % 10}" for i in range(59 - len(CRIMES))]
HEADER = ("ID", "SoortMisdrijf", "WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1", "Gemeentenaam_2",
          "SoortRegio_3")
README = """Synthetische politiecijfers: NIET ECHT.

Dit bestand heeft de vorm van CBS-tabel 47022NED (geregistreerde misdrijven per maand, per gemeente, wijk en buurt),
maar elk aantal is verzonnen door bench/national.py, om het inlezen en de query's op landelijke omvang te meten.
De codes van Zoetermeer (GM0637 en de wijken en buurten van de indeling 2025) zijn echt; de gemeenten GM9001 en
verder bestaan niet. Lees dit bestand nooit in in data/: alleen in een kopie onder artifacts/.
"""


def zoetermeer_codes(sources: Path) -> list[tuple[str, str]]:
    """(code, soort) of Zoetermeer's wijken and buurten in the 2025 indeling, from the curated ``wijkcodes.csv``."""
    with (sources / DEFAULT_CODE / "wijkcodes.csv").open(encoding="utf-8") as handle:
        return sorted((row["code"], row["soort"]) for row in csv.DictReader(handle) if row["indeling"] == INDELING)


def regions_table(con: duckdb.DuckDBPyConnection, regions: int, sources: Path) -> int:
    """Create the table ``regions`` (code, soort, gemeente, wijk_code, naam) of about ``regions`` rows; return its size."""
    own = zoetermeer_codes(sources)
    per_gemeente = 1 + WIJKEN_PER_GEMEENTE * (1 + BUURTEN_PER_WIJK)
    invented = max(0, round((regions - 2 - len(own)) / per_gemeente))
    con.execute("""
        CREATE TABLE regions AS
        SELECT 'NL01' AS code, 'Land' AS soort, '' AS gemeente, NULL AS wijk_code, 'Nederland' AS naam
        UNION ALL SELECT 'GM0637', 'Gemeente', 'GM0637', NULL, 'Zoetermeer'
        UNION ALL SELECT code, CASE soort WHEN 'wijk' THEN 'Wijk' ELSE 'Buurt' END, 'GM0637',
                         CASE soort WHEN 'buurt' THEN 'WK' || substr(code, 3, 6) END, 'Zoetermeer'
                  FROM (SELECT unnest(?::VARCHAR[]) AS code, unnest(?::VARCHAR[]) AS soort)
    """, [[c for c, _ in own], [s for _, s in own]])
    con.execute(f"""
        INSERT INTO regions
        WITH g AS (SELECT 9000 + i AS n FROM range(1, {invented + 1}) t(i)),
             w AS (SELECT n, j FROM g, range({WIJKEN_PER_GEMEENTE}) t(j)),
             b AS (SELECT n, j, k FROM w, range(1, {BUURTEN_PER_WIJK + 1}) t(k))
        SELECT 'GM' || n, 'Gemeente', 'GM' || n, NULL, 'Synthetische gemeente ' || n FROM g
        UNION ALL SELECT 'WK' || n || lpad(j::VARCHAR, 2, '0'), 'Wijk', 'GM' || n, NULL, 'Synthetische gemeente ' || n FROM w
        UNION ALL SELECT 'BU' || n || lpad(j::VARCHAR, 2, '0') || lpad(k::VARCHAR, 2, '0'), 'Buurt', 'GM' || n,
                         'WK' || n || lpad(j::VARCHAR, 2, '0'), 'Synthetische gemeente ' || n FROM b
    """)
    return con.execute("SELECT count(*) FROM regions").fetchone()[0]


def counts_table(con: duckdb.DuckDBPyConnection, year: int) -> None:
    """Create ``counts`` (code, misdrijf, c, maand, aantal): buurten from a hash (one in 30 secret), wijken the sum
    of their buurten plus a little, municipalities and the country the sum of their wijken plus a little."""
    con.execute("CREATE TABLE crimes AS SELECT unnest(?::VARCHAR[]) AS misdrijf, generate_subscripts(?::VARCHAR[], 1) AS c",
                [CRIMES, CRIMES])
    con.execute("""
        CREATE TABLE buurt_counts AS
        SELECT r.code, r.wijk_code, r.gemeente, c.misdrijf, c.c, m.maand,
               CASE WHEN hash(r.code, c.c, m.maand, ?) % 30 = 0 THEN NULL
                    ELSE (hash(r.code, c.c, m.maand, ?) % CASE WHEN c.c = 1 THEN 8 ELSE 2 END)::BIGINT END AS aantal
        FROM regions r, crimes c, range(1, 13) m(maand) WHERE r.soort = 'Buurt'
    """, [year, year])
    con.execute("""
        CREATE TABLE wijk_counts AS
        WITH sums AS (SELECT wijk_code, c, maand, sum(aantal) AS aantal FROM buurt_counts GROUP BY ALL)
        SELECT w.code, w.gemeente, c.misdrijf, c.c, m.maand,
               (coalesce(s.aantal, 0) + hash(w.code, c.c, m.maand) % 3)::BIGINT AS aantal
        FROM regions w CROSS JOIN crimes c CROSS JOIN range(1, 13) m(maand)
        LEFT JOIN sums s ON s.wijk_code = w.code AND s.c = c.c AND s.maand = m.maand
        WHERE w.soort = 'Wijk'
    """)
    con.execute("""
        CREATE TABLE counts AS
        WITH gm AS (
            SELECT gemeente AS code, misdrijf, c, maand, (sum(aantal) + hash(gemeente, c, maand) % 5)::BIGINT AS aantal
            FROM wijk_counts GROUP BY gemeente, misdrijf, c, maand
        )
        SELECT code, misdrijf, c, maand, aantal FROM buurt_counts
        UNION ALL SELECT code, misdrijf, c, maand, aantal FROM wijk_counts
        UNION ALL SELECT * FROM gm
        UNION ALL SELECT 'NL01', misdrijf, c, maand, sum(aantal)::BIGINT FROM gm GROUP BY misdrijf, c, maand
    """)
    con.execute("DROP TABLE buurt_counts")
    con.execute("DROP TABLE wijk_counts")


def generate(out: Path, regions: int = 17_000, year: int = YEAR, sources: Path | None = None) -> Path:
    """Write the synthetic national file under ``out`` (with its README); return its path."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"47022NED_synthetisch_landelijk_{year}.csv"
    body = out / f".{target.stem}.body"
    con = duckdb.connect()
    con.execute("SET temp_directory = ?", [str(out / "duckdb-tmp")])  # a sort of 12 M rows may spill: keep it here
    regions_table(con, regions, sources or ROOT / "data" / "bronnen")
    counts_table(con, year)
    # CBS's order: per offence code, per region (country, then each municipality with its wijken and buurten).
    con.execute(f"""
        COPY (
            SELECT row_number() OVER (ORDER BY c.c, r.gemeente, r.soort <> 'Gemeente', c.code, c.maand) - 1 AS id,
                   rpad(c.misdrijf, 6, ' ') AS misdrijf, rpad(c.code, 10, ' ') AS regio,
                   '{year}MM' || lpad(c.maand::VARCHAR, 2, '0') AS periode, c.aantal, r.naam,
                   rpad(r.soort, 10, ' ') AS soort
            FROM counts c JOIN regions r USING (code)
            ORDER BY id
        ) TO '{body}' (FORMAT csv, DELIMITER ';', HEADER false, QUOTE '"',
                       FORCE_QUOTE (misdrijf, regio, periode, naam, soort))
    """)
    con.close()
    with target.open("wb") as handle:
        handle.write((";".join(f'"{h}"' for h in HEADER) + "\n").encode())
        with body.open("rb") as rows:
            shutil.copyfileobj(rows, handle, 16 * 2**20)
    body.unlink()
    shutil.rmtree(out / "duckdb-tmp", ignore_errors=True)
    (out / "README.txt").write_text(README, encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="map onder artifacts/")
    parser.add_argument("--regions", type=int, default=17_000, help="ongeveer zoveel regio's (standaard 17.000)")
    parser.add_argument("--year", type=int, default=YEAR)
    args = parser.parse_args()
    start = time.perf_counter()
    path = generate(args.out, args.regions, args.year)
    size = path.stat().st_size / 2**20
    megabytes = f"{size:,.0f}".replace(",", ".")
    print(f"{path} ({megabytes} MB, {time.perf_counter() - start:.0f} s); elk aantal is synthetisch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
