"""Named queries over the figures of the two documents (kadernota and jaarverslag), one per visual.

Which indicators share a visual is data: the ``visual`` column of the indicator catalogue.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pandas as pd

from ivb import gemeente
from ivb.queries import provenance
from ivb.queries.core import DataUnavailableError, query, run
from ivb.sources.schema import PUBLISHED, TABLES_BY_NAME

log = logging.getLogger(__name__)

_VALUES = """
    SELECT w.indicator_id, i.label, i.eenheid, i.richting, i.deel_van, w.jaar, w.gebied, w.categorie, w.type,
           w.waarde, w.afgeleid, w.benaderd, b.titel AS bron, w.vindplaats, w.toelichting
    FROM waarden w
    JOIN indicatoren i USING (indicator_id)
    JOIN bronnen b ON b.bron_id = w.bron_id
"""

# Published tables whose rows carry a year of data; the year filter spans all of them.
# Inhabitants are a denominator on a peildatum, not a series of their own: their years do not widen the filter.
# The years a reader can filter on: of figures, not of the inhabitants' counts (1 January) that rates are set against.
YEAR_TABLES = tuple(name for name in PUBLISHED if "jaar" in TABLES_BY_NAME[name].column_names
                    and name not in ("wijk_inwoners", "buurt_inwoners"))


def available_years() -> list[int]:
    """Every year for which any table has a figure (documents, woonoverlast, finance, police), ascending.

    One missing table does not take the year filter down on every page: the years of the
    tables that can be read are enough. Only when none can be read is that an error.
    """
    years: set[int] = set()
    unavailable: DataUnavailableError | None = None
    for table in YEAR_TABLES:
        try:
            years.update(table_years(table))
        except DataUnavailableError as exc:
            log.warning("jaren van %s niet leesbaar: %s", table, exc)
            unavailable = unavailable or exc
    if not years and unavailable is not None:
        raise unavailable
    return sorted(years)


@query("waarden", "indicatoren", "bronnen")
def visual_values(visual: str, jaar_van: int, jaar_tot: int, realisatie_only: bool = False) -> pd.DataFrame:
    """The values of every indicator of one visual (catalogue column ``visual``) in the year range, in catalogue order."""
    sql = _VALUES + """
        WHERE i.visual = ? AND w.jaar BETWEEN ? AND ? AND (NOT ? OR w.type = 'realisatie')
        ORDER BY i.file_row_number, w.categorie, w.jaar, w.type
    """
    return run(sql, [visual, jaar_van, jaar_tot, realisatie_only])


@query("waarden", "indicatoren")
def visual_years(visual: str) -> list[int]:
    """The years in which the indicators of one visual have a figure, ascending."""
    sql = "SELECT DISTINCT w.jaar FROM waarden w JOIN indicatoren i USING (indicator_id) WHERE i.visual = ? ORDER BY w.jaar"
    return [int(j) for j in run(sql, [visual])["jaar"]]


@query("waarden", "indicatoren", "bronnen")
def indicator_values(indicator_id: str, jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """One indicator's realisatie and begroting per year in the range."""
    sql = _VALUES + " WHERE w.indicator_id = ? AND w.jaar BETWEEN ? AND ? ORDER BY w.categorie, w.jaar, w.type"
    return run(sql, [indicator_id, jaar_van, jaar_tot])


@query("waarden", "indicatoren", "bronnen")
def effect_indicators() -> pd.DataFrame:
    """Indicators with a begroting: per year the realisatie next to the begroting, each with its own source.

    Grouped by indicator and year only, so a realisatie and a begroting of one year that come from
    different documents stay one row (with both sources) instead of dropping the year.
    """
    sql = """
        SELECT w.indicator_id, i.label, i.eenheid, i.richting, i.doelstelling, w.jaar,
               max(w.waarde) FILTER (WHERE w.type = 'realisatie') AS realisatie,
               max(w.waarde) FILTER (WHERE w.type = 'begroting') AS begroting,
               any_value(b.titel || ', ' || w.vindplaats) FILTER (WHERE w.type = 'realisatie') AS bron_realisatie,
               any_value(b.titel || ', ' || w.vindplaats) FILTER (WHERE w.type = 'begroting') AS bron_begroting
        FROM waarden w
        JOIN indicatoren i USING (indicator_id)
        JOIN bronnen b ON b.bron_id = w.bron_id
        WHERE w.indicator_id IN (SELECT indicator_id FROM waarden WHERE type = 'begroting')
          AND w.gebied = ? AND w.categorie = ''
        GROUP BY w.indicator_id, i.label, i.eenheid, i.richting, i.doelstelling, w.jaar
        HAVING begroting IS NOT NULL
        ORDER BY i.doelstelling, w.indicator_id, w.jaar
    """
    return run(sql, [gemeente.name()])


@query("waarden", "indicatoren", "bronnen")
def goal_indicators() -> pd.DataFrame:
    """Every indicator that belongs to a doelstelling, with per year its realisatie and begroting (each with its own
    source); an indicator without any figure of the whole city keeps one row without a year."""
    sql = """
        SELECT i.indicator_id, i.label, i.eenheid, i.richting, i.doelstelling, i.onderwerp, w.jaar,
               max(w.waarde) FILTER (WHERE w.type = 'realisatie') AS realisatie,
               max(w.waarde) FILTER (WHERE w.type = 'begroting') AS begroting,
               any_value(b.titel || ', ' || w.vindplaats) FILTER (WHERE w.type = 'realisatie') AS bron_realisatie,
               any_value(b.titel || ', ' || w.vindplaats) FILTER (WHERE w.type = 'begroting') AS bron_begroting
        FROM indicatoren i
        LEFT JOIN waarden w ON w.indicator_id = i.indicator_id AND w.gebied = ? AND w.categorie = ''
        LEFT JOIN bronnen b ON b.bron_id = w.bron_id
        WHERE coalesce(i.doelstelling, '') <> ''
        GROUP BY i.indicator_id, i.label, i.eenheid, i.richting, i.doelstelling, i.onderwerp, w.jaar
        ORDER BY i.doelstelling, i.indicator_id, w.jaar
    """
    return run(sql, [gemeente.name()])


@query("periodecijfers", "indicatoren", "bronnen")
def period_figures(onderwerp: str) -> pd.DataFrame:
    """Figures over a span of years (averages, ranges) of one topic."""
    sql = """
        SELECT p.indicator_id, i.label, i.eenheid, p.jaar_van, p.jaar_tot, p.statistiek, p.waarde,
               p.benaderd, b.titel AS bron, p.vindplaats, p.toelichting
        FROM periodecijfers p
        JOIN indicatoren i USING (indicator_id)
        JOIN bronnen b ON b.bron_id = p.bron_id
        WHERE i.onderwerp = ?
        ORDER BY p.file_row_number
    """
    return run(sql, [onderwerp])


def table_years(table: str) -> list[int]:
    """The distinct years of one published table with a ``jaar`` column, ascending (``table`` from the schema)."""
    return [int(j) for j in _TABLE_YEARS[table]()["jaar"]]


def woonoverlast_years() -> list[int]:
    """Years with woonoverlast figures, ascending."""
    return table_years("woonoverlast")


@query("woonoverlast", "bronnen")
def woonoverlast_per_wijk(jaar: int, wijk: str | None) -> pd.DataFrame:
    """Woonoverlast cases of one year per wijk, eigendom and status; one wijk or all (None)."""
    sql = """
        SELECT o.jaar, o.wijk, o.eigendom, o.status, o.aantal, b.titel AS bron, o.vindplaats
        FROM woonoverlast o JOIN bronnen b ON b.bron_id = o.bron_id
        WHERE o.jaar = ? AND (? IS NULL OR o.wijk = ?)
        ORDER BY o.file_row_number
    """
    return run(sql, [jaar, wijk, wijk])


@query("woonoverlast")
def woonoverlast_wijken(jaar: int) -> list[str]:
    """The wijken that tabel 5.1 gives woonoverlast cases for in ``jaar``."""
    return run("SELECT DISTINCT wijk FROM woonoverlast WHERE jaar = ? ORDER BY wijk", [jaar])["wijk"].tolist()


@query("woonoverlast")
def woonoverlast_totals(jaar: int, wijk: str | None) -> pd.DataFrame:
    """The woonoverlast cases of one year (one wijk or all): in total, lopend and afgerond; one row."""
    sql = """
        SELECT CAST(sum(aantal) AS BIGINT) AS totaal,
               CAST(sum(aantal) FILTER (WHERE status = 'lopend') AS BIGINT) AS lopend,
               CAST(sum(aantal) FILTER (WHERE status = 'afgerond') AS BIGINT) AS afgerond
        FROM woonoverlast WHERE jaar = ? AND (? IS NULL OR wijk = ?)
    """
    return run(sql, [jaar, wijk, wijk])


@query("woonoverlast")
def woonoverlast_most_open(jaar: int) -> pd.DataFrame:
    """The wijk (or wijken, when tied) with the most lopende woonoverlast cases in ``jaar``; empty when none is lopend."""
    sql = """
        WITH per_wijk AS (
            SELECT wijk, CAST(sum(aantal) AS BIGINT) AS lopend FROM woonoverlast
            WHERE jaar = ? AND status = 'lopend' GROUP BY wijk
        )
        SELECT wijk, lopend FROM per_wijk WHERE lopend = (SELECT max(lopend) FROM per_wijk) ORDER BY wijk
    """
    return run(sql, [jaar])


@query("camera_locaties", "bronnen")
def camera_locations(wijk: str | None) -> pd.DataFrame:
    """Camera surveillance locations; in one wijk or all (None)."""
    sql = """
        SELECT c.locatie_id, c.naam, c.omschrijving, c.wijk, c.wijk_herkomst, c.type, c.jaar_van, c.jaar_tot,
               c.lat, c.lon, c.coordinaten, c.coordinaten_herkomst, b.titel AS bron, c.vindplaats
        FROM camera_locaties c JOIN bronnen b ON b.bron_id = c.bron_id
        WHERE (? IS NULL OR c.wijk = ?)
        ORDER BY c.file_row_number
    """
    return run(sql, [wijk, wijk])


@query("speerpunten", "indicatoren", "bronnen")
def speerpunten(periode: str | None = None) -> pd.DataFrame:
    """Priorities and speerpunten per policy period, with the label of their effect indicator."""
    sql = """
        SELECT s.periode, s.kader, s.nummer, s.naam, s.effectindicator, i.label AS effectindicator_label,
               s.beoogd_effect, s.opvolger, b.titel AS bron, s.vindplaats
        FROM speerpunten s
        LEFT JOIN indicatoren i ON i.indicator_id = s.effectindicator
        JOIN bronnen b ON b.bron_id = s.bron_id
        WHERE (? IS NULL OR s.periode = ?)
        ORDER BY s.periode, s.kader, s.nummer
    """
    return run(sql, [periode, periode])


@query("speerpunten")
def latest_speerpunten() -> pd.DataFrame:
    """The speerpunten of the most recent policy period of the municipality itself."""
    sql = """
        SELECT periode, nummer, naam FROM speerpunten
        WHERE kader LIKE 'Gemeente%' AND periode = (SELECT max(periode) FROM speerpunten WHERE kader LIKE 'Gemeente%')
        ORDER BY nummer
    """
    return run(sql)


@query("financien", "bronnen")
def finances(jaar: int | None = None) -> pd.DataFrame:
    """Lasten, baten, reserves and saldo per doelstelling (x EUR 1.000), one year or all."""
    sql = """
        SELECT f.jaar, f.regel, f.omschrijving, f.post, f.bedrag, f.afgeleid, b.titel AS bron, f.vindplaats, f.toelichting
        FROM financien f JOIN bronnen b ON b.bron_id = f.bron_id
        WHERE (? IS NULL OR f.jaar = ?)
        ORDER BY f.file_row_number
    """
    return run(sql, [jaar, jaar])


def finance_years() -> list[int]:
    """Years with financial figures, ascending."""
    return table_years("financien")


@query("kwaliteit", "bronnen")
def quality_notes(onderwerp: str | None = None) -> pd.DataFrame:
    """Data-quality notes: contradictions in the sources and the choice made; one topic or all."""
    sql = """
        SELECT k.notitie_id, k.onderwerp, k.omschrijving, k.waarde_tekst, k.waarde_tabel, k.keuze,
               b.titel AS bron, k.vindplaats
        FROM kwaliteit k JOIN bronnen b ON b.bron_id = k.bron_id
        WHERE (? IS NULL OR k.onderwerp = ?)
        ORDER BY k.file_row_number
    """
    return run(sql, [onderwerp, onderwerp])


@query("bronnen")
def source_documents() -> pd.DataFrame:
    """The source documents with what each holds."""
    return run("SELECT bron_id, titel, uitgever, verslagperiode, omschrijving, url FROM bronnen ORDER BY file_row_number")


def whole_table(table: str) -> pd.DataFrame:
    """Every row of one published table, for the data page (``table`` must be in the allow-list)."""
    if table not in PUBLISHED:
        raise ValueError(f"unknown table {table!r}")
    return _WHOLE_TABLE[table]()


def _per_table(tables: tuple[str, ...], sql: Callable[[str], str]) -> dict:
    """One cached query per table, its SQL made by ``sql(table)``; the names come from the schema, never from input."""

    def make(table: str):
        @query(table)
        def answer() -> pd.DataFrame:
            return run(sql(table))

        return answer

    return {table: make(table) for table in tables}


_WHOLE_TABLE = _per_table(PUBLISHED, lambda table: f"SELECT * EXCLUDE (file_row_number) FROM {table} ORDER BY file_row_number")


_WHOLE_TABLE["open_data_bronnen"] = provenance.whole_table  # only the sources this gemeente uses
_TABLE_YEARS = _per_table(YEAR_TABLES, lambda table: f"SELECT DISTINCT jaar FROM {table} ORDER BY jaar")
