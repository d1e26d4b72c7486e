"""Concurrent readers without a browser: virtual users that speak Streamlit's websocket protocol.

Each user opens a page of the dashboard and then, after a think time, does what a reader does: picks another wijk,
narrows the years, changes a choice on the page (the offence, the comparison year, the map's colouring) or moves
to another page. Every action is one script run on the server; its time is from sending ``rerun_script`` until
``script_finished`` arrives (bench/stclient.py). Errors are exceptions and error messages in the run, timeouts and
broken connections.

The server is started here, pinned to one core with ``taskset`` (``--server-cpus``; the users run on another core),
so figures compare between machines; the same run against an empty Streamlit app is the floor. With ``--url`` the
users go to a running server instead (a load balancer, say) and the server's RSS and CPU are not measured.

    python bench/proto_load.py --sessions 1 10 25 50 100 --think 5 --seconds 60 --write docs/LOAD.md
    python bench/proto_load.py --sessions 10 --think 0 --seconds 30          # back to back: throughput
    python bench/proto_load.py --url http://127.0.0.1:8080 --sessions 50      # through a load balancer

Prints a Markdown table and a JSON line per row (``--json``); ``--write`` stores the report in a Markdown file,
between markers, so that other sections of that file stay.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import random
import sys
import time
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stclient import ProtocolError, Session, check_version, page_query  # noqa: E402

EMPTY_APP = "bench/empty_page.py"
SIDEBAR = ("Wijk", "Jaren")  # the shared filters; other select boxes are a page's own choices
ACTIONS = (("wijk", 4), ("jaren", 2), ("keuze", 2), ("pagina", 3))


@dataclass
class Row:
    """One load level: what the users saw and what the server spent."""

    app: str
    sessions: int
    think: float
    seconds: float
    reruns: int
    per_second: float
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    max_ms: float | None
    errors: int
    rss_mb: float | None
    cpu_percent: float | None
    first_error: str = ""
    rss_trace: tuple = ()  # (minute, RSS in MB) samples of a long run
    memory: str = ""  # the server's last 'geheugen:' log line (ivb.run): how full its caches were


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) by the nearest-rank method; None without values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


class ServerProbe:
    """RSS and CPU time of a server process, read from /proc."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        self.max_rss = 0.0
        self._cpu0 = self.cpu_seconds()
        self._t0 = time.perf_counter()
        self.samples: list[tuple[float, float]] = []  # (seconds since start, RSS in MB), about one a minute

    def cpu_seconds(self) -> float:
        """The server's CPU time so far (user and system), in seconds."""
        if self.pid is None:
            return 0.0
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def sample(self) -> None:
        if self.pid is not None:
            rss = self.rss_mb()
            self.max_rss = max(self.max_rss, rss)
            elapsed = time.perf_counter() - self._t0
            if not self.samples or elapsed - self.samples[-1][0] >= 60:
                self.samples.append((elapsed, rss))

    def cpu_percent(self) -> float | None:
        if self.pid is None:
            return None
        return 100 * (self.cpu_seconds() - self._cpu0) / (time.perf_counter() - self._t0)


class Reader:
    """One virtual user with its own random choices (seeded, so a run can be repeated)."""

    def __init__(self, url: str, seed: int, think: float, pages: list[str] | None) -> None:
        self.session = Session(url)
        self.rng = random.Random(seed)
        self.think = think
        self.pages = pages
        self.times: list[float] = []
        self.errors: list[str] = []

    async def live(self, until: float, start_delay: float, runs: int | None = None) -> None:
        """Read until the clock says ``until`` (or after ``runs`` recorded runs, whichever comes first)."""
        await asyncio.sleep(start_delay)
        try:
            await self.session.connect()
            first = await self.session.run(page="")  # the default page; it sends the list of pages
            pages = self.pages if self.pages is not None else sorted(self.session.pages)
            self._record(await self.session.run(page=self.rng.choice(pages)) if pages else first)
            while time.monotonic() < until and (runs is None or len(self.times) < runs):
                if self.think:
                    await asyncio.sleep(self.think * self.rng.uniform(0.5, 1.5))
                if time.monotonic() >= until:
                    break
                self._record(await self._act(pages))
        except ProtocolError:
            raise
        except Exception as exc:  # a timeout or a broken connection: counted, and this user stops
            if isinstance(exc, TimeoutError):  # the reader waited the whole time-out: that is a run time too
                self.times.append(self.session.timeout)
            self.errors.append(f"{type(exc).__name__}: {exc}"[:200])
        finally:
            try:
                await self.session.close()
            except Exception:
                pass

    def _record(self, run) -> None:
        self.times.append(run.seconds)
        problems = run.exceptions + run.errors
        if run.status not in (0, 3):
            problems.append(f"script_finished {run.status}")
        self.errors.extend(problems)

    async def _act(self, pages: list[str]):
        widgets = self.session.widgets
        choices = [w for label, w in widgets.items() if label not in SIDEBAR and w.kind == "selectbox"]
        possible = [(a, weight) for a, weight in ACTIONS
                    if (a == "wijk" and "Wijk" in widgets) or (a == "jaren" and "Jaren" in widgets)
                    or (a == "keuze" and choices) or (a == "pagina" and len(pages) > 1)]
        if not possible:
            return await self.session.run(query=self._query())
        action = self.rng.choices([a for a, _ in possible], [w for _, w in possible])[0]
        if action == "wijk":
            box = widgets["Wijk"]
            return await self._set(box.label, self.rng.choice([o for o in box.options if o != box.value]))
        if action == "jaren":  # as a reader drags the slider: the last few years, one year, or all years again
            low, high = (int(v) for v in widgets["Jaren"].options)
            kind = self.rng.random()
            if kind < 0.6:
                years = [self.rng.randint(low, high - 1), high]
            elif kind < 0.8:
                year = self.rng.randint(low, high)
                years = [year, year]
            else:
                years = [low, high]
            return await self._set("Jaren", years)
        if action == "keuze":
            box = self.rng.choice(choices)
            others = [o for o in box.options if o != box.value]
            return await self._set(box.label, self.rng.choice(others)) if others else await self.session.run()
        page = self.rng.choice([p for p in pages if self.session.pages.get(p) != self.session.page_hash])
        return await self.session.run(page=page, query=self._query(sidebar_only=True))

    async def _set(self, label: str, value):
        self.session.widgets[label].value = value
        return await self.session.run(query=self._query())

    def _query(self, sidebar_only: bool = False) -> str:
        widgets = self.session.widgets
        keys = {label: w.id.split("-", 2)[-1] for label, w in widgets.items()
                if w.id.startswith("$$ID-") and (not sidebar_only or label in SIDEBAR)}
        return page_query(widgets, keys)


async def load(url: str, sessions: int, think: float, seconds: float, pid: int | None, app: str,
               pages: list[str] | None = None, seed: int = 1) -> Row:
    """``sessions`` users for ``seconds``; they start spread over the first think time (or one second)."""
    probe = ServerProbe(pid)
    until = time.monotonic() + seconds
    spread = max(think, 1.0)
    readers = [Reader(url, seed * 1000 + i, think, pages) for i in range(sessions)]
    started = time.perf_counter()
    tasks = [asyncio.create_task(r.live(until, spread * i / sessions)) for i, r in enumerate(readers)]
    while not all(t.done() for t in tasks):
        probe.sample()
        await asyncio.wait(tasks, timeout=1.0)
    for task in tasks:
        task.result()  # a ProtocolError stops the benchmark
    elapsed = time.perf_counter() - started
    times = [t * 1000 for r in readers for t in r.times]
    errors = [e for r in readers for e in r.errors]

    def ms(q):
        value = percentile(times, q)
        return None if value is None else round(value, 1)

    return Row(app, sessions, think, round(elapsed, 1), len(times), round(len(times) / elapsed, 2), ms(50), ms(95),
               ms(99), round(max(times), 1) if times else None, len(errors),
               round(probe.max_rss, 1) if pid else None,
               None if pid is None else round(probe.cpu_percent(), 1), errors[0] if errors else "",
               tuple((round(t / 60, 1), round(rss, 1)) for t, rss in probe.samples))


def _number(value, digits: int = 0) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def table(rows: list[Row]) -> str:
    lines = ["| app | sessies | denktijd (s) | runs | runs/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | fouten "
             "| RSS (MB) | CPU (% van één core) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r.app} | {r.sessions} | {_number(r.think, 1)} | {r.reruns} | {_number(r.per_second, 1)} "
                     f"| {_number(r.p50_ms)} | {_number(r.p95_ms)} | {_number(r.p99_ms)} | {_number(r.max_ms)} "
                     f"| {r.errors} | {_number(r.rss_mb)} | {_number(r.cpu_percent)} |")
    return "\n".join(lines)


def knee(rows: list[Row], limit_ms: float = 1000) -> str:
    """Per app (not the empty one), the highest session count whose p95 stays within ``limit_ms`` without errors."""
    sentences = []
    for app in dict.fromkeys(r.app for r in rows if r.app != "leeg" and r.think > 0):
        ours = [r for r in rows if r.app == app and r.think > 0]
        within = [r.sessions for r in ours if r.p95_ms is not None and r.p95_ms <= limit_ms and not r.errors]
        beyond = [r.sessions for r in ours if r.sessions not in within]
        prefix = f"{app}: " if len({r.app for r in rows if r.app != "leeg"}) > 1 else ""
        if not within:
            sentences.append(f"{prefix}al bij {min(beyond)} sessies is de p95 boven {limit_ms:.0f} ms.")
        elif not beyond or min(beyond) > max(within):
            after = f"; bij {min(beyond)} sessies niet meer" if beyond else ""
            sentences.append(f"{prefix}tot en met {max(within)} sessies blijft de p95 binnen {limit_ms:.0f} ms zonder "
                             f"fouten{after}.")
        else:
            sentences.append(f"{prefix}de p95 blijft binnen {limit_ms:.0f} ms zonder fouten bij {_counts(within)} "
                             f"sessies, niet bij {_counts(beyond)}.")
    return " ".join(s[0].upper() + s[1:] for s in sentences)


def _counts(numbers: list[int]) -> str:
    return " en ".join(", ".join(map(str, numbers)).rsplit(", ", 1))


def report(rows: list[Row], command: str, server_cpus: str | None) -> str:
    pinned = f"de server vastgezet op core {server_cpus} (`taskset -c {server_cpus}`), de gebruikers op de andere" \
        if server_cpus else "server en gebruikers niet vastgezet"
    return "\n".join([
        f"Gemeten op {date.today().isoformat()} met `{command}`.", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {pinned}.", "",
        table(rows), "", knee(rows), "", *rss_lines(rows)])


def rss_lines(rows: list[Row]) -> list[str]:
    """The server's memory over a long run (at least five minutes), one sample a minute."""
    lines = []
    for r in rows:
        if len(r.rss_trace) >= 5:
            lines += [f"Geheugen van de server (RSS) tijdens de run met {r.sessions} sessies ({r.app}):", "",
                      "| minuut | " + " | ".join(_number(t, 0) for t, _ in r.rss_trace) + " |",
                      "|---|" + "---:|" * len(r.rss_trace),
                      "| RSS (MB) | " + " | ".join(_number(m, 0) for _, m in r.rss_trace) + " |", ""]
            lines += [half_growth(r.rss_trace), ""]
            if r.memory:
                lines += [f"De server aan het eind (zijn log): `{r.memory}`.", ""]
    return lines


def half_growth(trace: tuple[tuple[float, float], ...]) -> str:
    """How much the memory grew over the second half of a run: whether it levelled off once the caches were full."""
    (start, low), (end, high) = trace[len(trace) // 2], trace[-1]
    growth = high - low
    return (f"In de tweede helft (minuut {_number(start, 0)} tot {_number(end, 0)}) groeide het geheugen "
            f"{_number(growth, 0)} MB ({_number(100 * growth / low, 1)} %, {_number(growth / max(end - start, 1e-9), 1)} "
            f"MB per minuut).")


def write_section(path: Path, text: str, marker: str = "proto-load") -> None:
    """Put ``text`` between ``<!-- marker -->`` lines in ``path``, replacing what stood there (atomically)."""
    begin, end = f"<!-- {marker}: begin -->", f"<!-- {marker}: end -->"
    old = path.read_text() if path.exists() else ""
    block = f"{begin}\n{text.rstrip()}\n{end}"
    if begin in old and end in old:
        new = old[:old.index(begin)] + block + old[old.index(end) + len(end):]
    else:
        new = old.rstrip() + ("\n\n" if old else "") + block + "\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(new)
    tmp.replace(path)


def main(argv: list[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--think", type=float, default=5.0, help="seconden tussen twee acties (0: direct door)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url", help="een draaiende server; anders start het script er een")
    parser.add_argument("--app", default="app.py", help="het script dat de server draait")
    parser.add_argument("--floor", action="store_true", help="ook de lege app meten (de ondergrens)")
    parser.add_argument("--baseline", type=Path, help="ook deze checkout van het dashboard meten (een oudere versie)")
    parser.add_argument("--server-cpus", default="0" if (os.cpu_count() or 1) > 1 else None)
    parser.add_argument("--pages", nargs="*", help="alleen deze pagina's (url-namen; '' is het overzicht)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--replicas", type=int, nargs="*", help="zoveel processen achter nginx (ivb.serve) meten")
    parser.add_argument("--gemeenten", nargs="*", help="met --replicas: deze gemeenten naast elkaar achter één nginx "
                        "(make serve GEMEENTEN=...), de lezers op alle paden tegelijk")
    parser.add_argument("--ready", action="store_true",
                        help="lezers pas sturen als de server zijn pagina's gemaakt heeft (zoals make serve doet)")
    parser.add_argument("--marker", default="proto-load", help="naam van de sectie in het --write-bestand")
    parser.add_argument("--json", action="store_true", help="ook een JSON-regel per meting")
    parser.add_argument("--write", type=Path, help="het verslag in dit Markdown-bestand zetten")
    args = parser.parse_args(argv)
    check_version()
    if args.server_cpus and not args.url and (os.cpu_count() or 1) > 1:
        others = set(range(os.cpu_count())) - {int(c) for c in args.server_cpus.split(",")}
        if others:
            os.sched_setaffinity(0, others)
    apps = [("dashboard", args.app, ROOT)] + ([("leeg", EMPTY_APP, ROOT)] if args.floor else [])
    if args.baseline:
        apps.insert(0, (f"dashboard, {_describe(args.baseline)}", args.app, args.baseline))
    rows: list[Row] = []
    if args.replicas:
        apps = []
        rows.extend(_measure_replicas(args))
    for name, app, root in apps:
        rows.extend(_measure(args, name, app, root))
    command = "python bench/proto_load.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(rows, command, None if args.url or args.replicas else args.server_cpus)
    print(text)
    if args.json:
        for row in rows:
            print(json.dumps(asdict(row)))
    if args.write:
        write_section(args.write, text, marker=args.marker)
    return rows


def _measure_replicas(args) -> list[Row]:
    """The dashboard as N processes behind nginx, the users through nginx; with ``--gemeenten``, N processes per
    gemeente under its own path (ivb.serve with sites) and ``sessions`` readers on every path at once. A row per
    gemeente (one without ``--gemeenten``); its memory is the peak RSS of each of its processes (``VmHWM``), read when
    the run ends."""
    from ivb import nginx, serve
    from ivb.localserver import free_port

    os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))
    sites = nginx.chosen_sites(args.gemeenten) if args.gemeenten else []
    rows = []
    for n in args.replicas:
        replicas = serve.Replicas(n, free_port(), ROOT / "artifacts" / "serve", sites=sites)
        paths = [(f"{replicas.url}/{site.slug}/", f"{site.naam} (/{site.slug}/), {len(sites)} gemeenten × {n} "
                  f"proces(sen)", site) for site in sites] or [(replicas.url, f"{n} × dashboard achter nginx", None)]
        try:
            for sessions in args.sessions:
                found = asyncio.run(_together([(url, label) for url, label, _ in paths], sessions, args))
                for (_, _, site), row in zip(paths, found):
                    peaks = [p for p in (_peak_rss(r.server.process.pid) for r in replicas.replicas if r.site == site)
                             if p is not None]
                    row.rss_mb = max(peaks, default=None)
                    row.memory = "piek-RSS per proces: " + ", ".join(f"{p:.0f} MB" for p in peaks)
                rows.extend(found)
        finally:
            replicas.stop()
    return rows


async def _together(paths: list[tuple[str, str]], sessions: int, args) -> list[Row]:
    """``sessions`` readers on each of ``paths`` (url, label) at the same time."""
    return list(await asyncio.gather(*(load(url, sessions, args.think, args.seconds, None, label, args.pages, args.seed)
                                       for url, label in paths)))


def _peak_rss(pid: int) -> float | None:
    """The most memory the process ``pid`` has held (VmHWM, MB), None when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        return None


def _describe(checkout: Path) -> str:
    """'voor (commit abc1234)' for a git checkout, else its folder name."""
    import subprocess

    try:
        commit = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()
        return f"voor (commit {commit})"
    except (OSError, subprocess.CalledProcessError):
        return checkout.name


def _measure(args, name: str, app: str, root: Path) -> list[Row]:
    if args.url:
        return [asyncio.run(load(args.url, n, args.think, args.seconds, None, name, args.pages, args.seed))
                for n in args.sessions]
    from ivb import config
    from ivb.localserver import LocalServer

    log = ROOT / "artifacts" / f"proto-load-{name.split(',')[0]}-{len(name)}.log"
    data = root / "data" if root != ROOT else config.data_dir()
    ready = args.ready and app == "app.py" and (root / "ivb" / "run.py").exists()
    server = LocalServer(data, log, app=app, cpus=args.server_cpus, cwd=root, ready=ready)
    if ready:
        print(f"{name}: pagina's klaar {server.ready_seconds:.1f} s na de start".replace(".", ","), file=sys.stderr)
    try:
        pages = args.pages if app == args.app else [""]
        rows = [asyncio.run(load(server.url, n, args.think, args.seconds, server.process.pid, name, pages, args.seed))
                for n in args.sessions]
        said = [line.split("geheugen: ", 1)[1].strip() for line in log.read_text(errors="replace").splitlines()
                if "geheugen: " in line]
        return [replace(row, memory="geheugen: " + said[-1]) if said else row for row in rows]
    finally:
        server.stop()


if __name__ == "__main__":
    main()
