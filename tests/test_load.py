"""The load generator (bench/proto_load.py over bench/stclient.py) runs and gives well-formed figures.

No time limit is asserted: how fast the dashboard is, is measured by the benchmark scripts and written up in
docs/LOAD.md and docs/PERFORMANCE.md. Traffic goes to 127.0.0.1 only, a few sessions for a few seconds.
"""

from __future__ import annotations

import asyncio
import dataclasses
import math
import os
import time

import pytest

from bench import proto_load, stclient
from ivb import config
from ivb.localserver import LocalServer


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory):
    server = LocalServer(config.data_dir(), tmp_path_factory.mktemp("logs") / "empty.log", app=proto_load.EMPTY_APP)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    server = LocalServer(config.data_dir(), tmp_path_factory.mktemp("logs") / "dashboard.log")
    yield server
    server.stop()


def well_formed(row: proto_load.Row, readers: list[proto_load.Reader]) -> None:
    """The row holds what its readers recorded: one rerun per recorded run time, the percentiles (nearest rank, written
    out here) and the maximum of those times, as many errors as the readers met (none), and a measured server."""
    times = sorted(t * 1000 for r in readers for t in r.times)
    assert row.errors == sum(len(r.errors) for r in readers) == 0, row.first_error
    assert row.sessions == len(readers) and row.reruns == len(times) > 0 and times[0] > 0
    for q, value in ((50, row.p50_ms), (95, row.p95_ms), (99, row.p99_ms)):
        assert value == round(times[max(1, math.ceil(q / 100 * len(times))) - 1], 1), f"p{q}"
    assert row.max_ms == round(times[-1], 1)
    assert math.isclose(row.per_second, row.reruns / row.seconds, rel_tol=0.05)
    assert row.rss_mb > 20 and row.cpu_percent >= 0


def test_readers_of_an_empty_app_give_the_figures_of_their_recorded_runs(empty_server, monkeypatch):
    readers: list[proto_load.Reader] = []

    class Recorded(proto_load.Reader):  # the load generator's own readers, kept to compare their times with the row
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            readers.append(self)

    monkeypatch.setattr(proto_load, "Reader", Recorded)
    row = stclient.run_blocking(proto_load.load(empty_server.url, 3, 0.0, 2.0, empty_server.process.pid, "leeg", [""]))
    well_formed(row, readers)
    assert row.sessions == 3 and row.reruns >= 3
    # The check catches a row whose figures are not those of the runs: a p95 above the slowest run, a run not counted.
    for wrong in (dataclasses.replace(row, p95_ms=row.max_ms + 1), dataclasses.replace(row, reruns=row.reruns - 1)):
        with pytest.raises(AssertionError):
            well_formed(wrong, readers)


def test_readers_of_the_dashboard_change_wijk_years_choices_and_pages_without_errors(dashboard):
    readers = [proto_load.Reader(dashboard.url, seed, 0.0, None) for seed in (1, 2)]

    async def live():  # five runs each (a busy machine takes longer; two minutes at most)
        until = time.monotonic() + 120
        await asyncio.gather(*(r.live(until, 0, runs=5) for r in readers))

    stclient.run_blocking(live())
    assert all(not r.errors for r in readers), [r.errors for r in readers]
    assert [len(r.times) for r in readers] == [5, 5]
    # The readers found the shared filters and the pages of the app in the protocol.
    session = readers[0].session
    assert {"Wijk", "Jaren"} <= set(session.widgets) and {"criminaliteit", "woonoverlast"} <= set(session.pages)


def test_a_reader_sees_the_wijk_it_chose(dashboard):
    async def visit():
        session = stclient.Session(dashboard.url)
        await session.connect()
        try:
            await session.run(page="")
            await session.run(page="woonoverlast")
            return await session.run(widgets={"Wijk": "Meerzicht"}, query="wijk=Meerzicht"), session
        finally:
            await session.close()

    run, session = stclient.run_blocking(visit())
    assert run.status == 0 and not run.exceptions and not run.errors
    assert session.widgets["Wijk"].value == "Meerzicht"
    assert run.elements.get("vega_lite_chart", 0) >= 1


def test_the_report_has_dutch_numbers_and_names_the_knee():
    rows = [proto_load.Row("dashboard", n, 5.0, 60.0, r, r / 60, p50, p95, p95, p95, 0, 300.0, 50.0)
            for n, r, p50, p95 in ((10, 120, 40.0, 120.0), (50, 600, 90.0, 800.0), (100, 900, 900.0, 4200.0))]
    text = proto_load.report(rows, "python bench/proto_load.py", "0")
    assert "| dashboard | 50 | 5,0 | 600 | 10,0 | 90 | 800 |" in text
    assert "| 4.200 |" in text
    assert "Tot en met 50 sessies blijft de p95 binnen 1000 ms zonder fouten; bij 100 sessies niet meer." in text


def test_the_client_refuses_a_streamlit_it_was_not_checked_against():
    stclient.check_version("1.67.3")
    with pytest.raises(stclient.ProtocolError, match="STREAMLIT_RANGE"):
        stclient.check_version("1.80.0")


def test_percentiles_by_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert proto_load.percentile(values, 50) == 50 and proto_load.percentile(values, 95) == 95
    assert proto_load.percentile(values, 99) == 99 and proto_load.percentile([], 50) is None


def test_a_long_run_reports_how_much_the_memory_grew_in_its_second_half():
    trace = tuple((float(minute), 300.0 + (minute if minute <= 30 else 30 + (minute - 30) * 0.2)) for minute in range(1, 61))
    row = proto_load.Row("dashboard", 50, 5.0, 3600.0, 36000, 10.0, 40.0, 120.0, 300.0, 900.0, 0, 360.0, 30.0, "", trace)
    text = "\n".join(proto_load.rss_lines([row]))
    assert "| RSS (MB) | 301 | 302 |" in text
    # minute 31 (the middle sample): 330,2 MB; minute 60: 336,0 MB
    assert "In de tweede helft (minuut 31 tot 60) groeide het geheugen 6 MB (1,8 %, 0,2 MB per minuut)." in text


def test_a_process_says_it_is_ready_only_once_it_made_every_page(tmp_path):
    from ivb.site import PAGES
    from ivb.ui.sidebar import wijk_names

    server = LocalServer(config.data_dir(), tmp_path / "ready.log", env={"IVB_WARMUP": "1"}, ready=True, timeout=300)
    try:
        log = (tmp_path / "ready.log").read_text()
        made = f"{len(PAGES) * (1 + len(wijk_names()))} pagina's voorbereid"
        assert made in log and "klaar voor lezers" in log and server.ready_seconds > 0
        run = stclient.run_blocking(_first_page(server.url))
        assert not run.exceptions and not run.errors and run.elements.get("vega_lite_chart", 0) >= 1
    finally:
        server.stop()


async def _first_page(url: str):
    session = stclient.Session(url)
    await session.connect()
    try:
        return await session.run(page="")
    finally:
        await session.close()


def test_the_memory_probe_makes_pages_in_rounds_and_reports_the_memory_after_each(invented, capsys):
    from bench import memory_probe

    sizes = memory_probe.main(["--rounds", "2", "--pages", "2"])
    assert len(sizes) == 2 and all(size > 50 for size in sizes)  # MB: a process with pandas, DuckDB and Altair loaded
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("ronde 1: RSS ") and "pagina's" in printed[0]


@pytest.mark.skipif(not hasattr(os, "SCHED_BATCH"), reason="SCHED_BATCH is Linux only")
def test_the_dashboard_process_runs_under_sched_batch_unless_told_not_to(dashboard, empty_server, tmp_path):
    # Every thread the server starts inherits the policy: the event loop sends piled-up messages in one go.
    threads = [int(t) for t in os.listdir(f"/proc/{dashboard.process.pid}/task")]
    assert len(threads) > 1 and {os.sched_getscheduler(t) for t in threads} == {os.SCHED_BATCH}
    # The floor of the benchmarks runs on the same terms.
    assert os.sched_getscheduler(empty_server.process.pid) == os.SCHED_BATCH
    plain = LocalServer(config.data_dir(), tmp_path / "plain.log", env={"IVB_SCHED_BATCH": "0", "IVB_WARMUP": "0"})
    try:
        assert os.sched_getscheduler(plain.process.pid) == os.SCHED_OTHER
    finally:
        plain.stop()


def test_the_months_benchmark_imports_a_national_file_and_finds_a_wijks_twelve_months(invented, tmp_path):
    """bench/months.py on a tiny national file (bench/national.py: invented counts, Zoetermeer's codes from the
    invented wijkcodes, three invented municipalities): the import keeps Zoetermeer's rows only, and a wijk's last
    twelve months are the same whether the Parquet holds Zoetermeer or the whole country. No time is asserted."""
    import pandas as pd

    from bench import months, national

    csv_file = national.generate(tmp_path / "land", regions=160, sources=invented / "bronnen")
    rows = pd.read_csv(csv_file, sep=";", dtype=str, keep_default_na=False)
    assert "elk aantal is verzonnen" in (tmp_path / "land" / "README.txt").read_text().lower()
    data = months.copy_data(tmp_path / "copy")
    imported, _ = months.child(["--child", "import", "--data", str(data), "--arg", str(csv_file)])
    assert imported is not None and imported["rc"] == 0, "the import failed"
    codes = rows["WijkenEnBuurten"].str.strip()
    own = codes.str.match(r"^(GM|WK|BU)0637")
    assert 0 < own.sum() < len(rows)
    dutch = "{:,}".format  # the CLI writes Dutch thousands: 3.540
    assert f"van Zoetermeer: {dutch(own.sum()).replace(',', '.')} " in imported["output"]
    assert f"andere gemeenten overgeslagen: {dutch(len(rows) - own.sum()).replace(',', '.')}" in imported["output"]
    # Meerzicht is invented WK063705 in the 2025 indeling: its own row per month (all crime) is its figure.
    meerzicht = rows[(codes == "WK063705") & (rows["SoortMisdrijf"].str.strip() == "0.0.0")]
    expected = float(pd.to_numeric(meerzicht["GeregistreerdeMisdrijven_1"]).sum())
    land = tmp_path / "land-parquet"
    assert months.national_parquet(csv_file, config.tables_dir(data), land) > len(rows) - 12 * 59 - 1
    for directory in (data, land):
        answer, _ = months.child(["--child", "query", "--data", str(directory), "--arg", "Meerzicht", "--runs", "1"])
        assert answer is not None, f"the query failed on {directory.name}"
        assert answer["months"] == 12 and answer["total"] == expected
        assert answer["row_groups"][0] >= 1


def test_the_kept_pages_bench_shows_pickled_and_frozen_pages_hide_from_the_collector(invented):
    from bench import kept_pages

    text = kept_pages.main([])
    counts = [int(line.split("|")[2].replace(".", "")) for line in text.splitlines() if line.startswith("| pagina's")]
    assert len(counts) == 3 and counts[0] > counts[1] > counts[2], text
