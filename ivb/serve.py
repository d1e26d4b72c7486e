"""``make serve N=2``: N dashboard processes behind nginx, each reader kept on one process, a stopped process restarted;
``make serve GEMEENTEN="GM0637 GM0546"``: N processes per gemeente, each gemeente under its own path.

Streamlit keeps a reader's session (filters, the websocket, the files behind the download buttons) in the memory of
one process, so every request of one browser must reach the same process. nginx (Debian's package; no Plus
features) routes by a cookie it sets itself: the first request of a browser gets a random route
(``$request_id``), stored in the cookie ``ivb_route``; ``hash ... consistent`` sends every request with that
cookie to the same process. When a process stops, nginx passes its requests to another one (``proxy_next_upstream``)
and the browser's websocket reconnects there: the reader's page reloads, with the filters of its link.

With several gemeenten (:class:`ivb.nginx.Site`) each has its own processes (``IVB_GEMEENTE`` and Streamlit's
``--server.baseUrlPath``), its own upstream and its own path, ``/zoetermeer/``, named from the data's name
(ivb.gemeente); the route cookie of each path holds only for that path, and ``/`` lists the gemeenten (a page nginx
serves itself). Sessions and caches never mix gemeenten: they live in different processes.

:meth:`Replicas.watch_once` (once a second from :func:`main`) restarts a stopped process on the same port, after a
wait that doubles while the process keeps dying soon after its start (:class:`Backoff`). nginx sends readers only to
processes that made their pages (ivb.run's ready line): a restarting one is ``down`` in the configuration, which is
reloaded when that changes, unless no process of its gemeente is ready at all. Only when nginx itself stops does
serve stop.

The nginx configuration (ivb.nginx, with the headers that keep the dashboard out of another site's frames) goes in a
temporary directory: no root needed. docs/DEPLOY.md shows it for a real server, with TLS and a base path.
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

from ivb import config, gemeente
from ivb.localserver import LocalServer, wait_healthy
from ivb.nginx import ROUTE_COOKIE as ROUTE_COOKIE  # tests and benchmarks read serve.ROUTE_COOKIE
from ivb.nginx import SITES_VAR, Site, chosen_sites, index_page, nginx_conf


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
    """Dashboard process ``number`` ('1', or 'zoetermeer-1' for a gemeente of several), of ``site`` (None: the
    gemeente of ``IVB_GEMEENTE`` on '/'): each restart gets the same port, cores and log file, and the log of the
    process before is kept beside it (``.1``), with what it said when it stopped."""

    START_TIMEOUT = 180.0  # seconds for a restart to make its pages; longer counts as a failed start

    def __init__(self, number: int | str, log: Path, cpus: str | None, site: Site | None = None) -> None:
        self.number, self.log, self.cpus, self.site = number, log, cpus, site
        self.server = self._launch()
        self.port = self.server.port
        self.started = time.monotonic()
        self.ready_at: float | None = self.started  # when it last became ready (None: not since its last start)
        self.state = "ready"  # once the caller waited for it; then "waiting" (to restart) or "starting"
        self.restart_at = 0.0
        self.backoff = Backoff()

    def _launch(self, port: int | None = None, wait: bool = True) -> LocalServer:
        if self.site is None:
            return LocalServer(config.data_dir(), self.log, cpus=self.cpus, port=port, wait=wait)
        return LocalServer(config.data_dir(), self.log, cpus=self.cpus, port=port, wait=wait,
                           env={gemeente.ENV_VAR: self.site.code}, base_path=self.site.slug)

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
                    self.server = self._launch(port=self.port, wait=False)
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
    ``address:port``; with ``sites``, N processes for each gemeente, under its own path. The log of each process,
    nginx's access log and serve's own lines (``serve.log``) go in ``log_dir``."""

    def __init__(self, n: int, port: int, log_dir: Path, pin: bool = True, address: str = "127.0.0.1",
                 sites: list[Site] | None = None) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise RuntimeError("nginx ontbreekt: installeer het met 'apt-get install nginx' (Debian)")
        self.tmp = Path(tempfile.mkdtemp(prefix="ivb-nginx-"))
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir, self.port, self.address, self.sites = log_dir, port, address, list(sites or [])
        self.journal = log_dir / "serve.log"
        self.access_log = log_dir / "nginx-access.log"
        # The cores this process may use (a container's cpuset may not start at 0); one process is not pinned.
        cores = sorted(os.sched_getaffinity(0))
        wanted = [(site, i) for site in (self.sites or [None]) for i in range(1, n + 1)]
        self.replicas: list[Replica] = []
        self.nginx: subprocess.Popen | None = None
        try:
            if self.sites:
                # Readable by nginx's workers, which run as another user ('nobody') when serve runs as root.
                index = self.tmp / "site" / "index.html"
                index.parent.mkdir()
                index.write_text(index_page(self.sites), encoding="utf-8")
                for path, mode in ((self.tmp, 0o711), (index.parent, 0o755), (index, 0o644)):
                    path.chmod(mode)
            for k, (site, i) in enumerate(wanted):
                cpus = str(cores[k % len(cores)]) if pin and len(wanted) > 1 and len(cores) > 1 else None
                number = f"{site.slug}-{i}" if site else i
                self.replicas.append(Replica(number, log_dir / f"replica-{number}.log", cpus, site))
            for replica in self.replicas:  # readers only once every process has made its pages (ivb.run)
                replica.server.wait_ready()
            self._write_conf()
            self.nginx = subprocess.Popen([nginx, "-e", str(self.tmp / "error.log"), "-c", str(self.tmp / "nginx.conf"),
                                           "-p", str(self.tmp)], start_new_session=True,
                                          stdout=subprocess.DEVNULL, stderr=(log_dir / "nginx.log").open("w"))
            self.url = f"http://127.0.0.1:{port}"
            # nginx answers for a gemeente's path once it listens (with several there is no health check on '/').
            checked = f"{self.url}/{self.sites[0].slug}" if self.sites else self.url
            wait_healthy(checked, self.nginx, f"nginx (log: {log_dir / 'nginx.log'})", timeout=20)
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
        # A process that is not ready takes no readers, unless none of its gemeente is: then a reader gets a (slower)
        # page as soon as any process answers, rather than an error.
        ports: dict[str, list[int]] = {}
        down: set[int] = set()
        for site in self.sites or [None]:
            group = [r for r in self.replicas if r.site == site]
            ports[site.slug if site else ""] = [r.port for r in group]
            if any(r.state == "ready" for r in group):
                down.update(r.port for r in group if r.state != "ready")
        conf = nginx_conf(self.tmp, self.log_dir, ports, self.port, self.address, frozenset(down))
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
    parser.add_argument("--replicas", type=int, default=2, help="aantal dashboardprocessen (per gemeente)")
    parser.add_argument("--port", type=int, default=8080, help="poort van nginx")
    parser.add_argument("--address", default="127.0.0.1", help="waar nginx luistert (0.0.0.0 in een container)")
    parser.add_argument("--logs", type=Path, default=config.PROJECT_ROOT / "artifacts" / "serve",
                        help="map voor de logs (standaard artifacts/serve)")
    parser.add_argument("--gemeenten", nargs="+", default=[os.environ.get(SITES_VAR, "")], metavar="CODE",
                        help=f"gemeentecodes (GM0637 GM0546), elk onder een eigen pad (/zoetermeer/; standaard: "
                             f"{SITES_VAR}); zonder: één gemeente (IVB_GEMEENTE) op /")
    args = parser.parse_args(argv)
    try:  # before anything starts: an unknown code is said with the known ones
        chosen = chosen_sites(args.gemeenten)
    except (gemeente.GemeenteError, config.DataDirectoryError) as exc:
        print(f"Het dashboard start niet: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # no build at all: gemeenten.parquet is missing
        print(f"Het dashboard start niet: de gegevens zijn niet gebouwd ({exc.strerror or exc}); "
              "bouw ze met `make build`.", file=sys.stderr)
        return 2
    # SIGTERM (docker stop, systemd) stops everything, also while the processes still make their pages: as PID 1 in
    # a container Python would otherwise ignore it until the handler is set.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        replicas = Replicas(args.replicas, args.port, args.logs, address=args.address, sites=chosen)
    except (RuntimeError, OSError) as exc:
        print(f"Het dashboard startte niet: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    processes = "1 proces" if args.replicas == 1 else f"{args.replicas} processen"
    site = f"http://{args.address}:{args.port}"
    where = ", ".join(f"{s.naam} op {site}/{s.slug}/" for s in chosen)
    replicas.say(f"IVB-dashboard: {processes}{' per gemeente' if chosen else ''} achter nginx op {site}"
                 f"{f' ({where})' if chosen else ''} (logs in {args.logs}; Ctrl+C stopt alles)")
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
