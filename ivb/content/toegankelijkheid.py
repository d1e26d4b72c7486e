"""Toegankelijkheidsverklaring: the accessibility standard the dashboard aims at, what is tested and with which
tools, and the known limits (docs/ACCESSIBILITY.md has the details for developers)."""

from __future__ import annotations

from ivb import gemeente
from ivb.blocks import Bullets, Heading, Out, Text
from ivb.markup import plain

TESTED = (
    "**Automatisch, bij elke wijziging van het dashboard**: axe-core (de regels voor WCAG 2.0 en 2.1, niveau A en "
    "AA) op elke pagina, in een webbrowser, met een wijk gekozen en alle uitklapblokken geopend. Een ernstige overtreding "
    "houdt de wijziging tegen.",
    "**Toetsenbord**: de filters, de keuzes op een pagina en de downloads werken met alleen Tab, pijltjestoetsen en Enter.",
    "**Telefoon**: elke pagina op een scherm van 390 pixels breed, zonder horizontaal scrollen van de pagina; brede "
    "tabellen scrollen binnen hun eigen kader, dat ook met het toetsenbord te bereiken is.",
    "**Taal**: de pagina's zijn als Nederlands gemarkeerd, zodat een schermlezer ze met Nederlandse uitspraak voorleest.",
    "**PDF-rapport**: een getagde PDF (PDF/UA-1) met koppen, lijsten, tabellen en een beschrijving bij elke grafiek.",
)
DESIGN = (
    "Elke grafiek heeft een beschrijving voor schermlezers en dezelfde cijfers als tabel eronder.",
    "Realisatie en begroting verschillen in lijnsoort, markering en label, niet alleen in kleur; alle grafieken gebruiken "
    "één kleurenblindveilig palet.",
    "'Doel gehaald' staat als tekst bij elke tegel, niet alleen als kleur of pijl.",
)
LIMITS = (
    "Een schermlezer kan de kaart van het cameratoezicht niet lezen; de locaties staan in de tabel eronder.",
    "Op de wijkkaart kiest u een wijk met een klik; met het toetsenbord doet het filter 'Wijk' hetzelfde.",
    "De volledige tabellen op Data en bronnen zijn sorteerbare tabellen die een schermlezer minder goed leest; dezelfde "
    "tabellen zijn als CSV te downloaden.",
    "Het dashboard is gebouwd met Streamlit. Enkele meldingen van dat raamwerk zelf (bijvoorbeeld bij een verbroken "
    "verbinding) zijn Engelstalig.",
    "In het PDF-rapport zijn grafieken en kaarten afbeeldingen met een beschrijving; het rapport is nog niet met een "
    "PDF/UA-validator (zoals veraPDF of PAC) nagekeken.",
    "Er is nog geen onderzoek gedaan door een onafhankelijke, gespecialiseerde partij. Zo'n onderzoek is nodig voor een "
    "officiële verklaring volgens het model van DigiToegankelijk.",
)


def content(out: Out) -> None:
    out.add(Text(
        f"De gemeente {plain(gemeente.name())} wil dat iedereen dit dashboard kan gebruiken, ook met een schermlezer, alleen een "
        "toetsenbord of een telefoon. Het doel is de norm voor overheidswebsites: WCAG 2.1 op niveau AA (EN 301 549)."
    ))
    out.add(Heading("Wat er getoetst wordt"))
    out.add(Bullets(TESTED))
    out.add(Heading("Waar het ontwerp rekening mee houdt"))
    out.add(Bullets(DESIGN))
    out.add(Heading("Bekende beperkingen"))
    out.add(Bullets(LIMITS))
    out.add(Heading("Iets gevonden dat niet werkt?"))
    out.add(Text(f"Meld het bij de gemeente {plain(gemeente.name())} en noem de pagina en wat u probeerde; de link van de pagina (knop "
                 "'Kopieer link') helpt om de weergave terug te vinden."))
