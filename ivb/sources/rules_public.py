"""Checks on the curated open data: code formats, a population for every crime figure, and a rate per
1.000 inwoners that follows from its count and population within the rounding of the source."""

from __future__ import annotations

import re

from ivb.sources.records import SourceProblem

# (table, column, referenced table, referenced key): known municipality and offence codes, known sources.
PUBLIC_REFERENCES = (
    ("soorten_misdrijf", "bron_id", "open_data_bronnen", "bron_id"),
    ("gemeente_inwoners", "gemeentecode", "gemeenten", "gemeentecode"),
    ("gemeente_inwoners", "bron_id", "open_data_bronnen", "bron_id"),
    ("gemeente_misdrijven", "gemeentecode", "gemeenten", "gemeentecode"),
    ("gemeente_misdrijven", "misdrijf_code", "soorten_misdrijf", "misdrijf_code"),
    ("gemeente_misdrijven", "bron_id", "open_data_bronnen", "bron_id"),
    ("politie_misdrijven", "bron_id", "open_data_bronnen", "bron_id"),
    ("vergelijkingsgroep", "gemeentecode", "gemeenten", "gemeentecode"),
)
_FORMATS = (
    ("gemeenten", "gemeentecode", re.compile(r"^GM\d{4}$"), "geen CBS-gemeentecode (GM en vier cijfers)"),
    ("soorten_misdrijf", "misdrijf_code", re.compile(r"^\d+(\.\d+)*$"), "geen code voor een soort misdrijf (zoals 1.1.1)"),
)
# The source gives the rate with three decimals; a difference up to half the last decimal is rounding.
RATE_TOLERANCE = 0.0005 + 1e-9


def _p(table: str, line, column: str | None, message: str) -> SourceProblem:
    return SourceProblem(f"bronnen/{table}.csv", int(line) if line is not None else None, column, message)


def check_public(tables):
    """Every problem of the open-data tables (their references are checked with the others in ivb.sources.rules)."""
    for table, column, pattern, message in _FORMATS:
        if table not in tables:
            continue
        for row in tables[table].itertuples(index=False):
            value = getattr(row, column)
            if not pattern.match(value):
                yield _p(table, row.source_line, column, f"'{value}' is {message}")
    crimes, people = tables.get("gemeente_misdrijven"), tables.get("gemeente_inwoners")
    if crimes is None or people is None:
        return
    # CBS marks its latest years provisional; a final year after a provisional one is a typo in the source.
    for (code, offence), rows in crimes.sort_values("jaar").groupby(["gemeentecode", "misdrijf_code"]):
        provisional = rows.loc[rows["voorlopig"], "jaar"]
        if provisional.empty:
            continue
        later_final = rows[(~rows["voorlopig"]) & (rows["jaar"] > provisional.min())]
        for row in later_final.itertuples(index=False):
            yield _p("gemeente_misdrijven", row.source_line, "voorlopig",
                     f"{code} {offence} {row.jaar} is definitief, maar {int(provisional.min())} is al voorlopig")
    population = {(r.gemeentecode, r.jaar): r.gemiddeld_aantal_inwoners for r in people.itertuples(index=False)}
    for row in crimes.itertuples(index=False):
        inwoners = population.get((row.gemeentecode, row.jaar))
        if inwoners is None:
            yield _p("gemeente_misdrijven", row.source_line, "gemeentecode",
                     f"geen inwonertal voor {row.gemeentecode} in {row.jaar} in gemeente_inwoners.csv")
            continue
        expected = row.aantal / inwoners * 1000
        if abs(row.per_1000_inwoners - expected) > RATE_TOLERANCE:
            yield _p("gemeente_misdrijven", row.source_line, "per_1000_inwoners",
                     f"{row.per_1000_inwoners:g} per 1.000 past niet bij {row.aantal} misdrijven op {inwoners} inwoners "
                     f"({expected:.3f})")
