"""What ivb.serve puts behind nginx, and how: the gemeenten with their paths (:class:`Site`, checked against the data
before anything starts) and nginx's configuration, one upstream per gemeente with sticky sessions (a route cookie per
path), the headers that keep the dashboard out of another site's frames, and with several gemeenten a list on '/'.

No root needed: everything nginx writes goes in serve's temporary directory (``tmp``), its access log in the log
folder. docs/DEPLOY.md shows the same for a real server, with TLS and a base path.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ivb import config, formatting, gemeente

ROUTE_COOKIE = "ivb_route"

NGINX_CONF = """\
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
daemon off;
# After a reload (a process stopped or came back) the old worker closes its open websockets within 10 s: each browser
# reconnects along the new configuration, to its session where that process still runs, else to a new one.
worker_shutdown_timeout 10s;
events {{ worker_connections 4096; }}
http {{
    # Which process served which route: to check the stickiness, and for the operator.
    log_format ivb '$time_iso8601 $status $ivb_route $upstream_addr $request_time "$request_uri"';
    access_log {logs}/nginx-access.log ivb;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;

    # A browser keeps its route; a new browser gets a random one (nginx's request id). A browser sends only the
    # cookie of the path it asks for (Path=/zoetermeer/), so with several gemeenten each has its own route.
    map $cookie_{cookie} $ivb_route {{
        ""      $request_id;
        default $cookie_{cookie};
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ""      close;
    }}
{upstreams}
    server {{
        listen {address}:{port};
{locations}
    }}
}}
"""

UPSTREAM = """\
    upstream {name} {{
        hash $ivb_route consistent;
{servers}
    }}
"""

# In every location, and not in server {}: an add_header in a location drops every add_header of the levels above.
# No other site may show the dashboard in a frame (clickjacking); links out carry only the origin.
HEADERS = """\
            add_header X-Frame-Options SAMEORIGIN always;
            add_header Content-Security-Policy "frame-ancestors 'self'" always;
            add_header Referrer-Policy strict-origin-when-cross-origin always;"""

DASHBOARD = """\
        location {path} {{
            proxy_pass http://{upstream};
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;  # with the port: Streamlit checks Origin against it
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            proxy_buffering off;
            # A process that stopped refuses the connection: the request goes to the next one (the readers of a
            # stopped process move over; their websocket reconnects the same way).
            proxy_next_upstream error timeout;
            add_header Set-Cookie "{cookie}=$ivb_route; Path={path}; HttpOnly; SameSite=Lax" always;
{headers}
        }}
"""

# Several gemeenten: '/' lists them (a file of serve's own, no process behind it), '/zoetermeer' goes to
# '/zoetermeer/' (a relative Location: right behind another proxy too), any other path is not found.
INDEX = """\
        location = / {{
            root {site};
            try_files /index.html =404;
            default_type text/html;
            charset utf-8;
{headers}
        }}
        location / {{
            return 404;
{headers}
        }}
"""

REDIRECT = """\
        location = /{slug} {{
            absolute_redirect off;
            return 301 /{slug}/;
{headers}
        }}
"""

INDEX_PAGE = """\
<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Integraal Veiligheidsbeleid</title></head>
<body><main>
<h1>Integraal Veiligheidsbeleid</h1>
<p>Kies een gemeente:</p>
<ul>
{items}
</ul>
</main></body>
</html>
"""


@dataclass(frozen=True)
class Site:
    """One gemeente's dashboard under its own path: its code (``IVB_GEMEENTE``), its name and the path ('zoetermeer',
    from the name: ivb.gemeente)."""

    code: str
    naam: str
    slug: str


def sites(codes: list[str], names: dict[str, str]) -> list[Site]:
    """The gemeenten of ``codes`` (as typed: 'gm0637' is GM0637) with the names of ``names`` (ivb.gemeente.known);
    a :class:`ivb.gemeente.GemeenteError` in Dutch for an unknown code, a code named twice, or two names with one
    path."""
    found: dict[str, Site] = {}
    for typed in codes:
        code = gemeente.check(typed.strip().upper(), names)
        if code in found:
            raise gemeente.GemeenteError(f"Gemeente {code} ({names[code]}) staat twee keer in de lijst.")
        site = Site(code, names[code], formatting.slug(names[code]))
        other = next((s for s in found.values() if s.slug == site.slug), None)
        if not site.slug or other:
            raise gemeente.GemeenteError(f"Gemeente {code} ({site.naam}) krijgt geen eigen pad"
                                         + (f": /{site.slug}/ is al van {other.code} ({other.naam})." if other else "."))
        found[code] = site
    return list(found.values())


SITES_VAR = "IVB_GEMEENTEN"  # the gemeenten of a deployment, each under its own path ("GM0637 GM0546"); ivb.serve, ivb.health


def chosen_sites(typed: list[str]) -> list[Site]:
    """The gemeenten asked for ('GM0637 GM0546' or 'GM0637,GM0546'), checked against the current build before anything
    starts; without any, the one gemeente of ``IVB_GEMEENTE`` is checked and an empty list returned (one site on '/').
    Raises :class:`ivb.gemeente.GemeenteError`, :class:`ivb.config.DataDirectoryError` or :class:`OSError` (no
    build)."""
    codes = [code for text in typed for code in re.split(r"[\s,]+", text) if code]
    names = gemeente.known(config.tables_dir())
    if not codes:
        gemeente.check(gemeente.requested(), names)
        return []
    return sites(codes, names)


def index_page(chosen: list[Site]) -> str:
    """The page on '/' with several gemeenten: a link to each one's path (relative, so it holds behind a base path)."""
    items = "\n".join(f'<li><a href="{html.escape(s.slug)}/">{html.escape(s.naam)}</a></li>' for s in chosen)
    return INDEX_PAGE.format(items=items)


def nginx_conf(tmp: Path, logs: Path, ports: dict[str, list[int]], port: int, address: str = "127.0.0.1",
               down: frozenset[int] = frozenset()) -> str:
    """The nginx configuration behind ``address:port`` for the processes on ``ports`` (path -> ports; the path '' is
    one gemeente on '/', another one a gemeente's own, '/zoetermeer/', with the list of gemeenten on '/' from
    ``tmp``/site/index.html), those on the ports in ``down`` taken out; nginx's own files go in ``tmp``, its access log
    in ``logs``."""
    upstreams, locations = [], []
    for number, (slug, group) in enumerate(ports.items(), start=1):
        name = f"ivb_gemeente_{number}" if slug else "ivb_dashboard"
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s{' down' if p in down else ''};"
                            for p in group)
        upstreams.append(UPSTREAM.format(name=name, servers=servers))
        path = f"/{slug}/" if slug else "/"
        locations.append(DASHBOARD.format(path=path, upstream=name, cookie=ROUTE_COOKIE, headers=HEADERS))
        if slug:
            locations.append(REDIRECT.format(slug=slug, headers=HEADERS))
    if any(ports):
        locations.append(INDEX.format(site=tmp / "site", headers=HEADERS))
    return NGINX_CONF.format(tmp=tmp, logs=logs, upstreams="".join(upstreams), locations="".join(locations),
                             port=port, address=address, cookie=ROUTE_COOKIE)
