"""Paths and fixed domain values, read in one place.

The data directory comes from the environment variable ``IVB_DATA_DIR`` (default:
``data/`` next to the package) so tests and benchmarks can point the app at other
Parquet files without touching the embedded data.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"

# The gemeente a process serves, its name and what is curated for it: ivb.gemeente (IVB_GEMEENTE).

# The eight wijken of tabel 5.1 of the default gemeente's jaarverslag, in its order: the benchmarks' synthetic data
# use them. The dashboard reads a gemeente's wijken from its wijkcodes.csv (ivb.queries.geo, ivb.sources.validate).
WIJKEN = (
    "Centrum",
    "Meerzicht",
    "Buytenwegh",
    "De Leyens",
    "Seghwaert",
    "Noordhove",
    "Rokkeveen",
    "Oosterheem",
)

# A gemeente's wijkindelingen, the wijken it reports on and their spellings: ivb.wijken (from its wijkcodes.csv).

# Years a figure may carry; outside this range a value is a typo, not data.
FIRST_YEAR = 2000
LAST_YEAR = 2035

# Topics (onderwerp) of the catalogue; each maps to a page of the dashboard.
TOPICS = {
    "criminaliteit": "Criminaliteit",
    "veiligheidsbeleving": "Veiligheidsbeleving",
    "woonoverlast": "Woonoverlast",
    "cameratoezicht": "Cameratoezicht",
    "zorg_jeugd": "Zorg, jeugd en extremisme",
    "ondermijning": "Ondermijning",
    "handhaving_jaarwisseling": "Handhaving en jaarwisseling",
    "beleid": "Beleid",
    "financien": "Financiën",
}


def data_dir() -> Path:
    """The directory holding the built Parquet tables (``IVB_DATA_DIR`` or ``data/``)."""
    configured = os.environ.get("IVB_DATA_DIR")
    return Path(configured).resolve() if configured else DEFAULT_DATA_DIR


# A build writes its Parquet tables into builds/<id>/ and then names that directory in CURRENT
# (replaced atomically), so a reader always sees one whole set of tables, never a mix of two builds.
CURRENT_FILE = "CURRENT"
MANIFEST_FILE = "build.json"  # in each build directory: its id and when it was first published
BUILDS_DIR = "builds"
_BUILD_ID = re.compile(r"^[0-9a-f]{12}$")


class DataDirectoryError(RuntimeError):
    """``CURRENT`` cannot be read or names no build. The message is for a reader: no server path, no command."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"De cijfers zijn nu niet te tonen: het bestand {CURRENT_FILE}, dat de huidige versie van de "
                         f"gegevens aanwijst, {reason}. De fout is vastgelegd voor de beheerder, die de gegevens "
                         "opnieuw moet bouwen.")


class DataUnavailableError(RuntimeError):
    """A Parquet table a page needs is missing or unreadable (raised by ivb.queries.core). The message names the
    file, not the server's paths."""

    def __init__(self, table: str, path: Path, reason: str) -> None:
        self.table, self.path, self.reason = table, path, reason
        super().__init__(
            f"Het gegevensbestand '{path.name}' (tabel {table}) {reason}. Deze cijfers zijn pas weer te zien "
            "als de beheerder de gegevens opnieuw heeft gebouwd."
        )


def tables_dir(base: Path | None = None) -> Path:
    """The directory with the current set of Parquet tables.

    ``<data>/builds/<id>`` as named in ``<data>/CURRENT``; without that file, ``<data>`` itself (a
    flat set of tables, as the benchmarks write them). Raises :class:`DataDirectoryError` when
    ``CURRENT`` exists but cannot be read or names no build.
    """
    base = base or data_dir()
    try:
        build_id = (base / CURRENT_FILE).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return base
    except UnicodeDecodeError as exc:
        raise DataDirectoryError("bevat geen leesbare tekst") from exc
    except OSError as exc:  # no permission, a directory in its place, an I/O error
        raise DataDirectoryError("is onleesbaar") from exc
    if not build_id:
        raise DataDirectoryError("is leeg")
    if not _BUILD_ID.match(build_id):
        raise DataDirectoryError("noemt geen versie van de gegevens")
    return base / BUILDS_DIR / build_id


def sources_dir(base: Path | None = None) -> Path:
    """The directory holding the curated CSV sources (``<data dir>/bronnen``)."""
    return (base or data_dir()) / "bronnen"


READY_LINE = "klaar voor lezers"  # in the server log once every page is made (ivb.ui.warmup): ready for readers
