"""Helpers shared by the unit tests, and a small data set declared in code.

``INVENTED`` is a complete set of source CSVs whose numbers are made up: they only follow the
real layout and the build's rules (the High Impact Crimes add up, woonoverlast totals match).
Unit tests build it in a temporary directory, so correcting a figure in data/bronnen breaks no
chart or query test; tests/test_real_data.py checks rules over the real figures (each on its page, totals that add up,
every source named), on the shipped sources and after a steward's yearly update (tests/steward.py).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from ivb import config
from ivb.gemeente import DEFAULT_CODE
from ivb.sources.build import build

REPO_SOURCES = config.DEFAULT_DATA_DIR / "bronnen"


def _boundary(indeling: str, code: str, name: str, lon: float, lat: float, size: float = 0.02) -> str:
    """One CSV row of wijkgrenzen: an invented square (counter-clockwise, as GeoJSON has it) from (lon, lat)."""
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    shape = json.dumps({"type": "Polygon", "coordinates": [ring]}, separators=(",", ":")).replace('"', '""')
    return f'{indeling},{code},{name},"{shape}",cbs_test,verzonnen\n'

INVENTED: dict[str, str] = {
    "bronnen": """bron_id,titel,uitgever,verslagperiode,omschrijving,url,opgehaald_op
doc_a,Verzonnen nota A,Testgemeente,2014-2015,Verzonnen document voor de tests.,https://example.org/nota-a,2020-01-15
doc_b,Verzonnen verslag B,Testgemeente,2020,Verzonnen document voor de tests.,,2021-03-01
""",
    "indicatoren": """indicator_id,label,eenheid,richting,onderwerp,visual,speerpunt,doelstelling,gebiedsniveau,definitie,bron_id,vindplaats,deel_van
misdrijven_totaal,Geregistreerde misdrijven,aantal,lager_is_beter,criminaliteit,misdrijven,,,gemeente,Verzonnen.,doc_a,p. 1,
hic_totaal,High Impact Crimes,aantal,lager_is_beter,criminaliteit,misdrijven,,,gemeente,Verzonnen.,doc_a,p. 1,
hic_geweld,Geweld,aantal,lager_is_beter,criminaliteit,hic_soorten,,,gemeente,Verzonnen.,doc_a,p. 1,hic_totaal
woninginbraken,Woninginbraken,aantal,lager_is_beter,criminaliteit,hic_soorten,,5.1,gemeente,Verzonnen.,doc_a,p. 1,hic_totaal
hic_straatroof,Straatroof,aantal,lager_is_beter,criminaliteit,hic_soorten,,,gemeente,Verzonnen.,doc_a,p. 1,hic_totaal
hic_overvallen,Overvallen,aantal,lager_is_beter,criminaliteit,hic_soorten,,,gemeente,Verzonnen.,doc_a,p. 1,hic_totaal
rapportcijfer_stad,Rapportcijfer stad,rapportcijfer,hoger_is_beter,veiligheidsbeleving,rapportcijfers,,5.3,gemeente,Verzonnen.,doc_a,p. 2,
handhaving_meldingen,Meldingen handhaving,aantal,geen,handhaving_jaarwisseling,handhaving_meldingen,,5.2,gemeente,Verzonnen.,doc_b,p. 3,
jaarwisseling_schade,Schade jaarwisseling,euro,lager_is_beter,handhaving_jaarwisseling,jaarwisseling_schade,,5.2,gemeente,Verzonnen.,doc_b,p. 3,
jaarwisseling_schade_post,Schade per post,euro,lager_is_beter,handhaving_jaarwisseling,jaarwisseling_schade,,5.2,gemeente,Verzonnen.,doc_b,p. 3,jaarwisseling_schade
woonoverlast_casussen,Woonoverlast,aantal,geen,woonoverlast,woonoverlast,,5.1,wijk,Verzonnen.,doc_b,p. 4,
""",
    "waarden": """indicator_id,jaar,gebied,categorie,type,waarde,afgeleid,benaderd,bron_id,vindplaats,toelichting
misdrijven_totaal,2014,Zoetermeer,,realisatie,1000,nee,nee,doc_a,tabel 1,
misdrijven_totaal,2015,Zoetermeer,,realisatie,900,nee,nee,doc_a,tabel 1,
hic_totaal,2014,Zoetermeer,,realisatie,100,nee,nee,doc_a,tabel 1,
hic_totaal,2015,Zoetermeer,,realisatie,90,nee,nee,doc_a,tabel 1,
hic_geweld,2014,Zoetermeer,,realisatie,40,nee,nee,doc_a,tabel 1,
hic_geweld,2015,Zoetermeer,,realisatie,35,nee,nee,doc_a,tabel 1,
woninginbraken,2014,Zoetermeer,,realisatie,30,nee,nee,doc_a,tabel 1,
woninginbraken,2015,Zoetermeer,,realisatie,28,nee,nee,doc_a,tabel 1,
woninginbraken,2020,Zoetermeer,,realisatie,25,nee,ja,doc_b,p. 5,
woninginbraken,2020,Zoetermeer,,begroting,30,nee,nee,doc_a,p. 6,
hic_straatroof,2014,Zoetermeer,,realisatie,20,nee,nee,doc_a,tabel 1,
hic_straatroof,2015,Zoetermeer,,realisatie,17,nee,nee,doc_a,tabel 1,
hic_overvallen,2014,Zoetermeer,,realisatie,10,nee,nee,doc_a,tabel 1,
hic_overvallen,2015,Zoetermeer,,realisatie,10,nee,nee,doc_a,tabel 1,
rapportcijfer_stad,2015,Zoetermeer,,realisatie,6.5,nee,nee,doc_a,tabel 2,
rapportcijfer_stad,2020,Zoetermeer,,realisatie,7.1,nee,nee,doc_b,p. 7,
rapportcijfer_stad,2020,Zoetermeer,,begroting,7.0,nee,nee,doc_b,p. 7,
handhaving_meldingen,2015,Zoetermeer,,realisatie,8000,ja,ja,doc_b,p. 8,
handhaving_meldingen,2020,Zoetermeer,,realisatie,10400,nee,nee,doc_b,p. 8,
jaarwisseling_schade,2020,Zoetermeer,,realisatie,41250,nee,nee,doc_b,p. 9,
jaarwisseling_schade_post,2020,Zoetermeer,straatmeubilair,realisatie,12000,nee,nee,doc_b,p. 9,
jaarwisseling_schade_post,2020,Zoetermeer,verlichting,realisatie,9000,nee,nee,doc_b,p. 9,
""",
    "periodecijfers": """indicator_id,jaar_van,jaar_tot,statistiek,waarde,benaderd,bron_id,vindplaats,toelichting
handhaving_meldingen,2014,2015,gemiddelde per jaar,7500,nee,doc_a,p. 10,
""",
    "woonoverlast": """jaar,wijk,eigendom,status,aantal,bron_id,vindplaats,toelichting
2020,Centrum,koop,lopend,4,doc_b,tabel 3,
2020,Centrum,corporatie,lopend,6,doc_b,tabel 3,
2020,Meerzicht,koop,lopend,7,doc_b,tabel 3,
2020,Meerzicht,corporatie,afgerond,2,doc_b,tabel 3,
""",
    "woonoverlast_totalen": """jaar,wijk,eigendom,status,aantal,bron_id,vindplaats
2020,Centrum,,,10,doc_b,tabel 3
2020,Meerzicht,,,9,doc_b,tabel 3
2020,,koop,lopend,11,doc_b,tabel 3
2020,,corporatie,lopend,6,doc_b,tabel 3
2020,,corporatie,afgerond,2,doc_b,tabel 3
2020,,,,19,doc_b,tabel 3
""",
    "camera_locaties": """locatie_id,naam,omschrijving,wijk,wijk_herkomst,type,jaar_van,jaar_tot,lat,lon,coordinaten,coordinaten_herkomst,bron_id,vindplaats
plein,Verzonnen plein,Verzonnen locatie.,Centrum,Verzonnen.,vast,2020,2022,52.06,4.49,benaderd,Verzonnen.,doc_b,p. 11
""",
    "speerpunten": """periode,kader,nummer,naam,effectindicator,beoogd_effect,opvolger,bron_id,vindplaats
2020-2021,Gemeente Testgemeente,1,Verzonnen speerpunt,woninginbraken,,,doc_b,p. 12
""",
    "financien": """jaar,regel,omschrijving,post,bedrag,afgeleid,bron_id,vindplaats,toelichting
2020,5.1,Verzonnen doelstelling,lasten,-100,nee,doc_b,p. 13,
2020,5.1,Verzonnen doelstelling,baten,20,ja,doc_b,p. 13,
""",
    "kwaliteit": """notitie_id,onderwerp,tabel,indicator_id,omschrijving,waarde_tekst,waarde_tabel,keuze,bron_id,vindplaats
verzonnen,criminaliteit,waarden,woninginbraken,Een verzonnen kanttekening.,,,Verzonnen keuze.,doc_a,p. 14
verzonnen_jaarwisseling,handhaving_jaarwisseling,waarden,jaarwisseling_schade;jaarwisseling_schade_post,Verzonnen: het verslag over 2020 gaat over de jaarwisseling 2020-2021.,,,Verzonnen keuze.,doc_b,p. 9
""",
    # Invented geography on real code formats: WK063705 is "Rokkeveen" in the 2014-2024 indeling and "Meerzicht"
    # in 2025, as the real re-division did with that code; the names of the CBS wijken and every number are made up.
    "wijkcodes": """indeling,code,soort,cbs_naam,wijk,naam_tabel_5_1,bron_id,vindplaats
2025,WK063701,wijk,Verzonnen Centrum,Centrum,Centrum,cbs_test,verzonnen
2025,WK063705,wijk,Verzonnen Meerzicht,Meerzicht,Meerzicht,cbs_test,verzonnen
2025,WK063715,wijk,Verzonnen Lege Wijk,Lege Wijk,,cbs_test,verzonnen
2025,BU06370501,buurt,Verzonnen buurt 2025,Meerzicht,,cbs_test,verzonnen
2014-2024,WK063705,wijk,Verzonnen Rokkeveen,Rokkeveen,Rokkeveen,cbs_test,verzonnen
2014-2024,BU06370500,buurt,Verzonnen buurt 2014,Rokkeveen,,cbs_test,verzonnen
""",
    "wijk_inwoners": """jaar,indeling,code,cbs_naam,wijk,inwoners,woningen,oppervlakte_land_ha,dichtheid,afgeleid,bron_id,vindplaats,toelichting
2020,,GM0637,Zoetermeer,Zoetermeer,100000,45000,3000,3333,nee,pop_test,verzonnen,
2020,2025,WK063701,Verzonnen Centrum,Centrum,5000,2500,100,5000,nee,pop_test,verzonnen,
2020,2025,WK063705,Verzonnen Meerzicht,Meerzicht,4000,1800,90,4444,nee,pop_test,verzonnen,
2017,2014-2024,WK063705,Verzonnen Rokkeveen,Rokkeveen,3000,,,,ja,pop_test,verzonnen,verzonnen som
""",
    # Invented inhabitants of the two invented buurten (one per indeling), in the years the invented wijken have.
    "buurt_inwoners": """jaar,indeling,code,cbs_naam,wijk,inwoners,afgeleid,bron_id,vindplaats,toelichting
2017,2014-2024,BU06370500,Verzonnen buurt 2014,Rokkeveen,1500,nee,pop_test,verzonnen,
2020,2025,BU06370501,Verzonnen buurt 2025,Meerzicht,2000,nee,pop_test,verzonnen,
""",
    "wijkgrenzen": "indeling,code,cbs_naam,geometrie,bron_id,vindplaats\n"
    + _boundary("2025", "WK063701", "Verzonnen Centrum", 4.48, 52.05)
    + _boundary("2025", "WK063705", "Verzonnen Meerzicht", 4.45, 52.05)
    + _boundary("2025", "WK063715", "Verzonnen Lege Wijk", 4.42, 52.05)
    + _boundary("2014-2024", "WK063705", "Verzonnen Rokkeveen", 4.45, 52.03),
    "politie_misdrijven": "regio_code,soort_regio,indeling,perioden,jaar,maand,misdrijf_code,aantal,bestand,importdatum,regel,bron_id\n",
    # Invented open data: Zoetermeer and four invented municipalities, rates that follow from count and population.
    "open_data_bronnen": """bron_id,tabel,titel,uitgever,licentie,bronvermelding,opgehaald_uit,opgehaald_op,toelichting
cbs_test,47018NED,Verzonnen misdrijven,Testuitgever,CC BY 4.0,Bron: verzonnen,nergens (testbestand),2021-06-30,
pop_test,70072ned,Verzonnen inwoners,Testuitgever,CC BY 4.0,Bron: verzonnen,nergens (testbestand),2021-06-30,
""",
    # The invented GM0637's own comparison group (a steward's file): the four invented others.
    "vergelijkingsgroep": """gemeentecode,toelichting
GM9001,verzonnen vergelijkingsgemeente
GM9002,verzonnen vergelijkingsgemeente
GM9003,verzonnen vergelijkingsgemeente
GM9004,verzonnen vergelijkingsgemeente
""",
    "gemeenten": """gemeentecode,gemeente,toelichting
GM0637,Zoetermeer,
GM9001,Gemeente Aa,verzonnen
GM9002,Gemeente Bee,verzonnen
GM9003,Gemeente Cee,verzonnen
GM9004,Gemeente Dee,verzonnen
""",
    "soorten_misdrijf": """misdrijf_code,titel,bron_id
1.1.1,Diefstal/inbraak woning,cbs_test
1.4.5,Mishandeling,cbs_test
""",
    "gemeente_inwoners": """gemeentecode,jaar,gemiddeld_aantal_inwoners,bron_id
GM0637,2012,100000,pop_test
GM0637,2015,100000,pop_test
GM0637,2024,100000,pop_test
GM9001,2012,200000,pop_test
GM9001,2024,200000,pop_test
GM9002,2012,50000,pop_test
GM9002,2024,50000,pop_test
GM9003,2012,80000,pop_test
GM9003,2024,80000,pop_test
GM9004,2012,90000,pop_test
GM9004,2024,90000,pop_test
""",
    "gemeente_misdrijven": """gemeentecode,jaar,misdrijf_code,aantal,per_1000_inwoners,per_1000_afgeleid,voorlopig,bron_id
GM0637,2012,1.1.1,500,5.0,ja,nee,cbs_test
GM0637,2015,1.1.1,27,0.27,ja,nee,cbs_test
GM0637,2024,1.1.1,90,0.9,ja,ja,cbs_test
GM0637,2024,1.4.5,300,3.0,ja,ja,cbs_test
GM9001,2012,1.1.1,600,3.0,ja,nee,cbs_test
GM9001,2024,1.1.1,100,0.5,ja,ja,cbs_test
GM9002,2012,1.1.1,400,8.0,ja,nee,cbs_test
GM9002,2024,1.1.1,60,1.2,ja,ja,cbs_test
GM9003,2012,1.1.1,320,4.0,ja,nee,cbs_test
GM9003,2024,1.1.1,56,0.7,ja,ja,cbs_test
GM9004,2012,1.1.1,900,10.0,ja,nee,cbs_test
GM9004,2024,1.1.1,180,2.0,ja,ja,cbs_test
""",
}


def open_app(page: str | None = None, **params):
    """The app as a link with ``params`` opens it: the first run (which reads the link), then ``page`` if given."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(config.PROJECT_ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def _folded_keys(node) -> list[str]:
    """The keys of the menus and expanders under ``node`` that draw their content only while open."""
    keys = []
    for child in getattr(node, "children", {}).values():
        proto = getattr(child, "proto", None)
        if type(proto).__name__ == "Block" and proto.WhichOneof("type") == "popover":
            widget_id = proto.popover.id
        else:
            widget_id = getattr(proto, "id", "") if type(proto).__name__ == "Expandable" else ""
        if widget_id.startswith("$$ID-"):
            keys.append(widget_id.split("-", 2)[-1])
        keys += _folded_keys(child)
    return keys


def open_folded(at):
    """Open every 'Downloaden' menu and every folded table of the page, as a reader clicking each, and run again."""
    keys = _folded_keys(at.main)
    assert keys, "no menu or expander that opens on a click"
    for key in keys:
        at.session_state[key] = True
    at.run()
    return at


def source_path(sources: Path, name: str, code: str = DEFAULT_CODE) -> Path:
    """Where the source of table ``name`` lives under ``sources`` (data/bronnen): a gemeente's own documents and
    wijken in ``<code>/``, the shared open data at the top."""
    from ivb.sources.schema import TABLES_BY_NAME

    return sources / code / f"{name}.csv" if TABLES_BY_NAME[name].group else sources / f"{name}.csv"


def parquet(data: Path, table: str, code: str = DEFAULT_CODE) -> Path:
    """The Parquet file of ``table`` in the current build of the data directory ``data`` (a gemeente's own in
    ``<build>/<code>/``)."""
    from ivb.sources.schema import TABLES_BY_NAME

    base = config.tables_dir(data)
    return base / code / f"{table}.parquet" if TABLES_BY_NAME[table].group else base / f"{table}.parquet"


def write_invented(target: Path, **replace: str) -> Path:
    """Write the invented sources (``replace`` swaps whole files by table name) into ``target/bronnen`` and build."""
    sources = target / "bronnen"
    for name, text in {**INVENTED, **replace}.items():
        path = source_path(sources, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    build(sources, target)
    return target


def snapshot(directory: Path) -> dict[str, bytes]:
    """The bytes of every published file under ``directory`` (CURRENT and the builds), to prove a failed build wrote nothing."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()
            and "bronnen" not in p.parts}


def source_bytes(directory: Path) -> dict[str, bytes]:
    """The bytes of every source under ``directory/bronnen`` (shared and each gemeente's own), by path within it."""
    sources = directory / "bronnen"
    return {p.relative_to(sources).as_posix(): p.read_bytes() for p in sorted(sources.rglob("*")) if p.is_file()}


def invented_table(name: str) -> pd.DataFrame:
    """One invented source of ``INVENTED`` as a frame (every cell text), to read labels and figures from it."""
    return pd.read_csv(io.StringIO(INVENTED[name]), dtype=str, keep_default_na=False)


def invented_label(indicator_id: str) -> str:
    """The label that the invented catalogue gives ``indicator_id``."""
    labels = invented_table("indicatoren").set_index("indicator_id")["label"]
    return str(labels[indicator_id])


def source_years(sources: dict[str, pd.DataFrame]) -> tuple[int, int]:
    """The first and last year of the year filter as the sources give them: every year of a published table with a
    ``jaar`` column (the inhabitants per wijk and per buurt excepted: a population is no figure of its own)."""
    from ivb.sources.schema import PUBLISHED, TABLES_BY_NAME

    years = [int(y) for name in PUBLISHED if name in sources and name not in ("wijk_inwoners", "buurt_inwoners")
             and "jaar" in TABLES_BY_NAME[name].column_names for y in sources[name]["jaar"] if str(y).strip()]
    return min(years), max(years)


def invented_years() -> tuple[int, int]:
    """The year filter's range over the invented sources."""
    return source_years({name: invented_table(name) for name in INVENTED})


def shown_tables(at) -> list[pd.DataFrame]:
    """Every table on the page as the reader sees it: the display text of each cell (Dutch numbers, "–" for a gap),
    the Markdown escapes taken out."""
    import pyarrow as pa

    from ivb.markup import unmark

    shown = []
    for table in at.table:
        styler = table.proto.arrow_data.styler
        raw = styler.display_values if styler.display_values else table.proto.arrow_data.data
        frame = pa.ipc.open_stream(raw).read_all().to_pandas()
        shown.append(frame.map(lambda v: unmark(str(v)) if v is not None else ""))
    return shown
