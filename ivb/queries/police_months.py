"""Named queries over the police's figures per month (CBS 47022NED), for steering now: the months of the city or
of a wijk, and the last twelve months against the twelve before.

Months come from month rows only (``maand`` 1-12); a year row (47018NED) is never added to them. A wijk's month is
its own row or the sum of its buurten, as a year is (:data:`ivb.queries.police_counts.FIGURES`). A month that is missing
leaves a twelve-month total out; a secret month (an empty count) makes it approximate. Each is said.
"""

from __future__ import annotations

import pandas as pd

from ivb import gemeente
from ivb.queries.core import query, run
from ivb.queries.police_counts import FIGURES, OURS, ours

ALL_CRIMES = "0.0.0"


@query("politie_misdrijven", "wijkcodes")
def police_months(wijk: str | None) -> pd.DataFrame:
    """All registered crimes per month in ``wijk`` (None: the whole city): jaar, maand, aantal, geheim (part of it
    secret), buurten (how many buurten a month made from buurten adds up), vindplaats; oldest first. Where files of
    two indelingen give the same month, only the newest indeling counts."""
    sql = f"""
        WITH {FIGURES},
        preferred AS (
            SELECT jaar, maand, max(indeling) AS indeling  -- the newest (ivb.wijken)
            FROM politie_misdrijven p WHERE indeling <> '' AND maand > 0 AND {OURS} GROUP BY jaar, maand
        ),
        chosen AS (
            SELECT g.* FROM figures g
            LEFT JOIN preferred f ON f.jaar = g.jaar AND f.maand = g.maand
            LEFT JOIN wijkcodes w ON w.code = g.regio_code AND w.indeling = g.indeling AND w.soort = 'wijk'
            WHERE g.maand > 0 AND g.misdrijf_code = ?
              AND (CASE WHEN ? IS NULL THEN g.regio_code = ? ELSE w.wijk = ? AND g.indeling = f.indeling END)
        )
        SELECT jaar, maand, CAST(sum(aantal) AS DOUBLE) AS aantal, bool_or(geheim OR aantal IS NULL) AS geheim,
               CAST(sum(buurten) FILTER (WHERE NOT eigen) AS INTEGER) AS buurten,
               string_agg(DISTINCT vindplaats, '; ') AS vindplaats
        FROM chosen GROUP BY jaar, maand ORDER BY jaar, maand
    """
    return run(sql, [*ours(), *ours(), ALL_CRIMES, wijk, gemeente.current().code, wijk])


def month_index(jaar: int, maand: int) -> int:
    """Months counted from year 0, so that two months' distance is a subtraction."""
    return jaar * 12 + maand - 1


def month_name(index: int) -> str:
    """'juli 2025' of a month index."""
    return f"{MONTHS[index % 12]} {index // 12}"


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def twelve_months(months: pd.DataFrame) -> pd.DataFrame:
    """The last twelve months of ``months`` (from :func:`police_months`) and the twelve before: per period its first
    and last month, the months found, the secret ones, and the total: missing (None) when a month is missing,
    approximate when one is secret. Empty without month figures."""
    if months.empty:
        return pd.DataFrame(columns=["periode", "van", "tot", "maanden", "ontbrekend", "geheim", "aantal", "benaderd"])
    index = {month_index(j, m): row for j, m, row in zip(months["jaar"], months["maand"], months.itertuples(index=False))}
    last = max(index)
    rows = []
    for name, end in (("laatste 12 maanden", last), ("12 maanden daarvoor", last - 12)):
        span = range(end - 11, end + 1)
        found = [index[i] for i in span if i in index]
        missing = [month_name(i) for i in span if i not in index]
        secret = [month_name(month_index(r.jaar, r.maand)) for r in found if r.geheim]
        total = None if missing else float(sum(r.aantal for r in found if pd.notna(r.aantal)))
        rows.append({"periode": name, "van": month_name(span[0]), "tot": month_name(span[-1]), "maanden": len(found),
                     "ontbrekend": missing, "geheim": secret, "aantal": total, "benaderd": bool(secret)})
    return pd.DataFrame(rows)
