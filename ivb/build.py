"""Build: curated CSV sources -> validated Parquet tables. The only writer of the tables in data/builds/.

Every source is read and checked first (``ivb.sources``, ``ivb.rules``); only when
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
from ivb.rules import check_all
from ivb.schema import TABLES, Column, Table
from ivb.sources import LINE, SourceProblem, read_table

log = logging.getLogger(__name__)

_ARROW_TYPES = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


class BuildError(Exception):
    """The sources have problems; nothing was written."""

    def __init__(self, problems: list[SourceProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class BuildResult:
    """What a successful build wrote: table name -> row count."""

    out_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    build_id: str = ""


def validate(sources: Path) -> dict[str, pd.DataFrame]:
    """Read and check every source in ``sources``; raise :class:`BuildError` listing all problems."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[SourceProblem] = []
    for table in TABLES:
        frame, found = read_table(table, sources)
        problems.extend(found)
        if frame is not None:
            tables[table.name] = frame
    if not problems:
        problems.extend(check_all(tables))
    if problems:
        raise BuildError(problems)
    return tables


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
    current one is kept, for a reader that is still busy with it; older ones are removed.
    """
    out_dir = out_dir or config.data_dir()
    sources = sources or config.sources_dir(out_dir)
    tables = validate(sources)
    builds = out_dir / config.BUILDS_DIR
    builds.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=builds))
    result = BuildResult(out_dir)
    try:
        digest = hashlib.sha256()
        for table in TABLES:
            if not table.publish:
                continue
            frame = tables[table.name].sort_values(LINE)
            path = staging / f"{table.name}.parquet"
            pq.write_table(arrow_table(table, frame), path, compression="zstd")
            digest.update(table.name.encode() + b"\0" + path.read_bytes())
            result.rows[table.name] = len(frame)
        build_id = digest.hexdigest()[:12]
        _write_manifest(staging, build_id)
        final = builds / build_id
        # One build publishes at a time, so a second one never prunes what the first is about to name.
        with (builds / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if final.is_dir() and _complete(final, result.rows):
                shutil.rmtree(staging)  # the same tables are already published (with the date they first were)
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
    result.build_id = build_id
    return result


def _write_manifest(directory: Path, build_id: str) -> None:
    """``build.json``: the build's id and the moment its tables were first published ('laatst bijgewerkt').

    Not part of the id: the same sources give the same directory, which keeps the date it was first built.
    """
    manifest = {"versie": build_id, "gebouwd": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    (directory / config.MANIFEST_FILE).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def _complete(directory: Path, rows: dict[str, int]) -> bool:
    """Whether an earlier publication of the same id holds its manifest and every table, each a readable Parquet file."""
    try:
        json.loads((directory / config.MANIFEST_FILE).read_text(encoding="utf-8"))["gebouwd"]
        return all(pq.read_metadata(directory / f"{name}.parquet").num_rows == count for name, count in rows.items())
    except Exception:  # noqa: BLE001 - a missing or damaged file means: publish again
        return False


def _current_id(out_dir: Path) -> str | None:
    try:
        return (out_dir / config.CURRENT_FILE).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None


def _write_current(out_dir: Path, build_id: str) -> None:
    """Point CURRENT at ``build_id`` with one atomic rename."""
    handle, tmp = tempfile.mkstemp(prefix=".CURRENT.", dir=out_dir)
    with os.fdopen(handle, "w", encoding="ascii") as file:
        file.write(build_id + "\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, out_dir / config.CURRENT_FILE)


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
