"""The shape of a gemeente's curated geography: wijk and buurt codes per indeling, inhabitants per
wijk and per buurt, and the wijk boundaries, each row with its source in ``open_data_bronnen``.

A dashboard wijk (column ``wijk``) is the area a reader chooses in the filter: one of the eight wijken
of tabel 5.1 where a CBS wijk (or part of one) matches it, else the CBS wijk under its own name. The
CBS codes behind it differ per indeling (see :mod:`ivb.wijken`).
"""

from __future__ import annotations

from ivb.sources.schema_types import Column, Table, year_column

GEO_TABLES: tuple[Table, ...] = (
    Table(
        "wijkcodes",
        (
            Column("indeling", "indeling"),
            Column("code"),
            Column("soort", choices=("wijk", "buurt")),
            Column("cbs_naam"),
            Column("wijk"),
            Column("naam_tabel_5_1", required=False),
            Column("bron_id"),
            Column("vindplaats"),
        ),
        key=("indeling", "code"),
        title="Wijk- en buurtcodes",
        description="Welke CBS-wijk- of buurtcode in welke wijkindeling bij welke wijk van het dashboard hoort "
        "(een gemeente die opnieuw is ingedeeld, heeft per indeling andere codes; dezelfde code betekent dan soms een ander "
        "gebied).",
        may_be_empty=True,
    ),
    Table(
        "wijk_inwoners",
        (
            year_column(),
            Column("indeling", "indeling", required=False),  # empty for the whole city
            Column("code"),
            Column("cbs_naam"),
            Column("wijk"),
            Column("inwoners", "int", minimum=0),
            Column("woningen", "int", required=False, minimum=0),
            Column("oppervlakte_land_ha", "int", required=False, minimum=0),
            Column("dichtheid", "int", required=False, minimum=0),
            Column("afgeleid", "bool"),
            Column("bron_id"),
            Column("vindplaats"),
            Column("toelichting", required=False),
        ),
        key=("jaar", "wijk"),
        title="Inwoners en kerncijfers per wijk",
        description="Inwoners op 1 januari, woningvoorraad, landoppervlakte en bevolkingsdichtheid per wijk (en voor heel "
        "de gemeente), met de CBS-code en de wijkindeling waar het cijfer voor geldt.",
        may_be_empty=True,
    ),
    Table(
        "buurt_inwoners",
        (
            year_column(),
            Column("indeling", "indeling"),
            Column("code"),
            Column("cbs_naam"),
            Column("wijk"),  # the dashboard wijk of the buurt in its indeling (as in wijkcodes)
            Column("inwoners", "int", required=False, minimum=0),  # empty: the source gives no count for the buurt
            Column("afgeleid", "bool"),
            Column("bron_id"),
            Column("vindplaats"),
            Column("toelichting", required=False),
        ),
        key=("jaar", "indeling", "code"),
        title="Inwoners per buurt",
        description="Inwoners op 1 januari per CBS-buurt, met de wijkindeling van de buurtcode en de wijk van het "
        "dashboard waarin de buurt ligt: de noemer van 'per 1.000 inwoners' per buurt.",
        may_be_empty=True,
    ),
    Table(
        "wijkgrenzen",
        (
            Column("indeling", "indeling"),
            Column("code"),
            Column("cbs_naam"),
            Column("geometrie"),
            Column("bron_id"),
            Column("vindplaats"),
        ),
        key=("indeling", "code"),
        title="Wijkgrenzen",
        description="De gegeneraliseerde grenzen van de CBS-wijken per indeling (GeoJSON-geometrie in WGS84, "
        "sterk vereenvoudigd: een overzicht, geen perceelgrenzen).",
        may_be_empty=True,
    ),
)
