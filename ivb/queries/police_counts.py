"""Named queries over the police's registered crime per wijk and city (CBS 47018NED/47022NED open data).

**A wijk's figure.** A file gives rows for the city (GM), for wijken (WK) and for buurten (BU), each within the
wijkindeling of its file. A CBS wijk's figure in a period is its own row when the file has one; otherwise the sum
of its buurten (a buurt code ``BU0637WWBB`` lies in wijk ``WK0637WW``), marked derived with the number of buurten,
and approximate when a buurt is secret (empty). Where a file has both, the wijk row wins, and what the buurten add
up to is kept to tell the difference (crime not placed in a buurt). A buurt code that ``wijkcodes`` does not know
in its indeling counts for no wijk. A dashboard wijk is the sum of the CBS wijken ``wijkcodes`` maps to it in that
indeling (Centrum in 2025: Dorp, Stadscentrum, Palenstein and Driemanspolder).

**A year's figure.** The year row (``JJ00``) when the file has one, otherwise the sum of the month rows, marked
incomplete when months are missing or secret; year and month rows are never added together. Where files of two
indelingen give the same year, only the newest indeling counts. ``0.0.0`` is the total of all crimes and is never
added to its parts. The categories (all crime and the four High Impact Crimes) are those of :mod:`ivb.indicators`.
"""

from __future__ import annotations

import pandas as pd

from ivb import config, formatting, gemeente
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

# Only the municipality's own rows (its GM, WK and BU codes, bound as parameters: ``ours()``): a Parquet that
# holds the whole country is then read in the row groups of this municipality only (bench/months.py, PERFORMANCE.md).
OURS = "(p.regio_code = ? OR starts_with(p.regio_code, ?) OR starts_with(p.regio_code, ?))"


def ours() -> list[str]:
    """The parameters of ``OURS``: the gemeente's code and the starts of its wijk and buurt codes."""
    number = gemeente.current().number
    return [gemeente.current().code, "WK" + number, "BU" + number]

# Every police row as a figure of the city or of a CBS wijk of its indeling: its own row, or the sum of its buurten.
# Its parameters are ours().
FIGURES = f"""
    rows AS (
        SELECT p.*, CASE WHEN p.soort_regio = 'buurt' THEN 'WK' || substr(p.regio_code, 3, 6) ELSE p.regio_code END
               AS gebied
        FROM politie_misdrijven p
        LEFT JOIN wijkcodes k ON k.code = p.regio_code AND k.indeling = p.indeling AND k.soort = 'buurt'
        WHERE (p.soort_regio <> 'buurt' OR k.code IS NOT NULL) AND {OURS}
    ),
    figures AS (
        SELECT indeling, gebied AS regio_code, any_value(soort_regio) FILTER (WHERE soort_regio <> 'buurt') AS soort,
               perioden, jaar, maand, misdrijf_code,
               bool_or(soort_regio <> 'buurt') AS eigen,
               CASE WHEN bool_or(soort_regio <> 'buurt') THEN max(aantal) FILTER (WHERE soort_regio <> 'buurt')
                    ELSE sum(aantal) END AS aantal,
               CASE WHEN bool_or(soort_regio <> 'buurt') THEN bool_or(soort_regio <> 'buurt' AND aantal IS NULL)
                    ELSE bool_or(aantal IS NULL) END AS geheim,
               count(*) FILTER (WHERE soort_regio = 'buurt') AS buurten,
               sum(aantal) FILTER (WHERE soort_regio = 'buurt') AS buurtsom,
               string_agg(DISTINCT bestand || ', ingelezen ' || importdatum, '; ') AS vindplaats
        FROM rows GROUP BY indeling, gebied, perioden, jaar, maand, misdrijf_code
    )
"""


def _placeholders(values: list) -> str:
    return ", ".join("?" for _ in values)


def _yearly(regions: list[str], jaar_van: int, jaar_tot: int) -> tuple[str, list]:
    """CTEs ``categories``, ``figures`` and ``yearly`` (one count per region, year and crime code) with their parameters.

    ``yearly.buurten`` is the number of buurten a derived figure adds up (0 for a region's own row);
    ``yearly.verschil`` what the buurten add up to less the wijk row, where a file has both.
    """
    sql = f"""
        WITH categories AS (SELECT unnest(?::VARCHAR[]) AS categorie, unnest(?::VARCHAR[]) AS misdrijf_code),
        preferred AS (
            SELECT jaar, max(indeling) AS indeling  -- the newest (ivb.wijken)
            FROM politie_misdrijven p WHERE indeling <> '' AND {OURS} GROUP BY jaar
        ),
        {FIGURES},
        scoped AS (
            SELECT g.* FROM figures g LEFT JOIN preferred f USING (jaar)
            WHERE g.regio_code IN ({_placeholders(regions)}) AND g.misdrijf_code IN ({_placeholders(_CATEGORY_CODES)})
              AND g.jaar BETWEEN ? AND ? AND (g.indeling = '' OR g.indeling = f.indeling)
        ),
        yearly AS (
            SELECT indeling, regio_code, jaar, misdrijf_code,
                   CASE WHEN bool_or(maand = 0) THEN max(aantal) FILTER (WHERE maand = 0)
                        ELSE sum(aantal) FILTER (WHERE maand > 0) END AS aantal,
                   CASE WHEN bool_or(maand = 0) THEN bool_or(maand = 0 AND geheim)
                        ELSE count(*) FILTER (WHERE maand > 0) < 12 OR bool_or(geheim) END AS onvolledig,
                   CASE WHEN bool_or(maand = 0) THEN max(buurten) FILTER (WHERE maand = 0 AND NOT eigen)
                        ELSE max(buurten) FILTER (WHERE maand > 0 AND NOT eigen) END AS buurten,
                   CASE WHEN bool_or(maand = 0 AND eigen AND buurten > 0)
                        THEN max(buurtsom - aantal) FILTER (WHERE maand = 0 AND eigen AND buurten > 0) END AS verschil,
                   string_agg(DISTINCT vindplaats, '; ') AS vindplaats
            FROM scoped GROUP BY indeling, regio_code, jaar, misdrijf_code
        )
    """
    return sql, [_CATEGORY_KEYS, _CATEGORY_CODES, *ours(), *ours(), *regions,
                 *_CATEGORY_CODES, jaar_van, jaar_tot]


# Per category and year: the count, whether part of it is secret or months are missing, how many buurten a derived
# figure adds up, and what buurten add up to beyond a wijk row.
_MEASURES = """
    SELECT c.categorie, y.jaar, CAST(sum(y.aantal) AS DOUBLE) AS waarde,
           bool_or(y.onvolledig OR y.aantal IS NULL) AS benaderd, CAST(sum(y.buurten) AS INTEGER) AS buurten,
           CAST(sum(y.verschil) AS DOUBLE) AS verschil, string_agg(DISTINCT y.vindplaats, '; ') AS vindplaats
    FROM yearly y JOIN categories c USING (misdrijf_code)
"""


derived_text = formatting.buurt_sum  # 'som van 4 buurten' for a figure made from buurten, else ''


def _as_values(frame: pd.DataFrame, key: str = "categorie") -> pd.DataFrame:
    """Police rows in the shape of document values (indicator_id, label, jaar, type, waarde, ...), categories in order.

    A figure made from buurten is ``afgeleid``, and its ``vindplaats`` starts with 'som van N buurten'."""
    derived = frame["buurten"].map(derived_text) if "buurten" in frame else pd.Series("", index=frame.index)
    shaped = pd.DataFrame({
        "indicator_id": frame[key].astype(object),
        "label": frame[key].map(LABELS) if key == "categorie" else frame[key],
        "eenheid": "aantal",
        "jaar": frame["jaar"],
        "categorie": "",
        "type": "realisatie",
        "waarde": frame["waarde"],
        "afgeleid": derived != "",
        "benaderd": frame["benaderd"].astype(bool),
        "bron": SOURCE,
        "vindplaats": [f"{d}; {v}" if d else v for d, v in zip(derived, frame["vindplaats"])],
    }, columns=COLUMNS)
    for extra in ("buurten", "verschil"):
        if extra in frame:
            shaped[extra] = frame[extra].to_numpy()
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


@query("politie_misdrijven", "wijkcodes")
def police_city_trend(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Registered crimes per year for the whole city (GM0637): all crimes and the High Impact Crimes."""
    ctes, params = _yearly([gemeente.current().code], jaar_van, jaar_tot)
    return _as_values(run(ctes + _MEASURES + " GROUP BY c.categorie, y.jaar", params))


@query("politie_misdrijven", "wijkcodes")
def police_wijk_trend(wijk: str, jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Registered crimes per year in one wijk: all crimes and the four High Impact Crimes."""
    codes = _wijk_codes(wijk)
    if not codes:
        return pd.DataFrame(columns=COLUMNS)
    ctes, params = _yearly(codes, jaar_van, jaar_tot)
    sql = ctes + _MEASURES + """
        JOIN wijkcodes w ON w.code = y.regio_code AND w.indeling = y.indeling AND w.soort = 'wijk'
        WHERE w.wijk = ? GROUP BY c.categorie, y.jaar
    """
    return _as_values(run(sql, [*params, wijk]))


@query("politie_misdrijven", "wijkcodes")
def police_wijken_compared(jaar: int) -> pd.DataFrame:
    """All registered crimes per wijk in one year, to compare the wijken, most first; with the indeling they follow."""
    codes = _wijk_codes(None)
    if not codes:
        return pd.DataFrame(columns=COLUMNS)
    ctes, params = _yearly(codes, jaar, jaar)
    sql = ctes + """
        SELECT w.wijk, y.jaar, any_value(y.indeling) AS indeling, CAST(sum(y.aantal) AS DOUBLE) AS waarde,
               bool_or(y.onvolledig OR y.aantal IS NULL) AS benaderd, CAST(sum(y.buurten) AS INTEGER) AS buurten,
               CAST(sum(y.verschil) AS DOUBLE) AS verschil, string_agg(DISTINCT y.vindplaats, '; ') AS vindplaats
        FROM yearly y JOIN categories c USING (misdrijf_code)
        JOIN wijkcodes w ON w.code = y.regio_code AND w.indeling = y.indeling AND w.soort = 'wijk'
        WHERE c.categorie = 'totaal'
        GROUP BY w.wijk, y.jaar ORDER BY waarde DESC NULLS LAST, w.wijk
    """
    found = run(sql, params)
    shaped = _as_values(found, key="wijk")
    shaped["indeling"] = found["indeling"].to_numpy()
    return shaped


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
    return run(sql, [[c.key for c in CRIME_CATEGORIES], [c.indicator_id for c in CRIME_CATEGORIES], gemeente.name()])


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
