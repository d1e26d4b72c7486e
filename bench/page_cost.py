"""What one page costs the server, against an empty Streamlit page, and how fast a new process serves its first page.

For every page of the dashboard (and the empty app, bench/empty_page.py, as the floor): one reader over Streamlit's
protocol (bench/stclient.py) opens the page with a wijk chosen, reruns it a few times to warm the caches, then reruns
it ``--runs`` times without changing anything. Measured per rerun: the time until ``script_finished`` (what the
reader waits for, the median) and the server's CPU time (what capacity is made of, the mean), both against the
empty page. Both servers run pinned to the same core, in one run of this script; the empty page is measured again
before each page, and its median is the floor.

Cold start: from starting ``streamlit run app.py`` until the first page has been served to a reader over the
protocol (``script_finished`` of the overview), the median of ``--cold`` starts.

    python bench/page_cost.py --runs 30 --cold 3 --write docs/PERFORMANCE.md
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.proto_load import ServerProbe, _number, write_section  # noqa: E402
from bench.stclient import Session, check_version  # noqa: E402

WIJK = "Meerzicht"


async def page_runs(url: str, pid: int, page: str, runs: int, warm: int = 3, wijk: str = WIJK) -> tuple[float, float, int]:
    """Median seconds and CPU seconds of ``runs`` reruns of ``page`` (``wijk`` chosen where the page has the filter;
    '' none), and the number of elements of one run."""
    session = Session(url)
    await session.connect()
    chosen = f"wijk={wijk}" if wijk else ""
    try:
        await session.run(page="")
        first = await session.run(page=page, query=chosen if page != "" or session.pages else "")
        if wijk and "Wijk" in session.widgets:
            first = await session.run(widgets={"Wijk": wijk}, query=chosen)
        for _ in range(warm):
            await session.run(query=chosen)
        times, cpu = [], []
        probe = ServerProbe(pid)
        for _ in range(runs):
            before = probe.cpu_seconds()
            run = await session.run(query=chosen)
            cpu.append(probe.cpu_seconds() - before)
            times.append(run.seconds)
            if run.exceptions or run.errors:
                raise RuntimeError(f"pagina {page or 'overzicht'}: {(run.exceptions + run.errors)[0]}")
        return statistics.median(times), statistics.mean(cpu), sum(first.elements.values())
    finally:
        await session.close()


def measure_pages(runs: int, cpus: str | None) -> tuple[list[tuple], tuple[float, float]]:
    """Every page's cost, and the floor: the empty page measured again before each page, both servers on the same
    core, so a machine that slows down or speeds up during the run moves the floor with the pages (the empty page
    costs a few milliseconds, and one measurement of it swung by a third between runs)."""
    from ivb import config
    from ivb.localserver import LocalServer
    from ivb.site import PAGES

    floor_server = LocalServer(config.data_dir(), ROOT / "artifacts" / "page-cost-empty.log",
                               app="bench/empty_page.py", cpus=cpus)
    # No pages made in the background while a page's own cost is measured (ivb.ui.warmup).
    server = LocalServer(config.data_dir(), ROOT / "artifacts" / "page-cost.log", cpus=cpus, env={"IVB_WARMUP": "0"})
    rows, floors = [], []
    try:
        for spec in PAGES:
            floors.append(asyncio.run(page_runs(floor_server.url, floor_server.process.pid, "", runs))[:2])
            seconds, cpu, elements = asyncio.run(page_runs(server.url, server.process.pid, spec.url_path, runs))
            rows.append((spec.title, seconds, cpu, elements))
    finally:
        server.stop()
        floor_server.stop()
    return rows, (statistics.median(f[0] for f in floors), statistics.median(f[1] for f in floors))


async def _first_page(url: str) -> None:
    session = Session(url)
    await session.connect()
    try:
        await session.run(page="")
    finally:
        await session.close()


def cold_start(cpus: str | None) -> float:
    """Seconds from process start until the overview has been served over the protocol, the package compiled
    ahead (by main) as ``make run``, ``make serve`` and the Docker image have it."""
    from ivb import config
    from ivb.localserver import LocalServer

    server = LocalServer(config.data_dir(), ROOT / "artifacts" / "cold-start.log", cpus=cpus, poll=0.02,
                         env={"IVB_WARMUP": "1"})
    try:
        asyncio.run(_first_page(server.url))
        return time.perf_counter() - server.started
    finally:
        server.stop()


def report(rows, floor, colds, command: str, runs: int) -> str:
    floor_s, floor_cpu = floor
    lines = [f"Gemeten met `{command}`; de server vastgezet op één core. Eén lezer over het protocol van Streamlit "
             f"(bench/stclient.py), wijk {WIJK} gekozen, elke pagina {runs} keer opnieuw gedraaid na drie runs om "
             "op te warmen. *Wachttijd*: van het verzoek tot `script_finished` (mediaan). *CPU*: processortijd van "
             "de server per run (gemiddelde). De lege pagina is bench/empty_page.py, op dezelfde manier gemeten, vóór "
             "elke pagina opnieuw: de mediaan van die metingen.", "",
             "| pagina | elementen | wachttijd (ms) | wachttijd / leeg | CPU per run (ms) | CPU / leeg |",
             "|---|---:|---:|---:|---:|---:|",
             f"| lege pagina | – | {_number(floor_s * 1000)} | 1,0 | {_number(floor_cpu * 1000, 1)} | 1,0 |"]
    for title, seconds, cpu, elements in rows:
        lines.append(f"| {title} | {elements} | {_number(seconds * 1000)} | {_number(seconds / floor_s, 1)} "
                     f"| {_number(cpu * 1000, 1)} | {_number(cpu / floor_cpu, 1)} |")
    worst = max(rows, key=lambda r: r[1])
    worst_cpu = max(rows, key=lambda r: r[2])
    wait_ratio, cpu_ratio = worst[1] / floor_s, worst_cpu[2] / floor_cpu
    lines += ["", "| doel | norm | gemeten | |", "|---|---|---|---|",
              f"| warme run van elke pagina, wachttijd | ≤ 10x lege pagina | hoogste {_number(wait_ratio, 1)}x "
              f"({worst[0]}) | {_verdict(wait_ratio <= 10)} |",
              f"| warme run van elke pagina, CPU | ≤ 10x lege pagina | hoogste {_number(cpu_ratio, 1)}x "
              f"({worst_cpu[0]}) | {_verdict(cpu_ratio <= 10)} |"]
    if colds:
        cold = statistics.median(colds)
        lines.append(f"| koude start: proces starten tot de eerste pagina geserveerd is | < 2 s | {_number(cold, 2)} s "
                     f"(mediaan van {len(colds)}: {'; '.join(_number(c, 2) for c in colds)}) | {_verdict(cold < 2)} |")
    return "\n".join(lines)


def _verdict(ok: bool) -> str:
    return "gehaald" if ok else "niet gehaald"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cold", type=int, default=3, help="aantal koude starts (0: niet meten)")
    parser.add_argument("--server-cpus", default="0" if (os.cpu_count() or 1) > 1 else None)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args(argv)
    check_version()
    if args.server_cpus and (os.cpu_count() or 1) > 1:
        others = set(range(os.cpu_count())) - {int(c) for c in args.server_cpus.split(",")}
        if others:
            os.sched_setaffinity(0, others)
    rows, floor = measure_pages(args.runs, args.server_cpus)
    if args.cold:
        compileall.compile_dir(ROOT / "ivb", quiet=1)  # once, before the starts (see cold_start)
    colds = [cold_start(args.server_cpus) for _ in range(args.cold)]
    command = "python bench/page_cost.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(rows, floor, colds, command, args.runs)
    print(text)
    if args.write:
        write_section(args.write, text, marker="page-cost")


if __name__ == "__main__":
    main()
