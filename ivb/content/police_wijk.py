"""The police figures of one wijk, said the same on the crime page and on the Wijkprofiel: which years it has
figures for and in which wijkindeling, its latest figure beside the city per 1.000 inwoners, and its buurten.

A wijk's figure made from its buurten says so ("som van 4 buurten"); one with a secret buurt reads "ca.". No
streamlit here.
"""

from __future__ import annotations

import functools

import pandas as pd

from ivb import formatting, gemeente
from ivb.blocks import Chart, Download, Heading, Out, Table, Text
from ivb.markup import plain
from ivb.queries import geo, police_areas, police_months
from ivb.queries import police_counts as police
from ivb.views import monthcharts, rowcharts, wijk_tables


def listed(years) -> list[int]:
    """The years of a list a query gave; none for a missing list (no year matched)."""
    return [] if years is None or (not hasattr(years, "__len__") and pd.isna(years)) else [int(y) for y in years]


def years_text(years) -> str:
    """'2016, 2017 en 2023' of a list of years."""
    return formatting.listing(listed(years))


def coverage(out: Out, wijk: str) -> None:
    """Which years have police figures for ``wijk``, in which indeling, and how they are made; where the series
    breaks at the re-division of 2025, and what the same name covers in each indeling."""
    found = police_areas.police_coverage(wijk)
    if found.empty:
        indelingen = geo.all_wijken().get(wijk, "")
        wider = [w for w in geo.wijk_choices()["wijk"] if w != wijk and wijk in geo.tabel_wijken(w)]
        hint = f" Kies {' of '.join(wider)} voor de cijfers van het gebied waar {wijk} in ligt." if wider else ""
        out.add(Text(plain(f"De ingelezen politiecijfers hebben geen cijfers voor {wijk}: {wijk} is een wijk van de "
                           f"{indelingen}, en de ingelezen bestanden geven geen cijfers in die indeling.{hint}")))
        return
    parts = []
    for row in found.itertuples(index=False):
        made = f"; {years_text(row.uit_buurten)} als som van de buurten" if listed(row.uit_buurten) else ""
        months = f"; per maand in {years_text(row.met_maanden)}" if listed(row.met_maanden) else ""
        cbs = f"CBS-wijk{'en' if ',' in row.cbs_wijken else ''} {row.cbs_wijken}"
        parts.append(f"{years_text(row.jaren)} in de wijkindeling {row.indeling} (daar de {cbs}{made}{months})")
    sentence = f"Politiecijfers voor {wijk}: " + "; ".join(parts) + "."
    if len(found) > 1:
        sentence += (" De wijkindeling veranderde in 2025: dezelfde naam kan een ander gebied zijn, dus de reeksen staan "
                     "apart (per jaar telt de nieuwste ingelezen indeling).")
    out.add(Text(plain(sentence)))


def latest_beside_city(out: Out, wijk: str) -> None:
    """The wijk's latest yearly figure of all crimes in the chosen years, beside the city per 1.000 inwoners, as a
    sentence."""
    first, last = out.filters.years
    years = [y for y in police.police_years() if first <= y <= last]
    for year in reversed(years):
        rates = geo.police_rates(year)
        here = rates[rates["wijk"] == wijk]
        if here.empty or here["aantal"].isna().all():
            continue
        row = here.iloc[0]
        city = rates[rates["wijk"] == gemeente.name()]
        count = wijk_tables.count_text(row.aantal, row.klein)
        derived = police.derived_text(row.get("buurten"))
        sentence = f"In {year} registreerde de politie in {wijk} {'ca. ' if row.benaderd else ''}{count} misdrijven"
        sentence += f" ({derived})" if derived else ""
        if pd.notna(row.get("verschil")) and row.verschil:  # the file has the wijk row and its buurten
            placed = "niet in een buurt geplaatst" if row.verschil < 0 else "meer in de buurten"
            sentence += (f" (de buurten tellen op tot {formatting.number(row.aantal + row.verschil)}: "
                         f"{formatting.number(abs(row.verschil))} misdrijven {placed})")
        if row.klein:
            sentence += "; " + wijk_tables.SMALL_NOTE
        elif row.weinig_inwoners is True:
            sentence += "; " + wijk_tables.FEW_PEOPLE_NOTE
        elif pd.isna(row.per_1000):
            sentence += f"; voor {year} is er geen inwonertal dat bij dit jaar past, dus geen cijfer per 1.000 inwoners."
        else:
            sentence += f": {wijk_tables.rate_text(row)} per 1.000 inwoners (inwoners op 1 januari {int(row.inwoners_jaar)})"
            if not city.empty and pd.notna(city.iloc[0].per_1000):
                sentence += f", tegen {wijk_tables.rate_text(city.iloc[0])} in heel {gemeente.name()}"
            sentence += "."
        out.add(Text(plain(sentence)))
        return


def buurten(out: Out, wijk: str, year: int) -> None:
    """The buurten of ``wijk`` in ``year``: count, inhabitants and rate per 1.000 (with the guard), as a bar chart
    of the counts and a table."""
    parts = police_areas.police_buurten(wijk, year)
    if parts.empty:
        return
    indeling = parts["indeling"].iloc[0]
    values = pd.DataFrame({
        "indicator_id": parts["code"], "label": parts["buurt"], "eenheid": "aantal", "jaar": year, "categorie": "",
        "type": "realisatie", "waarde": parts["aantal"].where(~parts["klein"]), "afgeleid": False,
        "benaderd": parts["benaderd"], "bron": police.SOURCE, "vindplaats": parts["vindplaats"],
    })
    out.add(Chart(
        f"Misdrijven per buurt van {plain(wijk)} (politie)", values, rowcharts.bars,
        f"Alle geregistreerde misdrijven per buurt (wijkindeling {indeling}). " + wijk_tables.SMALL_NOTE,
        "politie-buurten", wijk=wijk, per_wijk=True, table_of=functools.partial(_buurten_table, parts),
    ))
    total = parts["aantal"].sum(min_count=1)
    out.add(Text(plain(
        f"Samen {'ca. ' if parts['benaderd'].any() else ''}{formatting.number(total)} misdrijven in "
        f"{len(parts)} buurten.")))
    out.add(Table(buurt_table(parts), note=plain(rate_note(parts)),
                  download=Download("politie-buurten", buurt_download(parts), wijk)))


def _buurten_table(parts: pd.DataFrame, _data: pd.DataFrame) -> pd.DataFrame:
    """The table under the chart of the buurten (a function of the module: a kept page is pickled, ivb.ui.tape)."""
    return buurt_table(parts)


def buurt_table(parts: pd.DataFrame) -> pd.DataFrame:
    """A row per buurt: its count, inhabitants and rate per 1.000, as text where the guard applies."""
    return pd.DataFrame({
        "Buurt": parts["buurt"],
        "Code": parts["code"],
        "Misdrijven": [("ca. " if b and not k else "") + wijk_tables.count_text(c, k)
                       for c, k, b in zip(parts["aantal"], parts["klein"], parts["benaderd"])],
        "Inwoners": parts["inwoners"],
        "Per 1.000 inwoners": [wijk_tables.rate_text(r) for r in parts.itertuples(index=False)],
    })


def buurt_download(parts: pd.DataFrame) -> pd.DataFrame:
    """What the CSV of the buurten carries: the guard applied, the inhabitants' date named."""
    out = wijk_tables.guarded(parts.rename(columns={"buurt": "naam"}))
    return out.drop(columns=[c for c in ("klein",) if c in out.columns])


def rate_note(parts: pd.DataFrame) -> str:
    dates = sorted({int(y) for y in parts["inwoners_jaar"].dropna()})
    people = (f"Inwoners op 1 januari {years_text(dates)} (CBS)." if dates else
              "CBS geeft voor deze buurten geen inwonertal dat bij dit jaar past: geen cijfer per 1.000 inwoners.")
    return f"{people} {wijk_tables.SMALL_NOTE} {wijk_tables.FEW_PEOPLE_NOTE}"


def months(out: Out, wijk: str | None) -> None:
    """For steering now: the last twelve months of all crimes against the twelve before, and the months beside the
    same months a year earlier, of ``wijk`` (None: the city). Nothing when no month figures are imported."""
    found = police_months.police_months(wijk)
    if found.empty:
        return
    where = wijk or f"heel {gemeente.name()}"
    out.add(Heading(f"De laatste twaalf maanden in {plain(where)} (politie, per maand)", 3))
    periods = police_months.twelve_months(found)
    said = []
    for name, row in zip(("De laatste twaalf maanden", "de twaalf maanden daarvoor"), periods.itertuples(index=False)):
        span = f"{name} ({row.van} tot en met {row.tot})"
        if row.aantal is None or pd.isna(row.aantal):
            said.append(f"{span}: geen totaal, want {' en '.join(row.ontbrekend[:3])}"
                        f"{' en nog ' + str(len(row.ontbrekend) - 3) if len(row.ontbrekend) > 3 else ''} "
                        f"ontbre{'ken' if len(row.ontbrekend) > 1 else 'ekt'}")
        else:
            secret = f" (ca.: in {', '.join(row.geheim)} is een deel geheimgehouden)" if row.geheim else ""
            said.append(f"{span}: {'ca. ' if row.benaderd else ''}{formatting.number(row.aantal)} misdrijven{secret}")
    totals = periods["aantal"].tolist()
    change = ""
    if len(totals) == 2 and all(t is not None and pd.notna(t) for t in totals) and totals[1]:
        change = (f" Verschil: {'ca. ' if periods['benaderd'].any() else ''}"
                  f"{formatting.value((totals[0] - totals[1]) / totals[1] * 100, 'procent_verandering')}.")
    out.add(Text(plain("; ".join(said) + "." + change + " Maandcijfers en jaarcijfers worden nooit bij elkaar opgeteld.")))
    shown = found.assign(benaderd=found["geheim"].astype(bool), bron=police.SOURCE, wijk=where)
    out.add(Chart(
        f"Misdrijven per maand in {plain(where)}, met dezelfde maanden een jaar eerder (politie)", shown,
        monthcharts.months_line,
        "Alle geregistreerde misdrijven per maand (CBS-tabel 47022NED). De doorgetrokken lijn zijn de laatste twaalf "
        "maanden, de gestippelde dezelfde maanden een jaar eerder; een maand zonder cijfer blijft leeg.",
        "politie-maanden", wijk=wijk, table_of=month_table,
    ))


def month_table(months: pd.DataFrame) -> pd.DataFrame:
    """A row per month: its count ('ca.' where part is secret) and where it comes from."""
    return pd.DataFrame({
        "Maand": [police_months.month_name(police_months.month_index(j, m)) for j, m in zip(months["jaar"], months["maand"])],
        "Misdrijven": [("ca. " if b else "") + formatting.number(a) for a, b in zip(months["aantal"], months["benaderd"])],
        "Bron": months["vindplaats"],
    }).iloc[::-1].reset_index(drop=True)
