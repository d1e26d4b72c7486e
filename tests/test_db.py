"""Named queries against the built data, bound parameters and the locked-down connection."""

from __future__ import annotations

import duckdb
import pytest

from ivb import db


def value(frame, indicator_id, jaar, type_="realisatie"):
    row = frame[(frame["indicator_id"] == indicator_id) & (frame["jaar"] == jaar) & (frame["type"] == type_)]
    assert len(row) == 1
    return row["waarde"].iloc[0]


def test_woninginbraak_2017_is_247():
    assert value(db.hic_breakdown(2014, 2024), "woninginbraken", 2017) == 247


def test_hic_2016_adds_up_from_its_four_parts():
    parts = db.hic_breakdown(2016, 2016)
    total = db.crime_trend(2016, 2016)
    assert parts["waarde"].sum() == value(total, "hic_totaal", 2016) == 1015


def test_year_filter_limits_the_rows():
    trend = db.woninginbraken_trend(2016, 2023)
    assert sorted(trend["jaar"].unique()) == [2016, 2017, 2023]
    assert value(trend, "woninginbraken", 2023, "begroting") == 180


def test_available_years_have_the_gap_the_documents_have():
    assert db.available_years() == [2014, 2015, 2016, 2017, 2023, 2024]


def test_woonoverlast_per_wijk_and_the_wijk_with_most_open_cases():
    cases = db.woonoverlast_per_wijk(2024, None)
    assert cases["aantal"].sum() == 210
    assert cases[cases["status"] == "lopend"]["aantal"].sum() == 142
    meerzicht = db.woonoverlast_per_wijk(2024, "Meerzicht")
    assert set(meerzicht["wijk"]) == {"Meerzicht"} and meerzicht["aantal"].sum() == 46
    most = db.woonoverlast_most_open(2024)
    assert most.to_dict("records") == [{"wijk": "Meerzicht", "lopend": 31}]


@pytest.mark.parametrize("hostile", ["' OR 1=1 --", "Centrum'; DROP TABLE woonoverlast; --", "<script>alert(1)</script>"])
def test_hostile_wijk_is_a_value_not_sql(hostile):
    assert db.woonoverlast_per_wijk(2024, hostile).empty
    assert db.camera_locations(hostile).empty
    assert db.woonoverlast_per_wijk(2024, None)["aantal"].sum() == 210


def test_camera_locations_filter_by_wijk():
    assert len(db.camera_locations(None)) == 4
    assert db.camera_locations("Buytenwegh")["naam"].tolist() == ["Klein gebied in Buytenwegh"]


def test_connection_refuses_files_outside_the_data_directory():
    con = db.database().con.cursor()
    with pytest.raises(duckdb.Error, match="disabled by configuration|Permission"):
        con.execute("SELECT * FROM read_csv('/etc/passwd')").fetchall()
    with pytest.raises(duckdb.Error, match="locked"):
        con.execute("SET enable_external_access = true")


def test_whole_table_only_takes_published_tables():
    with pytest.raises(ValueError):
        db.whole_table("woonoverlast; DROP TABLE waarden")
    assert len(db.whole_table("waarden")) > 100


def test_missing_parquet_gives_a_clear_error_naming_the_file(use_data_dir):
    (use_data_dir / "woonoverlast.parquet").unlink()
    with pytest.raises(db.DataUnavailableError, match=r"'woonoverlast.parquet' \(tabel woonoverlast\) .* ontbreekt"):
        db.woonoverlast_per_wijk(2024, None)
    assert value(db.hic_breakdown(2014, 2024), "woninginbraken", 2017) == 247  # other tables still answer


def test_corrupt_parquet_gives_a_clear_error(use_data_dir):
    (use_data_dir / "camera_locaties.parquet").write_bytes(b"not a parquet file")
    with pytest.raises(db.DataUnavailableError, match="camera_locaties.parquet.*onleesbaar"):
        db.camera_locations(None)


def test_effect_indicators_pair_realisatie_with_begroting():
    effect = db.effect_indicators()
    assert set(effect["indicator_id"]) == {"woninginbraken", "rapportcijfer_buurt", "rapportcijfer_stad"}
    row = effect[(effect["indicator_id"] == "rapportcijfer_stad") & (effect["jaar"] == 2024)].iloc[0]
    assert (row["realisatie"], row["begroting"]) == (7.6, 7.4)


def test_year_filter_survives_one_missing_table(use_data_dir):
    (use_data_dir / "woonoverlast.parquet").unlink()
    assert db.available_years() == [2014, 2015, 2016, 2017, 2023, 2024]
    (use_data_dir / "waarden.parquet").unlink()
    with pytest.raises(db.DataUnavailableError):
        db.available_years()


def test_data_version_changes_when_a_build_replaces_a_file(use_data_dir):
    # The page caches key on this version, so a rebuilt file is never answered from the cache.
    from ivb.build import build

    before = db.data_version("waarden", "politie_misdrijven")
    build(use_data_dir / "bronnen", use_data_dir)
    assert db.data_version("waarden", "politie_misdrijven") != before
