"""The shape of every curated source table: columns, types, allowed values and keys.

A source is a CSV file (comma-separated, UTF-8, decimal point): the open data every gemeente shares in
``data/bronnen/``, a gemeente's own documents and wijken in ``data/bronnen/<code>/`` (``Table.group``).
Each :class:`Table` here says what its file must hold; ``ivb.sources.records`` enforces it
row by row and ``ivb.sources.rules`` checks what ties the tables together.
"""

from __future__ import annotations

from dataclasses import replace

from ivb.config import TOPICS
from ivb.sources.schema_geo import GEO_TABLES
from ivb.sources.schema_public import PUBLIC_TABLES
from ivb.sources.schema_types import DOCUMENTS, GROUP_CHOICE, WIJKEN, Column, Table, source_columns, year_column

EENHEDEN = ("aantal", "rapportcijfer", "procent", "procent_verandering", "euro")
RICHTINGEN = ("lager_is_beter", "hoger_is_beter", "geen")
DOELSTELLINGEN = ("5.1", "5.2", "5.3")
# The visuals of the pages: indicators with the same ``visual`` share one chart or table, so a new
# indicator is a row in the catalogue, placed in the visual it belongs to. A new visual is a new
# block on a page, hence a code change, hence this allow-list.
VISUALS = (
    "misdrijven", "hic_soorten", "digitale_criminaliteit", "rapportcijfers", "zelden_onveilig", "woonoverlast",
    "huiselijk_geweld", "gebiedsverboden", "jeugdaanpak", "zorg_jeugd_kengetallen", "ondermijning_controles",
    "ondermijning_casussen", "signalen_herkomst", "ondermijning_kengetallen", "handhaving_meldingen",
    "jaarwisseling_schade", "jaarwisseling_publiek", "handhaving_kengetallen",
)
TABLES: tuple[Table, ...] = (
    Table(
        "bronnen",
        (
            Column("bron_id"),
            Column("titel"),
            Column("uitgever"),
            Column("verslagperiode"),
            Column("omschrijving"),
            Column("url", "url", required=False),  # where the public can read the document
            Column("opgehaald_op", "date"),  # the day the document's figures were taken into data/bronnen
        ),
        key=("bron_id",),
        title="Brondocumenten",
        description="De brondocumenten waar elk cijfer uit komt.",
    ),
    Table(
        "indicatoren",
        (
            Column("indicator_id"),
            Column("label"),
            Column("eenheid", choices=EENHEDEN),
            Column("richting", choices=RICHTINGEN),
            Column("onderwerp", choices=tuple(TOPICS)),
            Column("visual", choices=VISUALS),
            Column("speerpunt", required=False),
            Column("doelstelling", required=False, choices=DOELSTELLINGEN),
            Column("gebiedsniveau", choices=("gemeente", "wijk")),
            Column("definitie"),
            *source_columns(),
            # The indicator this one is a part of (a subset or a breakdown): a chart never shows a part as its equal.
            Column("deel_van", required=False),
        ),
        key=("indicator_id",),
        title="Indicatoren",
        description="De indicatorencatalogus: label, eenheid, richting, onderwerp, visual (de grafiek of tabel waarin de "
        "indicator staat), speerpunt, doelstelling en definitie.",
    ),
    Table(
        "waarden",
        (
            Column("indicator_id"),
            year_column(),
            Column("gebied", "gebied"),
            Column("categorie", required=False),
            Column("type", choices=("realisatie", "begroting")),
            Column("waarde", "float"),
            Column("afgeleid", "bool"),
            Column("benaderd", "bool"),
            *source_columns(),
            Column("toelichting", required=False),
        ),
        key=("indicator_id", "jaar", "gebied", "categorie", "type"),
        title="Cijfers per indicator en jaar",
        description="Alle jaarcijfers per indicator: realisatie en begroting, met bron en vindplaats.",
    ),
    Table(
        "periodecijfers",
        (
            Column("indicator_id"),
            year_column("jaar_van"),
            year_column("jaar_tot"),
            Column("statistiek", choices=("gemiddelde per jaar", "minimum per jaar", "maximum per jaar")),
            Column("waarde", "float", minimum=0),
            Column("benaderd", "bool"),
            *source_columns(),
            Column("toelichting", required=False),
        ),
        key=("indicator_id", "jaar_van", "jaar_tot", "statistiek"),
        title="Cijfers over een periode",
        description="Cijfers over een periode van jaren (gemiddelden en bandbreedtes) uit de kadernota.",
    ),
    Table(
        "woonoverlast",
        (
            year_column(),
            Column("wijk", "wijk"),
            Column("eigendom", choices=("koop", "corporatie", "particulier")),
            Column("status", choices=("lopend", "afgerond")),
            Column("aantal", "int", minimum=0),
            *source_columns(),
            Column("toelichting", required=False),
        ),
        key=("jaar", "wijk", "eigendom", "status"),
        title="Woonoverlast per wijk",
        description="Woonoverlast: concrete casussen per wijk, eigendom en status (tabel 5.1).",
    ),
    Table(
        "woonoverlast_totalen",
        (
            year_column(),
            Column("wijk", "wijk", required=False),
            Column("eigendom", required=False, choices=("koop", "corporatie", "particulier")),
            Column("status", required=False, choices=("lopend", "afgerond")),
            Column("aantal", "int", minimum=0),
            *source_columns(),
        ),
        key=("jaar", "wijk", "eigendom", "status"),
        title="Totalen van tabel 5.1",
        description="De totalen zoals tabel 5.1 ze drukt; alleen om de optelling te controleren.",
        publish=False,
    ),
    Table(
        "camera_locaties",
        (
            Column("locatie_id"),
            Column("naam"),
            Column("omschrijving"),
            Column("wijk", "wijk", required=False),
            Column("wijk_herkomst"),
            Column("type", choices=("vast", "tijdelijk")),
            year_column("jaar_van"),
            year_column("jaar_tot"),
            # A box around the Netherlands (any gemeente): a point outside it is a typo (swapped lat/lon, a lost digit).
            Column("lat", "float", minimum=50.7, maximum=53.6),
            Column("lon", "float", minimum=3.2, maximum=7.3),
            Column("coordinaten", choices=("benaderd", "exact")),
            Column("coordinaten_herkomst"),
            *source_columns(),
        ),
        key=("locatie_id",),
        title="Locaties van cameratoezicht",
        description="Locaties van cameratoezicht met wijk, type, periode en (benaderde) coördinaten.",
    ),
    Table(
        "speerpunten",
        (
            Column("periode"),
            Column("kader"),
            Column("nummer", "int", minimum=1),
            Column("naam"),
            Column("effectindicator", required=False),
            Column("beoogd_effect", required=False),
            Column("opvolger", required=False),
            *source_columns(),
        ),
        key=("periode", "kader", "nummer"),
        title="Prioriteiten en speerpunten",
        description="Prioriteiten en speerpunten per beleidsperiode, met hun effectindicator.",
    ),
    Table(
        "financien",
        (
            year_column(),
            Column("regel", choices=(*DOELSTELLINGEN, "totaal")),
            Column("omschrijving"),
            Column("post", choices=("lasten", "baten", "toevoegingen", "onttrekkingen", "saldo")),
            Column("bedrag", "int"),
            Column("afgeleid", "bool"),
            *source_columns(),
            Column("toelichting", required=False),
        ),
        key=("jaar", "regel", "post"),
        title="Financiën per doelstelling",
        description="Financiën per doelstelling, bedragen x € 1.000 (lasten negatief).",
    ),
    Table(
        "kwaliteit",
        (
            Column("notitie_id"),
            Column("onderwerp", choices=tuple(TOPICS)),
            Column("tabel"),
            Column("indicator_id", required=False),
            Column("omschrijving"),
            Column("waarde_tekst", required=False),
            Column("waarde_tabel", required=False),
            Column("keuze"),
            *source_columns(),
        ),
        key=("notitie_id",),
        title="Kanttekeningen bij de bronnen",
        description="Datakwaliteit: tegenspraak en onduidelijkheden in de bronnen, en de gemaakte keuze.",
    ),
)

TABLES += GEO_TABLES
TABLES += (
    Table(
        "politie_misdrijven",
        (
            Column("regio_code"),
            Column("soort_regio", choices=("gemeente", "wijk", "buurt")),
            # The indeling of the file the row came from (empty for the municipality, which has none): a wijk
            # or buurt code means an area only within its indeling.
            Column("indeling", "indeling", required=False),
            Column("perioden"),
            year_column(),
            Column("maand", "int", minimum=0, maximum=12),
            Column("misdrijf_code"),
            Column("aantal", "int", required=False, minimum=0),
            Column("bestand"),
            Column("importdatum"),
            Column("regel", "int", minimum=1),
            Column("bron_id"),  # the file's source in open_data_bronnen: table, where the copy came from, when
        ),
        key=("indeling", "regio_code", "perioden", "misdrijf_code"),
        title="Politiecijfers per wijk en buurt",
        description="Geregistreerde misdrijven van de politie (CBS 47018NED/47022NED), per gemeente, wijk en buurt; "
        "leeg aantal = geheimgehouden. Ingelezen door de databeheerder uit de CSV van CBS; elke regel noemt zijn bestand "
        "als bron in open_data_bronnen.",
        may_be_empty=True,
    ),
)

TABLES += PUBLIC_TABLES

# The tables of one gemeente's own: its documents (kadernota, jaarverslag) and its wijken. Each group is curated as
# a whole in data/bronnen/<code>/ or not at all; every other table is the open data of all gemeenten.
GROUPS = {
    DOCUMENTS: ("bronnen", "indicatoren", "waarden", "periodecijfers", "woonoverlast", "woonoverlast_totalen",
                "camera_locaties", "speerpunten", "financien", "kwaliteit"),
    WIJKEN: ("wijkcodes", "wijk_inwoners", "buurt_inwoners", "wijkgrenzen", "politie_misdrijven"),
    GROUP_CHOICE: ("vergelijkingsgroep",),
}
TABLES = tuple(replace(t, group=next((g for g, names in GROUPS.items() if t.name in names), "")) for t in TABLES)
SHARED = tuple(t for t in TABLES if not t.group)

TABLES_BY_NAME = {t.name: t for t in TABLES}
PUBLISHED = tuple(t.name for t in TABLES if t.publish)
