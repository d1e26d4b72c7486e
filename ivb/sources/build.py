"""Build: curated CSV sources -> validated Parquet tables. The only writer of the tables in data/builds/.

Every source is read and checked first (``ivb.sources.records``, ``ivb.sources.rules``); only when
nothing is wrong are the Parquet files written, all of them into a new directory that
``CURRENT`` then names (see :func:`build`), so a failed build leaves the previous tables
exactly as they were and a reader never sees half a build.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ivb import config
from ivb.sources.freshness import MANIFEST_KEY, sources_digest
from ivb.sources.records import LINE
from ivb.sources.schema import TABLES_BY_NAME, Column, Table
from ivb.sources.validate import BuildError, validate  # noqa: F401 - BuildError: raised by build, imported from here

log = logging.getLogger(__name__)

_ARROW_TYPES = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


@dataclass
class BuildResult:
    """What a successful build wrote: table name -> row count."""

    out_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    build_id: str = ""


def arrow_table(table: Table, frame: pd.DataFrame) -> pa.Table:
    """The validated rows of ``table`` as an Arrow table with the declared column types."""
    fields = [pa.field(c.name, _arrow_type(c), nullable=not c.required) for c in table.columns]
    data = {c.name: [_cell(v, c) for v in frame[c.name].tolist()] for c in table.columns}
    return pa.Table.from_pydict(data, schema=pa.schema(fields))


def _cell(value, column: Column):
    """A missing number stays missing (pandas turns None into NaN in a numeric column)."""
    if column.kind in ("int", "float") and (value is None or pd.isna(value)):
        return None
    return int(value) if column.kind == "int" else value


def _arrow_type(column: Column) -> pa.DataType:
    return _ARROW_TYPES.get(column.kind, pa.string())


def build(sources: Path | None = None, out_dir: Path | None = None) -> BuildResult:
    """Validate ``sources`` (default data/bronnen) and publish one Parquet file per table under ``out_dir``.

    The tables are written to a staging directory, which is renamed to ``builds/<id>`` (the id is a
    hash of the files, so the same sources give the same directory), and only then is ``CURRENT``
    replaced to name it. Readers see the old set or the new one, never a mix. The build before the
    current one is kept, for a reader that is still busy with it; older ones are removed, and so are the
    staging directories of builds that were killed.
    """
    out_dir = out_dir or config.data_dir()
    sources = sources or config.sources_dir(out_dir)
    # Taken before the sources are read: a source changed while this build runs then differs from the digest, and
    # ivb.run says so, instead of the reverse.
    read_from = sources_digest(sources)
    tables = validate(sources)
    builds = out_dir / config.BUILDS_DIR
    builds.mkdir(parents=True, exist_ok=True)
    staging, held = _stage(builds)
    result = BuildResult(out_dir)
    try:
        digest = hashlib.sha256()
        for name, frame in tables.items():
            table = TABLES_BY_NAME[name.rpartition("/")[2]]
            if not table.publish:
                continue
            path = staging / f"{name}.parquet"
            path.parent.mkdir(exist_ok=True)
            pq.write_table(arrow_table(table, frame.sort_values(LINE)), path, compression="zstd")
            digest.update(name.encode() + b"\0" + path.read_bytes())
            result.rows[name] = len(frame)
        build_id = digest.hexdigest()[:12]
        _write_manifest(staging, build_id, read_from)
        final = builds / build_id
        # One build publishes at a time, so a second one never prunes what the first is about to name.
        with (builds / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if final.is_dir() and _complete(final, result.rows):
                shutil.rmtree(staging)  # the same tables are already published (with the date they first were)
                _record_sources(final, read_from)  # other bytes can give the same tables (a space, CRLF)
            else:
                shutil.rmtree(final, ignore_errors=True)
                staging.chmod(0o755)
                os.replace(staging, final)
            previous = _current_id(out_dir)
            _write_current(out_dir, build_id)
            _prune(builds, keep={build_id, previous})
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        os.close(held)
    result.build_id = build_id
    return result


def _stage(builds: Path) -> tuple[Path, int]:
    """A new staging directory and a descriptor that holds a lock (flock) on it until the build ends.

    First the staging directories of builds that no longer run are removed: a killed build leaves its own. Its lock
    went with its process (also after kill -9), so a staging directory whose lock can be taken is abandoned; one
    whose lock is held belongs to a build that is running now. Both happen under the lock of builds/, so no build
    sees another's directory between its creation and its lock.
    """
    with (builds / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for entry in builds.glob(".staging-*"):
            _remove_if_abandoned(entry)
        for stray in builds.parent.glob(f".{config.CURRENT_FILE}.*"):  # written under this lock: left by a killed build
            stray.unlink(missing_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=builds))
        held = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return staging, held


def _remove_if_abandoned(staging: Path) -> None:
    try:
        handle = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:  # gone meanwhile, or not a directory
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        shutil.rmtree(staging, ignore_errors=True)
        log.info("achtergelaten map van een afgebroken build verwijderd: %s", staging)
    except BlockingIOError:
        pass  # a build that is running now
    finally:
        os.close(handle)


def _write_manifest(directory: Path, build_id: str, sources: str) -> None:
    """``build.json``: the build's id, the moment its tables were first published ('laatst bijgewerkt') and the digest
    of the sources it was built from (ivb.sources.freshness).

    Not part of the id: the same sources give the same directory, which keeps the date it was first built.
    """
    manifest = {"versie": build_id, "gebouwd": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), MANIFEST_KEY: sources}
    (directory / config.MANIFEST_FILE).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def _record_sources(directory: Path, sources: str) -> None:
    """Put the digest of ``sources`` into the manifest of an earlier publication of the same tables, atomically."""
    path = directory / config.MANIFEST_FILE
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get(MANIFEST_KEY) == sources:
        return
    handle, tmp = tempfile.mkstemp(prefix=".build.", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(json.dumps({**manifest, MANIFEST_KEY: sources}, indent=1) + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _complete(directory: Path, rows: dict[str, int]) -> bool:
    """Whether an earlier publication of the same id holds its manifest and every table, each a readable Parquet file."""
    try:
        json.loads((directory / config.MANIFEST_FILE).read_text(encoding="utf-8"))["gebouwd"]
        return all(pq.read_metadata(directory / f"{name}.parquet").num_rows == count for name, count in rows.items())
    except Exception:  # noqa: BLE001 - a missing or damaged file means: publish again
        return False


def _current_id(out_dir: Path) -> str | None:
    """The build CURRENT names; None when there is none or CURRENT is damaged (the new build repairs it)."""
    try:
        return (out_dir / config.CURRENT_FILE).read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def _write_current(out_dir: Path, build_id: str) -> None:
    """Point CURRENT at ``build_id`` with one atomic rename. A directory in its place (a damaged data directory that
    the dashboard reports as unreadable) is removed first: a rename cannot replace it."""
    current = out_dir / config.CURRENT_FILE
    if current.is_dir() and not current.is_symlink():
        shutil.rmtree(current)
    handle, tmp = tempfile.mkstemp(prefix=".CURRENT.", dir=out_dir)
    with os.fdopen(handle, "w", encoding="ascii") as file:
        file.write(build_id + "\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, current)


def _prune(builds: Path, keep: set[str | None]) -> None:
    """Remove the published builds other than ``keep`` (staging directories of a running build stay).

    Tidying only: the new build is already current, so a failure here is logged, never raised.
    """
    try:
        for entry in builds.iterdir():
            if entry.is_dir() and not entry.name.startswith(".") and entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)
    except OSError:
        log.warning("oude builds niet opgeruimd in %s", builds, exc_info=True)
