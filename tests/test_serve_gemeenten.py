"""Several gemeenten behind one nginx (ivb/serve.py, ivb/nginx.py; `make serve GEMEENTEN="GM0637 GM0546"`): each
under its own path with its own processes, '/' lists them, a browser on both paths keeps one route per path, and the
codes are checked before anything starts.

The data are the invented set of tests/fixtures.py: Zoetermeer (GM0637) with documents and wijken, 'Gemeente Aa'
(GM9001) with only the shared open data. Two processes per gemeente, on 127.0.0.1 only, a bounded number of requests;
everything is stopped at the end. Needs nginx (as tests/test_serve.py); the browser test needs Chromium.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import http.cookiejar
import os
import shutil
import signal
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest
from fixtures import write_invented

from bench import stclient
from ivb import config, gemeente, health, nginx, serve
from ivb.localserver import free_port

HAS_NGINX = bool(shutil.which("nginx")) or Path("/usr/sbin/nginx").exists()
if not HAS_NGINX and os.environ.get("IVB_REQUIRE_NGINX"):
    raise RuntimeError("nginx ontbreekt, maar IVB_REQUIRE_NGINX is gezet")
needs_nginx = pytest.mark.skipif(not HAS_NGINX, reason="nginx ontbreekt (apt-get install nginx)")
CHROMIUM = os.environ.get("IVB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

ZOETERMEER, AA = "GM0637", "GM9001"  # in the invented gemeenten table; only Zoetermeer has documents there


@pytest.fixture(scope="module")
def invented_dir(tmp_path_factory) -> Path:
    """The invented data set, built once for this module, and the processes pointed at it (IVB_DATA_DIR)."""
    target = write_invented(tmp_path_factory.mktemp("gemeenten") / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IVB_DATA_DIR", str(target))
        patch.delenv(gemeente.ENV_VAR, raising=False)
        yield target


@pytest.fixture(scope="module")
def site(invented_dir, tmp_path_factory):
    chosen = nginx.sites([ZOETERMEER, AA], gemeente.known(config.tables_dir(invented_dir)))
    running = serve.Replicas(2, free_port(), tmp_path_factory.mktemp("serve"), sites=chosen)
    yield running
    running.stop()


def answer(url: str, opener: urllib.request.OpenerDirector | None = None) -> tuple[int, str, dict[str, list[str]]]:
    """Status, body and headers (every value of each) of a GET of ``url``, an error status too."""
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=10) as response:
            status, body, headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, body, headers = error.code, error.read(), error.headers
    return status, body.decode("utf-8", "replace"), {k.lower(): headers.get_all(k) for k in headers}


def ports(replicas: serve.Replicas) -> dict[str, set[str]]:
    """Path -> the upstream addresses of that gemeente's processes."""
    found = defaultdict(set)
    for replica in replicas.replicas:
        found[replica.site.slug].add(f"127.0.0.1:{replica.port}")
    return found


def test_the_paths_come_from_the_names_in_the_data():
    names = {"GM0637": "Zoetermeer", "GM0599": "'s-Gravenhage", "GM9001": "Gemeente Aa"}
    chosen = nginx.sites([" gm0637", "GM0599", "GM9001"], names)
    assert [(s.code, s.slug) for s in chosen] == [("GM0637", "zoetermeer"), ("GM0599", "s-gravenhage"),
                                                  ("GM9001", "gemeente-aa")]


def test_two_gemeenten_with_one_path_or_one_code_twice_are_refused():
    with pytest.raises(gemeente.GemeenteError, match="/aa/ is al van GM9001"):
        nginx.sites(["GM9001", "GM9002"], {"GM9001": "Aa", "GM9002": "AA"})
    with pytest.raises(gemeente.GemeenteError, match="twee keer"):
        nginx.sites(["GM9001", "gm9001"], {"GM9001": "Aa"})


def test_the_list_of_gemeenten_escapes_their_names():
    page = nginx.index_page([nginx.Site("GM9001", "<b>Aa</b> & 'Bee'", "b-aa-b-bee")])
    assert "&lt;b&gt;Aa&lt;/b&gt; &amp; &#x27;Bee&#x27;" in page
    assert "<b>" not in page
    assert '<html lang="nl">' in page


@pytest.mark.parametrize("argv, said", [
    (["--gemeenten", "GM0637 GM9999"], "Gemeente GM9999 staat niet in de open data"),
    (["--gemeenten", "GM0637,leiden"], "'LEIDEN' is geen gemeentecode"),
    (["--gemeenten", "GM0637", "GM0637"], "Gemeente GM0637 (Zoetermeer) staat twee keer in de lijst"),
])
def test_an_unknown_code_stops_serve_before_anything_starts(invented_dir, tmp_path, capsys, argv, said):
    logs = tmp_path / "logs"
    assert serve.main([*argv, "--logs", str(logs), "--port", str(free_port())]) == 2
    message = capsys.readouterr().err
    assert message.startswith("Het dashboard start niet: ") and said in message
    if "twee keer" not in said:
        assert "GM9001 (Gemeente Aa)" in message  # the known codes, to choose from
    assert not logs.exists(), "serve begon al iets voordat de codes gecontroleerd waren"


def test_without_gemeenten_the_one_of_ivb_gemeente_is_checked_too(invented_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(gemeente.ENV_VAR, "GM9999")
    assert serve.main(["--logs", str(tmp_path / "logs"), "--port", str(free_port())]) == 2
    assert "Gemeente GM9999 staat niet in de open data" in capsys.readouterr().err


def test_the_gemeenten_of_a_container_come_from_ivb_gemeenten(invented_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(nginx.SITES_VAR, "GM0637 GM9999")  # as `docker run -e IVB_GEMEENTEN=...` gives them
    assert serve.main(["--logs", str(tmp_path / "logs"), "--port", str(free_port())]) == 2
    assert "Gemeente GM9999 staat niet in de open data" in capsys.readouterr().err


@needs_nginx
def test_the_health_check_asks_every_gemeente_served_and_names_one_that_fails(site, monkeypatch, capsys):
    monkeypatch.setenv(nginx.SITES_VAR, "GM0637 GM9001")
    assert health.main(["--port", str(site.port)]) == 0
    monkeypatch.setenv(nginx.SITES_VAR, "GM0637 GM9001 GM9002")  # 'Gemeente Bee' is not served here
    assert health.main(["--port", str(site.port)]) == 1
    said = capsys.readouterr().err
    assert "Gemeente Bee: /gemeente-bee/_stcore/health antwoordt niet" in said
    assert "Zoetermeer" not in said and "Gemeente Aa" not in said
    monkeypatch.delenv(nginx.SITES_VAR)
    assert health.main(["--port", str(site.port)]) == 1  # one dashboard on '/' was asked for; there is none


def test_without_gemeenten_there_is_one_dashboard_on_the_root(tmp_path):
    conf = nginx.nginx_conf(tmp_path, tmp_path, {"": [8501, 8502]}, 8080)
    assert "location / {" in conf and "Path=/;" in conf and "location = / {" not in conf
    assert "server 127.0.0.1:8502 max_fails=1 fail_timeout=5s;" in conf


@needs_nginx
def test_each_gemeente_answers_under_its_own_path_and_the_root_lists_them(site):
    for path in ("zoetermeer", "gemeente-aa"):
        status, body, headers = answer(f"{site.url}/{path}/_stcore/health")
        assert (status, body) == (200, "ok"), path
        status, body, _ = answer(f"{site.url}/{path}/")
        assert status == 200 and "<!doctype html>" in body.lower(), path  # Streamlit's page, under the path
        assert answer(f"{site.url}/{path}/app/static/brt-achtergrondkaart.json")[0] == 200, path  # the map's style
    status, body, headers = answer(site.url + "/")
    assert status == 200 and headers["content-type"] == ["text/html; charset=utf-8"]
    assert '<a href="zoetermeer/">Zoetermeer</a>' in body and '<a href="gemeente-aa/">Gemeente Aa</a>' in body
    assert headers["x-frame-options"] == ["SAMEORIGIN"]
    assert headers["content-security-policy"] == ["frame-ancestors 'self'"]
    assert answer(f"{site.url}/_stcore/health")[0] == 404  # no dashboard on the root
    assert answer(f"{site.url}/leiden/")[0] == 404  # nor under a gemeente that is not served
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    try:
        connection.request("GET", "/gemeente-aa")
        response = connection.getresponse()
        assert (response.status, response.getheader("Location")) == (301, "/gemeente-aa/")
    finally:
        connection.close()


@needs_nginx
def test_each_path_runs_the_dashboard_of_its_own_gemeente(site):
    async def first_run(path: str):
        session = stclient.Session(f"{site.url}/{path}")
        await session.connect()  # the GET of the page, then the websocket under /<path>/_stcore/stream
        try:
            return await session.run(page=""), set(session.pages)
        finally:
            await session.close()

    zoetermeer, zoetermeer_pages = stclient.run_blocking(first_run("zoetermeer"))
    aa, aa_pages = stclient.run_blocking(first_run("gemeente-aa"))
    for run in (zoetermeer, aa):
        assert run.status in stclient.FINISHED and not run.exceptions and not run.errors
    assert "Integraal Veiligheidsbeleid Zoetermeer" in zoetermeer.headings
    assert "Integraal Veiligheidsbeleid Gemeente Aa" in aa.headings
    assert "woonoverlast" in zoetermeer_pages and "woonoverlast" not in aa_pages  # Aa has no documents
    served = upstreams(site.access_log)
    assert served["zoetermeer"] and served["zoetermeer"] <= ports(site)["zoetermeer"]
    assert served["gemeente-aa"] and served["gemeente-aa"] <= ports(site)["gemeente-aa"]


def upstreams(log: Path) -> dict[str, set[str]]:
    """Path (its first part) -> the processes that served it, from nginx's access log."""
    served = defaultdict(set)
    for line in log.read_text().splitlines():
        _time, _status, _route, upstream, _seconds, uri = line.split(maxsplit=5)
        if upstream != "-":
            served[uri.strip('"').split("/")[1]].add(upstream)
    return served


@needs_nginx
def test_a_browser_on_both_paths_keeps_one_route_on_each(site):
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    for path in ("zoetermeer", "gemeente-aa"):
        headers = answer(f"{site.url}/{path}/_stcore/health", browser)[2]
        assert f"Path=/{path}/;" in " ".join(headers["set-cookie"])
    routes = {cookie.path: cookie.value for cookie in jar if cookie.name == serve.ROUTE_COOKIE}
    assert set(routes) == {"/zoetermeer/", "/gemeente-aa/"}
    before = len(site.access_log.read_text().splitlines())
    for _ in range(4):
        for path in ("zoetermeer", "gemeente-aa"):
            assert answer(f"{site.url}/{path}/_stcore/health", browser)[:2] == (200, "ok")
    lines = [line.split() for line in site.access_log.read_text().splitlines()[before:]]
    for path in ("zoetermeer", "gemeente-aa"):
        mine = [(route, upstream) for _t, _s, route, upstream, _r, uri in lines if uri.startswith(f'"/{path}/')]
        assert len(mine) == 4
        assert {route for route, _ in mine} == {routes[f"/{path}/"]}, "de browser stuurde het cookie van het andere pad"
        assert len({upstream for _, upstream in mine}) == 1 and mine[0][1] in ports(site)[path]


@needs_nginx
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Chromium ontbreekt ({CHROMIUM})")
def test_a_browser_goes_from_the_list_to_each_gemeente(site):
    playwright_api = pytest.importorskip("playwright.sync_api")
    # In a thread of its own: the browser tests of tests/e2e keep a Playwright (an asyncio loop) open in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(_from_the_list_to_each_gemeente, playwright_api, site).result()


def _from_the_list_to_each_gemeente(playwright_api, site) -> None:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="nl-NL")
            page = context.new_page()
            page.set_default_timeout(60_000)
            sockets: list[str] = []
            page.on("websocket", lambda socket: sockets.append(socket.url))
            for name, path in (("Gemeente Aa", "gemeente-aa"), ("Zoetermeer", "zoetermeer")):
                page.goto(site.url + "/")
                page.get_by_role("link", name=name).click()
                page.wait_for_url(lambda url, path=path: url.startswith(f"{site.url}/{path}/"))
                page.locator("h1", has_text=f"Integraal Veiligheidsbeleid {name}").wait_for()
                assert sockets and sockets[-1].endswith(f"/{path}/_stcore/stream")
            paths = {cookie["path"] for cookie in context.cookies() if cookie["name"] == serve.ROUTE_COOKIE}
            assert paths == {"/zoetermeer/", "/gemeente-aa/"}
        finally:
            browser.close()


@needs_nginx
def test_a_killed_process_comes_back_under_its_own_path(invented_dir, tmp_path):
    chosen = nginx.sites([ZOETERMEER, AA], gemeente.known(config.tables_dir(invented_dir)))
    running = serve.Replicas(1, free_port(), tmp_path / "serve", sites=chosen)
    try:
        victim, other = (next(r for r in running.replicas if r.site.code == code) for code in (AA, ZOETERMEER))
        killed, untouched = victim.server.process.pid, other.server.process.pid
        os.kill(killed, signal.SIGKILL)
        victim.server.process.wait(timeout=10)
        running.watch_once()
        assert victim.state == "waiting"
        deadline = time.monotonic() + serve.Replica.START_TIMEOUT
        while victim.state != "ready" and time.monotonic() < deadline:  # bounded: one look every 0,2 s
            running.watch_once()
            time.sleep(0.2)
        assert victim.state == "ready" and victim.server.process.pid != killed
        assert other.server.process.pid == untouched  # the other gemeente went on as it was
        assert victim.server.url == f"http://127.0.0.1:{victim.port}/gemeente-aa"
        assert answer(f"{running.url}/gemeente-aa/_stcore/health")[:2] == (200, "ok")
        assert f"Proces gemeente-aa-1 (poort {victim.port}) is herstart en klaar voor lezers." in running.journal.read_text()
    finally:
        running.stop()
