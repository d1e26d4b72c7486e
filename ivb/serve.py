"""``make serve N=2``: N dashboard processes behind nginx, each reader kept on one process.

Streamlit keeps a reader's session (filters, the websocket, the files behind the download buttons) in the memory of
one process, so every request of one browser must reach the same process. nginx (Debian's package; no Plus
features) routes by a cookie it sets itself: the first request of a browser gets a random route
(``$request_id``), stored in the cookie ``ivb_route``; ``hash ... consistent`` sends every request with that
cookie to the same process. When a process stops, its readers move to another one and their page reloads.

The nginx configuration is written to a temporary directory from :data:`NGINX_CONF`, so nothing outside the
project is touched and no root is needed; docs/DEPLOY.md shows the same configuration for a real server, with TLS
and a base path.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ivb import config
from ivb.localserver import LocalServer, wait_healthy

ROUTE_COOKIE = "ivb_route"

NGINX_CONF = """\
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
daemon off;
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

    # A browser keeps its route; a new browser gets a random one (nginx's request id).
    map $cookie_{cookie} $ivb_route {{
        ""      $request_id;
        default $cookie_{cookie};
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ""      close;
    }}
    upstream ivb_dashboard {{
        hash $ivb_route consistent;
{servers}
    }}
    server {{
        listen {address}:{port};
        location / {{
            proxy_pass http://ivb_dashboard;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;  # with the port: Streamlit checks Origin against it
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            proxy_buffering off;
            add_header Set-Cookie "{cookie}=$ivb_route; Path=/; HttpOnly; SameSite=Lax" always;
        }}
    }}
}}
"""


def nginx_conf(tmp: Path, logs: Path, ports: list[int], port: int, address: str = "127.0.0.1") -> str:
    """The nginx configuration for replicas on ``ports`` behind ``address:port``; its own files go in ``tmp``,
    its access log in ``logs``."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in ports)
    return NGINX_CONF.format(tmp=tmp, logs=logs, servers=servers, port=port, address=address, cookie=ROUTE_COOKIE)


class Replicas:
    """N dashboard processes (each pinned to a core when there are enough) and nginx in front of them."""

    def __init__(self, n: int, port: int, log_dir: Path, pin: bool = True) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise RuntimeError("nginx ontbreekt: installeer het met 'apt-get install nginx' (Debian)")
        self.tmp = Path(tempfile.mkdtemp(prefix="ivb-nginx-"))
        log_dir.mkdir(parents=True, exist_ok=True)
        cores = os.cpu_count() or 1
        self.servers: list[LocalServer] = []
        self.nginx: subprocess.Popen | None = None
        try:
            for i in range(n):
                cpus = str(i % cores) if pin and cores > 1 else None
                self.servers.append(LocalServer(config.data_dir(), log_dir / f"replica-{i + 1}.log", cpus=cpus))
            for server in self.servers:  # readers only once every process has made its pages (ivb.run)
                server.wait_ready()
            conf = self.tmp / "nginx.conf"
            conf.write_text(nginx_conf(self.tmp, log_dir, [s.port for s in self.servers], port))
            self.access_log = log_dir / "nginx-access.log"
            self.nginx = subprocess.Popen([nginx, "-c", str(conf), "-p", str(self.tmp)],
                                          stdout=subprocess.DEVNULL, stderr=(log_dir / "nginx.log").open("w"))
            self.url = f"http://127.0.0.1:{port}"
            wait_healthy(self.url, self.nginx, f"nginx (log: {self.tmp / 'error.log'})", timeout=20)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for server in self.servers:
            server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ivb.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    replicas = Replicas(args.replicas, args.port, config.PROJECT_ROOT / "artifacts" / "serve")
    print(f"IVB-dashboard: {args.replicas} processen achter nginx op {replicas.url} (Ctrl+C stopt alles)", flush=True)
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    try:
        while not stop["now"]:
            if replicas.nginx.poll() is not None or any(s.process.poll() is not None for s in replicas.servers):
                print("Een proces is gestopt; alles wordt afgesloten.", file=sys.stderr)
                return 1
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        replicas.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
