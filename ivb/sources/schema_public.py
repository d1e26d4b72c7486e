"""The shape of the curated open data of CBS and the police: municipalities, offence codes, populations,
and registered crime per municipality per year (CBS 47018NED, 70072ned), with their provenance.

Every row names its source (``bron_id`` in ``open_data_bronnen``: publisher table, licence with the
attribution CBS and the police ask for, where the copy was retrieved) and says whether the year is
provisional (``voorlopig``) and whether a value is the publisher's or derived by us or a re-publisher.
"""

from __future__ import annotations

from ivb.sources.schema_types import Column, Table, year_column

OPEN_DATA_TABLES = ("47018NED", "47022NED", "70072ned", "85984NED", "83765NED", "gebiedsindelingen")

PUBLIC_TABLES: tuple[Table, ...] = (
    Table(
        "open_data_bronnen",
        (
            Column("bron_id"),
            Column("tabel", choices=OPEN_DATA_TABLES),
            Column("titel"),
            Column("uitgever"),
            Column("licentie"),
            Column("bronvermelding"),
            Column("opgehaald_uit"),
            Column("opgehaald_op", "date"),  # the day the copy (or the update from CBS) was taken into data/bronnen
            Column("toelichting", required=False),
        ),
        key=("bron_id",),
        title="Open-databronnen",
        description="De open-datatabellen van CBS en politie: tabel, uitgever, licentie met bronvermelding en waar en "
        "wanneer de kopie is opgehaald.",
    ),
    Table(
        "gemeenten",
        (Column("gemeentecode"), Column("gemeente"), Column("toelichting", required=False)),
        key=("gemeentecode",),
        title="Gemeenten in de vergelijking",
        description="De gemeenten in de open data van politie en CBS die het dashboard kent.",
    ),
    Table(
        "vergelijkingsgroep",
        (Column("gemeentecode"), Column("toelichting", required=False)),
        key=("gemeentecode",),
        title="Vergelijkingsgroep van de gegevensbeheerder",
        description="De gemeenten waarmee de gegevensbeheerder deze gemeente wil vergelijken, in de plaats van de regel "
        "van het dashboard (dezelfde grootteklasse van het CBS). Leeg: de regel geldt.",
        may_be_empty=True,
    ),
    Table(
        "soorten_misdrijf",
        (Column("misdrijf_code"), Column("titel"), Column("bron_id")),
        key=("misdrijf_code",),
        title="Soorten misdrijf",
        description="De codes voor soort misdrijf van CBS-tabel 47018NED met hun omschrijving.",
    ),
    Table(
        "gemeente_inwoners",
        (
            Column("gemeentecode"),
            year_column(),
            Column("gemiddeld_aantal_inwoners", "int", minimum=1),
            Column("bron_id"),
        ),
        key=("gemeentecode", "jaar"),
        title="Inwoners per gemeente",
        description="Gemiddeld aantal inwoners per gemeente per jaar (CBS 70072ned), de noemer van 'per 1.000 inwoners'.",
    ),
    Table(
        "gemeente_misdrijven",
        (
            Column("gemeentecode"),
            year_column(),
            Column("misdrijf_code"),
            Column("aantal", "int", minimum=0),
            Column("per_1000_inwoners", "float", minimum=0),
            Column("per_1000_afgeleid", "bool"),
            Column("voorlopig", "bool"),
            Column("bron_id"),
        ),
        key=("gemeentecode", "jaar", "misdrijf_code"),
        title="Misdrijven per gemeente",
        description="Geregistreerde misdrijven per gemeente, jaar en soort (politie/CBS 47018NED), met het aantal per "
        "1.000 inwoners (afgeleid uit het aantal en het gemiddeld aantal inwoners van 70072ned).",
    ),
)
