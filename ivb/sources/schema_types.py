"""The building blocks of a source schema: a column with its type and allowed values, and a table.

Kept apart from the table lists (``schema``, ``schema_public``) so both can use them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ivb.config import FIRST_YEAR, LAST_YEAR
from ivb.gemeente import DOCUMENTS, GROUP_CHOICE, WIJKEN  # noqa: F401 - the groups of a gemeente's own tables (Table.group)


@dataclass(frozen=True)
class Column:
    """One column of a source: its type, whether it may be empty, and its allowed values."""

    name: str
    kind: str = "text"  # text | int | float | bool | wijk | gebied | url | date (jjjj-mm-dd) | indeling (ivb.wijken)
    required: bool = True
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Table:
    """A curated source table and the Parquet table built from it."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str
    title: str = ""  # what the table is called on the data page and in the report
    publish: bool = True  # False: used only to check other tables, no Parquet written
    may_be_empty: bool = False  # True: a header without rows is valid (filled by an import later)
    # "" for the open data every gemeente shares (data/bronnen/); DOCUMENTS or WIJKEN for a table of one gemeente's
    # own (data/bronnen/<code>/), curated for it as a whole group or not at all (ivb.gemeente).
    group: str = ""

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def year_column(name: str = "jaar", required: bool = True) -> Column:
    return Column(name, "int", required, minimum=FIRST_YEAR, maximum=LAST_YEAR)


def source_columns() -> tuple[Column, ...]:
    return (Column("bron_id"), Column("vindplaats"))
