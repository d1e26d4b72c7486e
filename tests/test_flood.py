"""One websocket that floods the server with rerun requests must not stall the other readers.

With Streamlit's default ``runner.fastReruns = true`` every rerun request stops the session's run and starts a new
script thread at once: 3.000 requests sent without reading made another reader wait half a minute for a page of
60 ms (bench/flood_probe.py, docs/LOAD.md). The project sets it to false (.streamlit/config.toml), so the requests of
one session merge into one rerun. The size of the effect is measured by the benchmark, not asserted here.
"""

from __future__ import annotations

import tomllib

import pytest
import streamlit.config

from bench import flood_probe, stclient
from ivb import config
from ivb.localserver import LocalServer


def test_the_requests_of_one_session_merge_into_one_rerun():
    settings = tomllib.loads((config.PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["runner"]["fastReruns"] is False
    # The option must still exist in this Streamlit: a renamed or dropped option would be ignored without a word.
    assert streamlit.config.get_option("runner.fastReruns") in (True, False)


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    server = LocalServer(config.data_dir(), tmp_path_factory.mktemp("logs") / "flood.log")
    yield server
    server.stop()


def test_a_reader_gets_every_page_while_another_session_floods_the_server(dashboard):
    # 400 requests (bounded), on 127.0.0.1; the flooding session itself ends with a finished run.
    outcome = stclient.run_blocking(flood_probe.probe(dashboard.url, 400, reads=2))
    assert len(outcome.flooded) == len(outcome.after) == 2
    assert outcome.runs_started >= 1
