"""``make serve N=2``: N dashboard processes behind nginx, each reader kept on one process, a stopped process restarted.

Streamlit keeps a reader's session (filters, the websocket, the files behind the download buttons) in the memory of
one process, so every request of one browser must reach the same process. nginx (Debian's package; no Plus
features) routes by a cookie it sets itself: the first request of a browser gets a random route
(``$request_id``), stored in the cookie ``ivb_route``; ``hash ... consistent`` sends every request with that
cookie to the same process. When a process stops, nginx passes its requests to another one (``proxy_next_upstream``)
and the browser's websocket reconnects there: the reader's page reloads, with the filters of its link.

:meth:`Replicas.watch_once` (once a second from :func:`main`) restarts a stopped process on the same port, after a
wait that doubles while the process keeps dying soon after its start (:class:`Backoff`). nginx sends readers only to
processes that made their pages (ivb.run's ready line): a restarting one is ``down`` in the configuration, which is
reloaded when that changes, unless no process is ready at all. Only when nginx itself stops does serve stop.

The nginx configuration (:data:`NGINX_CONF`, with the headers that keep the dashboard out of another site's frames)
goes in a temporary directory: no root needed. docs/DEPLOY.md shows it for a real server, with TLS and a base path.
"""

from __future__ import annotations

import argparse
import contextlib
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
            # A process that stopped refuses the connection: the request goes to the next one (the readers of a
            # stopped process move over; their websocket reconnects the same way).
            proxy_next_upstream error timeout;
            # Here and not in server {{}}: an add_header in a location drops every add_header of the levels above.
            add_header Set-Cookie "{cookie}=$ivb_route; Path=/; HttpOnly; SameSite=Lax" always;
            # No other site may show the dashboard in a frame (clickjacking); links out carry only the origin.
            add_header X-Frame-Options SAMEORIGIN always;
            add_header Content-Security-Policy "frame-ancestors 'self'" always;
            add_header Referrer-Policy strict-origin-when-cross-origin always;
        }}
    }}
}}
"""


def nginx_conf(tmp: Path, logs: Path, ports: list[int], port: int, address: str = "127.0.0.1",
               down: frozenset[int] = frozenset()) -> str:
    """The nginx configuration for replicas on ``ports`` behind ``address:port``, those on the ports in ``down``
    taken out; nginx's own files go in ``tmp``, its access log in ``logs``."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s{' down' if p in down else ''};"
                        for p in ports)
    return NGINX_CONF.format(tmp=tmp, logs=logs, servers=servers, port=port, address=address, cookie=ROUTE_COOKIE)


class Backoff:
    """How long to wait before a stopped process is started again: ``first`` after a process that ran ``stable``
    seconds or more, twice the last wait (up to ``limit``) after one that stopped sooner, so a process that cannot
    start (a broken data directory, a port taken) is not restarted in a tight loop."""

    def __init__(self, first: float = 1, limit: float = 300, stable: float = 60) -> None:
        self.first, self.limit, self.stable = first, limit, stable
        self.delay = 0.0

    def after_stop(self, ran: float) -> float:
        """The wait before the next start, for a process that ran ``ran`` seconds."""
        self.delay = self.first if ran >= self.stable or not self.delay else min(2 * self.delay, self.limit)
        return self.delay


class Replica:
    """Dashboard process number ``number``: each restart gets the same port, cores and log file, and the log of the
    process before is kept beside it (``.1``), with what it said when it stopped."""

    START_TIMEOUT = 180.0  # seconds for a restart to make its pages; longer counts as a failed start

    def __init__(self, number: int, log: Path, cpus: str | None) -> None:
        self.number, self.log, self.cpus = number, log, cpus
        self.server = LocalServer(config.data_dir(), log, cpus=cpus)
        self.port = self.server.port
        self.started = time.monotonic()
        self.ready_at: float | None = self.started  # when it last became ready (None: not since its last start)
        self.state = "ready"  # once the caller waited for it; then "waiting" (to restart) or "starting"
        self.restart_at = 0.0
        self.backoff = Backoff()

    def step(self, now: float, say) -> bool:
        """Look once and move on: a stopped process is scheduled, a scheduled one started, a started one taken in
        when it is ready. True when the process became ready or stopped being so (nginx must know)."""
        if self.state == "ready":
            if self.server.process.poll() is None:
                return False
            self._stopped(now, say, f"is gestopt ({_exit(self.server.process.returncode)})")
            return True
        if self.state == "waiting":
            if now >= self.restart_at:
                say(f"Proces {self.number} (poort {self.port}) wordt herstart.")
                self.started, self.ready_at, self.state = now, None, "starting"
                try:
                    if self.log.exists():
                        self.log.replace(self.log.with_name(self.log.name + ".1"))
                    self.server = LocalServer(config.data_dir(), self.log, cpus=self.cpus, port=self.port, wait=False)
                except OSError as exc:  # not even started (the log's folder gone, no memory to fork): try later
                    self._stopped(now, say, f"startte niet ({exc})")
            return False
        if self.server.process.poll() is not None:
            self._stopped(now, say, f"stopte tijdens het starten ({_exit(self.server.process.returncode)})")
        elif now - self.started > self.START_TIMEOUT:
            self._stopped(now, say, f"was na {self.START_TIMEOUT:.0f} s nog niet klaar")
        elif self.server.is_ready():
            self.state, self.ready_at = "ready", now
            say(f"Proces {self.number} (poort {self.port}) is herstart en klaar voor lezers.")
            return True
        return False

    def _stopped(self, now: float, say, what: str) -> None:
        self.server.stop()
        # How long it served readers: a process that hangs while it starts, or dies right after a long start, never
        # served, and waits longer each time.
        delay = self.backoff.after_stop(now - self.ready_at if self.ready_at is not None else 0.0)
        self.restart_at, self.state = now + delay, "waiting"
        say(f"Proces {self.number} (poort {self.port}) {what}; herstart over {delay:.0f} s.")


def _exit(code: int | None) -> str:
    """'signaal 9' or 'code 1': how a process ended, for the log."""
    return f"signaal {-code}" if code is not None and code < 0 else f"code {code}"


class Replicas:
    """N dashboard processes (each pinned to a core when there are enough) and nginx in front of them, on
    ``address:port``; the log of each process, nginx's access log and serve's own lines (``serve.log``) go in
    ``log_dir``."""

    def __init__(self, n: int, port: int, log_dir: Path, pin: bool = True, address: str = "127.0.0.1") -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise RuntimeError("nginx ontbreekt: installeer het met 'apt-get install nginx' (Debian)")
        self.tmp = Path(tempfile.mkdtemp(prefix="ivb-nginx-"))
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir, self.port, self.address = log_dir, port, address
        self.journal = log_dir / "serve.log"
        self.access_log = log_dir / "nginx-access.log"
        # The cores this process may use (a container's cpuset may not start at 0); one process is not pinned.
        cores = sorted(os.sched_getaffinity(0))
        self.replicas: list[Replica] = []
        self.nginx: subprocess.Popen | None = None
        try:
            for i in range(n):
                cpus = str(cores[i % len(cores)]) if pin and n > 1 and len(cores) > 1 else None
                self.replicas.append(Replica(i + 1, log_dir / f"replica-{i + 1}.log", cpus))
            for replica in self.replicas:  # readers only once every process has made its pages (ivb.run)
                replica.server.wait_ready()
            self._write_conf()
            self.nginx = subprocess.Popen([nginx, "-e", str(self.tmp / "error.log"), "-c", str(self.tmp / "nginx.conf"),
                                           "-p", str(self.tmp)], start_new_session=True,
                                          stdout=subprocess.DEVNULL, stderr=(log_dir / "nginx.log").open("w"))
            self.url = f"http://127.0.0.1:{port}"
            wait_healthy(self.url, self.nginx, f"nginx (log: {log_dir / 'nginx.log'})", timeout=20)
        except BaseException:
            self.stop()
            raise

    @property
    def servers(self) -> list[LocalServer]:
        """The processes running now, one per replica."""
        return [replica.server for replica in self.replicas]

    def watch_once(self, now: float | None = None) -> bool:
        """One look at every process (call it about once a second): restart the stopped ones after their wait, and
        tell nginx which ones take readers. False when nginx itself stopped."""
        if self.nginx.poll() is not None:
            return False
        now = time.monotonic() if now is None else now
        if any([replica.step(now, self.say) for replica in self.replicas]):  # a list: every replica takes its step
            self._write_conf()
            self.nginx.send_signal(signal.SIGHUP)  # nginx reloads: new connections follow, open ones stay
        return True

    def say(self, line: str) -> None:
        """A line for the operator: on the console and in ``serve.log``."""
        line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}"
        print(line, flush=True)
        with self.journal.open("a") as journal:
            journal.write(line + "\n")

    def _write_conf(self) -> None:
        # A process that is not ready takes no readers, unless none is: then a reader gets a (slower) page as soon
        # as any process answers, rather than an error.
        ready = {r.port for r in self.replicas if r.state == "ready"}
        down = frozenset(r.port for r in self.replicas if r.port not in ready) if ready else frozenset()
        conf = nginx_conf(self.tmp, self.log_dir, [r.port for r in self.replicas], self.port, self.address, down)
        (self.tmp / "nginx.conf").write_text(conf)

    def stop(self) -> None:
        """Stop nginx and every process."""
        if self.nginx is not None:
            if self.nginx.poll() is None:
                self.nginx.terminate()
                try:
                    self.nginx.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.nginx.kill()
            # nginx runs in a process group of its own: workers left by a master that was killed go with it.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.nginx.pid, signal.SIGKILL)
        for replica in self.replicas:
            replica.server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ivb.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="aantal dashboardprocessen")
    parser.add_argument("--port", type=int, default=8080, help="poort van nginx")
    parser.add_argument("--address", default="127.0.0.1", help="waar nginx luistert (0.0.0.0 in een container)")
    parser.add_argument("--logs", type=Path, default=config.PROJECT_ROOT / "artifacts" / "serve",
                        help="map voor de logs (standaard artifacts/serve)")
    args = parser.parse_args(argv)
    # SIGTERM (docker stop, systemd) stops everything, also while the processes still make their pages: as PID 1 in
    # a container Python would otherwise ignore it until the handler is set.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        replicas = Replicas(args.replicas, args.port, args.logs, address=args.address)
    except (RuntimeError, OSError) as exc:
        print(f"Het dashboard startte niet: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    processes = "1 proces" if args.replicas == 1 else f"{args.replicas} processen"
    replicas.say(f"IVB-dashboard: {processes} achter nginx op http://{args.address}:{args.port} "
                 f"(logs in {args.logs}; Ctrl+C stopt alles)")
    try:
        while True:
            if not replicas.watch_once():
                replicas.say(f"nginx is gestopt ({_exit(replicas.nginx.returncode)}); alles wordt afgesloten.")
                return 1
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        replicas.stop()
    return 0


def _terminate(*_) -> None:
    raise KeyboardInterrupt  # as Ctrl+C: what was started is stopped on the way out


if __name__ == "__main__":
    sys.exit(main())
