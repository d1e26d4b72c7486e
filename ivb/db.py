"""Data access: one DuckDB connection with a view per Parquet table, and the named queries.

Every page visual has its own query function here, named for what it returns. Values
are always bound as parameters; table names come from the schema's allow-list. The
connection may only read files inside the data directory (``allowed_directories``
with ``enable_external_access=false``, then ``lock_configuration``), and each query
runs on its own cursor, because duckdb 2 refuses one connection shared by threads.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import duckdb
import pandas as pd

from ivb import config
from ivb.schema import PUBLISHED


class DataUnavailableError(RuntimeError):
    """A Parquet table a page needs is missing or unreadable."""

    def __init__(self, table: str, path: Path, reason: str) -> None:
        self.table, self.path, self.reason = table, path, reason
        super().__init__(
            f"Het gegevensbestand '{path.name}' (tabel {table}) in {path.parent} {reason}. "
            "Bouw de gegevens opnieuw met 'make build' (python -m ivb build)."
        )


class _Database:
    """A locked-down in-memory DuckDB whose views read the Parquet files of one directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.con = duckdb.connect(":memory:")
        # The path is our own configuration, not user input; quotes are doubled all the same.
        quoted = str(data_dir).replace("'", "''")
        self.con.execute(f"SET allowed_directories=['{quoted}']")
        self.con.execute("SET enable_external_access=false")
        self.con.execute("SET lock_configuration=true")
        self._views: set[str] = set()
        self._lock = threading.Lock()

    def path(self, table: str) -> Path:
        return self.data_dir / f"{table}.parquet"

    def ensure_view(self, table: str) -> None:
        """Create the view over ``table``'s Parquet file once it exists."""
        if table not in PUBLISHED:
            raise ValueError(f"unknown table {table!r}")
        path = self.path(table)
        if not path.is_file():
            raise DataUnavailableError(table, path, "ontbreekt")
        if table in self._views:
            return
        with self._lock:
            if table not in self._views:
                literal = str(path).replace("'", "''")
                try:
                    self.con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_parquet('{literal}', file_row_number=true)")
                except duckdb.Error as exc:
                    raise DataUnavailableError(table, path, "is onleesbaar") from exc
                self._views.add(table)

    def query(self, sql: str, params: list, tables: tuple[str, ...]) -> pd.DataFrame:
        """Run ``sql`` with bound ``params`` on a fresh cursor; ``tables`` are the views it reads."""
        for table in tables:
            self.ensure_view(table)
        try:
            return self.con.cursor().execute(sql, params).df()
        except (duckdb.IOException, duckdb.InvalidInputException) as exc:
            table = next((t for t in tables if t in str(exc)), tables[0])
            raise DataUnavailableError(table, self.path(table), "is onleesbaar") from exc


@functools.lru_cache(maxsize=8)
def _database(data_dir: str) -> _Database:
    return _Database(Path(data_dir))


def database() -> _Database:
    """The cached database for the configured data directory."""
    return _database(str(config.data_dir()))


def data_version(*tables: str) -> tuple:
    """(name, modification time, size) of the Parquet files of ``tables``: changes whenever a build replaces one."""
    version = []
    for table in tables:
        path = database().path(table)
        stat = path.stat() if path.exists() else None
        version.append((table, stat.st_mtime_ns if stat else None, stat.st_size if stat else None))
    return tuple(version)


def _q(sql: str, params: list, *tables: str) -> pd.DataFrame:
    return database().query(sql, params, tables)


_VALUES = """
    SELECT w.indicator_id, i.label, i.eenheid, i.richting, w.jaar, w.gebied, w.categorie, w.type,
           w.waarde, w.afgeleid, w.benaderd, b.titel AS bron, w.vindplaats, w.toelichting
    FROM waarden w
    JOIN indicatoren i USING (indicator_id)
    JOIN bronnen b ON b.bron_id = w.bron_id
"""


def _indicator_values(ids: tuple[str, ...], jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    sql = _VALUES + """
        WHERE list_contains(?, w.indicator_id) AND w.jaar BETWEEN ? AND ?
        ORDER BY list_position(?, w.indicator_id), w.categorie, w.jaar, w.type
    """
    return _q(sql, [list(ids), jaar_van, jaar_tot, list(ids)], "waarden", "indicatoren", "bronnen")


def available_years() -> list[int]:
    """Every year for which any figure exists (waarden or woonoverlast), ascending.

    One missing table does not take the year filter down on every page: the years of the
    tables that can be read are enough. Only when none can be read is that an error.
    """
    years: set[int] = set()
    unavailable: DataUnavailableError | None = None
    for table in ("waarden", "woonoverlast"):
        try:
            years.update(_years(table))
        except DataUnavailableError as exc:
            unavailable = unavailable or exc
    if not years and unavailable is not None:
        raise unavailable
    return sorted(years)


CRIME_TREND_IDS = ("misdrijven_totaal", "hic_totaal")
HIC_PART_IDS = ("hic_geweld", "woninginbraken", "hic_straatroof", "hic_overvallen")


def crime_trend(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Registered crimes and High Impact Crimes per year, whole city."""
    return _indicator_values(CRIME_TREND_IDS, jaar_van, jaar_tot)


def hic_breakdown(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """The four High Impact Crimes per year, whole city (realisatie only)."""
    values = _indicator_values(HIC_PART_IDS, jaar_van, jaar_tot)
    return values[values["type"] == "realisatie"].reset_index(drop=True)


def woninginbraken_trend(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Woninginbraken per year: realisatie and begroting."""
    return _indicator_values(("woninginbraken",), jaar_van, jaar_tot)


def safety_scores(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Rapportcijfers for safety in the city and in the neighbourhood: realisatie and begroting."""
    return _indicator_values(("rapportcijfer_stad", "rapportcijfer_buurt"), jaar_van, jaar_tot)


def safety_feeling(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Share of residents who rarely or never feel unsafe, in the city and in their own buurt."""
    return _indicator_values(("pct_zelden_onveilig_stad", "pct_zelden_onveilig_buurt"), jaar_van, jaar_tot)


# Indicator groups of the bar charts on the topic pages: one group, one visual, one unit.
HUISELIJK_GEWELD_IDS = ("huisverboden", "politieregistraties_huiselijk_geweld")
GEBIEDSVERBODEN_IDS = ("gebiedsverboden", "gebiedsverboden_wapen", "gebiedsverboden_wapen_minderjarig", "gebiedsverboden_vuurwapen")
JEUGDAANPAK_IDS = ("pga_jeugd_deelnemers", "pga_jeugd_afgesloten", "pga_jeugd_peildatum", "ipta_begeleid", "ipta_gestart",
                   "rio_begeleid", "rio_gestart")
ONDERMIJNING_CONTROLE_IDS = ("ondermijning_controledagen", "ondermijning_controledagen_honden", "ondermijning_bedrijven_gecontroleerd",
                             "ondermijning_knock_and_talk", "ondermijning_onvergunde_prostitutie")
ONDERMIJNING_CASUS_IDS = ("ondermijning_casussen_naar_start", "ondermijning_casussen_naar_stand", "ondermijning_casussen_uitkomst",
                          "ondermijning_tijdelijke_sluitingen")
SIGNALEN_HERKOMST_IDS = ("ondermijning_signalen_herkomst",)
HANDHAVING_IDS = ("handhaving_meldingen",)
SCHADE_IDS = ("jaarwisseling_schade", "jaarwisseling_schade_post", "jaarwisseling_schade_bedienzuil")
JAARWISSELING_PUBLIEK_IDS = ("jaarwisseling_vouchers", "jaarwisseling_bezoekers")


def huiselijk_geweld(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Tijdelijke huisverboden and police registrations of domestic violence per year."""
    return _indicator_values(HUISELIJK_GEWELD_IDS, jaar_van, jaar_tot)


def gebiedsverboden(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Area bans: all, for carrying a weapon, minors among those, and with a firearm."""
    return _indicator_values(GEBIEDSVERBODEN_IDS, jaar_van, jaar_tot)


def jeugdaanpak(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Young people in the person-centred approaches PGA Jeugd, IPTA and RIO."""
    return _indicator_values(JEUGDAANPAK_IDS, jaar_van, jaar_tot)


def ondermijning_controles(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Control days, companies checked, knock-and-talks and what was found."""
    return _indicator_values(ONDERMIJNING_CONTROLE_IDS, jaar_van, jaar_tot)


def ondermijning_casussen(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Cases by start, by state at year end and by outcome."""
    return _indicator_values(ONDERMIJNING_CASUS_IDS, jaar_van, jaar_tot)


def signalen_herkomst(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Share of the signals of ondermijning per origin."""
    return _indicator_values(SIGNALEN_HERKOMST_IDS, jaar_van, jaar_tot)


def handhaving_meldingen(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Reports handled by Team Handhaving per year."""
    return _indicator_values(HANDHAVING_IDS, jaar_van, jaar_tot)


def jaarwisseling_schade(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Damage to municipal property at New Year: the total and the largest items."""
    return _indicator_values(SCHADE_IDS, jaar_van, jaar_tot)


def jaarwisseling_publiek(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Vouchers handed in and visitors of the New Year events."""
    return _indicator_values(JAARWISSELING_PUBLIEK_IDS, jaar_van, jaar_tot)


def topic_figures(onderwerp: str, jaar_van: int, jaar_tot: int, exclude: tuple[str, ...] = ()) -> pd.DataFrame:
    """All values of one topic (onderwerp) in the year range, in catalogue order, minus ``exclude``."""
    sql = _VALUES + """
        WHERE i.onderwerp = ? AND w.jaar BETWEEN ? AND ? AND NOT list_contains(?, w.indicator_id)
        ORDER BY i.file_row_number, w.file_row_number
    """
    return _q(sql, [onderwerp, jaar_van, jaar_tot, list(exclude)], "waarden", "indicatoren", "bronnen")


def effect_indicators() -> pd.DataFrame:
    """Indicators with a begroting: per year the realisatie next to the begroting, with the direction."""
    sql = """
        SELECT w.indicator_id, i.label, i.eenheid, i.richting, i.doelstelling, w.jaar,
               max(w.waarde) FILTER (WHERE w.type = 'realisatie') AS realisatie,
               max(w.waarde) FILTER (WHERE w.type = 'begroting') AS begroting,
               b.titel AS bron, any_value(w.vindplaats) AS vindplaats
        FROM waarden w
        JOIN indicatoren i USING (indicator_id)
        JOIN bronnen b ON b.bron_id = w.bron_id
        WHERE w.indicator_id IN (SELECT indicator_id FROM waarden WHERE type = 'begroting')
          AND w.gebied = ? AND w.categorie = ''
        GROUP BY ALL
        HAVING begroting IS NOT NULL
        ORDER BY i.doelstelling, w.indicator_id, w.jaar
    """
    return _q(sql, [config.GEMEENTE], "waarden", "indicatoren", "bronnen")


def period_figures(onderwerp: str) -> pd.DataFrame:
    """Figures over a span of years (averages, ranges) of one topic."""
    sql = """
        SELECT p.indicator_id, i.label, i.eenheid, p.jaar_van, p.jaar_tot, p.statistiek, p.waarde,
               p.benaderd, b.titel AS bron, p.vindplaats, p.toelichting
        FROM periodecijfers p
        JOIN indicatoren i USING (indicator_id)
        JOIN bronnen b ON b.bron_id = p.bron_id
        WHERE i.onderwerp = ?
        ORDER BY p.file_row_number
    """
    return _q(sql, [onderwerp], "periodecijfers", "indicatoren", "bronnen")


def _years(table: str) -> list[int]:
    """The distinct years of one published table, ascending (``table`` from the schema's allow-list)."""
    if table not in PUBLISHED:
        raise ValueError(f"unknown table {table!r}")
    return [int(j) for j in _q(f"SELECT DISTINCT jaar FROM {table} ORDER BY jaar", [], table)["jaar"]]


def woonoverlast_years() -> list[int]:
    """Years with woonoverlast figures, ascending."""
    return _years("woonoverlast")


def woonoverlast_per_wijk(jaar: int, wijk: str | None) -> pd.DataFrame:
    """Woonoverlast cases of one year per wijk, eigendom and status; one wijk or all (None)."""
    sql = """
        SELECT o.jaar, o.wijk, o.eigendom, o.status, o.aantal, b.titel AS bron, o.vindplaats
        FROM woonoverlast o JOIN bronnen b ON b.bron_id = o.bron_id
        WHERE o.jaar = ? AND (? IS NULL OR o.wijk = ?)
        ORDER BY o.file_row_number
    """
    return _q(sql, [jaar, wijk, wijk], "woonoverlast", "bronnen")


def woonoverlast_most_open(jaar: int) -> pd.DataFrame:
    """The wijk (or wijken, when tied) with the most lopende woonoverlast cases in ``jaar``."""
    sql = """
        WITH per_wijk AS (
            SELECT wijk, CAST(sum(aantal) AS BIGINT) AS lopend FROM woonoverlast
            WHERE jaar = ? AND status = 'lopend' GROUP BY wijk
        )
        SELECT wijk, lopend FROM per_wijk WHERE lopend = (SELECT max(lopend) FROM per_wijk) ORDER BY wijk
    """
    return _q(sql, [jaar], "woonoverlast")


def camera_locations(wijk: str | None) -> pd.DataFrame:
    """Camera surveillance locations; in one wijk or all (None)."""
    sql = """
        SELECT c.locatie_id, c.naam, c.omschrijving, c.wijk, c.wijk_herkomst, c.type, c.jaar_van, c.jaar_tot,
               c.lat, c.lon, c.coordinaten, c.coordinaten_herkomst, b.titel AS bron, c.vindplaats
        FROM camera_locaties c JOIN bronnen b ON b.bron_id = c.bron_id
        WHERE (? IS NULL OR c.wijk = ?)
        ORDER BY c.file_row_number
    """
    return _q(sql, [wijk, wijk], "camera_locaties", "bronnen")


def speerpunten(periode: str | None = None) -> pd.DataFrame:
    """Priorities and speerpunten per policy period, with the label of their effect indicator."""
    sql = """
        SELECT s.periode, s.kader, s.nummer, s.naam, s.effectindicator, i.label AS effectindicator_label,
               s.beoogd_effect, s.opvolger, b.titel AS bron, s.vindplaats
        FROM speerpunten s
        LEFT JOIN indicatoren i ON i.indicator_id = s.effectindicator
        JOIN bronnen b ON b.bron_id = s.bron_id
        WHERE (? IS NULL OR s.periode = ?)
        ORDER BY s.periode, s.kader, s.nummer
    """
    return _q(sql, [periode, periode], "speerpunten", "indicatoren", "bronnen")


def latest_speerpunten() -> pd.DataFrame:
    """The speerpunten of the most recent policy period of the municipality itself."""
    sql = """
        SELECT periode, nummer, naam FROM speerpunten
        WHERE kader LIKE 'Gemeente%' AND periode = (SELECT max(periode) FROM speerpunten WHERE kader LIKE 'Gemeente%')
        ORDER BY nummer
    """
    return _q(sql, [], "speerpunten")


def finances(jaar: int | None = None) -> pd.DataFrame:
    """Lasten, baten, reserves and saldo per doelstelling (x EUR 1.000), one year or all."""
    sql = """
        SELECT f.jaar, f.regel, f.omschrijving, f.post, f.bedrag, f.afgeleid, b.titel AS bron, f.vindplaats, f.toelichting
        FROM financien f JOIN bronnen b ON b.bron_id = f.bron_id
        WHERE (? IS NULL OR f.jaar = ?)
        ORDER BY f.file_row_number
    """
    return _q(sql, [jaar, jaar], "financien", "bronnen")


def quality_notes(onderwerp: str | None = None) -> pd.DataFrame:
    """Data-quality notes: contradictions in the sources and the choice made; one topic or all."""
    sql = """
        SELECT k.notitie_id, k.onderwerp, k.omschrijving, k.waarde_tekst, k.waarde_tabel, k.keuze,
               b.titel AS bron, k.vindplaats
        FROM kwaliteit k JOIN bronnen b ON b.bron_id = k.bron_id
        WHERE (? IS NULL OR k.onderwerp = ?)
        ORDER BY k.file_row_number
    """
    return _q(sql, [onderwerp, onderwerp], "kwaliteit", "bronnen")


def source_documents() -> pd.DataFrame:
    """The source documents with what each holds."""
    return _q("SELECT bron_id, titel, uitgever, verslagperiode, omschrijving FROM bronnen ORDER BY file_row_number", [], "bronnen")


def whole_table(table: str) -> pd.DataFrame:
    """Every row of one published table, for the data page (``table`` must be in the allow-list)."""
    if table not in PUBLISHED:
        raise ValueError(f"unknown table {table!r}")
    return _q(f"SELECT * EXCLUDE (file_row_number) FROM {table} ORDER BY file_row_number", [], table)


def finance_years() -> list[int]:
    """Years with financial figures, ascending."""
    return _years("financien")


# Police open data (CBS 47018NED/47022NED). Yearly rows only (maand = 0): months are never added
# to years. Wijk figures come from the WK rows, mapped to a wijk for their year; buurt rows are not
# summed on top. 0.0.0 is the total of all crimes and is never added to its parts.
_HIC = """
    WITH hic AS (SELECT unnest(?::VARCHAR[]) AS categorie, unnest(?::VARCHAR[]) AS misdrijf_code)
"""
POLICE_LABELS = {"totaal": "Alle misdrijven", "woninginbraak": "Woninginbraak", "straatroof": "Straatroof",
                 "overvallen": "Overvallen", "geweld": "Geweld"}


def _hic_params() -> list:
    from ivb.politie import HIC_CODES, TOTAL_CODE

    pairs = [("totaal", TOTAL_CODE)] + [(cat, code) for cat, codes in HIC_CODES.items() for code in codes]
    return [[c for c, _ in pairs], [m for _, m in pairs]]


def _placeholders(values: list) -> str:
    return ", ".join("?" for _ in values)


def _police_yearly(codes: list[str], jaar_van: int, jaar_tot: int) -> tuple[str, list]:
    """CTEs ``hic`` and ``yearly``: per region, year and crime one yearly count.

    The year row (JJ00) when the file has one; otherwise the sum of the month rows, marked
    incomplete when months are missing or suppressed. Month and year rows are never added
    together. The region and crime codes are constants in an IN list, so DuckDB skips the
    Parquet row groups of other regions (the file is sorted by region).
    """
    labels, crime_codes = _hic_params()
    sql = f"""
        WITH hic AS (SELECT unnest(?::VARCHAR[]) AS categorie, unnest(?::VARCHAR[]) AS misdrijf_code),
        scoped AS (
            SELECT * FROM politie_misdrijven
            WHERE regio_code IN ({_placeholders(codes)}) AND misdrijf_code IN ({_placeholders(crime_codes)})
              AND jaar BETWEEN ? AND ?
        ),
        yearly AS (
            SELECT regio_code, jaar, misdrijf_code,
                   CASE WHEN bool_or(maand = 0) THEN max(aantal) FILTER (WHERE maand = 0)
                        ELSE sum(aantal) FILTER (WHERE maand > 0) END AS aantal,
                   CASE WHEN bool_or(maand = 0) THEN bool_or(maand = 0 AND aantal IS NULL)
                        ELSE count(*) FILTER (WHERE maand > 0) < 12 OR bool_or(aantal IS NULL) END AS onvolledig,
                   string_agg(DISTINCT bestand || ', ingelezen ' || importdatum, '; ') AS vindplaats
            FROM scoped GROUP BY regio_code, jaar, misdrijf_code
        )
    """
    return sql, [labels, crime_codes, *codes, *crime_codes, jaar_van, jaar_tot]


_POLICE_SHAPE = """
    SELECT h.categorie AS indicator_id, w.wijk AS label_wijk, 'aantal' AS eenheid, y.jaar, '' AS categorie,
           'realisatie' AS type, CAST(sum(y.aantal) AS DOUBLE) AS waarde, false AS afgeleid,
           bool_or(y.onvolledig OR y.aantal IS NULL) AS benaderd,
           'Politie, geregistreerde misdrijven (CBS open data, CC BY 4.0)' AS bron,
           string_agg(DISTINCT y.vindplaats, '; ') AS vindplaats
    FROM yearly y
    JOIN hic h USING (misdrijf_code)
    JOIN wijkcodes w ON w.code = y.regio_code AND y.jaar BETWEEN w.jaar_van AND w.jaar_tot
"""


def _wijk_codes(wijk: str | None) -> list[str]:
    """The WK codes that wijkcodes.csv maps to ``wijk`` (or to any wijk) in some year."""
    sql = "SELECT DISTINCT code FROM wijkcodes WHERE code LIKE 'WK%' AND (? IS NULL OR wijk = ?) ORDER BY code"
    return _q(sql, [wijk, wijk], "wijkcodes")["code"].tolist()


def police_loaded() -> bool:
    """Whether any police open data has been imported."""
    return bool(_q("SELECT count(*) AS n FROM politie_misdrijven", [], "politie_misdrijven")["n"].iloc[0])


def police_wijk_trend(wijk: str, jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Registered crimes per year in one wijk: all crimes and the four High Impact Crimes (police open data)."""
    codes = _wijk_codes(wijk)
    if not codes:
        return _label_police(pd.DataFrame(columns=_POLICE_COLUMNS))
    ctes, params = _police_yearly(codes, jaar_van, jaar_tot)
    sql = ctes + _POLICE_SHAPE + " WHERE w.wijk = ? GROUP BY ALL ORDER BY h.categorie, y.jaar"
    return _label_police(_q(sql, [*params, wijk], "politie_misdrijven", "wijkcodes"))


def police_city_trend(jaar_van: int, jaar_tot: int) -> pd.DataFrame:
    """Registered crimes per year for the whole city (GM0637): all crimes and the High Impact Crimes."""
    from ivb.politie import GEMEENTE_CODE

    ctes, params = _police_yearly([GEMEENTE_CODE], jaar_van, jaar_tot)
    shape = _POLICE_SHAPE.replace("w.wijk AS label_wijk", "'Zoetermeer' AS label_wijk").replace(
        "JOIN wijkcodes w ON w.code = y.regio_code AND y.jaar BETWEEN w.jaar_van AND w.jaar_tot", "")
    sql = ctes + shape + " GROUP BY ALL ORDER BY h.categorie, y.jaar"
    return _label_police(_q(sql, params, "politie_misdrijven"))


def police_wijken_compared(jaar: int) -> pd.DataFrame:
    """All registered crimes per wijk in one year, to compare the wijken (police open data)."""
    codes = _wijk_codes(None)
    if not codes:
        frame = pd.DataFrame(columns=_POLICE_COLUMNS)
    else:
        ctes, params = _police_yearly(codes, jaar, jaar)
        sql = ctes + _POLICE_SHAPE + " WHERE h.categorie = 'totaal' GROUP BY ALL ORDER BY waarde DESC NULLS LAST"
        frame = _q(sql, params, "politie_misdrijven", "wijkcodes")
    frame["indicator_id"] = frame["label_wijk"]
    frame["label"] = frame["label_wijk"]
    return frame.drop(columns="label_wijk")


_POLICE_COLUMNS = ["indicator_id", "label_wijk", "eenheid", "jaar", "categorie", "type", "waarde", "afgeleid", "benaderd",
                   "bron", "vindplaats"]


def _label_police(frame: pd.DataFrame) -> pd.DataFrame:
    frame["label"] = frame["indicator_id"].map(POLICE_LABELS)
    order = list(POLICE_LABELS)
    frame["volgorde"] = frame["indicator_id"].map(order.index)
    return frame.sort_values(["volgorde", "jaar"]).drop(columns=["volgorde", "label_wijk"]).reset_index(drop=True)


def police_years() -> list[int]:
    """Years with police figures, ascending: a year of month rows only (47022NED) counts too."""
    return _years("politie_misdrijven")


def police_unmapped() -> pd.DataFrame:
    """Wijk and buurt codes that wijkcodes.csv does not place in a wijk for their year."""
    sql = """
        SELECT p.regio_code, p.soort_regio, p.jaar, count(*) AS regels
        FROM politie_misdrijven p
        LEFT JOIN wijkcodes w ON w.code = p.regio_code AND p.jaar BETWEEN w.jaar_van AND w.jaar_tot
        WHERE p.soort_regio <> 'gemeente' AND w.code IS NULL
        GROUP BY ALL ORDER BY p.regio_code, p.jaar
    """
    return _q(sql, [], "politie_misdrijven", "wijkcodes")


def city_totals_compared() -> pd.DataFrame:
    """Where the documents and the police both give a city total for the same year and crime: both, and the difference."""
    sql = _HIC + """
        , police AS (
            SELECT p.jaar, h.categorie, sum(p.aantal) AS politie, bool_or(p.aantal IS NULL) AS onvolledig
            FROM politie_misdrijven p JOIN hic h USING (misdrijf_code)
            WHERE p.soort_regio = 'gemeente' AND p.maand = 0 GROUP BY ALL
        ), documents AS (
            SELECT w.jaar, m.categorie, w.waarde AS documenten, b.titel AS bron
            FROM waarden w
            JOIN (VALUES ('misdrijven_totaal', 'totaal'), ('woninginbraken', 'woninginbraak'), ('hic_geweld', 'geweld'),
                         ('hic_straatroof', 'straatroof'), ('hic_overvallen', 'overvallen')) m(indicator_id, categorie)
              USING (indicator_id)
            JOIN bronnen b ON b.bron_id = w.bron_id
            WHERE w.type = 'realisatie' AND w.gebied = ?
        )
        SELECT d.jaar, d.categorie, d.documenten, CAST(p.politie AS DOUBLE) AS politie,
               CAST(p.politie AS DOUBLE) - d.documenten AS verschil, p.onvolledig, d.bron
        FROM documents d JOIN police p USING (jaar, categorie)
        ORDER BY d.jaar, d.categorie
    """
    frame = _q(sql, [*_hic_params(), config.GEMEENTE], "politie_misdrijven", "waarden", "bronnen")
    frame["misdrijf"] = frame["categorie"].map(POLICE_LABELS)
    return frame
