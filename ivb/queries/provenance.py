"""Which open-data sources this gemeente's figures come from: every ``bron_id`` that a published table with figures
names (the shared open data, and the gemeente's own wijken and police figures; the tables of a group it lacks read as
empty). The shared ``open_data_bronnen`` also lists the sources of other gemeenten's own files, which are none of
this gemeente's: the data page, the colofon, the report and the Gegevensstatus show only these.
"""

from __future__ import annotations

import pandas as pd

from ivb.queries.core import query, run
from ivb.sources.schema import PUBLISHED, TABLES_BY_NAME

USING_SOURCES = tuple(t for t in PUBLISHED if "bron_id" in TABLES_BY_NAME[t].column_names
                      and t not in ("bronnen", "open_data_bronnen"))
USED_SOURCES = " UNION ".join(f"SELECT bron_id FROM {t}" for t in USING_SOURCES)  # table names from the schema only


@query("open_data_bronnen", *USING_SOURCES)
def whole_table() -> pd.DataFrame:
    """Every column of the sources this gemeente uses, in the file's order (the data page's table)."""
    return run(f"SELECT * EXCLUDE (file_row_number) FROM open_data_bronnen WHERE bron_id IN ({USED_SOURCES}) "
               "ORDER BY file_row_number")


@query("open_data_bronnen", *USING_SOURCES)
def open_data_sources() -> pd.DataFrame:
    """The open-data tables this gemeente's figures come from: table, title, publisher, licence, attribution and where
    the copy came from."""
    return run("SELECT bron_id, tabel, titel, uitgever, licentie, bronvermelding, opgehaald_uit, toelichting "
               f"FROM open_data_bronnen WHERE bron_id IN ({USED_SOURCES}) ORDER BY file_row_number")
