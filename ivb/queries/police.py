"""Named queries over the police's registered crime per wijk and city (CBS 47018NED/47022NED open data).

One definition of a yearly figure serves every visual: the year row (``JJ00``) when the file has
one, otherwise the sum of the month rows, marked incomplete when months are missing or
suppressed; year and month rows are never added together. Wijk figures come from the WK rows,
mapped to a wijk within the indeling of their file (``wijkcodes``, never by year); buurt rows are
not summed on top. ``0.0.0`` is
the total of all crimes and is never added to its parts. The categories (all crime and the four
High Impact Crimes) are those of :mod:`ivb.indicators`.
"""

from __future__ import annotations

import pandas as pd

from ivb import config
from ivb.indicators import CRIME_CATEGORIES
from ivb.queries.core import query, run
from ivb.queries.documents import table_years

SOURCE = "Politie, geregistreerde misdrijven (CBS open data, CC BY 4.0)"
LABELS = {c.key: c.label for c in CRIME_CATEGORIES}
_ORDER = list(LABELS)
_CATEGORY_KEYS = [c.key for c in CRIME_CATEGORIES for _ in c.police_codes]
_CATEGORY_CODES = [code for c in CRIME_CATEGORIES for code in c.police_codes]
COLUMNS = ["indicator_id", "label", "eenheid", "jaar", "categorie", "type", "waarde", "afgeleid", "benaderd", "bron",
           "vindplaats"]


def _placeholders(values: list) -> str:
    return ", ".join("?" for _ in values)


def _yearly(regions: list[str], jaar_van: int, jaar_tot: int) -> tuple[str, list]:
    """CTEs ``categories`` and ``yearly`` (one count per region, year and crime code) with their parameters.

    The region and crime codes are bound values in an IN list, so DuckDB skips the Parquet row
    groups of other regions (the file is sorted by region). Where files of two indelingen give the same
    year, only the newest indeling counts (``preferred``): the same wijk in both would otherwise be
    counted twice.
    """
    sql = f"""
        WITH categories AS (SELECT unnest(?::VARCHAR[]) AS categorie, unnest(?::VARCHAR[]) AS misdrijf_code),
        preferred AS (
            SELECT jaar, arg_max(indeling, list_position(?::VARCHAR[], indeling)) AS indeling
            FROM politie_misdrijven WHERE indeling <> '' GROUP BY jaar
        ),
        scoped AS (
            SELECT p.* FROM politie_misdrijven p LEFT JOIN preferred f USING (jaar)
            WHERE p.regio_code IN ({_placeholders(regions)}) AND p.misdrijf_code IN ({_placeholders(_CATEGORY_CODES)})
              AND p.jaar BETWEEN ? AND ? AND (p.indeling = '' OR p.indeling = f.indeling)
        ),
        yearly AS (
            SELECT indeling, regio_code, jaar, misdrijf_code,
                   CASE WHEN bool_or(maand = 0) THEN max(aantal) FILTER (WHERE maand = 0)
                        ELSE sum(aantal) FILTER (WHERE maand > 0) END AS aantal,
                   CASE WHEN bool_or(maand = 0) THEN bool_or(maand = 0 AND aantal IS NULL)
                        ELSE count(*) FILTER (WHERE maand > 0) < 12 OR bool_or(aantal IS NULL) END AS onvolledig,
                   string_agg(DISTINCT bestand || ', ingelezen ' || importdatum, '; ') AS vindplaats
            FROM scoped GROUP BY indeling, regio_code, jaar, misdrijf_code
        )
    """
    return sql, [_CATEGORY_KEYS, _CATEGORY_CODES, list(config.INDELINGEN), *regions, *_CATEGORY_CODES, jaar_van, jaar_tot]


# Per category and year: the count, and whether part of it is suppressed or months are missing.
_MEASURES = """
    SELECT c.categorie, y.jaar, CAST(sum(y.aantal) AS DOUBLE) AS waarde,
           bool_or(y.onvolledig OR y.aantal IS NULL) AS benaderd, string_agg(DISTINCT y.vindplaats, '; ') AS vindplaats
    FROM yearly y JOIN categories c USING (misdrijf_code)
"""


def _as_values(frame: pd.DataFrame, key: str = "categorie") -> pd.DataFrame:
    """Police rows in the shape of document values (indicator_id, label, jaar, type, waarde, ...), categories in order."""
    shaped = pd.DataFrame({
        "indicator_id": frame[key].astype(object),
        "label": frame[key].map(LABELS) if key == "categorie" else frame[key],
        "eenheid": "aantal",
        "jaar": frame["jaar"],
        "categorie": "",
        "type": "realisatie",
        "waarde": frame["waarde"],
        "afgeleid": False,
        "benaderd": frame["benaderd"].astype(bool),
        "bron": SOURCE,
        "vindplaats": frame["vindplaats"],
    }, columns=COLUMNS)
    if key != "categorie":
        return shaped.reset_index(drop=True)
    shaped["volgorde"] = shaped["indicator_id"].map(_ORDER.index)
    return shaped.sort_values(["volgorde", "jaar"]).drop(columns="volgorde").reset_index(drop=True)


@query("politie_misdrijven")
def police_loaded() -> bool:
    """Whether any police open data has been imported."""
    return bool(run("SELECT count(*) AS n FROM politie_misdrijven")["n"].iloc[0])


def police_years() -> list[int]:
    """Years with police figures, ascending: a year of month rows only (47022NED) counts too."""
    return table_years("politie_misdrijven")


@query("wijkcodes")
def _wijk_codes(wijk: str | None) -> list[str]:
    """The WK codes that wijkcodes maps to ``wijk`` (or to any wijk) in some indeling."""
    sql = "SELECT DISTINCT code FROM wijkcodes WHERE soort = 'wijk' AND (? IS NULL OR wijk = ?) ORDER BY code"
    return run(sql, [wijk, wijk])["code"].tolist()


@query("politie_misdrijven")
def police_city_trend(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Registered crimes per year for the whole city (GM0637): all crimes and the High Impact Crimes."""
    ctes, params = _yearly([config.GEMEENTE_CODE], jaar_van, jaar_tot)
    return _as_values(run(ctes + _MEASURES + " GROUP BY c.categorie, y.jaar", params))


@query("politie_misdrijven", "wijkcodes")
def police_wijk_trend(wijk: str, jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Registered crimes per year in one wijk: all crimes and the four High Impact Crimes."""
    codes = _wijk_codes(wijk)
    if not codes:
        return pd.DataFrame(columns=COLUMNS)
    ctes, params = _yearly(codes, jaar_van, jaar_tot)
    sql = ctes + _MEASURES + """
        JOIN wijkcodes w ON w.code = y.regio_code AND w.indeling = y.indeling
        WHERE w.wijk = ? GROUP BY c.categorie, y.jaar
    """
    return _as_values(run(sql, [*params, wijk]))


@query("politie_misdrijven", "wijkcodes")
def police_wijken_compared(jaar: int) -> pd.DataFrame:
    """All registered crimes per wijk in one year, to compare the wijken, most first."""
    codes = _wijk_codes(None)
    if not codes:
        return pd.DataFrame(columns=COLUMNS)
    ctes, params = _yearly(codes, jaar, jaar)
    sql = ctes + """
        SELECT w.wijk, y.jaar, CAST(sum(y.aantal) AS DOUBLE) AS waarde,
               bool_or(y.onvolledig OR y.aantal IS NULL) AS benaderd, string_agg(DISTINCT y.vindplaats, '; ') AS vindplaats
        FROM yearly y JOIN categories c USING (misdrijf_code)
        JOIN wijkcodes w ON w.code = y.regio_code AND w.indeling = y.indeling
        WHERE c.categorie = 'totaal'
        GROUP BY w.wijk, y.jaar ORDER BY waarde DESC NULLS LAST, w.wijk
    """
    return _as_values(run(sql, params), key="wijk")


@query("politie_misdrijven", "wijkcodes")
def police_unmapped() -> pd.DataFrame:
    """Wijk and buurt codes that wijkcodes does not place in a wijk of their file's indeling."""
    sql = """
        SELECT p.regio_code, p.soort_regio, p.indeling, count(*) AS regels
        FROM politie_misdrijven p
        LEFT JOIN wijkcodes w ON w.code = p.regio_code AND w.indeling = p.indeling
        WHERE p.soort_regio <> 'gemeente' AND w.code IS NULL
        GROUP BY ALL ORDER BY p.regio_code, p.indeling
    """
    return run(sql)


@query("waarden", "bronnen")
def _document_crime_totals() -> pd.DataFrame:
    """The documents' city figures of all crime and of the four High Impact Crimes, per year."""
    sql = """
        WITH categories AS (SELECT unnest(?::VARCHAR[]) AS categorie, unnest(?::VARCHAR[]) AS indicator_id)
        SELECT w.jaar, c.categorie, w.waarde AS documenten, b.titel AS bron
        FROM waarden w JOIN categories c USING (indicator_id) JOIN bronnen b ON b.bron_id = w.bron_id
        WHERE w.type = 'realisatie' AND w.gebied = ? AND w.categorie = ''
    """
    return run(sql, [[c.key for c in CRIME_CATEGORIES], [c.indicator_id for c in CRIME_CATEGORIES], config.GEMEENTE])


def city_totals_compared() -> pd.DataFrame:
    """Where the documents and the police both give a city figure for the same year and crime: both, and the difference.

    The police side is :func:`police_city_trend`, the same figure the crime page shows.
    """
    documents = _document_crime_totals()
    police = police_city_trend(config.FIRST_YEAR, config.LAST_YEAR)
    police = police.drop(columns="categorie").rename(
        columns={"indicator_id": "categorie", "waarde": "politie", "benaderd": "onvolledig"})
    both = documents.merge(police[["jaar", "categorie", "politie", "onvolledig"]], on=["jaar", "categorie"])
    both["verschil"] = both["politie"] - both["documenten"]
    both["misdrijf"] = both["categorie"].map(LABELS)
    both["volgorde"] = both["categorie"].map(_ORDER.index)
    return both.sort_values(["jaar", "volgorde"]).drop(columns="volgorde").reset_index(drop=True)
