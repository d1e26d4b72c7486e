"""Named queries for the Gegevensstatus: per source its years, provisional years, retrieval day and notes; per
indicator which years have a figure; and the day the newest source was taken in ("Laatst bijgewerkt").

A year counts as having a figure only where a row for it is in the published tables: nothing is filled in, so a row
removed from a source shows here as a missing year.
"""

from __future__ import annotations

import pandas as pd

from ivb import gemeente
from ivb.queries.core import query, run
from ivb.queries.provenance import USED_SOURCES, USING_SOURCES

# What a cell of the year grid can say, in the order of the legend.
FIGURE, PROVISIONAL, TARGET_ONLY, PERIOD, MISSING = "cijfer", "voorlopig", "alleen begroting", "gemiddelde over periode", "ontbreekt"
STATES = (FIGURE, PROVISIONAL, TARGET_ONLY, PERIOD, MISSING)
# The indicator whose figures are the rows of the woonoverlast table (tabel 5.1), not of waarden.
WOONOVERLAST_VISUAL = "woonoverlast"

# (source, year, provisional) for every table whose rows name their source and year.
_SOURCE_YEARS = """
    SELECT bron_id, jaar, false AS voorlopig FROM waarden
    UNION ALL SELECT bron_id, jaar, false FROM woonoverlast
    UNION ALL SELECT bron_id, jaar, false FROM financien
    UNION ALL SELECT bron_id, unnest(range(jaar_van, jaar_tot + 1)), false FROM periodecijfers
    UNION ALL SELECT bron_id, jaar, voorlopig FROM gemeente_misdrijven
    UNION ALL SELECT bron_id, jaar, false FROM gemeente_inwoners
    UNION ALL SELECT bron_id, jaar, false FROM wijk_inwoners
    UNION ALL SELECT bron_id, jaar, false FROM buurt_inwoners
    UNION ALL SELECT bron_id, jaar, false FROM politie_misdrijven
"""


@query(*dict.fromkeys(("bronnen", "open_data_bronnen", "kwaliteit", "waarden", "woonoverlast", "financien", "periodecijfers",
                        "gemeente_misdrijven", "gemeente_inwoners", "wijk_inwoners", "buurt_inwoners", "politie_misdrijven",
                        *USING_SOURCES)))
def source_status() -> pd.DataFrame:
    """Per source: kind, title, publisher, period, the years it gives figures for and those still provisional, the
    day it was taken into data/bronnen and the number of notes on it; documents first, in file order."""
    sql = f"""
        WITH sources AS (
            SELECT 'Beleidsdocument' AS soort, 0 AS volgorde, file_row_number, bron_id, titel, uitgever,
                   verslagperiode AS periode, opgehaald_op FROM bronnen
            UNION ALL
            SELECT 'Open data', 1, file_row_number, bron_id, titel, uitgever, 'tabel ' || tabel, opgehaald_op
            FROM open_data_bronnen WHERE bron_id IN ({USED_SOURCES})
        ), years AS (
            SELECT bron_id, list(DISTINCT jaar ORDER BY jaar) AS jaren,
                   list(DISTINCT jaar ORDER BY jaar) FILTER (WHERE voorlopig) AS voorlopige_jaren
            FROM ({_SOURCE_YEARS}) GROUP BY bron_id
        ), notes AS (
            SELECT bron_id, count(*) AS kanttekeningen FROM kwaliteit GROUP BY bron_id
        )
        SELECT s.soort, s.bron_id, s.titel, s.uitgever, s.periode, s.opgehaald_op, y.jaren, y.voorlopige_jaren,
               coalesce(n.kanttekeningen, 0) AS kanttekeningen
        FROM sources s LEFT JOIN years y USING (bron_id) LEFT JOIN notes n USING (bron_id)
        ORDER BY s.volgorde, s.file_row_number
    """
    return run(sql)


@query("indicatoren", "waarden", "woonoverlast", "periodecijfers")
def document_grid() -> pd.DataFrame:
    """Every indicator of the documents against every year from the first to the last year with a figure: per cell
    whether it has a realisatie, only a begroting, only an average over a period, or nothing."""
    sql = """
        WITH facts AS (
            SELECT indicator_id, jaar, bool_or(type = 'realisatie') AS realisatie, bool_or(type = 'begroting') AS begroting
            FROM waarden GROUP BY ALL
            UNION ALL
            SELECT i.indicator_id, w.jaar, true, false FROM indicatoren i JOIN woonoverlast w ON i.visual = ?
        ), periods AS (
            SELECT DISTINCT indicator_id, unnest(range(jaar_van, jaar_tot + 1)) AS jaar FROM periodecijfers
        ), years AS (
            SELECT unnest(range(min(jaar), max(jaar) + 1)) AS jaar
            FROM (SELECT jaar FROM facts UNION ALL SELECT jaar FROM periods)
        )
        SELECT i.indicator_id, i.label, i.onderwerp, y.jaar,
               CASE WHEN bool_or(f.realisatie) THEN ? WHEN bool_or(f.begroting) THEN ?
                    WHEN count(p.jaar) > 0 THEN ? ELSE ? END AS status
        FROM indicatoren i CROSS JOIN years y
        LEFT JOIN facts f ON f.indicator_id = i.indicator_id AND f.jaar = y.jaar
        LEFT JOIN periods p ON p.indicator_id = i.indicator_id AND p.jaar = y.jaar
        GROUP BY i.indicator_id, i.label, i.onderwerp, i.file_row_number, y.jaar
        ORDER BY i.file_row_number, y.jaar
    """
    return run(sql, [WOONOVERLAST_VISUAL, FIGURE, TARGET_ONLY, PERIOD, MISSING])


@query("gemeente_misdrijven", "soorten_misdrijf", "gemeente_inwoners")
def open_data_grid() -> pd.DataFrame:
    """The gemeente's open-data series (each offence of 47018NED, and the population) against every year of the file:
    per cell a figure, a provisional figure, or nothing."""
    sql = """
        WITH series AS (
            SELECT misdrijf_code AS reeks, jaar, aantal IS NOT NULL AS gevuld, coalesce(voorlopig, false) AS voorlopig
            FROM gemeente_misdrijven WHERE gemeentecode = ?
            UNION ALL
            SELECT 'inwoners', jaar, gemiddeld_aantal_inwoners IS NOT NULL, false FROM gemeente_inwoners WHERE gemeentecode = ?
        ), years AS (
            SELECT unnest(range(min(jaar), max(jaar) + 1)) AS jaar FROM gemeente_misdrijven
        ), names AS (
            SELECT DISTINCT m.misdrijf_code AS reeks, s.titel AS label, string_split(m.misdrijf_code, '.')::INTEGER[] AS volgorde
            FROM gemeente_misdrijven m JOIN soorten_misdrijf s USING (misdrijf_code)
            UNION ALL SELECT 'inwoners', 'Inwoners (gemiddeld over het jaar)', [999]
        )
        SELECT n.reeks AS indicator_id, n.label, 'criminaliteit' AS onderwerp, y.jaar,
               CASE WHEN bool_or(s.gevuld AND s.voorlopig) THEN ? WHEN bool_or(s.gevuld) THEN ? ELSE ? END AS status
        FROM names n CROSS JOIN years y
        LEFT JOIN series s ON s.reeks = n.reeks AND s.jaar = y.jaar
        GROUP BY n.reeks, n.label, n.volgorde, y.jaar
        ORDER BY n.volgorde, y.jaar
    """
    return run(sql, [gemeente.current().code, gemeente.current().code, PROVISIONAL, FIGURE, MISSING])


@query("bronnen", "open_data_bronnen", *USING_SOURCES)
def last_updated() -> str | None:
    """The day (jjjj-mm-dd) the newest figures were taken in: the retrieval day of a source of this gemeente's figures,
    or its police import's."""
    sql = f"""
        SELECT max(dag) AS dag FROM (
            SELECT opgehaald_op AS dag FROM bronnen
            UNION ALL SELECT opgehaald_op FROM open_data_bronnen WHERE bron_id IN ({USED_SOURCES})
            UNION ALL SELECT importdatum FROM politie_misdrijven
        ) WHERE dag <> ''
    """
    day = run(sql)["dag"].iloc[0]
    return None if pd.isna(day) else str(day)
