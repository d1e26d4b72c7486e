"""Named queries over the municipal open data (CBS/police 47018NED, 70072ned): Zoetermeer per offence,
counts and rates per 1.000 inwoners, and the comparison group (the municipalities in the file).

The file has no total of all crime (0.0.0) and lacks straatroof and overvallen, so nothing here
sums offences: every figure is one offence as published.
"""

from __future__ import annotations

import pandas as pd

from ivb import config
from ivb.indicators import CRIME_CATEGORIES
from ivb.queries.core import query, run
from ivb.queries.documents import table_years

SOURCE = "Politie/CBS, geregistreerde misdrijven (47018NED) en inwoners (70072ned), open data, CC BY 4.0"


@query("gemeente_misdrijven", "soorten_misdrijf")
def offences() -> pd.DataFrame:
    """The offences the municipal file has, with their title, in code order."""
    sql = """
        SELECT DISTINCT m.misdrijf_code, s.titel FROM gemeente_misdrijven m JOIN soorten_misdrijf s USING (misdrijf_code)
        ORDER BY string_split(m.misdrijf_code, '.')::INTEGER[]
    """
    return run(sql)


def public_years() -> list[int]:
    """Years with municipal police figures, ascending."""
    return table_years("gemeente_misdrijven")


def document_indicator(code: str) -> str | None:
    """The documents' indicator for the same offence (woninginbraken for 1.1.1), if there is one."""
    return next((c.indicator_id for c in CRIME_CATEGORIES if c.police_codes == (code,)), None)


def police_code(indicator_id: str) -> str | None:
    """The police's offence code of a document indicator that is one offence (1.1.1 for woninginbraken)."""
    return next((c.police_codes[0] for c in CRIME_CATEGORIES if c.indicator_id == indicator_id and len(c.police_codes) == 1), None)


@query("gemeente_misdrijven", "gemeente_inwoners", "soorten_misdrijf", "open_data_bronnen")
def city_offence(code: str, jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Zoetermeer's count and rate per 1.000 inwoners of one offence per year, with population and provisional mark."""
    sql = """
        SELECT m.jaar, m.misdrijf_code, s.titel, m.aantal, m.per_1000_inwoners, i.gemiddeld_aantal_inwoners AS inwoners,
               m.voorlopig, m.per_1000_afgeleid, o.titel || ', ' || o.licentie AS bron, o.tabel, o.opgehaald_uit
        FROM gemeente_misdrijven m
        JOIN soorten_misdrijf s USING (misdrijf_code)
        JOIN gemeente_inwoners i USING (gemeentecode, jaar)
        JOIN open_data_bronnen o ON o.bron_id = m.bron_id
        WHERE m.gemeentecode = ? AND m.misdrijf_code = ? AND m.jaar BETWEEN ? AND ?
        ORDER BY m.jaar
    """
    return run(sql, [config.GEMEENTE_CODE, code, jaar_van, jaar_tot])


@query("gemeente_misdrijven", "gemeenten", "gemeente_inwoners", "soorten_misdrijf", "open_data_bronnen")
def comparison(code: str, jaar: int) -> pd.DataFrame:
    """Every municipality of the file for one offence and year, lowest rate first, with its rank and the group median.

    The rank is taken on the exact rate (count / population), not on the published rate rounded to three
    decimals, so two municipalities share a rank only when their rates are truly equal.
    """
    sql = """
        SELECT g.gemeente, m.gemeentecode, m.misdrijf_code, s.titel, m.jaar, m.aantal, i.gemiddeld_aantal_inwoners AS inwoners,
               m.per_1000_inwoners, m.voorlopig, m.per_1000_afgeleid,
               rank() OVER (ORDER BY m.aantal / i.gemiddeld_aantal_inwoners) AS rang,
               count(*) OVER (PARTITION BY m.aantal * 1.0 / i.gemiddeld_aantal_inwoners) AS gedeeld,
               count(*) OVER () AS gemeenten,
               median(m.per_1000_inwoners) OVER () AS mediaan,
               m.gemeentecode = ? AS is_zoetermeer,
               o.titel || ' (CBS-tabel ' || o.tabel || '), ' || o.licentie AS bron
        FROM gemeente_misdrijven m
        JOIN gemeenten g USING (gemeentecode)
        JOIN gemeente_inwoners i USING (gemeentecode, jaar)
        JOIN soorten_misdrijf s USING (misdrijf_code)
        JOIN open_data_bronnen o ON o.bron_id = m.bron_id
        WHERE m.misdrijf_code = ? AND m.jaar = ?
        ORDER BY m.aantal / i.gemiddeld_aantal_inwoners, g.gemeente
    """
    return run(sql, [config.GEMEENTE_CODE, code, jaar])


@query("gemeenten")
def group_size() -> int:
    """How many municipalities the open data holds (Zoetermeer included)."""
    return int(run("SELECT count(*) AS n FROM gemeenten")["n"].iloc[0])


@query("gemeente_misdrijven")
def comparison_trend(code: str, jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Per year: Zoetermeer's rate per 1.000 and the median of the group, for one offence."""
    sql = """
        SELECT jaar, max(per_1000_inwoners) FILTER (WHERE gemeentecode = ?) AS zoetermeer,
               median(per_1000_inwoners) AS mediaan, count(*) AS gemeenten, bool_or(voorlopig) AS voorlopig
        FROM gemeente_misdrijven WHERE misdrijf_code = ? AND jaar BETWEEN ? AND ?
        GROUP BY jaar ORDER BY jaar
    """
    return run(sql, [config.GEMEENTE_CODE, code, jaar_van, jaar_tot])


@query("open_data_bronnen")
def open_data_sources() -> pd.DataFrame:
    """The open-data tables the dashboard uses: table, title, publisher, licence, attribution and where the copy came from."""
    return run("SELECT bron_id, tabel, titel, uitgever, licentie, bronvermelding, opgehaald_uit, toelichting "
               "FROM open_data_bronnen ORDER BY file_row_number")
