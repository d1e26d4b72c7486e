"""The data steward's yearly work, applied to a copy of the real sources: the proof that the tests survive it.

Three updates, each as the README tells a steward to make it:

(a) a new jaarverslag: ``jaarverslag_2025`` in bronnen.csv, 2025 rows in waarden.csv (a begroting and a realisatie
    for woninginbraken and both rapportcijfers, and a few kengetallen) and a tabel 5.1 for 2025 in woonoverlast.csv
    with its totals (2025 for today's sources: always the year after their newest figure);
(b) a police file of a later year: ``import-politie`` of a 47018NED file with rows of the year after, for the city
    and wijken;
(c) a buurt-only police file: BU0637.... rows of the jaarverslag's year, no wijk rows.

EVERY FIGURE HERE IS INVENTED: the updates only follow the real layout and the build's rules. They are applied to a
copy in a temporary directory, never to data/.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from fixtures import REPO_SOURCES, source_path

from ivb.__main__ import main
from ivb.sources.build import build

# (a) The new document and its figures: invented, in the columns of bronnen.csv and waarden.csv. {year} is the year
# after the newest figure of the sources (2025 for the sources of today), so the update stays new when the real
# jaarverslag of that year has been added to data/bronnen.
JAARVERSLAG = ('jaarverslag_{year},"Jaarverslag {year}, Programma 5 Veiligheid (verzonnen voor de test)",Gemeente Zoetermeer,'
               '{year},Verzonnen jaarverslag: alleen voor de test van de jaarlijkse update.,https://example.org/jaarverslag,'
               '{next}-06-01\n')
VALUES = [  # indicator, type, value, doelstelling
    ("woninginbraken", "begroting", "170", 1), ("woninginbraken", "realisatie", "83", 1),
    ("rapportcijfer_stad", "begroting", "7.5", 3), ("rapportcijfer_stad", "realisatie", "7.3", 3),  # below: "nee"
    ("rapportcijfer_buurt", "begroting", "7.6", 2), ("rapportcijfer_buurt", "realisatie", "7.9", 2),
    ("huisverboden", "realisatie", "61", 1), ("handhaving_meldingen", "realisatie", "14321", 2),
    ("jaarwisseling_schade", "realisatie", "58413", 2),
]
# Invented tabel 5.1: wijk -> {(eigendom, status): cases}. Its totals are computed below, so they add up.
WOONOVERLAST = {
    "Centrum": {("koop", "lopend"): 5, ("corporatie", "lopend"): 12, ("corporatie", "afgerond"): 4},
    "Meerzicht": {("koop", "lopend"): 3, ("corporatie", "lopend"): 21, ("particulier", "afgerond"): 2},
    "Buytenwegh": {("corporatie", "lopend"): 14, ("koop", "afgerond"): 6},
    "Oosterheem": {("koop", "lopend"): 4, ("particulier", "lopend"): 1, ("corporatie", "afgerond"): 7},
}

# (b) and (c): invented police counts in the layout of CBS 47018NED as downloaded (';', quoted, padded codes).
POLICE_HEADER = '"ID";"SoortMisdrijf";"WijkenEnBuurten";"Perioden";"GeregistreerdeMisdrijven_1"\n'
# The year after the jaarverslag: the city and two wijken of the 2025 indeling (WK063710, Rokkeveen, exists only there,
# so the file tells its indeling).
POLICE_LATER = [("0.0.0", "GM0637", 9100), ("1.1.1", "GM0637", 95), ("1.4.5", "GM0637", 610), ("1.4.6", "GM0637", 21),
                ("1.4.7", "GM0637", 4), ("0.0.0", "WK063705", 870), ("1.1.1", "WK063705", 9), ("1.4.6", "WK063705", None),
                ("0.0.0", "WK063710", 640), ("1.1.1", "WK063710", 7)]
# The jaarverslag's year, buurten only, all of the 2025 indeling (in Meerzicht, Rokkeveen and Oosterheem).
POLICE_BUURTEN = [("0.0.0", "BU06370513", 120), ("1.1.1", "BU06370513", 3), ("0.0.0", "BU06371008", 95),
                  ("1.4.5", "BU06371008", 11), ("0.0.0", "BU06371106", 140), ("1.1.1", "BU06371106", None)]


def police_file(path: Path, year: int, rows: list[tuple[str, str, int | None]]) -> Path:
    """Write an invented 47018NED file: one yearly row per (crime code, region code, count); None is suppressed."""
    lines = [f'{i};"{crime} ";"{region:<10}";"{year}JJ00";{"" if count is None else count}\n'
             for i, (crime, region, count) in enumerate(rows)]
    path.write_text(POLICE_HEADER + "".join(lines), encoding="utf-8")
    return path


def woonoverlast_rows(year: int, cells: dict[str, dict[tuple[str, str], int]]) -> tuple[str, str]:
    """The rows for woonoverlast.csv and woonoverlast_totalen.csv of one invented tabel 5.1 (totals that add up)."""
    where = f'jaarverslag_{year},"doelstelling 5.1, tabel 5.1 (verzonnen)"'
    detail = "".join(f"{year},{wijk},{eigendom},{status},{n},{where},\n"
                     for wijk, row in cells.items() for (eigendom, status), n in row.items())
    columns: dict[tuple[str, str], int] = {}
    for row in cells.values():
        for key, n in row.items():
            columns[key] = columns.get(key, 0) + n
    totals = "".join(f"{year},{wijk},,,{sum(row.values())},{where}\n" for wijk, row in cells.items())
    totals += "".join(f"{year},,{eigendom},{status},{n},{where}\n" for (eigendom, status), n in columns.items())
    totals += f"{year},,,,{sum(columns.values())},{where}\n"
    return detail, totals


def report_year(sources: Path) -> int:
    """The year of the next jaarverslag: the one after the newest figure of the documents and of the police."""
    years = [int(row["jaar"]) for name in ("waarden", "woonoverlast", "financien", "politie_misdrijven")
             for row in csv.DictReader(source_path(sources, name).open(encoding="utf-8"))]
    return max(years) + 1


def add_jaarverslag(sources: Path, year: int) -> None:
    """Update (a): append the invented jaarverslag of ``year`` to the sources, as a steward following the README does."""
    values = "".join(f'{indicator},{year},Zoetermeer,,{kind},{value},nee,nee,jaarverslag_{year},'
                     f'"doelstelling 5.{goal}, verzonnen voor de test",Verzonnen.\n' for indicator, kind, value, goal in VALUES)
    detail, totals = woonoverlast_rows(year, WOONOVERLAST)
    for name, rows in (("bronnen", JAARVERSLAG.format(year=year, next=year + 1)), ("waarden", values),
                       ("woonoverlast", detail), ("woonoverlast_totalen", totals)):
        path = source_path(sources, name)
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + rows, encoding="utf-8")


@contextlib.contextmanager
def data_dir_env(data_dir: Path) -> Iterator[None]:
    """IVB_DATA_DIR set to ``data_dir`` for a command line call, and put back after."""
    before = os.environ.get("IVB_DATA_DIR")
    os.environ["IVB_DATA_DIR"] = str(data_dir)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("IVB_DATA_DIR", None)
        else:
            os.environ["IVB_DATA_DIR"] = before


def steward_updates(target: Path) -> Path:
    """A data directory ``target`` with a copy of the real sources, the three invented updates applied through the
    build and the command line, and built. Returns ``target``."""
    sources = target / "bronnen"
    shutil.copytree(REPO_SOURCES, sources)
    year = report_year(sources)
    add_jaarverslag(sources, year)
    build(sources, target)
    downloads = target.parent / f"{target.name}-downloads"
    downloads.mkdir(exist_ok=True)
    with data_dir_env(target):
        for name, rows, when in (("47018NED_later.csv", POLICE_LATER, year + 1), ("47018NED_buurten.csv", POLICE_BUURTEN, year)):
            code = main(["import-politie", str(police_file(downloads / name, when, rows))])
            assert code == 0, f"import-politie {name} failed with exit code {code}"
    return target
