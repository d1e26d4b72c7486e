"""Beleidsketen: from goal to money. Per doelstelling of Programma 5 its aim, the speerpunten that serve it, its
effect indicators with the latest figure, begroting and doel gehaald, and its lasten and baten; and plainly where
the chain is broken (a speerpunt without an indicator, an indicator without a begroting)."""

from __future__ import annotations

import pandas as pd

from ivb import formatting, indicators
from ivb.blocks import Download, Heading, Notice, Out, Table, Text
from ivb.content.common import city_only_notice
from ivb.markup import plain
from ivb.queries import documents
from ivb.site import topic_page
from ivb.views import tables

FINANCE_POSTS = {"lasten": "Lasten", "baten": "Baten", "saldo": "Saldo (na reserves)"}
OWN_KADER = "Gemeente"  # speerpunten of the municipality itself (not the regional plan)


def content(out: Out) -> None:
    out.add(Text("Van doel naar geld: per doelstelling van Programma 5 Veiligheid het doel, de speerpunten die eraan "
                 "bijdragen, de effectindicatoren met hun laatste cijfer, begroting en oordeel, en de lasten en baten. "
                 "Waar de keten breekt, staat dat erbij: ook dat is informatie voor de raad."))
    city_only_notice(out)
    with out.section():
        goals = documents.goal_indicators()
        years = documents.finance_years()
        money = documents.finances(years[-1]) if years else pd.DataFrame(columns=["regel", "omschrijving", "post"])
        points = documents.speerpunten()
        own = points[points["kader"].str.startswith(OWN_KADER)]
        aims = dict(zip(money["regel"], money["omschrijving"]))
        for goal in sorted(set(goals["doelstelling"]) | (set(aims) - {"totaal"})):
            _goal(out, goal, aims.get(goal), goals[goals["doelstelling"] == goal], money[money["regel"] == goal],
                  own, years[-1] if years else None)
        _unlinked(out, own)


def _goal(out: Out, goal: str, aim: str | None, goals: pd.DataFrame, money: pd.DataFrame, own: pd.DataFrame,
          year: int | None) -> None:
    out.add(Heading(f"Doelstelling {goal}" + (f": {plain(aim)}" if aim else ""), anchor=f"doelstelling-{goal.replace('.', '-')}"))
    if not aim:
        out.add(Notice("De omschrijving van deze doelstelling staat niet in de bronnen.", "warning"))
    _speerpunten(out, goal, goals, own)
    effect_ids = goals.loc[goals["begroting"].notna(), "indicator_id"].unique()
    effect = goals[goals["indicator_id"].isin(effect_ids)]
    if effect.empty:
        out.add(Notice("Deze doelstelling heeft geen effectindicator met een begroting: of het doel gehaald is, is niet "
                       "vast te stellen.", "warning"))
    else:
        latest = indicators.latest_verdicts(effect)
        shown = tables.verdict_table(latest)
        sources = "; ".join(dict.fromkeys(pd.concat([latest["bron_realisatie"], latest["bron_begroting"]]).dropna()))
        out.add(Table(shown, title=f"Effectindicatoren van doelstelling {goal}", level=3, city=True, source=sources,
                      download=Download(f"beleidsketen-{goal}-effectindicatoren", shown, source=sources)))
    others = goals[~goals["indicator_id"].isin(effect_ids)].drop_duplicates("indicator_id")
    if not others.empty:
        pages = list(filter(None, dict.fromkeys(topic_page(o) for o in others["onderwerp"])))
        out.add(Notice(f"{len(others)} andere cijfers bij deze doelstelling hebben geen begroting: wat ze voor het doel "
                       "betekenen, is niet vast te stellen."))
        if pages:
            out.add(Text("Die cijfers staan op: " + ", ".join(f"[{p.title}]({p.url_path})" for p in pages) + ".",
                         "caption", screen_only=True))
    _money(out, goal, money, year)


def _speerpunten(out: Out, goal: str, goals: pd.DataFrame, own: pd.DataFrame) -> None:
    """The municipality's speerpunten whose effect indicator belongs to this doelstelling, per period, with what
    followed them."""
    linked = own[own["effectindicator"].isin(set(goals["indicator_id"]))]
    lines = [f"{plain(p.periode)}: {plain(p.naam)} (effectindicator: {plain(p.effectindicator_label)})"
             + (f"; in de volgende periode opgevolgd door {plain(p.opvolger)}" if isinstance(p.opvolger, str) and p.opvolger else "")
             for p in linked.itertuples()]
    if lines:
        out.add(Text("**Speerpunten die via hun effectindicator bij deze doelstelling horen:**\n\n"
                     + "\n".join(f"- {line}" for line in lines)))
    missing = [p for p in dict.fromkeys(own["periode"]) if p not in set(linked["periode"])]
    if missing:
        sources = formatting.listing(list(dict.fromkeys(own.loc[own["periode"].isin(missing), "bron"])))
        out.add(Notice(f"Voor {plain(formatting.listing(missing))} is geen speerpunt aan een effectindicator van doelstelling "
                       f"{plain(goal)} gekoppeld: de bronnen ({plain(sources)}) leggen die koppeling niet.", "warning"))


def _money(out: Out, goal: str, money: pd.DataFrame, year: int | None) -> None:
    rows = money[money["post"].isin(FINANCE_POSTS)]
    if rows.empty:
        out.add(Notice(f"Voor doelstelling {goal} staan geen lasten en baten in de bronnen.", "warning"))
        return
    shown = pd.DataFrame({
        "Post": [FINANCE_POSTS[p] for p in rows["post"]],
        "Realisatie (x € 1.000)": [formatting.number(v) for v in rows["bedrag"]],
        "Afgeleid": ["ja: " + t if a else "nee" for a, t in zip(rows["afgeleid"], rows["toelichting"].fillna(""))],
    })
    out.add(Table(shown, title=f"Lasten en baten van doelstelling {goal}, jaarrekening {year}", level=3, city=True,
                  note="Lasten als negatief bedrag, zoals in de jaarrekening. De bron geeft per doelstelling alleen de "
                       "rekening, geen begroting van de lasten en baten. 'Afgeleid': niet leesbaar in de bron en berekend "
                       "uit de totalen.",
                  source=_sources(rows),
                  download=Download(f"beleidsketen-{goal}-lasten-baten", shown)))


def _unlinked(out: Out, own: pd.DataFrame) -> None:
    """Every speerpunt of the municipality without an effect indicator, per period, and how the periods follow."""
    loose = own[own["effectindicator"].fillna("") == ""]
    out.add(Heading("Speerpunten zonder effectindicator", anchor="zonder-indicator"))
    if loose.empty:
        out.add(Text("Elk speerpunt van de gemeente heeft een effectindicator."))
        return
    shown = pd.DataFrame({"Periode": loose["periode"], "Speerpunt": loose["naam"],
                          "Beoogd effect": loose["beoogd_effect"].fillna("").replace("", formatting.MISSING)})
    periods = sorted(own["periode"].unique())
    followed = [p for p in periods if own.loc[own["periode"] == p, "opvolger"].fillna("").ne("").any()]
    unsaid = [f"van {later} op welk van {earlier}" for earlier, later in zip(periods, periods[1:]) if earlier not in followed]
    note = "Zonder effectindicator is niet te volgen of een speerpunt zijn doel haalt."
    if unsaid:
        note += f" Welk speerpunt {formatting.listing(unsaid)} volgt, zeggen de bronnen niet."
    if followed:
        note += f" De opvolgers van {formatting.listing(followed)} staan bij de doelstellingen hierboven."
    source = _sources(loose)
    out.add(Table(shown, note=plain(note), source=source,
                  download=Download("beleidsketen-speerpunten-zonder-indicator", shown, source=source)))


def _sources(rows: pd.DataFrame) -> str:
    """'Document, vindplaats a, vindplaats b; other document, vindplaats': each source once, with its places."""
    places: dict[str, list[str]] = {}
    for source, place in zip(rows["bron"], rows["vindplaats"]):
        found = places.setdefault(source, [])
        if isinstance(place, str) and place and place not in found:
            found.append(place)
    return "; ".join(f"{source}, {', '.join(found)}" if found else source for source, found in places.items())
