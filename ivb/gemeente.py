"""The municipality this process serves: its CBS code from ``IVB_GEMEENTE`` (default GM0637, Zoetermeer), its name
and what is curated for it, read from the current build.

A process serves one gemeente for its whole life (``make run GEMEENTE=GM0546``); several gemeenten are several
processes (ivb.serve). The open data of every gemeente of the file sit in the shared tables; a gemeente's own
documents and wijken sit in ``data/bronnen/<code>/`` and are built into ``builds/<id>/<code>/`` (ivb.sources.build).
``documents``: its kadernota and jaarverslag are curated (targets, verdicts, the policy pages); ``wijken``: its wijk
codes, boundaries and inhabitants are (the wijk filter, the map, the Wijkprofiel).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from ivb import config, formatting

DEFAULT_CODE = "GM0637"  # Zoetermeer, the gemeente this dashboard was first made for
ENV_VAR = "IVB_GEMEENTE"
CODE_PATTERN = re.compile(r"^GM\d{4}$")
# The groups of tables a gemeente has of its own (ivb.sources.schema.GROUPS); "" is the shared open data.
DOCUMENTS = "documenten"
WIJKEN = "wijken"
GROUP_CHOICE = "vergelijkingsgroep"  # a steward's own comparison group (else the rule of ivb.queries.open_data)
DOCUMENTS_MARK = "indicatoren"  # a gemeente's documents are curated when its catalogue is
WIJKEN_MARK = "wijkcodes"  # its wijken, when its wijk codes are (with rows)


class GemeenteError(ValueError):
    """The configured code is malformed or names no gemeente of the data. The message is for the person starting the
    dashboard: Dutch, with the codes that are known."""


@dataclass(frozen=True)
class Gemeente:
    """A gemeente with the groups of its own tables that the build has (``curated``)."""

    code: str
    naam: str
    groups: frozenset[str] = frozenset()

    @property
    def documents(self) -> bool:
        return DOCUMENTS in self.groups

    @property
    def wijken(self) -> bool:
        return WIJKEN in self.groups

    @property
    def number(self) -> str:
        """'0637' of GM0637: wijken are WK0637.., buurten BU0637.... in CBS tables."""
        return self.code[2:]

    @property
    def slug(self) -> str:
        """The name as a path or file name: 'Zoetermeer' -> 'zoetermeer', "'s-Gravenhage" -> 's-gravenhage'."""
        return formatting.slug(self.naam)


def requested(environ: dict | None = None) -> str:
    """The code asked for (``IVB_GEMEENTE``, upper case, spaces taken off; default GM0637). Not yet checked."""
    value = (environ if environ is not None else os.environ).get(ENV_VAR, "")
    return value.strip().upper() or DEFAULT_CODE


def known(tables_dir: Path | None = None) -> dict[str, str]:
    """code -> name of every gemeente in the shared open data (``gemeenten`` of the current build), in code order."""
    base = tables_dir or config.tables_dir()
    table = pq.read_table(base / "gemeenten.parquet", columns=["gemeentecode", "gemeente"])
    return dict(sorted(zip(table.column("gemeentecode").to_pylist(), table.column("gemeente").to_pylist())))


def check(code: str, names: dict[str, str]) -> str:
    """``code`` if it is a gemeente of ``names``; else a :class:`GemeenteError` that lists the known ones."""
    listed = ", ".join(f"{c} ({n})" for c, n in names.items())
    if not CODE_PATTERN.match(code):
        raise GemeenteError(f"'{code}' is geen gemeentecode: een code is GM met vier cijfers, zoals {DEFAULT_CODE}. "
                            f"Bekende gemeenten: {listed}.")
    if code not in names:
        raise GemeenteError(f"Gemeente {code} staat niet in de open data (gemeenten.csv). Bekende gemeenten: {listed}.")
    return code


_cache: dict[tuple, Gemeente] = {}


def current() -> Gemeente:
    """The gemeente of this process, with its name and what is curated for it in the current build.

    Looked up again only when the build changes (``CURRENT`` is replaced): a stat per call, the rest kept. Raises
    :class:`GemeenteError` for an unknown code (``ivb.run`` checks before the server starts) and
    :class:`ivb.config.DataDirectoryError` when there is no readable build.
    """
    code = requested()
    base = config.data_dir()
    try:
        stamp = (base / config.CURRENT_FILE).stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (code, str(base), stamp)
    found = _cache.get(key)
    if found is None:
        tables = config.tables_dir(base)
        names = known(tables)
        check(code, names)
        found = Gemeente(code, names[code], frozenset(g for g, present in curated(tables, code).items() if present))
        if len(_cache) > 16:
            _cache.clear()
        _cache[key] = found
    return found


def curated(tables_dir: Path, code: str) -> dict[str, bool]:
    """Which groups of its own ``code`` has in the build ``tables_dir``: its documents when their catalogue was
    published, its wijken when its wijk codes have rows."""
    own = tables_dir / code
    return {DOCUMENTS: (own / f"{DOCUMENTS_MARK}.parquet").is_file(), WIJKEN: _has_rows(own / f"{WIJKEN_MARK}.parquet"),
            GROUP_CHOICE: _has_rows(own / f"{GROUP_CHOICE}.parquet")}


def _has_rows(path: Path) -> bool:
    try:
        return pq.read_metadata(path).num_rows > 0
    except (OSError, ValueError):
        return False


def has(group: str) -> bool:
    """Whether this process's gemeente has the tables of ``group`` (a table's ``group``; "" is always there). When the
    build cannot be read, every group counts: the pages then say to their readers what is wrong."""
    if not group:
        return True
    try:
        return group in current().groups
    except _UNREADABLE:
        return True


def name() -> str:
    """The name of this process's gemeente ('Zoetermeer'); its code while the build cannot be read (the page says why)."""
    try:
        return current().naam
    except _UNREADABLE:
        return requested()


# A build that cannot be read (CURRENT damaged, gemeenten.parquet missing or damaged: pyarrow's errors are ValueErrors
# and OSErrors), or a code the build does not know.
_UNREADABLE = (config.DataDirectoryError, OSError, ValueError)
