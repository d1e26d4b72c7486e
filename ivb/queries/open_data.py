"""Named queries over the municipal open data (CBS/police 47018NED, 70072ned): the gemeente per offence,
counts and rates per 1.000 inwoners, and its comparison group.

**The comparison group** (:func:`comparison_group`): the gemeenten a steward named in ``vergelijkingsgroep.csv`` of
the gemeente's own folder; without that file, the gemeenten of the file in the same size class of CBS (the
gemeentegrootteklassen, by the average population of the newest year with one). A group of fewer than
:data:`MIN_RANKED` says so instead of ranking.

The file has no total of all crime (0.0.0) and lacks straatroof and overvallen, so nothing here
sums offences: every figure is one offence as published.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ivb import formatting, gemeente
from ivb.indicators import CRIME_CATEGORIES
from ivb.queries.core import query, run
from ivb.queries.documents import table_years

# CBS's size classes of gemeenten (gemeentegrootteklassen), by number of inhabitants: the lower bound of each.
SIZE_CLASSES = (0, 5_000, 10_000, 20_000, 50_000, 100_000, 150_000, 250_000)
MIN_RANKED = 5  # a group smaller than this is shown without a rank: a place among three says little

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
    """The gemeente's count and rate per 1.000 inwoners of one offence per year, with population and provisional mark."""
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
    return run(sql, [gemeente.current().code, code, jaar_van, jaar_tot])


@dataclass(frozen=True)
class Group:
    """The comparison group: its codes (the gemeente's own first), the rule that made it, in a sentence for the page,
    and whether it is large enough to rank."""

    codes: tuple[str, ...]
    rule: str

    @property
    def ranked(self) -> bool:
        return len(self.codes) >= MIN_RANKED


@query("gemeenten", "gemeente_inwoners", "vergelijkingsgroep")
def comparison_group() -> Group:
    """The gemeente's comparison group, by the steward's file or else by CBS size class (see the module)."""
    own = gemeente.current()
    names = run("SELECT gemeentecode, gemeente FROM gemeenten").set_index("gemeentecode")["gemeente"].to_dict()
    steward = run("SELECT gemeentecode, toelichting FROM vergelijkingsgroep WHERE gemeentecode <> ? ORDER BY file_row_number",
                  [own.code])
    if not steward.empty:
        chosen = steward["gemeentecode"].tolist()
        why = "; ".join(dict.fromkeys(t for t in steward["toelichting"].fillna("") if t))
        return Group((own.code, *chosen), f"De vergelijkingsgroep is gekozen door de gegevensbeheerder "
                                          f"(vergelijkingsgroep.csv): {own.naam} met {_names(chosen, names)}."
                                          + (f" Toelichting: {why}." if why else ""))
    people = run("""
        SELECT gemeentecode, gemiddeld_aantal_inwoners AS inwoners, jaar FROM gemeente_inwoners
        WHERE jaar = (SELECT max(jaar) FROM gemeente_inwoners WHERE gemeentecode = ?)
    """, [own.code])
    if people.empty or own.code not in set(people["gemeentecode"]):
        return Group((own.code,), f"Van {own.naam} is geen inwonertal bekend, dus geen grootteklasse om mee te vergelijken.")
    size = people.set_index("gemeentecode")["inwoners"]
    low, high = size_class(int(size[own.code]))
    alike = [c for c in sorted(size.index, key=lambda c: names.get(c, c)) if c != own.code and low <= size[c] < high]
    span = f"{formatting.number(low)} tot {formatting.number(high)}" if high < 10**9 else f"{formatting.number(low)} of meer"
    year = int(people["jaar"].iloc[0])
    others = f"{own.naam} met {_names(alike, names)}" if alike else f"alleen {own.naam} zelf"
    return Group((own.code, *alike), f"De vergelijkingsgroep: de gemeenten in de open data van dezelfde grootteklasse van "
                                     f"het CBS, {span} inwoners (gemiddeld over {year}). Dat is {others}.")


def size_class(inhabitants: int) -> tuple[int, int]:
    """The CBS size class of a gemeente of ``inhabitants``: (lower bound, upper bound), the upper exclusive."""
    bounds = (*SIZE_CLASSES, 10**10)
    index = max(i for i, low in enumerate(SIZE_CLASSES) if inhabitants >= low)
    return bounds[index], bounds[index + 1]


def _names(codes: list[str], names: dict[str, str]) -> str:
    shown = [names.get(c, c) for c in codes]
    return ", ".join(shown[:-1]) + f" en {shown[-1]}" if len(shown) > 1 else shown[0]


@query("gemeente_misdrijven", "gemeenten", "gemeente_inwoners", "soorten_misdrijf", "open_data_bronnen", "vergelijkingsgroep")
def comparison(code: str, jaar: int) -> pd.DataFrame:
    """Every gemeente of the comparison group for one offence and year, lowest rate first, with its rank and the
    group median.

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
               m.gemeentecode = ? AS is_eigen,
               o.titel || ' (CBS-tabel ' || o.tabel || '), ' || o.licentie AS bron
        FROM gemeente_misdrijven m
        JOIN gemeenten g USING (gemeentecode)
        JOIN gemeente_inwoners i USING (gemeentecode, jaar)
        JOIN soorten_misdrijf s USING (misdrijf_code)
        JOIN open_data_bronnen o ON o.bron_id = m.bron_id
        WHERE m.misdrijf_code = ? AND m.jaar = ? AND list_contains(?, m.gemeentecode)
        ORDER BY m.aantal / i.gemiddeld_aantal_inwoners, g.gemeente
    """
    return run(sql, [gemeente.current().code, code, jaar, list(comparison_group().codes)])


def group_size() -> int:
    """How many gemeenten the comparison group holds (the gemeente's own included)."""
    return len(comparison_group().codes)


@query("gemeente_misdrijven", "gemeenten", "gemeente_inwoners", "vergelijkingsgroep")
def comparison_trend(code: str, jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Per year: the gemeente's rate per 1.000 and the median of its comparison group, for one offence."""
    sql = """
        SELECT jaar, max(per_1000_inwoners) FILTER (WHERE gemeentecode = ?) AS eigen,
               median(per_1000_inwoners) AS mediaan, count(*) AS gemeenten, bool_or(voorlopig) AS voorlopig
        FROM gemeente_misdrijven WHERE misdrijf_code = ? AND jaar BETWEEN ? AND ? AND list_contains(?, gemeentecode)
        GROUP BY jaar ORDER BY jaar
    """
    return run(sql, [gemeente.current().code, code, jaar_van, jaar_tot, list(comparison_group().codes)])
