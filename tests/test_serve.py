"""Two dashboard processes behind nginx (ivb/serve.py, `make serve N=2`): a browser stays on one process, new
browsers are spread over both, and a reader's pages run through the load balancer. Traffic to 127.0.0.1 only.

Needs nginx (Debian's package); .ci/run installs it and sets IVB_REQUIRE_NGINX, so in CI a missing nginx fails.
"""

from __future__ import annotations

import asyncio
import os
import shutil
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


def test_the_websocket_opens_under_the_sites_own_name_and_port(replicas):
    # The browser names the site (not 127.0.0.1) with its port; nginx must pass that port on, for Streamlit
    # refuses a websocket whose Origin does not match its Host.
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    port = int(replicas.url.rsplit(":", 1)[1])
    site = f"dashboard.zoetermeer.test:{port}"

    async def first_message():
        async with websockets.connect(f"ws://{site}/_stcore/stream", host="127.0.0.1", port=port,
                                      subprotocols=["streamlit"], additional_headers={"Origin": f"http://{site}"},
                                      open_timeout=20) as ws:
            await ws.send(BackMsg(rerun_script=ClientState()).SerializeToString())
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(ws.recv(), 60))
                if message.WhichOneof("type") == "new_session":
                    return message

    assert stclient.run_blocking(first_message()).new_session.name
