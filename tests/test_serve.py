"""Two dashboard processes behind nginx (ivb/serve.py, `make serve N=2`): a browser stays on one process, new
browsers are spread over both, a reader's pages run through the load balancer, no other site may frame the
dashboard, and a killed process is restarted while the site keeps answering. Traffic to 127.0.0.1 only, bounded.

Needs nginx (Debian's package); .ci/run installs it and sets IVB_REQUIRE_NGINX, so in CI a missing nginx fails.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest

from bench import stclient
from ivb import serve
from ivb.localserver import free_port

HAS_NGINX = bool(shutil.which("nginx")) or Path("/usr/sbin/nginx").exists()
if not HAS_NGINX and os.environ.get("IVB_REQUIRE_NGINX"):
    raise RuntimeError("nginx ontbreekt, maar IVB_REQUIRE_NGINX is gezet")
pytestmark = pytest.mark.skipif(not HAS_NGINX, reason="nginx ontbreekt (apt-get install nginx)")


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    running = serve.Replicas(2, free_port(), tmp_path_factory.mktemp("serve"))
    yield running
    running.stop()


def get(url: str, cookie: str | None = None) -> str:
    """GET ``url``; the route cookie nginx set (or the one sent)."""
    request = urllib.request.Request(url, headers={"Cookie": f"{serve.ROUTE_COOKIE}={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name == serve.ROUTE_COOKIE:
                return rest.split(";", 1)[0]
    raise AssertionError("nginx zette geen route-cookie")


def upstreams(log: Path) -> dict[str, set[str]]:
    """Route -> the processes (upstream addresses) that served it, from nginx's access log."""
    served = defaultdict(set)
    for line in log.read_text().splitlines():
        _time, _status, route, upstream, *_ = line.split()
        served[route].add(upstream)
    return served


def test_a_browser_stays_on_one_process_and_new_browsers_use_both(replicas):
    routes = [get(f"{replicas.url}/_stcore/health") for _ in range(16)]  # sixteen new browsers
    for route in routes[:4]:
        for _ in range(5):
            assert get(f"{replicas.url}/_stcore/health", cookie=route) == route
    served = upstreams(replicas.access_log)
    assert all(len(served[route]) == 1 for route in routes), "één browser werd door twee processen bediend"
    assert len({next(iter(served[route])) for route in routes}) == 2, "de nieuwe browsers kwamen allemaal bij één proces"


def test_a_reader_runs_pages_through_the_load_balancer(replicas):
    async def visit():
        session = stclient.Session(replicas.url)
        await session.connect()  # takes the route cookie of the first GET, like a browser
        try:
            await session.run(page="")
            first = await session.run(page="woonoverlast")
            changed = await session.run(widgets={"Wijk": "Meerzicht"}, query="wijk=Meerzicht")
            return first, changed
        finally:
            await session.close()

    first, changed = stclient.run_blocking(visit())
    for run in (first, changed):
        assert run.status == 0 and not run.exceptions and not run.errors
        assert run.elements.get("vega_lite_chart", 0) >= 1


def new_session(url: str, site: str | None = None, cookie: str | None = None):
    """Open the websocket through nginx as a browser of ``site`` (host:port; default 127.0.0.1) with the route
    ``cookie``, ask for a run and return Streamlit's ``new_session`` message."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    port = int(url.rsplit(":", 1)[1])
    site = site or f"127.0.0.1:{port}"
    headers = {"Origin": f"http://{site}", **({"Cookie": f"{serve.ROUTE_COOKIE}={cookie}"} if cookie else {})}

    async def first_message():
        async with websockets.connect(f"ws://{site}/_stcore/stream", host="127.0.0.1", port=port,
                                      subprotocols=["streamlit"], additional_headers=headers, open_timeout=20) as ws:
            await ws.send(BackMsg(rerun_script=ClientState()).SerializeToString())
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(ws.recv(), 60))
                if message.WhichOneof("type") == "new_session":
                    return message

    return stclient.run_blocking(first_message())


def test_the_websocket_opens_under_the_sites_own_name_and_port(replicas):
    # The browser names the site (not 127.0.0.1) with its port; nginx must pass that port on, for Streamlit
    # refuses a websocket whose Origin does not match its Host.
    port = int(replicas.url.rsplit(":", 1)[1])
    assert new_session(replicas.url, site=f"dashboard.zoetermeer.test:{port}").new_session.name


def answer(url: str, cookie: str | None = None) -> tuple[int, bytes, dict[str, str]]:
    """Status, body and headers of a GET of ``url`` (an error status too, not an exception)."""
    request = urllib.request.Request(url, headers={"Cookie": f"{serve.ROUTE_COOKIE}={cookie}"} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def test_no_other_site_may_show_the_dashboard_in_a_frame(replicas):
    status, page, _ = answer(f"{replicas.url}/woonoverlast")
    assert status == 200
    script = re.search(rb'src="\.?/?(static/js/[^"]+\.js)"', page).group(1).decode()  # Streamlit's own code
    for path, expected in [("/", 200), ("/woonoverlast", 200), ("/_stcore/health", 200), (f"/{script}", 200),
                           ("/app/static/brt-achtergrondkaart.json", 200), ("/app/static/ontbreekt.json", 404)]:
        status, _, headers = answer(replicas.url + path)
        assert status == expected, path
        assert headers.get("X-Frame-Options") == "SAMEORIGIN", path
        assert headers.get("Content-Security-Policy") == "frame-ancestors 'self'", path
        assert headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", path


def test_a_process_that_keeps_dying_after_its_start_waits_longer_each_time():
    # Invented run times: a long run, then five starts that died after two seconds, then one that held.
    backoff = serve.Backoff(first=1, limit=8, stable=60)
    assert [backoff.after_stop(ran) for ran in (3600, 2, 2, 2, 2, 2, 61)] == [1, 2, 4, 8, 8, 8, 1]


@pytest.fixture
def own_replicas(tmp_path):
    """Two processes of its own for a test that kills one: the other tests keep theirs."""
    running = serve.Replicas(2, free_port(), tmp_path / "serve")
    yield running
    running.stop()


def test_a_killed_process_is_restarted_while_the_site_keeps_answering(own_replicas):
    victim = own_replicas.replicas[0]
    routes = [get(f"{own_replicas.url}/_stcore/health") for _ in range(16)]
    served = upstreams(own_replicas.access_log)
    readers = [route for route in routes if served[route] == {f"127.0.0.1:{victim.port}"}][:2]
    assert readers, "geen van zestien browsers kwam bij het eerste proces"
    killed = victim.server.process.pid
    os.kill(killed, signal.SIGKILL)
    victim.server.process.wait(timeout=10)

    # The readers of the killed process keep getting answers, from the other one, until it is back (bounded: until
    # the restart is given up on, a round of up to five requests every 0,2 s; a restart takes some 15 s on one core).
    failed, reconnected = [], False
    deadline = time.monotonic() + serve.Replica.START_TIMEOUT + 30
    while time.monotonic() < deadline:
        for route in readers:
            for path, body in (("/_stcore/health", b"ok"), ("/woonoverlast", b"<!doctype html>")):
                status, text, _ = answer(own_replicas.url + path, cookie=route)
                if status != 200 or body not in text.lower():
                    failed.append((path, status))
        if not reconnected:  # a reader's websocket reconnects, with its cookie, to the process that runs
            reconnected = bool(new_session(own_replicas.url, cookie=readers[0]).new_session.name)
        own_replicas.watch_once()
        if victim.state == "ready":
            break
        time.sleep(0.2)
    assert not failed, f"verzoeken zonder antwoord terwijl een proces herstartte: {failed[:5]}"
    assert reconnected
    assert victim.state == "ready" and victim.server.process.pid != killed, "het gedode proces kwam niet terug"
    assert answer(f"http://127.0.0.1:{victim.port}/_stcore/health")[1] == b"ok"  # on its own port, for nginx
    for _ in range(100):  # nginx reloads in the background: the reader comes back once it has (bounded)
        assert answer(f"{own_replicas.url}/_stcore/health", cookie=readers[0])[0] == 200
        if upstream_of_last(own_replicas.access_log) == f"127.0.0.1:{victim.port}":
            break
        time.sleep(0.1)
    assert upstream_of_last(own_replicas.access_log) == f"127.0.0.1:{victim.port}", "nginx nam het proces niet terug"
    journal = own_replicas.journal.read_text()
    assert f"Proces 1 (poort {victim.port}) is gestopt (signaal 9); herstart over 1 s." in journal
    assert f"Proces 1 (poort {victim.port}) is herstart en klaar voor lezers." in journal

    # Killed again right after its restart: the next start waits longer, so a broken process does not loop.
    os.kill(victim.server.process.pid, signal.SIGKILL)
    victim.server.process.wait(timeout=10)
    own_replicas.watch_once()
    assert victim.state == "waiting"
    assert f"Proces 1 (poort {victim.port}) is gestopt (signaal 9); herstart over 2 s." in own_replicas.journal.read_text()


def upstream_of_last(log: Path) -> str:
    """The process that served the last request in nginx's access log."""
    return log.read_text().splitlines()[-1].split()[3]
