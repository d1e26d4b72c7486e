"""The DuckDB connection locked to the current set of Parquet tables, and the query decorator.

Every named query is a function decorated with :func:`query`, which declares the tables it
reads. The decorator creates their views, runs the function, and caches the answer per
arguments and per *data version*: the modification time and size of those tables' files in
the current build. A build or an import therefore never gets an old answer, and every
session of the process shares one answer instead of computing it again.

The connection may only read files inside the current build's directory
(``allowed_directories`` with ``enable_external_access=false``, then ``lock_configuration``),
and each statement runs on its own cursor, because duckdb 2 refuses one connection shared by
threads. A missing or unreadable file is a :class:`DataUnavailableError` (the reader is told
which); any other failure is a :class:`QueryError`, a fault of ours that goes to the log.

**One build per run** (:func:`pinned`): a reader's run looks ``CURRENT`` up once, and every query of that run
reads that build, even when a new build is published halfway through the page. Without it each query looked
``CURRENT`` up for itself, and a page made during a rebuild could show text of both builds.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from ivb import config, gemeente
from ivb.cache import LRU, Pickled
from ivb.config import DataUnavailableError
from ivb.sources.schema import PUBLISHED, TABLES_BY_NAME

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable)


class QueryError(RuntimeError):
    """A query failed although its files are fine: a fault in the dashboard, not in the data."""


class Database:
    """A locked-down in-memory DuckDB whose views read the Parquet files of one build directory, for one gemeente:
    the shared open data from the build, its own documents and wijken from ``<build>/<code>/`` (ivb.gemeente). Two
    gemeenten never share a view, an answer or a kept page: the code is part of the data version."""

    def __init__(self, tables_dir: Path, code: str) -> None:
        self.tables_dir, self.code = tables_dir, code
        self.con = duckdb.connect(":memory:")
        self.con.execute("SET allowed_directories = ?", [[str(tables_dir)]])
        self.con.execute("SET enable_external_access=false")
        self.con.execute("SET lock_configuration=true")
        self._views: set[str] = set()
        self._lock = threading.Lock()
        # A group of tables the gemeente does not have (no documents curated): its tables read as empty, so every
        # query answers "no figures"; the pages that need them are not listed (ivb.site). Decided once per build.
        self.groups = gemeente.curated(tables_dir, code)

    def path(self, table: str) -> Path:
        """The Parquet file of ``table`` in this build: the gemeente's own, or the shared one."""
        if TABLES_BY_NAME[table].group:
            return self.tables_dir / self.code / f"{table}.parquet"
        return self.tables_dir / f"{table}.parquet"

    def ensure_view(self, table: str) -> None:
        """Create the view over ``table``'s Parquet file once it exists."""
        if table not in PUBLISHED:
            raise ValueError(f"unknown table {table!r}")
        path = self.path(table)
        if self._absent(table):
            if table not in self._views:
                with self._lock:
                    self.con.execute(_empty_view(table))
                    self._views.add(table)
            return
        if not path.is_file():
            raise DataUnavailableError(table, path, "ontbreekt")
        if table in self._views:
            return
        with self._lock:
            if table not in self._views:
                try:
                    self.con.read_parquet(str(path), file_row_number=True).create_view(table, replace=True)
                except duckdb.Error as exc:
                    raise DataUnavailableError(table, path, "is onleesbaar") from exc
                self._views.add(table)

    def _absent(self, table: str) -> bool:
        """Whether ``table`` belongs to a group this gemeente does not have (not a missing file of one it has)."""
        group = TABLES_BY_NAME[table].group
        return bool(group) and not self.groups.get(group, False)

    def unreadable(self, tables: tuple[str, ...]) -> DataUnavailableError | None:
        """The first of ``tables`` whose file is missing or not a readable Parquet file, as an error; else None."""
        for table in tables:
            path = self.path(table)
            if self._absent(table):
                continue
            if not path.is_file():
                return DataUnavailableError(table, path, "ontbreekt")
            try:
                pq.read_metadata(path)
            except Exception:  # noqa: BLE001 - any failure to read the footer means the file is damaged
                return DataUnavailableError(table, path, "is onleesbaar")
        return None

    def version(self, tables: tuple[str, ...] = tuple(sorted(PUBLISHED))) -> tuple:
        """(table, modification time, size) of each file (default: every published table, the data version of a
        kept page): changes whenever a build replaces or damages one."""
        version = []
        for table in tables:
            try:
                stat = self.path(table).stat()
            except FileNotFoundError:
                version.append((table, None, None))
            else:
                version.append((table, stat.st_mtime_ns, stat.st_size))
        return (str(self.tables_dir), self.code, *version)


_SQL_TYPES = {"int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN"}


def _empty_view(table: str) -> str:
    """A view with the columns of ``table`` and no rows (names and types from the schema, never from input)."""
    columns = ", ".join(f"NULL::{_SQL_TYPES.get(c.kind, 'VARCHAR')} AS {c.name}" for c in TABLES_BY_NAME[table].columns)
    return f"CREATE OR REPLACE VIEW {table} AS SELECT {columns}, NULL::BIGINT AS file_row_number WHERE false"


@functools.lru_cache(maxsize=8)
def _database(tables_dir: str, code: str) -> Database:
    return Database(Path(tables_dir), code)


_pinned: contextvars.ContextVar[Database] = contextvars.ContextVar("ivb_pinned_build")


def database() -> Database:
    """The database of the build this run reads (:func:`pinned`), else of the current build of the data directory.

    A build writes a new directory and then points ``CURRENT`` at it, so a query sees the
    tables of one build, never new waarden beside old indicatoren. Raises
    :class:`ivb.config.DataDirectoryError` when ``CURRENT`` cannot be read.
    """
    pinned_db = _pinned.get(None)
    return pinned_db if pinned_db is not None else current()


def current() -> Database:
    """The database of the build ``CURRENT`` names now, whatever build this run reads."""
    return _database(str(config.tables_dir()), gemeente.requested())


@contextlib.contextmanager
def pinned(db: Database | None = None) -> Iterator[Database]:
    """Every query inside the block reads the build of ``db`` (default: the current build, looked up now, once)."""
    token = _pinned.set(db or database())
    try:
        yield _pinned.get()
    finally:
        _pinned.reset(token)


# The running query's database and tables: one lookup of CURRENT per query, so a query and the
# queries it calls read one build even when a new one is published meanwhile.
_running: contextvars.ContextVar[tuple[Database, tuple[str, ...]]] = contextvars.ContextVar("ivb_running_query")
_results = LRU(1024, budget=32 * 2**20, name="queries")  # an answer is a few kB


def query(*tables: str) -> Callable[[F], F]:
    """Declare a named query that reads ``tables``; its answers are cached per arguments and data version.

    Arguments must be hashable (numbers, strings, None, tuples). An answer is kept pickled (ivb.cache.Pickled):
    each caller gets a frame of its own, some 50 microseconds.
    """
    for table in tables:
        if table not in PUBLISHED:
            raise ValueError(f"unknown table {table!r}")

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def cached(*args, **kwargs):
            outer = _running.get(None)
            db = outer[0] if outer else database()
            # The function object itself is the key: closures made by one factory share a qualname.
            key = (function, args, tuple(sorted(kwargs.items())), db.version(tables))

            def compute():
                token = _running.set((db, tables))
                try:
                    return function(*args, **kwargs)
                finally:
                    _running.reset(token)

            return _results.get_or_compute(key, lambda: Pickled.of(compute())).value()

        cached.tables = tables
        return cached  # type: ignore[return-value]

    return decorate


def run(sql: str, params: list | None = None) -> pd.DataFrame:
    """Run ``sql`` with bound ``params`` on a fresh cursor, over the tables the running query declared."""
    db, tables = _running.get()
    for table in tables:
        db.ensure_view(table)
    try:
        return db.con.cursor().execute(sql, params or []).df()
    except duckdb.Error as exc:
        broken = db.unreadable(tables)
        if broken is not None:
            raise broken from exc
        raise QueryError(f"query over {', '.join(tables)} failed: {exc}") from exc


def clear_cache() -> None:
    """Forget every cached answer (for measurements of a cold run)."""
    _results.clear()


@functools.lru_cache(maxsize=8)
def _manifest(path: str, stamp: tuple) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("geen leesbaar bouwverslag in %s", path)
        return {}


def build_info() -> dict:
    """The manifest of the build this run reads: ``versie`` (its id) and ``gebouwd`` (when its tables were first
    published, ISO 8601 in UTC); empty when the build has none. Read again when the file is: a build id that is
    pruned and published again (the same sources later) has a new date."""
    path = database().tables_dir / config.MANIFEST_FILE
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    except OSError:
        stamp = ()
    return _manifest(str(path), stamp)
