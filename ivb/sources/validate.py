"""Reading and checking every source before a build writes anything: the shared open data in ``data/bronnen/`` and
each gemeente's own tables in ``data/bronnen/<code>/`` (a group curated whole, or laid out empty, or absent), row by
row (ivb.sources.records) and across tables (ivb.sources.rules). :class:`BuildError` lists what is wrong.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from ivb import wijken
from ivb.gemeente import CODE_PATTERN, DEFAULT_CODE, Gemeente
from ivb.sources.problems import Problems
from ivb.sources.records import LINE, SourceProblem, read_table
from ivb.sources.rules import check_all
from ivb.sources.schema import GROUPS, SHARED, TABLES_BY_NAME
from ivb.sources.schema_types import DOCUMENTS, GROUP_CHOICE, WIJKEN


class BuildError(Exception):
    """The sources have problems; nothing was written. ``problems``: the first ones whole, all counted (ivb.sources.problems)."""

    def __init__(self, problems: Problems | list[SourceProblem]) -> None:
        self.problems = problems if isinstance(problems, Problems) else Problems(problems)
        super().__init__("\n".join(self.problems.lines()))


def validate(sources: Path) -> dict[str, pd.DataFrame]:
    """Read and check every source in ``sources``; raise :class:`BuildError` listing all problems.

    The answer maps each shared table's name to its rows, and each ``<code>/<table>`` of a gemeente's own
    (``data/bronnen/<code>/``, a group curated as a whole) to its rows; a group that is laid out but still empty
    (``python -m ivb nieuwe-gemeente``) is valid and publishes nothing.
    """
    tables: dict[str, pd.DataFrame] = {}
    problems = Problems()
    for table in SHARED:
        frame, found = read_table(table, sources, shown=f"bronnen/{table.file_name}")
        problems.extend(found)
        if frame is not None:
            tables[table.name] = frame
    names = dict(zip(tables["gemeenten"]["gemeentecode"], tables["gemeenten"]["gemeente"])) if "gemeenten" in tables else {}
    own: dict[str, dict[str, pd.DataFrame]] = {}
    for directory in sorted(p for p in sources.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not CODE_PATTERN.match(directory.name) or (names and directory.name not in names):
            problems.add(SourceProblem(f"bronnen/{directory.name}/", None, None, "deze map hoort bij geen gemeente van "
                                       "gemeenten.csv; een map met documenten of wijken heet naar de gemeentecode, zoals "
                                       f"{DEFAULT_CODE}"))
            continue
        if names:
            own[directory.name] = _read_own(directory, Gemeente(directory.name, names[directory.name]), problems)
    if not problems:
        problems.extend(check_all(tables))
        for code, curated in own.items():
            problems.extend(_placed(check_all({**tables, **curated}, Gemeente(code, names[code])), code, curated))
    if problems:
        raise BuildError(problems)
    for code, curated in own.items():
        tables.update({f"{code}/{name}": frame for name, frame in curated.items()})
    return tables


def _read_own(directory: Path, gemeente: Gemeente, problems: Problems) -> dict[str, pd.DataFrame]:
    """The groups (documents, wijken) curated in ``directory``; each either complete and filled, or left out.

    A group whose files are all missing or hold only their header is not curated (yet). Its wijken come first: the
    documents may name only those (``gebied``, ``wijk``).
    """
    curated: dict[str, pd.DataFrame] = {}
    for group in (WIJKEN, DOCUMENTS, GROUP_CHOICE):
        members = [TABLES_BY_NAME[name] for name in GROUPS[group]]
        if not any((directory / t.file_name).is_file() for t in members):
            continue
        codes = curated.get("wijkcodes")
        areas, spellings = (gemeente.naam, *wijken.reported(codes, LINE)), wijken.spellings(codes)
        read: dict[str, pd.DataFrame] = {}
        found = Problems()
        for table in members:
            frame, issues = read_table(replace(table, may_be_empty=True), directory, areas,
                                       shown=f"bronnen/{directory.name}/{table.file_name}", spellings=spellings)
            found.extend(issues)
            if frame is not None:
                read[table.name] = frame
        if found:
            problems.extend(found)
            continue
        if all(frame.empty for frame in read.values()):
            continue  # laid out, not yet filled
        for table in members:
            if read[table.name].empty and not table.may_be_empty:
                problems.add(SourceProblem(f"bronnen/{directory.name}/{table.file_name}", None, None,
                                           "bestand bevat geen gegevensregels, alleen een kopregel"))
        curated.update(read)
    return curated


def _placed(problems, code: str, curated: dict[str, pd.DataFrame]):
    """The problems in a gemeente's own tables, named where they live: the rules name a table's file as
    ``bronnen/<table>.csv``, a gemeente's own is in ``bronnen/<code>/``. Those of the shared tables were reported
    once already, by the check of the shared tables alone."""
    for problem in problems:
        table = problem.file.removeprefix("bronnen/").removesuffix(".csv")
        if table in curated:
            yield replace(problem, file=f"bronnen/{code}/{table}.csv")
