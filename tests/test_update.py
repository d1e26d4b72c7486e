"""``python -m ivb update`` against a local stub of CBS's OData service (127.0.0.1 only, a handful of requests).

Every answer of the stub is invented (see ``INVENTED_CBS``): the layout follows CBS's TypedDataSet JSON, the
numbers are made up. A normal answer is imported; offline, a timeout, an HTTP 500 and a changed column change nothing.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from cbs_stub import INVENTED_CBS as STUB_CBS
from cbs_stub import populations, serving
from fixtures import INVENTED, parquet, snapshot, source_bytes, source_path, write_invented

from ivb.__main__ import main
from ivb.queries import police_counts as police
from ivb.sources import cbs

# Invented CBS answers: those of the stub (GM0637: its 2024 police rows, wijk WK063701 in 85984NED), with a 2025
# population for GM0637 instead of GM9001.
INVENTED_CBS = {**STUB_CBS, "70072ned/TypedDataSet": populations(("GM0637", 2025, 101000))}


@pytest.fixture
def stub(monkeypatch):
    """The local stub (tests/cbs_stub.py) serving this file's invented tables."""
    with serving(monkeypatch) as running:
        running.answers = INVENTED_CBS
        monkeypatch.setenv("IVB_CBS_TIMEOUT", "1")
        yield running


@pytest.fixture
def data(tmp_path, monkeypatch):
    """The invented sources, with an invented 1 January 2024 row for Centrum that 85984NED refreshes."""
    people = INVENTED["wijk_inwoners"] + "2024,2025,WK063701,Verzonnen Centrum,Centrum,5000,2500,100,5000,nee,pop_test,verzonnen,\n"
    target = write_invented(tmp_path / "data", wijk_inwoners=people)
    monkeypatch.setenv("IVB_DATA_DIR", str(target))
    return target


def test_a_normal_answer_is_imported_through_the_same_checks(stub, data, capsys):
    assert main(["update"]) == 0
    out, err = capsys.readouterr()
    assert "politie_misdrijven" in out and "wijkindeling 2025" in out
    assert "[#--] 2/3 70072ned" in err and "[##-] 3/3 85984NED" in err  # the progress bar names each step
    assert police.police_wijk_trend("Meerzicht", 2024, 2024).set_index("indicator_id").loc["totaal", "waarde"] == 123
    people = pd.read_csv(source_path(data / "bronnen", "gemeente_inwoners"), dtype=str)
    assert people.query("gemeentecode == 'GM0637' and jaar == '2025'")["gemiddeld_aantal_inwoners"].tolist() == ["101000"]
    wijk = pd.read_parquet(parquet(data, "wijk_inwoners")).query("jaar == 2024 and wijk == 'Centrum'")
    assert wijk["inwoners"].tolist() == [5100] and wijk["woningen"].tolist() == [2600]
    assert wijk["bron_id"].tolist() == ["cbs_85984ned_odata_gm0637"]  # a refreshed figure names where it now comes from
    # The police rows name their source as an import-politie does: 47018NED, fetched from CBS today.
    rows = pd.read_parquet(parquet(data, "politie_misdrijven"))
    source = pd.read_parquet(parquet(data, "open_data_bronnen")).set_index("bron_id").loc[rows["bron_id"].unique()]
    assert len(source) == 1 and source["tabel"].tolist() == ["47018NED"]
    assert "CBS open data" in source["opgehaald_uit"].iloc[0] and "127.0.0.1" in source["opgehaald_uit"].iloc[0]
    assert str(source["opgehaald_op"].iloc[0])[:10] == date.today().isoformat()
    assert main(["update"]) == 0 and "Niets veranderd" in capsys.readouterr().out


@pytest.mark.parametrize(("knob", "value", "message"), [
    ("slow", 2.0, "CBS gaf voor tabel 47018NED binnen 1 s geen antwoord"),
    ("fail", "dataderden", "CBS antwoordde voor tabel 47018NED met HTTP 500"),
    ("renamed", True, "tabel 47018NED van CBS heeft geen kolom GeregistreerdeMisdrijven meer"),
])
def test_a_failed_step_names_itself_and_changes_nothing(stub, data, capsys, knob, value, message):
    setattr(stub, knob, value)
    before = snapshot(data), source_bytes(data)
    assert main(["update"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Er is niets veranderd" in err
    assert (snapshot(data), source_bytes(data)) == before


def test_offline_it_says_so_and_changes_nothing(data, monkeypatch, capsys):
    # A port on 127.0.0.1 where nothing listens: the connection is refused, as on a machine without internet.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("IVB_CBS_URL", f"http://127.0.0.1:{port}/ODataApi/odata")
    monkeypatch.setenv("IVB_CBS_DERDEN_URL", f"http://127.0.0.1:{port}/ODataApi/OData")
    before = source_bytes(data)
    assert main(["update"]) == 1
    err = capsys.readouterr().err
    assert "geen verbinding met CBS open data" in err and "offline" in err and "Er is niets veranderd" in err
    assert source_bytes(data) == before


def test_a_column_is_found_without_its_ordinal_suffix():
    rows = [{"AantalInwoners_7": 1, "Woningvoorraad": 2}]
    assert cbs.column(rows, "AantalInwoners", "85984NED") == "AantalInwoners_7"
    assert cbs.column(rows, "Woningvoorraad", "85984NED") == "Woningvoorraad"
    with pytest.raises(cbs.UpdateError, match="geen kolom Bevolkingsdichtheid meer"):
        cbs.column(rows, "Bevolkingsdichtheid", "85984NED")
