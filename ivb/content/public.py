"""The open-data sections of the crime page: the gemeente per offence 2012-2025 beside its documents,
and the comparison with the other gemeenten of its group (offence and year kept in the link)."""

from __future__ import annotations

import pandas as pd

from ivb import formatting, gemeente
from ivb.blocks import Chart, Choice, Download, Heading, Notice, Out, Table, Text
from ivb.markup import plain
from ivb.queries import documents
from ivb.queries import open_data as public
from ivb.views import charts, tables
from ivb.views import public_charts as public_views

OFFENCE_KEY = "misdrijf"
YEAR_KEY = "vergelijkingsjaar"
DEFAULT_OFFENCE = "1.1.1"


def choose_offence(out: Out) -> tuple[str, str]:
    """The offence chosen on the page, with its title. Streamlit puts the option's text in the link, so the
    options are the titles (``?misdrijf=Mishandeling``), each unique in the file."""
    offences = public.offences()
    codes = dict(zip(offences["titel"], offences["misdrijf_code"]))
    titles = tuple(codes)
    default = next((t for t, c in codes.items() if c == DEFAULT_OFFENCE), titles[0])
    title = out.choose(Choice(OFFENCE_KEY, "Soort misdrijf", titles, default, "de soort misdrijf"))
    return codes[title], title


def city_offence_section(out: Out, code: str, title: str) -> None:
    """The gemeente's count and rate of one offence per year, beside the documents' figures and begroting."""
    f = out.filters
    city = public.city_offence(code, *f.years)
    indicator = public.document_indicator(code)
    docs = documents.indicator_values(indicator, *f.years) if indicator else None
    with_documents = docs is not None and not docs.empty
    name = plain(title)
    out.add(counts_chart(title, city, docs if with_documents else None))
    if with_documents:
        beside = public_views.documents_beside_police(city, docs)
        out.add(Table(beside, title="Documenten en politie naast elkaar", note=public_views.REVISION_NOTE, level=3,
                      download=Download(f"documenten-en-politie-{title}", beside),
                      empty="Geen jaar waarin beide een cijfer geven."))
    out.add(Chart(
        f"{name}: per 1.000 inwoners", public_views.offence_rates(city), charts.trend,
        "Aantal per 1.000 inwoners, op het gemiddelde aantal inwoners van dat jaar (CBS 70072ned). Het aantal per 1.000 "
        "is afgeleid uit het aantal en het inwonertal.",
        f"politie-{title}-per-1000",
    ))


def counts_chart(title: str, city: pd.DataFrame, docs: pd.DataFrame | None, more: str = "", lead: str | None = None) -> Chart:
    """The police's count of one offence per year in the gemeente (``city``), beside the documents' figures and
    begroting when there are (``docs``); ``more``: a sentence after the note."""
    return Chart(
        f"{plain(title)}: aantal per jaar", public_views.offence_counts(city, docs), charts.trend,
        f"Geregistreerde misdrijven in heel {plain(gemeente.name())} volgens de politie (open data)"
        + (", naast de cijfers en de begroting uit de documenten" if docs is not None else "")
        + ". 'Voorlopig' betekent dat CBS het cijfer nog kan herzien." + (f" {more}" if more else ""),
        f"politie-{title}", lead=lead,
    )


def comparison_section(out: Out, code: str, title: str) -> None:
    """The gemeente ranked in its comparison group for the chosen offence and year, and the trend against the
    group's median; a group too small to rank says so and shows neither."""
    f = out.filters
    city = plain(gemeente.name())
    out.add(Heading(f"{city} vergeleken met andere gemeenten"))
    group = public.comparison_group()
    size = len(group.codes)
    out.add(Text(plain(public_views.group_note(group.rule, size, public.MIN_RANKED)), "caption"))
    if not group.ranked:
        return
    years = tuple(public.public_years())
    year = out.choose(Choice(YEAR_KEY, "Vergelijkingsjaar", years, years[-1], "het vergelijkingsjaar"))
    ranked = public.comparison(code, year)
    if ranked.empty:
        out.add(Notice("Geen cijfers voor deze keuze."))
        return
    phrase = public_views.rank_phrase(ranked)
    provisional = " (voorlopig)" if bool(ranked["voorlopig"].any()) else ""
    name = plain(title)
    out.add(Chart(
        f"{name} per 1.000 inwoners, {year}{provisional}", ranked, public_views.comparison_chart,
        f"Per gemeente, laagste aantal per 1.000 inwoners eerst; de stippellijn is de mediaan van de {size} gemeenten.",
        f"vergelijking-{title}", table_of=public_views.comparison_table,
        lead=f"{city} is **{phrase}** (laagste aantal per 1.000 inwoners eerst)." if phrase else None,
    ))
    out.add(Chart(
        f"{name}: {city} tegen de mediaan van de groep",
        public_views.median_trend_values(public.comparison_trend(code, *f.years)),
        charts.trend, f"Aantal per 1.000 inwoners in {city} en de mediaan van de {size} gemeenten, per jaar.",
        f"mediaan-{title}", table_of=tables.year_table,
    ))


def public_section(out: Out) -> None:
    """Both open-data sections under one offence choice, with the note on what the file cannot give."""
    out.add(Heading("Politiecijfers per soort misdrijf (open data per gemeente)"))
    out.add(Notice(public_views.no_total_note(documents.visual_years("misdrijven") if gemeente.current().documents else None)))
    code, title = choose_offence(out)
    city_offence_section(out, code, title)
    comparison_section(out, code, title)


def tile_notes(verdicts: pd.DataFrame) -> dict[str, str]:
    """For each effect indicator that is one police offence: the police's latest year, its count, rate per
    1.000 and the gemeente's rank in its group (when the group is large enough), as one line under the tile."""
    notes = {}
    years = public.public_years()
    ranked = public.comparison_group().ranked
    for indicator, label in zip(verdicts["indicator_id"], verdicts["label"]):
        code = public.police_code(indicator)
        if code is None or not years:
            continue
        latest = years[-1]
        city = public.city_offence(code, latest, latest)
        group = public.comparison(code, latest) if ranked else None
        if city.empty:
            continue
        row = city.iloc[0]
        provisional = " (voorlopig)" if row["voorlopig"] else ""
        place = f"; {public_views.rank_phrase(group)} in de vergelijkingsgroep" if ranked else ""
        notes[indicator] = (f"Politie {latest}{provisional}: {formatting.number(row['aantal'])} {label.lower()}, "
                            f"{formatting.value(row['per_1000_inwoners'], 'per_1000')} per 1.000 inwoners{place} "
                            "(zie Criminaliteit).")
    return notes


def open_data_sentence() -> str:
    """One sentence on what the open data add, with their years and group size taken from data/."""
    years, size = public.public_years(), public.group_size()
    if not years:
        return ""
    others = f" en de vergelijking met {size - 1} andere gemeenten" if size >= public.MIN_RANKED else ""
    return (f"De geregistreerde misdrijven per jaar ({years[0]}-{years[-1]}){others} komen uit de open data van politie "
            "en CBS (CC BY 4.0).")


def headline_offence(out: Out) -> None:
    """The start page of a gemeente without documents: woninginbraken (the police's count and rate per year) and its
    place in the group, from the open data alone."""
    f = out.filters
    offences = public.offences()
    titles = dict(zip(offences["misdrijf_code"], offences["titel"]))
    if DEFAULT_OFFENCE not in titles:
        return
    title = titles[DEFAULT_OFFENCE]
    city = public.city_offence(DEFAULT_OFFENCE, *f.years)
    group = public.comparison_group()
    lead = None
    if group.ranked and not city.empty:
        latest = int(city["jaar"].iloc[-1])
        phrase = public_views.rank_phrase(public.comparison(DEFAULT_OFFENCE, latest))
        if phrase:
            lead = (f"In {latest} was {plain(gemeente.name())} **{phrase}** van de vergelijkingsgroep (laagste aantal "
                    "per 1.000 inwoners eerst).")
    out.add(counts_chart(title, city, None, "Andere soorten misdrijf en de vergelijking staan op Criminaliteit.", lead))
