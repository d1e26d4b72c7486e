"""Begrippenlijst: the terms of the dashboard in plain Dutch, each with an anchor that other pages link to.

A term is found in a text by its patterns (:func:`terms_in`), so a page links the terms it uses
without naming them by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ivb.blocks import Heading, Out, Text
from ivb.indicators import HIC_PARTS, SMALL_COUNT


@dataclass(frozen=True)
class Term:
    """A term: its anchor on the Begrippenlijst, its name, the words that mean it in a text, and what it means."""

    anchor: str
    name: str
    patterns: tuple[str, ...]
    definition: str


TERMS: tuple[Term, ...] = (
    Term("hic", "High Impact Crimes (HIC)", (r"High Impact Crimes?", r"\bHIC\b"),
         "Misdrijven met een grote impact op het slachtoffer en zijn omgeving: woninginbraak, straatroof, overvallen en "
         "geweld (kadernota IVB 2019-2022, paragraaf 4.3). In de politiecijfers (CBS-tabel 47018NED) zijn dat de soorten "
         + "; ".join(f"{part.label.lower()}: {', '.join(part.police_codes)}" for part in HIC_PARTS)
         + ". Het dashboard telt ze nooit op bij het totaal van alle misdrijven: ze zijn er een deel van."),
    Term("woonoverlast", "Woonoverlast", (r"[Ww]oonoverlast",),
         "Overlast van buren of andere bewoners in en rond de woning, zoals geluidsoverlast, ernstige vervuiling of "
         "verward gedrag. Het jaarverslag telt de concrete casussen van het team Woonoverlast per wijk, naar eigendom van "
         "de woning (koop, corporatie, particuliere huur) en naar stand: lopend of afgerond (tabel 5.1)."),
    Term("rapportcijfer", "Rapportcijfer", (r"[Rr]apportcijfers?",),
         "Het gemiddelde cijfer van 1 tot 10 dat inwoners in een enquête geven voor de veiligheid in hun buurt of in de "
         "stad. De kadernota gebruikt de Omnibusenquête, het jaarverslag de Stadspeiling. Een rapportcijfer heeft één "
         "decimaal: een verschil kleiner dan 0,1 is niet te zien."),
    Term("begroting", "Begroting en realisatie", (r"[Bb]egroting", r"[Rr]ealisatie"),
         "De begroting is het cijfer dat de gemeente zich voor een jaar ten doel stelt; de realisatie is het cijfer dat "
         "dat jaar werkelijk is gemeten. 'Doel gehaald' vergelijkt die twee in de richting van de indicator: bij "
         "woninginbraken is lager beter, bij een rapportcijfer hoger. Het oordeel is 'ja', 'nee' of 'niet vast te stellen': "
         "zonder realisatie, zonder begroting, bij een voorlopig cijfer, of als het verschil kleiner is dan de bron kan "
         "onderscheiden (een rapportcijfer gelijk aan de begroting, beide afgerond op één decimaal). De reden staat "
         "altijd bij het oordeel."),
    Term("effectindicator", "Effectindicator", (r"[Ee]ffectindicator",),
         "Een cijfer waaraan de gemeente afmeet of een doelstelling van het veiligheidsbeleid wordt bereikt, zoals het "
         "aantal woninginbraken (doelstelling 5.1) of het rapportcijfer voor veiligheid in de buurt (5.2)."),
    Term("speerpunt", "Speerpunt", (r"[Ss]peerpunt",),
         "Een onderwerp waarop de gemeente in een beleidsperiode extra inzet, zoals ondermijning of problematische "
         "jeugd(groepen). De kadernota 2019-2022 en de kadernota 2023-2026 noemen elk hun eigen speerpunten."),
    Term("voorlopig", "Voorlopig", (r"[Vv]oorlopig",),
         "CBS publiceert de politiecijfers van de laatste jaren eerst als voorlopig en kan ze later herzien. Een voorlopig "
         "cijfer staat zo in de grafiek, de tabel en de download."),
    Term("per-1000", "Per 1.000 inwoners", (r"per 1\.000",),
         "Het aantal gedeeld door het aantal inwoners, maal 1.000. Zo zijn gemeenten of wijken van verschillende grootte te "
         "vergelijken. Voor een gemeente geldt het gemiddelde aantal inwoners van dat jaar (CBS 70072ned), voor een wijk "
         f"het aantal op 1 januari. Bij minder dan {SMALL_COUNT} gevallen geeft het dashboard geen cijfer per 1.000."),
    Term("afgeleid", "Afgeleid en bij benadering", (r"[Aa]fgeleid", r"[Bb]ij benadering", r"\bca\."),
         "Afgeleid: het cijfer staat niet zo in de bron, maar is eruit berekend (bijvoorbeeld 2023 uit 'een stijging van "
         "30,8%'). Bij benadering ('ca.'): de bron geeft een ongeveer-getal, of een deel van het aantal is geheimgehouden."),
    Term("wijkindeling", "Wijkindeling", (r"[Ww]ijkindeling",),
         "De verdeling van de gemeente in wijken en buurten van CBS. Een gemeente kan opnieuw worden ingedeeld, bijvoorbeeld in meer en "
         "kleinere wijken; dezelfde code betekent dan soms een ander gebied. Het dashboard noemt bij een "
         "wijk de indeling waar die bij hoort."),
)
_FOUND = [(t, re.compile("|".join(t.patterns))) for t in TERMS]


def terms_in(text: str) -> list[Term]:
    """The terms of the Begrippenlijst that ``text`` uses, in the list's order."""
    return [term for term, pattern in _FOUND if pattern.search(text)]


def content(out: Out) -> None:
    out.add(Text("Wat de woorden en afkortingen op dit dashboard betekenen. Op elke pagina staat onder een grafiek of tegel "
                 "een verwijzing naar de begrippen die daar voorkomen."))
    for term in TERMS:
        out.add(Heading(term.name, 2, anchor=term.anchor))
        out.add(Text(term.definition))
