"""Named queries over the police figures of the parts of a wijk: its buurten in a year, and which years a wijk has
figures for, in which wijkindeling and how (its own rows, or the sums of its buurten).

A buurt means an area only within the indeling of its file (``wijkcodes``); the buurten of a year are those of the
indeling its figures follow (the newest imported for that year, as in :mod:`ivb.queries.police_counts`). A buurt's yearly
figure is its year row, else the sum of its month rows (marked incomplete when months are missing or secret).
"""

from __future__ import annotations

import pandas as pd

from ivb.queries.core import query, run
from ivb.queries.geo import fitting_population, guard
from ivb.queries.police_counts import OURS, ours

ALL_CRIMES = "0.0.0"


@query("politie_misdrijven", "wijkcodes", "buurt_inwoners")
def police_buurten(wijk: str, jaar: int) -> pd.DataFrame:
    """All registered crimes in each buurt of ``wijk`` in ``jaar``: buurt, code, indeling, aantal, onvolledig,
    inwoners (1 January of the next year, else of the year: ``inwoners_jaar``), per_1000 and klein (under the guard:
    no rate). Buurten without a figure that year are left out; empty when the figures of that year have no buurten."""
    sql = f"""
        WITH preferred AS (
            SELECT max(indeling) AS indeling  -- the newest (ivb.wijken)
            FROM politie_misdrijven p WHERE indeling <> '' AND jaar = ? AND {OURS}
        ),
        rows AS (
            SELECT p.regio_code, k.cbs_naam, p.indeling, p.maand, p.aantal, p.bestand, p.importdatum
            FROM politie_misdrijven p
            JOIN preferred f ON f.indeling = p.indeling
            JOIN wijkcodes k ON k.code = p.regio_code AND k.indeling = p.indeling AND k.soort = 'buurt'
            WHERE p.soort_regio = 'buurt' AND p.jaar = ? AND p.misdrijf_code = ? AND k.wijk = ?
        )
        SELECT regio_code AS code, any_value(cbs_naam) AS buurt, any_value(indeling) AS indeling,
               CAST(CASE WHEN bool_or(maand = 0) THEN max(aantal) FILTER (WHERE maand = 0)
                         ELSE sum(aantal) FILTER (WHERE maand > 0) END AS DOUBLE) AS aantal,
               CASE WHEN bool_or(maand = 0) THEN bool_or(maand = 0 AND aantal IS NULL)
                    ELSE count(*) FILTER (WHERE maand > 0) < 12 OR bool_or(aantal IS NULL) END AS onvolledig,
               string_agg(DISTINCT bestand || ', ingelezen ' || importdatum, '; ') AS vindplaats
        FROM rows GROUP BY regio_code ORDER BY regio_code
    """
    found = run(sql, [jaar, *ours(), jaar, ALL_CRIMES, wijk])
    found["jaar"] = jaar
    people = run("SELECT code, jaar, CAST(inwoners AS DOUBLE) AS inwoners, indeling AS indeling_inwoners "
                 "FROM buurt_inwoners")
    merged = fitting_population(found, people, key="code")
    same_area = merged["indeling_inwoners"].isna() | (merged["indeling_inwoners"] == merged["indeling"])
    merged["inwoners"] = merged["inwoners"].where(same_area)  # a buurt code of another indeling is another area
    guard(merged)
    merged["benaderd"] = merged["onvolledig"].astype(bool)
    return merged.drop(columns="indeling_inwoners")


@query("politie_misdrijven", "wijkcodes")
def police_coverage(wijk: str) -> pd.DataFrame:
    """Per wijkindeling: the years (and months) with police figures for ``wijk``, the CBS wijken it is there, and
    how its figures are made: ``eigen`` (years with a wijk row) and ``buurten`` (years made from buurten only)."""
    sql = """
        WITH codes AS (SELECT indeling, code, cbs_naam FROM wijkcodes WHERE soort = 'wijk' AND wijk = ?),
        rows AS (
            SELECT p.indeling, p.jaar, p.maand, p.soort_regio
            FROM politie_misdrijven p
            JOIN codes c ON c.indeling = p.indeling AND c.code = CASE WHEN p.soort_regio = 'buurt'
                 THEN 'WK' || substr(p.regio_code, 3, 6) ELSE p.regio_code END
            LEFT JOIN wijkcodes k ON k.code = p.regio_code AND k.indeling = p.indeling AND k.soort = 'buurt'
            WHERE p.soort_regio = 'wijk' OR k.code IS NOT NULL
        ),
        years AS (
            SELECT indeling, jaar, bool_or(soort_regio = 'wijk') AS eigen, bool_or(maand > 0) AS maanden
            FROM rows GROUP BY indeling, jaar
        )
        SELECT y.indeling, list(y.jaar ORDER BY y.jaar) AS jaren,
               list(y.jaar ORDER BY y.jaar) FILTER (WHERE NOT y.eigen) AS uit_buurten,
               list(y.jaar ORDER BY y.jaar) FILTER (WHERE y.maanden) AS met_maanden,
               (SELECT string_agg(cbs_naam, ', ' ORDER BY code) FROM codes c WHERE c.indeling = y.indeling) AS cbs_wijken
        FROM years y GROUP BY y.indeling ORDER BY y.indeling
    """
    return run(sql, [wijk])
