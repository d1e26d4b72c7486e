"""Build: curated CSV sources -> validated Parquet tables. The only writer of data/*.parquet.

Every source is read and checked first (``ivb.sources``, ``ivb.rules``); only when
nothing is wrong are the Parquet files written, each to a temporary file that then
replaces the old one (``os.replace`` is atomic), so a failed build leaves the
previous tables exactly as they were.
"""

from __future__ import annotations

import os
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
    """Validate ``sources`` (default data/bronnen) and write one Parquet file per table to ``out_dir``."""
    out_dir = out_dir or config.data_dir()
    sources = sources or config.sources_dir(out_dir)
    tables = validate(sources)
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    result = BuildResult(out_dir)
    try:
        for table in TABLES:
            if not table.publish:
                continue
            frame = tables[table.name].sort_values(LINE)
            handle, tmp = tempfile.mkstemp(prefix=f".{table.name}.", suffix=".parquet.tmp", dir=out_dir)
            os.close(handle)
            pq.write_table(arrow_table(table, frame), tmp, compression="zstd")
            staged.append((Path(tmp), out_dir / f"{table.name}.parquet"))
            result.rows[table.name] = len(frame)
        for tmp, final in staged:
            os.replace(tmp, final)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
    return result
